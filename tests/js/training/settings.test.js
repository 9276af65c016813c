import { test } from "node:test";
import assert from "node:assert/strict";
import { FIELDS, parseSetting, settingText } from "../../../static/js/training/settings.js";
import { PROPS, TRAIN_DEFAULTS } from "../../../static/js/app/url.js";

test("a field per property of the training setup, with ids unique", () => {
  assert.deepEqual(Object.keys(FIELDS).sort(), Object.keys(PROPS.train).sort());
  const ids = Object.values(FIELDS).map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length);
});

test("a field's text and the setup's value, both ways", () => {
  assert.equal(parseSetting("batch_size", " "), null);
  assert.equal(parseSetting("batch_size", "16.4"), 16);
  assert.equal(parseSetting("testFraction", "25"), 0.25);
  assert.equal(parseSetting("testFraction", "150"), 0.9);
  assert.ok(Number.isNaN(parseSetting("learning_rate", "abc")));
  assert.equal(parseSetting("optimizer", "adam"), "adam");
  for (const key of Object.keys(FIELDS)) {
    const t = { ...TRAIN_DEFAULTS, batch_size: 32 };
    assert.deepEqual(parseSetting(key, settingText(key, t)), t[key], key);
  }
});
