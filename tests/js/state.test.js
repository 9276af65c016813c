import { test } from "node:test";
import assert from "node:assert/strict";
import * as S from "../../static/js/state.js";

test("encode/decode round-trips the state, unicode included", () => {
  const state = {
    ...S.defaultState(),
    note: "σ′(z) · ∂C/∂W — 日本語 — emoji 🧠 — \u0000 and \"quotes\"",
    network: { layers: [{ size: 2 }, { size: 1, activation: "tanh" }], weights: [[[0.1 + 0.2, -1e-300]]], biases: [[5e-324]], seed: 4294967295 },
  };
  const text = S.encode(state);
  assert.match(text, /^[A-Za-z0-9_-]+$/, "base64url without padding");
  assert.deepEqual(S.decode(text), state);
});

test("the fragment is #s= + base64url of the UTF-8 JSON", () => {
  const state = S.defaultState();
  const hash = S.toFragment(state);
  assert.ok(hash.startsWith("#s="));
  const standard = Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
  assert.equal(hash.slice(3), standard);
  assert.deepEqual(S.fromFragment(hash), state);
  assert.equal(S.fromFragment(""), null);
  assert.equal(S.fromFragment("#other"), null);
});

test("a fragment that is not base64url JSON throws", () => {
  assert.throws(() => S.fromFragment("#s=" + Buffer.from("{not json").toString("base64url")));
  assert.throws(() => S.fromFragment("#s=" + Buffer.from([0xff, 0xfe]).toString("base64url")));
});

test("normalise keeps the request body as given and fills the view", () => {
  const s = S.normalise({ network: { layers: [] }, input: [1, 2], target: [0], view: { colorBy: "nonsense", norm: "layer" } });
  assert.deepEqual(s.input, [[1, 2]]);
  assert.deepEqual(s.target, [[0]]);
  assert.equal(s.loss, "mse");
  assert.equal(s.view.colorBy, "gradient");
  assert.equal(s.view.norm, "layer");
  assert.throws(() => S.normalise([1, 2]), /JSON object/);
  assert.throws(() => S.normalise({ network: {}, input: [] }), /target/);
});

const withParams = () => ({
  ...S.defaultState(),
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
  const s = S.resize(withParams(), 1, 4);
  shapesOk(s);
  assert.deepEqual(s.network.weights[0].slice(0, 3), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(s.network.weights[1][0].slice(0, 3), [7, 8, 9]);
  assert.equal(s.network.biases[0][3], 0);
  const smaller = S.resize(withParams(), 1, 2);
  shapesOk(smaller);
  assert.deepEqual(smaller.network.weights, [[[1, 2], [3, 4]], [[7, 8]]]);
  // deterministic: the same edit gives the same new weights
  assert.deepEqual(S.resize(withParams(), 1, 4), s);
});

test("resizing the input or output layer resizes the samples", () => {
  const s = S.resize(withParams(), 0, 3);
  shapesOk(s);
  assert.equal(s.input[0].length, 3);
  const t = S.resize(withParams(), 2, 2);
  shapesOk(t);
  assert.equal(t.target[0].length, 2);
});

test("adding and removing a hidden layer keeps the shapes consistent", () => {
  const s = S.addLayer(withParams(), 2, 5, "tanh");
  assert.deepEqual(s.network.layers.map((x) => x.size), [2, 3, 5, 1]);
  shapesOk(s);
  assert.deepEqual(s.network.weights[0], [[1, 2], [3, 4], [5, 6]], "W^1 untouched");
  const r = S.removeLayer(s, 2);
  assert.deepEqual(r.network.layers.map((x) => x.size), [2, 3, 1]);
  shapesOk(r);
});

test("reseed drops the weights so the API initialises them", () => {
  const s = S.reseed(withParams(), 9);
  assert.equal(s.network.seed, 9);
  assert.equal(s.network.weights, undefined);
});

test("edits do not change the state they start from", () => {
  const before = withParams();
  const copy = structuredClone(before);
  S.setParameter(before, { kind: "W", l: 2, i: 0, j: 1 }, -3);
  S.setSampleValue(before, "input", 0, 1, 42);
  S.addSample(before);
  assert.deepEqual(before, copy);
  assert.equal(S.setParameter(before, { kind: "b", l: 1, i: 2 }, 9).network.biases[0][2], 9);
});

test("the seeded generator is deterministic and in [0, 1)", () => {
  const a = S.rng(3), b = S.rng(3), c = S.rng(4);
  const xs = Array.from({ length: 100 }, a);
  assert.deepEqual(xs, Array.from({ length: 100 }, b));
  assert.notDeepEqual(xs, Array.from({ length: 100 }, c));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test("a selection from a link is kept only when it names a real kind with whole numbers", () => {
  const base = S.defaultState();
  const sel = (selected) => S.normalise({ ...base, view: { selected } }).view.selected;
  assert.deepEqual(sel({ kind: "W", l: 1, i: 0, j: 1 }), { kind: "W", l: 1, i: 0, j: 1 });
  assert.deepEqual(sel({ kind: "node", l: 0, i: 1 }), { kind: "node", l: 0, i: 1 });
  assert.equal(sel({ kind: "W", l: 1, i: 0 }), null);
  assert.equal(sel({ kind: "<img src=x>", l: 1, i: 0 }), null);
  assert.equal(sel({ kind: "node", l: "<script>", i: 0 }), null);
  assert.equal(sel({ kind: "b", l: -1, i: 0 }), null);
});
