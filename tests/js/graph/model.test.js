import { test } from "node:test";
import assert from "node:assert/strict";
import { graphModel } from "../../../static/js/graph/model.js";
import { VIEW_DEFAULTS } from "../../../static/js/app/url.js";

// A 2-2-1 network with two samples; the answer's numbers are made up, only their places matter.
const state = {
  network: { layers: [{ size: 2 }, { size: 2, activation: "tanh" }, { size: 1, activation: "sigmoid" }],
    weights: [[[0.5, -1], [2, 0.25]], [[-3, 1]]], biases: [[0, 0], [0]] },
  input: [[1, 2], [3, 4]], target: [[0], [1]], loss: "mse",
  view: { ...VIEW_DEFAULTS, sample: 1 },
};
const result = {
  layers: [{ a: [[1, 2], [3, 4]] }, { z: [[0.1, 0.2], [0.3, 0.4]], a: [[0.5, 0.6], [0.7, 0.8]] }, { z: [[1], [2]], a: [[0.9], [0.95]] }],
  gradients: { weights: [[[0.01, -0.02], [0.03, 0.04]], [[-0.5, 0.25]]] },
};

test("the nodes show the chosen sample; the edges, the gradient on one scale", () => {
  const m = graphModel(state, result);
  assert.deepEqual(m.sizes, [2, 2, 1]);
  assert.deepEqual(m.a, [[3, 4], [0.7, 0.8], [0.95]]);
  assert.deepEqual(m.z, [null, [0.3, 0.4], [2]]);
  assert.deepEqual(m.y, [1]);
  assert.equal(m.edgeValue(2, 0, 0), -0.5);
  assert.equal(m.legend.legends.length, 1);
  assert.equal(m.legend.legends[0].m, 0.5, "the largest |∂C/∂W| over the network");
  assert.equal(m.legend.maxW, 3);
  assert.notEqual(m.colour(1, 0.04), m.colour(1, -0.04));
});

test("colour by the update −η·∂C/∂W, per layer", () => {
  const m = graphModel({ ...state, view: { ...state.view, colorBy: "update", eta: 2, norm: "layer" } }, result);
  assert.equal(m.edgeValue(2, 0, 1), -0.5);
  assert.deepEqual(m.legend.legends.map((x) => x.m), [0.08, 1]);
});

test("in Train, −η·∂C/∂W uses the training's learning rate, not the view bar's η", () => {
  const view = { ...state.view, colorBy: "update", eta: 0.5, mode: "train" };
  const m = graphModel({ ...state, view, train: { learning_rate: 1 } }, result);
  assert.equal(m.edgeValue(2, 0, 1), -0.25, "−1 · 0.25");
  assert.equal(m.legend.legends[0].m, 0.5, "the scale spans η·max|∂C/∂W| with η = 1");
  const explore = graphModel({ ...state, view: { ...view, mode: "explore" }, train: { learning_rate: 1 } }, result);
  assert.equal(explore.edgeValue(2, 0, 1), -0.125, "outside Train the view bar's η = 0.5");
});

test("a live frame's layers hold one row, the chosen sample's; its target comes from the state", () => {
  const frame = { ...result, layers: result.layers.map((l) => ({ ...l, a: [l.a[1]], z: l.z ? [l.z[1]] : undefined })) };
  const m = graphModel(state, frame, { live: true });
  assert.deepEqual(m.a[2], [0.95]);
  assert.deepEqual(m.y, [1]);
});

test("which layers are matrices: auto by size, or the view's list", () => {
  assert.deepEqual(graphModel(state, result).matrix, []);
  const m = graphModel({ ...state, view: { ...state.view, matrix: [2] } }, result);
  assert.deepEqual(m.matrix, [2]);
  assert.equal(m.t(2, 0), 0.5, "a cell's place on the colour scale, as an edge's");
  assert.ok(m.t(2, -0.5) < 0.5 && m.t(2, 0.25) > 0.5);
});
