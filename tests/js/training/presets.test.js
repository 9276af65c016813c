import { test } from "node:test";
import assert from "node:assert/strict";
import { TRAIN_PRESETS, trainPreset } from "../../../static/js/training/presets.js";
import { normaliseTrain } from "../../../static/js/app/url.js";

test("each vanishing-gradient preset: seven layers of its activation on the circle, one scale per layer", () => {
  for (const p of TRAIN_PRESETS) {
    const { setup, also, note } = trainPreset(p.id);
    assert.equal(setup.dataset, "circle");
    assert.deepEqual(normaliseTrain(setup), setup, "a valid setup");
    assert.equal(also.network.layers.length, 8);
    assert.ok(also.network.layers.slice(1, -1).every((l) => l.activation === p.hidden));
    assert.equal(also.view.norm, "layer");
    assert.ok(note.length > 20);
  }
});

test("a preset's note describes the network while it is the preset's", async () => {
  const { presetNote, trainPreset } = await import("../../../static/js/training/presets.js");
  const { also } = trainPreset("vanishing-sigmoid");
  const note = { id: "vanishing-sigmoid", text: "Seven sigmoid layers", layers: also.network.layers };
  const state = { network: structuredClone(also.network) };
  assert.equal(presetNote(note, state), note);
  state.network.layers[3].activation = "tanh";
  assert.equal(presetNote(note, state), null, "edited away from the preset: the note no longer describes it");
  assert.equal(presetNote(null, state), null);
});
