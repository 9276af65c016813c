import { test } from "node:test";
import assert from "node:assert/strict";
import { neuronOps } from "../../../static/js/detail/ops-model.js";

// The hand derivation's 2-2-1 sigmoid network, its passes worked out here.
const sig = (z) => 1 / (1 + Math.exp(-z));
const W1 = [[0.15, 0.2], [0.25, 0.3]], b1 = [0.35, 0.35], W2 = [[0.4, 0.45]], b2 = [0.6];
const x = [0.05, 0.1], y = 0.01;
const z1 = W1.map((r, i) => r[0] * x[0] + r[1] * x[1] + b1[i]);
const a1 = z1.map(sig);
const z2 = W2[0][0] * a1[0] + W2[0][1] * a1[1] + b2[0];
const a2 = sig(z2);
const dA2 = 2 * (a2 - y), dZ2 = dA2 * a2 * (1 - a2);
const dA1 = [dZ2 * W2[0][0], dZ2 * W2[0][1]], dZ1 = dA1.map((g, i) => g * a1[i] * (1 - a1[i]));
const state = {
  network: { layers: [{ size: 2 }, { size: 2, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }], weights: [W1, W2], biases: [b1, b2] },
  input: [x], target: [[y]], loss: "mse", view: { sample: 0 },
};
const result = {
  layers: [{ a: [x] }, { z: [z1], a: [a1], da_dz: [a1.map((a) => a * (1 - a))], dC_da: [dA1], dC_dz: [dZ1] },
    { z: [[z2]], a: [[a2]], da_dz: [[a2 * (1 - a2)]], dC_da: [[dA2]], dC_dz: [[dZ2]] }],
};
const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

test("the output neuron: its products, its sum, + b, σ, (a − y), the square and the mean", () => {
  const { nodes } = neuronOps({ state, result }, 2, 0);
  const by = Object.fromEntries(nodes.map((n) => [n.id, n]));
  assert.deepEqual(["mul0", "mul1", "add", "bias", "act", "sub", "square", "mean"].map((k) => by[k].op),
    ["mul", "mul", "add", "bias", "act", "sub", "square", "mean"]);
  assert.ok(close(by.bias.value, z2) && close(by.bias.grad, dZ2));
  assert.ok(close(by.act.value, a2) && close(by.act.grad, dA2));
  assert.ok(close(by.mean.value, (a2 - y) ** 2) && by.mean.grad === 1);
  assert.ok(close(by.mul1.value, W2[0][1] * a1[1]) && close(by.mul1.grad, dZ2));
});

test("on every edge the chain rule holds: a child's gradient is the sum of its parents' times the local derivatives", () => {
  for (const [l, i] of [[2, 0], [1, 1]]) {
    const { nodes, edges } = neuronOps({ state, result }, l, i);
    const by = Object.fromEntries(nodes.map((n) => [n.id, n]));
    for (const child of nodes) {
      const out = edges.filter((e) => e.from === child.id && e.local !== null);
      if (!out.length || child.op === "leaf") continue;
      const sum = out.reduce((g, e) => g + by[e.to].grad * e.local, 0);
      assert.ok(close(child.grad, sum), `${l},${i} ${child.id}: ${child.grad} vs ${sum}`);
    }
  }
});

test("many inputs: six products shown, the rest of the sum as one node", () => {
  const wide = {
    ...state, network: { layers: [{ size: 9 }, { size: 1, activation: "tanh" }], weights: [[Array.from({ length: 9 }, (_, j) => j / 10)]], biases: [[0]] },
  };
  const a0 = Array.from({ length: 9 }, (_, j) => 1 - j / 9);
  const z = a0.reduce((s, v, j) => s + v * j / 10, 0);
  const res = { layers: [{ a: [a0] }, { z: [[z]], a: [[Math.tanh(z)]], da_dz: [[1 - Math.tanh(z) ** 2]], dC_da: [[0.5]], dC_dz: [[0.25]] }] };
  const { nodes } = neuronOps({ state: { ...wide, target: [[0]] }, result: res }, 1, 0);
  assert.equal(nodes.filter((n) => n.op === "mul").length, 6);
  const rest = nodes.find((n) => n.op === "mul-rest");
  assert.ok(close(rest.value, a0.slice(6).reduce((s, v, k) => s + v * (k + 6) / 10, 0)));
});
