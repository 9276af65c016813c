import { test } from "node:test";
import assert from "node:assert/strict";
import { classification, regression, classIndex } from "../../../static/js/training/metrics.js";

test("the confusion matrix counts each sample at [true][predicted]; accuracy per class from its row", () => {
  const targets = [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]];
  const outputs = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]];
  const m = classification(outputs, targets, 3);
  assert.deepEqual(m.confusion, [[1, 1, 0], [0, 1, 0], [1, 0, 1]]);
  assert.deepEqual(m.per_class.map((c) => [c.samples, c.accuracy]), [[2, 0.5], [1, 1], [2, 0.5]]);
  assert.equal(m.accuracy, 3 / 5);
  assert.equal(classification([], [], 2).accuracy, null);
});

test("one output column is thresholded at 0.5", () => {
  assert.deepEqual([classIndex([0.5]), classIndex([0.49])], [1, 0]);
  const m = classification([[0.9], [0.2], [0.6]], [[1], [1], [0]], 2);
  assert.deepEqual(m.confusion, [[0, 1], [1, 1]]);
  assert.equal(m.per_class[1].accuracy, 0.5);
});

test("R² and the mean absolute error", () => {
  const m = regression([[2], [4], [7]], [[1], [4], [7]]);
  assert.equal(m.mae, 1 / 3);
  assert.ok(Math.abs(m.r2 - (1 - 1 / 18)) < 1e-12); // SS_tot: (1−4)² + 0 + 3² = 18
  assert.equal(regression([[1], [2]], [[3], [3]]).r2, null);
  assert.equal(regression([[3], [3]], [[3], [3]]).mae, 0);
});
