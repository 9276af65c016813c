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

test("readFragment: every link that cannot be read fully says so, once", () => {
  const whole = F.toFragment(defaultState());
  assert.deepEqual(F.readFragment(whole), { state: defaultState(), said: null });
  assert.deepEqual(F.readFragment(""), { state: null, said: null });
  const cut = F.readFragment(whole.slice(0, 40));
  assert.equal(cut.state, null);
  assert.match(cut.said, /cut short or damaged/);
  const garbage = F.readFragment("#garbage");
  assert.equal(garbage.state, null);
  assert.match(garbage.said, /not a state this page wrote/);
  assert.match(F.readFragment("#s=" + F.encode([1, 2])).said, /could not be used: it is not a JSON object/);
  const partly = F.readFragment("#s=" + F.encode({ ...defaultState(), view: { colorBy: "rainbow", eta: -1 }, train: { learning_rate: 1 } }));
  assert.equal(partly.state.view.colorBy, "gradient");
  assert.equal(partly.state.view.eta, 0.5);
  assert.equal(partly.said, "Part of the link could not be read (view.colorBy, view.eta): those take their default.");
});
