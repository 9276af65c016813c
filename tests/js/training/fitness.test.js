import { test } from "node:test";
import assert from "node:assert/strict";
import { classCount, metricsRequest, METRICS_MS } from "../../../static/js/training/fitness.js";

const state = (sizes, target) => ({ network: { layers: sizes.map((size) => ({ size })) }, target, test: { input: [], target: [] } });

test("the task: classes for 0/1 or one-hot targets, regression for numbers or one input", () => {
  assert.equal(classCount(state([2, 3, 1], [[0], [1]])), 2);
  assert.equal(classCount(state([4, 3, 3], [[0, 0, 1], [1, 0, 0]])), 3);
  assert.equal(classCount(state([2, 3, 2], [[0.5, 2], [1, 0]])), null); // two numeric targets
  assert.equal(classCount(state([2, 3, 2], [[1, 1], [0, 0]])), null); // 0/1 columns that are not one-hot
  assert.equal(classCount(state([1, 3, 1], [[0], [1]])), null);
});

test("a Step always asks for the metrics; playing, at most every METRICS_MS", () => {
  const st = state([2, 3, 1], [[0], [1]]);
  const r = { metricsAt: null };
  assert.deepEqual(metricsRequest(st, r, true), { metrics: true, task: "classification" });
  assert.deepEqual(metricsRequest(st, r, true), {});
  assert.deepEqual(metricsRequest(st, r, false), { metrics: true, task: "classification" });
  r.metricsAt -= METRICS_MS;
  assert.equal(metricsRequest(state([1, 3, 1], [[0.3]]), r, true).task, "regression");
});
