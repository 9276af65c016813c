import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../../static/js/training/data.js";

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
