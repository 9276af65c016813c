import { test } from "node:test";
import assert from "node:assert/strict";
import { fitToData, isOneHot } from "../../../static/js/training/fit.js";
import { defaultState } from "../../../static/js/app/state.js";

const withWeights = () => ({
  ...defaultState(),
  network: {
    layers: [{ size: 2 }, { size: 3, activation: "tanh" }, { size: 1, activation: "sigmoid" }],
    weights: [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]], biases: [[0, 0, 0], [0]], seed: 0,
  },
});
const test_ = { input: [], target: [] };

test("one-hot targets make a softmax output with cross-entropy, as wide as the classes", () => {
  const next = fitToData(withWeights(), { input: [[0, 1], [1, 0]], target: [[1, 0, 0], [0, 0, 1]], test: test_, train: { dataset: "spiral" } });
  assert.equal(next.network.layers[2].size, 3);
  assert.equal(next.network.layers[2].activation, "softmax");
  assert.equal(next.loss, "cross_entropy");
  assert.deepEqual(next.network.weights[0], [[1, 2], [3, 4], [5, 6]], "the hidden layer is kept");
  assert.equal(next.network.weights[1].length, 3);
  assert.deepEqual(next.view.mode, "train");
  assert.equal(next.view.selected, null);
});

test("one input column resizes the input layer; a softmax network going back to one output becomes sigmoid and MSE", () => {
  const softmax = fitToData(withWeights(), { input: [[0, 1]], target: [[0, 1]], test: test_, train: {} });
  const back = fitToData(softmax, { input: [[0.5], [0.1]], target: [[0.2], [0.9]], test: test_, train: { dataset: "sine" } });
  assert.equal(back.network.layers[0].size, 1);
  assert.equal(back.network.weights[0][0].length, 1);
  assert.equal(back.network.layers[2].activation, "sigmoid");
  assert.equal(back.loss, "mse");
  assert.deepEqual(back.input, [[0.5], [0.1]]);
});

test("a preset's own network and view come with its data", () => {
  const net = { layers: [{ size: 2 }, { size: 8, activation: "relu" }, { size: 1, activation: "sigmoid" }], seed: 1 };
  const next = fitToData(withWeights(), { input: [[0, 1]], target: [[1]], test: test_, train: {}, network: net, loss: "mse", view: { norm: "layer" } });
  assert.equal(next.network, net);
  assert.equal(next.view.norm, "layer");
  assert.ok(isOneHot([[0, 1]]) && !isOneHot([[1]]) && !isOneHot([[0.5, 0.5]]));
});

test("targets outside [0, 1] get a linear output (a sigmoid cannot reach them); the data's description comes along", () => {
  const data = { columns: ["hp", "mpg"] };
  const next = fitToData(withWeights(), { input: [[100], [150]], target: [[30], [18]], test: test_, train: {}, data });
  assert.equal(next.network.layers[2].activation, "linear");
  assert.equal(next.loss, "mse");
  assert.equal(next.data, data);
  assert.equal("data" in fitToData(next, { input: [[0, 1]], target: [[1]], test: test_, train: {} }), false);
});
