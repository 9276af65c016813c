import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultState, parameterCount, requestBody, setView, sizes } from "../../../static/js/app/state.js";

test("the request body is the state's network, samples and loss, plus any extra fields", () => {
  const s = { ...defaultState(), train: { dataset: "xor" } };
  const body = requestBody(s, { jacobians: true });
  assert.deepEqual(Object.keys(body).sort(), ["input", "jacobians", "loss", "network", "target"]);
  assert.equal(body.network, s.network);
  assert.equal(body.jacobians, true);
});

test("Σ n_l (n_(l-1) + 1) parameters", () => {
  assert.deepEqual(sizes(defaultState()), [2, 3, 1]);
  assert.equal(parameterCount(defaultState()), 3 * 3 + 1 * 4);
  const big = { network: { layers: [8, 64, 64, 64, 8].map((size) => ({ size })) } };
  assert.equal(parameterCount(big), 64 * 9 + 64 * 65 * 2 + 8 * 65);
});

test("setView changes the view options only, in a new state", () => {
  const s = defaultState();
  const t = setView(s, { colorBy: "weight" });
  assert.equal(t.view.colorBy, "weight");
  assert.equal(s.view.colorBy, "gradient");
  assert.equal(t.network, s.network);
});

test("lossMismatch: the output activation a loss needs, when the output lacks it", async () => {
  const { lossMismatch } = await import("../../../static/js/app/state.js");
  const st = defaultState();
  assert.equal(lossMismatch(st), null);
  assert.deepEqual(lossMismatch({ ...st, loss: "cross_entropy" }), { L: 2, need: "softmax", has: "sigmoid" });
  assert.equal(lossMismatch({ ...st, loss: "binary_cross_entropy" }), null);
});
