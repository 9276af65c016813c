import { test } from "node:test";
import assert from "node:assert/strict";
import { isSelection, parameterOf, selectionKey, validSelection } from "../../../static/js/app/selection.js";

// The layers of a /backprop answer for a 2-3-1 network, one sample: only a's shape matters here.
const result = { layers: [{ a: [[0, 0]] }, { a: [[0, 0, 0]] }, { a: [[0]] }] };

test("a selection stays only while the answer's network has it", () => {
  assert.deepEqual(validSelection({ kind: "W", l: 2, i: 0, j: 2 }, result), { kind: "W", l: 2, i: 0, j: 2 });
  assert.equal(validSelection({ kind: "W", l: 2, i: 0, j: 3 }, result), null, "layer 1 has 3 nodes");
  assert.equal(validSelection({ kind: "W", l: 0, i: 0, j: 0 }, result), null, "no weights into the input");
  assert.equal(validSelection({ kind: "node", l: 1, i: 3 }, result), null);
  assert.equal(validSelection({ kind: "node", l: 3, i: 0 }, result), null);
  assert.deepEqual(validSelection({ kind: "node", l: 0, i: 1 }, result), { kind: "node", l: 0, i: 1 });
  assert.equal(validSelection(null, result), null);
});

test("keys tell selections apart, whatever the widths", () => {
  const keys = [
    { kind: "W", l: 1, i: 1, j: 10 }, { kind: "W", l: 1, i: 11, j: 0 }, { kind: "W", l: 11, i: 1, j: 0 },
    { kind: "node", l: 1, i: 1 }, { kind: "b", l: 1, i: 1 },
  ].map(selectionKey);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(selectionKey(null), "");
});

test("the parameter a card explains: the weight, a node's bias, nothing for an input", () => {
  assert.deepEqual(parameterOf({ kind: "W", l: 2, i: 0, j: 1 }), { kind: "W", l: 2, i: 0, j: 1 });
  assert.deepEqual(parameterOf({ kind: "node", l: 1, i: 2 }), { kind: "b", l: 1, i: 2 });
  assert.equal(parameterOf({ kind: "node", l: 0, i: 1 }), null);
  assert.equal(parameterOf(null), null);
  assert.ok(isSelection({ kind: "b", l: 1, i: 0 }) && !isSelection({ kind: "b", l: 1.5, i: 0 }));
});
