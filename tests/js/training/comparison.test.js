import { test } from "node:test";
import assert from "node:assert/strict";
import { linkState } from "../../../static/js/training/comparison.js";
import { newRun } from "../../../static/js/training/run.js";
import { defaultState } from "../../../static/js/app/state.js";
import { normalise } from "../../../static/js/app/url.js";

test("a link made in Train carries the steps that trained its weights; an untrained one carries none", () => {
  const state = defaultState();
  assert.equal(linkState({ good: { state }, run: newRun() }).trained, undefined);
  const trained = { ...newRun(), readout: { steps: 480 } };
  assert.deepEqual(linkState({ good: { state }, run: trained }).trained, { step: 480 });
  // a link opened at step 480, not trained further yet: still 480
  assert.deepEqual(linkState({ good: { state }, run: { ...newRun(), base: 480 } }).trained, { step: 480 });
  // looking back: the latest network, and its step
  const looking = { ...trained, scrub: 10, snapshots: [{ step: 0, network: state.network }, { step: 480, network: state.network }] };
  assert.deepEqual(linkState({ good: { state }, run: looking }).trained, { step: 480 });
  // read back by the link's normaliser
  assert.deepEqual(normalise(linkState({ good: { state }, run: trained })).trained, { step: 480 });
  assert.equal(normalise({ ...state, trained: { step: -3 } }).trained.step, 0);
});
