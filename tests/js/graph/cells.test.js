import { test } from "node:test";
import assert from "node:assert/strict";
import { MATRIX_ABOVE, cellAt, cellBox, isMatrixSetting, matrixLayers, toggled } from "../../../static/js/graph/cells.js";

test("auto draws the layers of more than 10,000 weights as matrices", () => {
  assert.equal(MATRIX_ABOVE, 10000);
  assert.deepEqual(matrixLayers([100, 256, 256, 10], "auto"), [1, 2], "25,600 and 65,536 weights; 2,560 stay lines");
  assert.deepEqual(matrixLayers([8, 64, 64, 64, 8], "auto"), [], "4,096 a layer: lines");
  assert.deepEqual(matrixLayers([100, 100, 101], "auto"), [2], "exactly 10,000 is still lines");
  assert.deepEqual(matrixLayers([2, 3, 1], [2, 1, 2, 7, 0]), [1, 2], "a list: its layers that exist, once, in order");
});

test("switching a layer gives a list, and auto again when the list is what auto draws", () => {
  const sizes = [100, 256, 256, 10];
  assert.deepEqual(toggled(sizes, "auto", 2), [1]);
  assert.equal(toggled(sizes, [1], 2), "auto");
  assert.deepEqual(toggled(sizes, "auto", 3), [1, 2, 3]);
  assert.deepEqual(toggled([2, 3, 1], "auto", 1), [1]);
  assert.equal(toggled([2, 3, 1], [1], 1), "auto");
});

test("a setting from a link is auto or a list of layer numbers", () => {
  for (const ok of ["auto", [], [1, 3]]) assert.ok(isMatrixSetting(ok), JSON.stringify(ok));
  for (const bad of ["all", [0], [1.5], ["1"], null, 3, Array(65).fill(1)]) assert.ok(!isMatrixSetting(bad), JSON.stringify(bad));
});

test("the cell under a point, by each matrix's origin and cell size", () => {
  const ms = [{ l: 1, rows: 4, cols: 3, x0: 10, y0: 20, cw: 2, ch: 1.5 }, { l: 2, rows: 2, cols: 4, x0: 50, y0: 20, cw: 1, ch: 3 }];
  assert.deepEqual(cellAt(ms, 10, 20), { l: 1, i: 0, j: 0 });
  assert.deepEqual(cellAt(ms, 15.9, 25.9), { l: 1, i: 3, j: 2 });
  assert.equal(cellAt(ms, 16, 22), null, "past the last column");
  assert.equal(cellAt(ms, 12, 19.9), null, "above the first row");
  assert.deepEqual(cellAt(ms, 53.5, 25.9), { l: 2, i: 1, j: 3 });
  const b = cellBox(ms[0], 3, 2);
  assert.deepEqual(cellAt(ms, b.x + b.width / 2, b.y + b.height / 2), { l: 1, i: 3, j: 2 });
});
