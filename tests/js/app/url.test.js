import { test } from "node:test";
import assert from "node:assert/strict";
import * as U from "../../../static/js/app/url.js";
import { defaultState } from "../../../static/js/app/state.js";

test("normalise keeps the request body as given and fills the view", () => {
  const s = U.normalise({ network: { layers: [] }, input: [1, 2], target: [0], view: { colorBy: "nonsense", norm: "layer" } });
  assert.deepEqual(s.input, [[1, 2]]);
  assert.deepEqual(s.target, [[0]]);
  assert.equal(s.loss, "mse");
  assert.equal(s.view.colorBy, "gradient");
  assert.equal(s.view.norm, "layer");
  assert.throws(() => U.normalise([1, 2]), /JSON object/);
  assert.throws(() => U.normalise({ network: {}, input: [] }), /target/);
});

test("a selection from a link is kept only when it names a real kind with whole numbers", () => {
  const base = defaultState();
  const sel = (selected) => U.normalise({ ...base, view: { selected } }).view.selected;
  assert.deepEqual(sel({ kind: "W", l: 1, i: 0, j: 1 }), { kind: "W", l: 1, i: 0, j: 1 });
  assert.deepEqual(sel({ kind: "node", l: 0, i: 1 }), { kind: "node", l: 0, i: 1 });
  assert.equal(sel({ kind: "W", l: 1, i: 0 }), null);
  assert.equal(sel({ kind: "<img src=x>", l: 1, i: 0 }), null);
  assert.equal(sel({ kind: "node", l: "<script>", i: 0 }), null);
  assert.equal(sel({ kind: "b", l: -1, i: 0 }), null);
});

test("a training setup from a link keeps only valid fields", () => {
  const t = U.normaliseTrain({ dataset: "spiral", classes: 3, learning_rate: -1, optimizer: "rmsprop", batch_size: 16, testFraction: 2 });
  assert.equal(t.dataset, "spiral");
  assert.equal(t.classes, 3);
  assert.equal(t.learning_rate, U.TRAIN_DEFAULTS.learning_rate);
  assert.equal(t.optimizer, "sgd");
  assert.equal(t.batch_size, 16);
  assert.equal(t.testFraction, U.TRAIN_DEFAULTS.testFraction);
  assert.deepEqual(U.normaliseTrain(null), U.TRAIN_DEFAULTS);
});

test("one table of properties: defaults, and each type's bounds", () => {
  assert.deepEqual(U.readGroup("view", null), U.VIEW_DEFAULTS);
  assert.deepEqual(U.readGroup("train", undefined), U.TRAIN_DEFAULTS);
  for (const [group, props] of Object.entries(U.PROPS)) {
    for (const [k, p] of Object.entries(props)) assert.ok(p.default === null || U.allows(p, p.default), `${group}.${k}'s default is allowed`);
  }
  const t = U.PROPS.train;
  assert.ok(U.allows(t.testFraction, 0) && !U.allows(t.testFraction, 1), "lt is exclusive, min inclusive");
  assert.ok(!U.allows(t.learning_rate, 0) && U.allows(t.learning_rate, 1e-9), "gt is exclusive");
  assert.ok(U.allows(t.batch_size, null) && !U.allows(t.samples, null), "only nullable properties take null");
  assert.ok(!U.allows(t.samples, 10.5) && U.allows(t.noise, 0.5), "int wants a whole number");
  assert.ok(!U.allows(t.stepsPerFrame, 1001) && !U.allows(t.noise, "1"), "max, and numbers only");
  assert.ok(!U.allows(U.PROPS.view.eta, Infinity) && !U.allows(U.PROPS.view.eta, NaN));
});

test("a link's view and training setup keep each valid property and default the rest", () => {
  const s = U.normalise({
    network: {}, input: [[1]], target: [[1]],
    view: { colorBy: "weight", norm: "bogus", eta: -1, sample: 2, mode: "train", extra: 1 },
    train: { dataset: "custom", stepsPerFrame: 20, testFraction: 0, learning_rate: "5" },
  });
  assert.deepEqual(s.view, { ...U.VIEW_DEFAULTS, colorBy: "weight", sample: 2, mode: "train" });
  assert.deepEqual(s.train, { ...U.TRAIN_DEFAULTS, dataset: "custom", stepsPerFrame: 20, testFraction: 0 });
});

test("a link's comparison keeps the setting and each valid value; anything else is its default", () => {
  const c = (compare) => U.normalise({ network: {}, input: [[1]], target: [[1]], compare }).compare;
  const d = U.readGroup("compare", null);
  assert.deepEqual(c({ setting: "sizes", sizes: [8, 4] }), { ...d, setting: "sizes", sizes: [8, 4] });
  assert.deepEqual(c({ setting: "activation", activation: "relu" }).activation, "relu");
  assert.equal(c({ setting: "activation", activation: "softmax" }).activation, d.activation, "softmax is for the output only");
  assert.equal(c({ setting: "bogus" }).setting, d.setting);
  assert.equal(c({ setting: "optimizer", optimizer: "rmsprop" }).optimizer, d.optimizer);
  assert.equal(c({ learning_rate: 0 }).learning_rate, d.learning_rate);
  assert.equal(c({ l2: -1 }).l2, d.l2);
  assert.equal(c({ weightSeed: 1.5 }).weightSeed, d.weightSeed);
  for (const bad of [[0], [2.5], ["8"], [300], 8, Array(15).fill(2)]) assert.deepEqual(c({ sizes: bad }).sizes, d.sizes, JSON.stringify(bad));
  assert.deepEqual(c({ sizes: [] }).sizes, [], "no hidden layer at all is a network too");
  assert.equal(U.normalise({ network: {}, input: [[1]], target: [[1]] }).compare, undefined, "no comparison unless the link has one");
});

test("the layers drawn as matrices: auto, or a list of layer numbers from a link", () => {
  const base = defaultState();
  const matrix = (m) => U.normalise({ ...base, view: { matrix: m } }).view.matrix;
  assert.equal(U.VIEW_DEFAULTS.matrix, "auto");
  assert.deepEqual(matrix([1, 2]), [1, 2]);
  assert.deepEqual(matrix([]), []);
  assert.equal(matrix("all"), "auto");
  assert.equal(matrix([0]), "auto");
  assert.equal(matrix(["<b>"]), "auto");
});
