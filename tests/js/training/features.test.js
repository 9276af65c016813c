import { test } from "node:test";
import assert from "node:assert/strict";
import { expand, cleanFeatures, FEATURE_IDS } from "../../../static/js/training/features.js";
import { readCsv } from "../../../static/js/training/csv.js";
import { prepare, inputLabels } from "../../../static/js/training/dataset.js";

test("each feature is its formula of the two raw inputs, appended in a fixed order", () => {
  assert.deepEqual(FEATURE_IDS, ["x0^2", "x1^2", "x0x1", "sin x0", "sin x1"]);
  assert.deepEqual(expand([[2, -3]], FEATURE_IDS), [[2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]]);
  assert.deepEqual(cleanFeatures(["sin x1", "x0x1", "bogus", "x0x1"]), ["x0x1", "sin x1"]);
  assert.deepEqual(expand([[1, 2]], []), [[1, 2]]);
});

test("features grow the input layer by one each and are labelled by their formula; only for two inputs", () => {
  const { data } = readCsv("x0,x1,y0\n1,2,0\n3,4,1\n5,6,0\n", { testFraction: 0 });
  const p = prepare({ ...data, standardise: false, features: ["x0x1", "x0^2"] });
  assert.deepEqual(p.input.map((r) => r.length), [4, 4, 4]);
  const row = p.input.find((r) => r[0] === 3);
  assert.deepEqual(row, [3, 4, 9, 12]);
  assert.deepEqual(inputLabels(p.data).map((x) => x.formula), [null, null, "x0²", "x0·x1"]);
  const three = readCsv("a,b,c,y\n1,2,3,0\n", { testFraction: 0 }).data;
  assert.equal(prepare({ ...three, features: ["x0^2"] }).input[0].length, 3);
});

test("standardised features: each column, features too, has the training mean and sd shown", () => {
  const { data } = readCsv("x0,x1,y0\n1,2,0\n3,4,1\n5,6,0\n", { testFraction: 0 });
  const p = prepare({ ...data, standardise: true, features: ["x1^2"] });
  const labels = inputLabels(p.data);
  assert.equal(labels[2].formula, "x1²");
  assert.ok(Math.abs(labels[2].mean - (4 + 16 + 36) / 3) < 1e-12);
  assert.ok(Math.abs(p.input.reduce((s, r) => s + r[2], 0)) < 1e-12);
});
