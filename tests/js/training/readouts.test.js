import { test } from "node:test";
import assert from "node:assert/strict";
import { stepVerdict } from "../../../static/js/training/readouts.js";

test("the sentence follows what the step did", () => {
  assert.match(stepVerdict(-0.01, 0.002, "sgd"), /went up/);
  assert.match(stepVerdict(-0.01, -0.001, "sgd"), /far from the first-order prediction/);
  assert.match(stepVerdict(-0.01, -0.0098, "sgd"), /−η‖∇C‖²/);
  assert.doesNotMatch(stepVerdict(-0.01, -0.0098, "adam"), /−η‖∇C‖²/);
});
