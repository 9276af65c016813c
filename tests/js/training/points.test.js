import { test } from "node:test";
import assert from "node:assert/strict";
import { editPoints, isRegression, planeTools, toolsFor } from "../../../static/js/training/points.js";

const classifier = {
  network: { layers: [{ size: 2 }, { size: 3 }, { size: 3 }] },
  input: [[0, 0], [1, 1]], target: [[1, 0, 0], [0, 0, 1]], test: { input: [[5, 5]], target: [[0, 1, 0]] },
};

test("adding a point of class k adds a one-hot row; removing takes the sample clicked", () => {
  const added = editPoints(classifier, "add1", { x: 0.5, y: -0.5, sample: -1, split: null });
  assert.deepEqual(added.input.at(-1), [0.5, -0.5]);
  assert.deepEqual(added.target.at(-1), [0, 1, 0]);
  assert.equal(classifier.input.length, 2, "the state is not changed");
  const removed = editPoints(classifier, "remove", { x: 0, y: 0, sample: 0, split: "test" });
  assert.equal(removed.test.input.length, 0);
  assert.equal(removed.input.length, 2);
  assert.equal(editPoints(classifier, "remove", { x: 0, y: 0, sample: -1, split: null }), null, "a miss changes nothing");
  const last = { ...classifier, input: [[0, 0]], target: [[1, 0, 0]] };
  assert.equal(editPoints(last, "remove", { x: 0, y: 0, sample: 0, split: "train" }), null, "the last training point stays");
});

test("with one input a point is (x, y) on the curve", () => {
  const curve = { network: { layers: [{ size: 1 }, { size: 1 }] }, input: [[0]], target: [[0.3]] };
  assert.ok(isRegression(curve));
  const added = editPoints(curve, "add0", { x: 0.25, y: 0.75, sample: -1, split: null });
  assert.deepEqual([added.input.at(-1), added.target.at(-1)], [[0.25], [0.75]]);
  assert.deepEqual(toolsFor(2, true).map(([v]) => v), ["inspect", "add0", "remove"]);
});

test("a tool that no longer exists for the data falls back to inspect", () => {
  assert.deepEqual(planeTools(classifier, "add2").current, "add2");
  const binary = { ...classifier, network: { layers: [{ size: 2 }, { size: 1 }] }, target: [[0], [1]] };
  assert.ok(!isRegression(binary));
  assert.equal(planeTools(binary, "add2").current, "inspect");
  assert.deepEqual(planeTools(binary, "x").options.map(([v]) => v), ["inspect", "add0", "add1", "remove"]);
});

test("with a table, a new point is a row: the plane's axes at the click, the others held, its class by name", async () => {
  const { readCsv } = await import("../../../static/js/training/csv.js");
  const { editRows } = await import("../../../static/js/training/points.js");
  const { data } = readCsv("a,b,c,species\n1,10,100,cat\n3,30,300,dog\n", { testFraction: 0 });
  const added = editRows({ ...data, axes: [2, 0] }, "add1", { x: 7, y: 8, sample: -1, split: null });
  assert.deepEqual(added.rows.train.at(-1), [8, 20, 7, "dog"]); // b at its training mean
  const removed = editRows({ ...added, hold: 2 }, "remove", { sample: 0, split: "train" });
  assert.equal(removed.rows.train.length, 2);
  assert.equal(removed.hold, 1, "the held sample is still the same row");
  assert.equal(editRows(data, "remove", { sample: -1, split: null }), null);
});
