import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../../static/js/training/data.js";

test("CSV round trip: header, inputs then targets", () => {
  const input = [[0.5, -1], [1e-7, 2]];
  const target = [[1], [0]];
  const csv = D.toCsv(input, target);
  assert.equal(csv.split("\n")[0], "x1,x2,y1");
  assert.deepEqual(D.parseCsv(csv, 2, 1), { input, target, errors: [] });
});

test("every bad CSV row is named with its line", () => {
  const { input, errors } = D.parseCsv("x1,x2,y\n1,2,0\n1,2\n3,abc,1\n4,5,Infinity\n\n6,7,1\n", 2, 1);
  assert.deepEqual(input, [[1, 2], [6, 7]]);
  assert.equal(errors.length, 3);
  assert.match(errors[0], /^line 3 has 2 values, but the network needs 3/);
  assert.match(errors[1], /^line 4, column 2: “abc” is not a finite number/);
  assert.match(errors[2], /^line 5, column 3/);
});

test("a CSV whose header does not fit the network is refused", () => {
  assert.match(D.parseCsv("a,b\n1,2\n", 2, 1).errors[0], /line 1 \(the header\) has 2 columns/);
  assert.match(D.parseCsv("", 2, 1).errors[0], /empty/);
  assert.match(D.parseCsv("x1,x2,y1\n", 2, 1).errors[0], /no samples/);
});

test("the split is seeded, disjoint and complete", () => {
  const input = Array.from({ length: 50 }, (_, k) => [k, -k]);
  const target = input.map(([k]) => [k % 2]);
  const a = D.split(input, target, 0.2, 3);
  const b = D.split(input, target, 0.2, 3);
  const c = D.split(input, target, 0.2, 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.test.input, c.test.input);
  assert.equal(a.test.input.length, 10);
  assert.equal(a.train.input.length, 40);
  const seen = [...a.train.input, ...a.test.input].map(([k]) => k).sort((x, y) => x - y);
  assert.deepEqual(seen, input.map(([k]) => k));
  a.train.input.forEach((x, k) => assert.equal(a.train.target[k][0], x[0] % 2), "targets stay with their inputs");
  assert.equal(D.split(input, target, 0, 1).test.input.length, 0);
});

test("grids cover the domain at cell centres", () => {
  const g = D.grid2d([0, 1], [0, 2], 4);
  assert.equal(g.length, 16);
  assert.deepEqual(g[0], [0.125, 1.75]);
  assert.deepEqual(g[15], [0.875, 0.25]);
  const line = D.grid1d([-1, 1], 5);
  assert.deepEqual(line, [[-1], [-0.5], [0], [0.5], [1]]);
});

test("nearest finds the closest sample within the radius", () => {
  const pts = [[0, 0], [1, 1], [1.1, 1]];
  assert.equal(D.nearest(pts, 1.08, 1, 0.2), 2);
  assert.equal(D.nearest(pts, 5, 5, 0.2), -1);
});
