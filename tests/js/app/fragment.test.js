import { test } from "node:test";
import assert from "node:assert/strict";
import * as F from "../../../static/js/app/fragment.js";
import { defaultState } from "../../../static/js/app/state.js";

test("encode/decode round-trips the state, unicode included", () => {
  const state = {
    ...defaultState(),
    note: "σ′(z) · ∂C/∂W — 日本語 — emoji 🧠 — \u0000 and \"quotes\"",
    network: { layers: [{ size: 2 }, { size: 1, activation: "tanh" }], weights: [[[0.1 + 0.2, -1e-300]]], biases: [[5e-324]], seed: 4294967295 },
  };
  const text = F.encode(state);
  assert.match(text, /^[A-Za-z0-9_-]+$/, "base64url without padding");
  assert.deepEqual(F.decode(text), state);
});

test("the fragment is #s= + base64url of the UTF-8 JSON", () => {
  const state = defaultState();
  const hash = F.toFragment(state);
  assert.ok(hash.startsWith("#s="));
  const standard = Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
  assert.equal(hash.slice(3), standard);
  assert.deepEqual(F.fromFragment(hash), state);
  assert.equal(F.fromFragment(""), null);
  assert.equal(F.fromFragment("#other"), null);
});

test("a fragment that is not base64url JSON throws", () => {
  assert.throws(() => F.fromFragment("#s=" + Buffer.from("{not json").toString("base64url")));
  assert.throws(() => F.fromFragment("#s=" + Buffer.from([0xff, 0xfe]).toString("base64url")));
});
