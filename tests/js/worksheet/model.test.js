import { test } from "node:test";
import assert from "node:assert/strict";
import * as M from "../../../static/js/worksheet/model.js";
import { toFragment } from "../../../static/js/app/fragment.js";
import { defaultState } from "../../../static/js/app/state.js";

test("the state from the page's #s= link, and the version from ?key=1", () => {
  const state = { ...defaultState(), loss: "cross_entropy" };
  assert.deepEqual(M.readLocation(toFragment(state), ""), { state, key: false });
  assert.equal(M.readLocation(toFragment(state), "?key=1").key, true);
  assert.equal(M.readLocation(toFragment(state), "?key=0&x=1").key, false);
  assert.deepEqual(M.readLocation("", ""), { state: defaultState(), key: false });
  assert.equal(M.searchFor(true), "?key=1");
  assert.equal(M.searchFor(false), "");
});

test("a broken link throws a sentence that says so", () => {
  assert.throws(() => M.readLocation("#s=bm90IGpzb24", ""), /^Error: This link does not hold a network: /);
  assert.throws(() => M.readLocation("#other", ""), /it has no #s= part/);
  assert.throws(() => M.readLocation("#s=" + Buffer.from("[1]").toString("base64url"), ""), /not a JSON object/);
});

test("the learner's version leaves out the steps with numbers; the key and given lines show every part", () => {
  const line = { parts: ["z_{0}^{1}", "= \\sum_j W a + b", "= 0.15 \\cdot 0.05", "+ 0.35"], numbers_from: 2, result: "0.3775" };
  assert.deepEqual(M.shownParts(line, false), ["z_{0}^{1}", "= \\sum_j W a + b"]);
  assert.deepEqual(M.shownParts(line, true), line.parts);
  const given = { parts: ["W^{1}", "= \\begin{pmatrix}0.15\\end{pmatrix}"], numbers_from: 2, result: null };
  assert.deepEqual(M.shownParts(given, false), given.parts);
});

test("prose is cut into text and $…$ math", () => {
  assert.deepEqual(M.splitProse("The input is $a^0 = x$. Then $z$."), [
    { math: false, text: "The input is " }, { math: true, text: "a^0 = x" }, { math: false, text: ". Then " },
    { math: true, text: "z" }, { math: false, text: "." }]);
  assert.deepEqual(M.splitProse("costs $5 and no math"), [{ math: false, text: "costs $5 and no math" }]);
});

test("a blank's shape and a download's name", () => {
  assert.equal(M.blankShape(0.5), null);
  assert.deepEqual(M.blankShape([[1, 2, 3], [4, 5, 6]]), [2, 3]);
  const state = { network: { layers: [{ size: 2 }, { size: 12 }, { size: 1 }] } };
  assert.equal(M.fileName(state, "markdown"), "derivation-2-12-1.md");
  assert.equal(M.fileName(state, "latex"), "derivation-2-12-1.tex");
});
