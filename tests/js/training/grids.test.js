import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../../static/js/training/grids.js";

test("grids cover the domain at cell centres", () => {
  const g = D.grid2d([0, 1], [0, 2], 4);
  assert.equal(g.length, 16);
  assert.deepEqual(g[0], [0.125, 1.75]);
  assert.deepEqual(g[15], [0.875, 0.25]);
  const line = D.grid1d([-1, 1], 5);
  assert.deepEqual(line, [[-1], [-0.5], [0], [0.5], [1]]);
});

test("the extent has a margin and is never empty", () => {
  assert.deepEqual(D.extent([0, 10]), [-1.5, 11.5]);
  assert.deepEqual(D.extent([2, 2], 0), [1, 3]);
  assert.deepEqual(D.extent([]), [-1, 1]);
});
