import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../../static/js/derive/blanks.js";
import temml from "../../../static/vendor/temml.js";

const blanks = [
  { quantity: "z", layer: 1, i: 0, sample: 0 }, { quantity: "a", layer: 1, i: 0, sample: 0 }, { quantity: "C" },
  { quantity: "dC_da", layer: 1, i: 0, sample: 0 }, { quantity: "dC_dW", layer: 1, i: 10, j: 1 }, { quantity: "dC_db", layer: 1, i: 0 },
];

test("a blank's name parses as TeX, with a comma between wide indices", () => {
  for (const b of blanks) assert.doesNotThrow(() => temml.renderToString(D.blankTex(b, [2, 12]), { throwOnError: true }));
  assert.match(D.blankTex(blanks[4], [2, 12]), /W_\{10,1\}\^\{1\}/);
  assert.equal(D.blankTex(blanks[2], [2, 1]), "C");
});

test("progress: each blank's state, the first not done, how many are", () => {
  const answers = [D.answerFor(blanks[0], 0.5), D.answerFor(blanks[1], 0.6, "kept"), D.answerFor(blanks[2], 0.3, "revealed"), D.answerFor(blanks[3], 1)];
  const results = [{ correct: true }, { correct: false, carried: false }, { correct: true }, { correct: false, carried: false }];
  const { rows, current, done } = D.progress(blanks, answers, results);
  assert.deepEqual(rows.map((r) => r.state), ["right", "kept", "revealed", "wrong", "todo", "todo"]);
  assert.equal(current, 3);
  assert.equal(done, 3);
  assert.equal(D.progress(blanks, [], []).current, 0);
  const all = D.progress(blanks, blanks.map((b) => D.answerFor(b, 1)), blanks.map(() => ({ correct: true })));
  assert.equal(all.current, blanks.length);
  assert.deepEqual(D.summary(rows, ["target_sign", "target_sign"]).mistakes, { target_sign: 2 });
});

test("answers from a link: known quantities, whole indices, finite values, nothing else", () => {
  assert.ok(D.isAnswerList([{ quantity: "dC_dW", layer: 1, i: 0, j: 1, value: -0.5, kept: true }]));
  assert.ok(!D.isAnswerList([{ quantity: "dC_dW", layer: 1, i: 0, j: 1, value: "0.5" }]));
  assert.ok(!D.isAnswerList([{ quantity: "<img>", value: 1 }]));
  assert.ok(!D.isAnswerList([{ quantity: "z", layer: 1.5, i: 0, value: 1 }]));
  assert.ok(!D.isAnswerList([{ quantity: "z", layer: 1, i: 0, value: 1, note: "x" }]));
  assert.ok(!D.isAnswerList({}));
});

test("what a learner types: decimal commas and true minus signs are numbers; words are not", () => {
  assert.equal(D.parseTyped(" −0,5 "), -0.5);
  assert.equal(D.parseTyped("3e-4"), 3e-4);
  assert.equal(D.parseTyped(".25"), 0.25);
  assert.ok(Number.isNaN(D.parseTyped("0.3.3")) && Number.isNaN(D.parseTyped("abc")) && Number.isNaN(D.parseTyped("")));
});

test("the answer sent for a blank: its indices, a sample only where it has one", () => {
  assert.deepEqual(D.answerFor({ quantity: "C" }, 1), { quantity: "C", value: 1 });
  assert.deepEqual(D.answerFor(blanks[4], 2), { quantity: "dC_dW", layer: 1, i: 10, j: 1, value: 2 });
  assert.deepEqual(D.blankSelection(blanks[4], [2, 12]), { kind: "W", l: 1, i: 10, j: 1 });
  assert.deepEqual(D.blankSelection(blanks[2], [2, 3, 1]), { kind: "node", l: 2, i: 0 });
  assert.equal(D.windowOf([1, 2, 3, 4, 5, 6, 7, 8], 4).join(""), "234567");
});

test("knownOf: the learner's own number once its blank is done, for the sample the nodes show; null before", () => {
  const blanks = [
    { quantity: "a", layer: 1, i: 0, sample: 0 }, { quantity: "a", layer: 1, i: 0, sample: 1 },
    { quantity: "C" }, { quantity: "dC_dW", layer: 1, i: 0, j: 1 }, { quantity: "dC_db", layer: 1, i: 0 },
  ];
  const answers = [D.answerFor(blanks[0], 0.5), D.answerFor(blanks[2], 0.1), D.answerFor(blanks[3], 0.2, "revealed"),
    D.answerFor(blanks[4], -0.3, "kept")];
  const results = [{ correct: true }, { correct: false, carried: false }, undefined, { correct: false, carried: false }];
  const { rows } = D.progress(blanks, answers, results);
  const known = D.knownOf(rows, 0);
  assert.equal(known("a", 1, 0), 0.5);
  assert.equal(D.knownOf(rows, 1)("a", 1, 0), null, "sample 1's a is not derived");
  assert.equal(known("C"), null, "a wrong C, not kept, stays unknown");
  assert.equal(known("dC_dW", 1, 0, 1), 0.2, "revealed");
  assert.equal(known("dC_db", 1, 0), -0.3, "kept: the learner's number, not the truth");
  assert.equal(known("dC_dW", 1, 0, 0), null);
  assert.equal(D.knownOf(null, 0)("a", 1, 0), null);
});

test("hintParts: the hint's indexed symbols as TeX, its words as they are, and nothing lost", () => {
  const hint = "Not this: use ∂C/∂W_10,2^3 = Σ_j a_j^(l-1) · y_i, σ being leaky_relu.";
  const parts = D.hintParts(hint);
  assert.deepEqual(parts.filter((p) => p.tex).map((p) => p.tex), ["W_{10,2}^{3}", "\\sum_{j}", "a_{j}^{(l-1)}", "y_{i}"]);
  assert.equal(parts.map((p) => p.text ?? p.source).join(""), hint);
  for (const p of parts.filter((x) => x.tex)) assert.doesNotThrow(() => temml.renderToString(p.tex, { throwOnError: true }));
  assert.deepEqual(D.hintParts("no symbols here"), [{ text: "no symbols here" }]);
});
