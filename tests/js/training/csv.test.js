import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../../static/js/training/csv.js";

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
