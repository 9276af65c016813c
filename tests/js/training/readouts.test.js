import { test } from "node:test";
import assert from "node:assert/strict";
import { stepVerdict } from "../../../static/js/training/readouts.js";

test("the sentence follows what the step did", () => {
  assert.match(stepVerdict(-0.01, 0.002, "sgd"), /went up/);
  assert.match(stepVerdict(-0.01, -0.001, "sgd"), /far from the first-order prediction/);
  assert.match(stepVerdict(-0.01, -0.0098, "sgd"), /−η‖∇C‖²/);
  assert.doesNotMatch(stepVerdict(-0.01, -0.0098, "adam"), /−η‖∇C‖²/);
});

test("the first-order reading is said only when the measured change agrees with it", () => {
  assert.match(stepVerdict(-3e306, null, "sgd"), /could not be measured/);
  assert.match(stepVerdict(0, 0, "sgd"), /did not change/);
  assert.doesNotMatch(stepVerdict(0, 0, "sgd"), /small enough/);
  assert.doesNotMatch(stepVerdict(-1.6e20, 6.4e20, "sgd"), /small enough/);
});
