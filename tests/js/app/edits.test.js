import { test } from "node:test";
import assert from "node:assert/strict";
import * as E from "../../../static/js/app/edits.js";
import { defaultState } from "../../../static/js/app/state.js";

const withParams = () => ({
  ...defaultState(),
  network: {
    layers: [{ size: 2 }, { size: 3, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }],
    weights: [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]],
    biases: [[0.1, 0.2, 0.3], [0.4]],
    seed: 0,
  },
});

const shapesOk = (s) => {
  const n = s.network.layers.map((x) => x.size);
  s.network.weights.forEach((W, k) => {
    assert.equal(W.length, n[k + 1]);
    W.forEach((row) => assert.equal(row.length, n[k]));
    assert.equal(s.network.biases[k].length, n[k + 1]);
  });
};

test("resize keeps the weights it does not touch and adds rows and columns", () => {
  const s = E.resize(withParams(), 1, 4);
  shapesOk(s);
  assert.deepEqual(s.network.weights[0].slice(0, 3), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(s.network.weights[1][0].slice(0, 3), [7, 8, 9]);
  assert.equal(s.network.biases[0][3], 0);
  const smaller = E.resize(withParams(), 1, 2);
  shapesOk(smaller);
  assert.deepEqual(smaller.network.weights, [[[1, 2], [3, 4]], [[7, 8]]]);
  // deterministic: the same edit gives the same new weights
  assert.deepEqual(E.resize(withParams(), 1, 4), s);
});

test("resizing the input or output layer resizes the samples", () => {
  const s = E.resize(withParams(), 0, 3);
  shapesOk(s);
  assert.equal(s.input[0].length, 3);
  const t = E.resize(withParams(), 2, 2);
  shapesOk(t);
  assert.equal(t.target[0].length, 2);
});

test("adding and removing a hidden layer keeps the shapes consistent", () => {
  const s = E.addLayer(withParams(), 2, 5, "tanh");
  assert.deepEqual(s.network.layers.map((x) => x.size), [2, 3, 5, 1]);
  shapesOk(s);
  assert.deepEqual(s.network.weights[0], [[1, 2], [3, 4], [5, 6]], "W^1 untouched");
  const r = E.removeLayer(s, 2);
  assert.deepEqual(r.network.layers.map((x) => x.size), [2, 3, 1]);
  shapesOk(r);
});

test("reseed drops the weights so the API initialises them", () => {
  const s = E.reseed(withParams(), 9);
  assert.equal(s.network.seed, 9);
  assert.equal(s.network.weights, undefined);
});

test("edits do not change the state they start from", () => {
  const before = withParams();
  const copy = structuredClone(before);
  E.setParameter(before, { kind: "W", l: 2, i: 0, j: 1 }, -3);
  E.setSampleValue(before, "input", 0, 1, 42);
  E.addSample(before);
  assert.deepEqual(before, copy);
  assert.equal(E.setParameter(before, { kind: "b", l: 1, i: 2 }, 9).network.biases[0][2], 9);
});

test("a new hidden layer goes before the output, 2 to 4 nodes wide, with the layer before's activation", () => {
  const s = withParams();
  assert.deepEqual(E.newLayer(s), { l: 2, size: 3, activation: "sigmoid" });
  const deep = E.addLayer(s, 2, 6, "tanh");
  assert.deepEqual(E.newLayer(deep), { l: 3, size: 4, activation: "tanh" });
  const narrow = E.resize(withParams(), 1, 1);
  assert.equal(E.newLayer(narrow).size, 2);
  const fromInput = { ...s, network: { layers: [{ size: 5 }, { size: 1, activation: "linear" }] } };
  assert.deepEqual(E.newLayer(fromInput), { l: 1, size: 4, activation: "sigmoid" });
});

test("a data cell without a finite number is refused naming the cell, what was typed and the value kept", () => {
  assert.deepEqual(E.cellRefusal("input", 1, 1, "1e400", 0.6), {
    field: "input[1][1]", message: "x₁ of sample 2: 1e400 is not a finite number; the graph keeps 0.6, the last value accepted.",
  });
  assert.match(E.cellRefusal("target", 0, 0, "", 1).message, /^y₀ of sample 1: empty, not a number; the graph keeps 1,/);
  assert.match(E.cellRefusal("input", 0, 12, "abc", -0.5).message, /^x₁₂ of sample 1: “abc” is not a number; the graph keeps −0\.5,/);
});
