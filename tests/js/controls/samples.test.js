import { test } from "node:test";
import assert from "node:assert/strict";
import { columnChars } from "../../../static/js/controls/samples.js";

test("each column of the samples table is as wide as its longest number (3 to 10 characters)", () => {
  assert.deepEqual(columnChars([[0.01, -0.02, 1], [0.5, 0, 0.123456789012345]], 3), [4, 5, 10]);
  assert.deepEqual(columnChars([[1]], 1), [3]);
});

test("a cell writes its value to 12 significant digits: float noise does not fill the column", async () => {
  const { cellText } = await import("../../../static/js/controls/samples.js");
  assert.equal(cellText(0.1 * 3), "0.3");
  assert.equal(cellText(-0.02), "-0.02");
  assert.equal(cellText("1e400"), "1e400"); // a refused cell keeps the text typed
  assert.equal(cellText(1234.56789), "1234.56789");
  assert.deepEqual(columnChars([[0.1 * 3]], 1), [3]);
});
