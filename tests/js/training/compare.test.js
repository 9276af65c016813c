import { test } from "node:test";
import assert from "node:assert/strict";
import * as C from "../../../static/js/training/compare.js";
import { frameBody } from "../../../static/js/training/body.js";
import { defaultState } from "../../../static/js/app/state.js";
import { TRAIN_DEFAULTS, readGroup } from "../../../static/js/app/url.js";

const W = [[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7, 0.8, 0.9]]];
const a = () => ({
  ...defaultState(),
  network: {
    layers: [{ size: 2 }, { size: 3, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }],
    weights: W, biases: [[0, 0, 0], [0]], seed: 4,
  },
  input: [[-1, -1], [-1, 1], [1, -1], [1, 1]], target: [[0], [1], [1], [0]],
  test: { input: [[0.9, 0.8]], target: [[0]] },
  train: { ...TRAIN_DEFAULTS, batch_size: 2, seed: 7, stepsPerFrame: 5, learning_rate: 0.5 },
});
const change = (setting, value) => ({ ...readGroup("compare", null), setting, [setting]: value });

test("B changes the hidden layers' activation and keeps A's weights: the activation is the only difference", () => {
  const b = C.compareState(a(), change("activation", "relu"));
  assert.deepEqual(b.network.layers.map((l) => l.activation), [undefined, "relu", "sigmoid"], "the output layer keeps its own");
  assert.deepEqual(b.network.weights, W);
  assert.deepEqual(b.train, a().train);
});

test("B's optimizer, η or L2 change the training setup only", () => {
  for (const [setting, value] of [["optimizer", "adam"], ["learning_rate", 0.05], ["l2", 0.01]]) {
    const b = C.compareState(a(), change(setting, value));
    assert.equal(b.train[setting], value);
    assert.deepEqual({ ...b.train, [setting]: a().train[setting] }, a().train, `${setting}: nothing else`);
    assert.deepEqual(b.network, a().network);
  }
});

test("a new seed or new sizes leave the weights to the API, from the seed", () => {
  const seeded = C.compareState(a(), change("weightSeed", 9)).network;
  assert.deepEqual(seeded, { layers: a().network.layers, seed: 9 });
  const sized = C.compareState(a(), change("sizes", [8, 4])).network;
  assert.deepEqual(sized.layers, [{ size: 2 }, { size: 8, activation: "sigmoid" }, { size: 4, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }]);
  assert.equal(sized.seed, 4);
  assert.ok(!("weights" in sized) && !("biases" in sized));
  assert.deepEqual(C.compareState(a(), change("sizes", [])).network.layers.map((l) => l.size), [2, 1]);
});

test("B's frame: A's body (same data, minibatch seed, batch size, grid) with B's network and change, no backward pass", () => {
  const st = a();
  const net = { layers: st.network.layers, seed: 1 };
  const b = C.compareBody(st, change("optimizer", "adam"), net);
  const body = frameBody(st);
  assert.equal(b.optimizer, "adam");
  assert.equal(b.network, net);
  for (const k of ["input", "target", "test_input", "seed", "batch_size", "learning_rate", "steps", "record_every", "grid_extent", "l2", "loss"]) {
    assert.deepEqual(b[k], body[k], k);
  }
  assert.ok(!("backprop" in b) && !("gradients" in b) && !("backprop_samples" in b));
  assert.equal(b.diagnostics, true, "its gradient norms are charted");
});

test("the form's proposals differ from A, and its text reads back as the value", () => {
  for (const setting of Object.keys(C.COMPARE_SETTINGS)) {
    const v = C.proposal(a(), setting);
    assert.notDeepEqual(v, C.valueOf(a(), setting), setting);
    assert.deepEqual(C.parseValue(setting, C.valueText(setting, v)), v, setting);
  }
  assert.deepEqual(C.parseValue("sizes", " 8,4  2 "), [8, 4, 2]);
  assert.deepEqual(C.parseValue("sizes", ""), []);
  assert.equal(C.parseValue("sizes", "8, x"), undefined);
  assert.equal(C.parseValue("learning_rate", "0"), undefined);
  assert.equal(C.parseValue("learning_rate", ""), undefined);
  assert.equal(C.parseValue("activation", "softmax"), undefined);
  assert.equal(C.parseValue("weightSeed", "2.5"), undefined);
});

test("the legend names the change", () => {
  assert.equal(C.compareLabel(change("optimizer", "adam")), "B: optimizer adam");
  assert.equal(C.compareLabel(change("sizes", [8, 8])), "B: hidden layers 8-8");
  assert.equal(C.compareLabel(change("learning_rate", 0.1)), "B: learning rate η 0.1");
  assert.equal(C.labelA(a(), change("sizes", [8])), "A: hidden layers 3", "A's own value of the setting");
  assert.equal(C.labelA(a(), change("optimizer", "adam")), "A: optimizer sgd");
});
