import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt, texNum, texFactor } from "../../../static/js/lib/format.js";

test("numbers for people", () => {
  assert.equal(fmt(0.30400612, 4), "0.304");
  assert.equal(fmt(-1.312476, 4), "−1.312");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(1.5e-7, 3), "1.5e−7");
  assert.equal(texNum(-1.5e-7, 3), "-1.5\\cdot 10^{-7}");
  assert.equal(texFactor(-2), "(-2)");
  assert.equal(texFactor(2), "2");
});
