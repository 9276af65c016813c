import { test } from "node:test";
import assert from "node:assert/strict";
import { columnChars } from "../../../static/js/controls/samples.js";

test("each column of the samples table is as wide as its longest number (3 to 10 characters)", () => {
  assert.deepEqual(columnChars([[0.01, -0.02, 1], [0.5, 0, 0.30000000000000004]], 3), [4, 5, 10]);
  assert.deepEqual(columnChars([[1]], 1), [3]);
});
