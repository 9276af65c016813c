import { test } from "node:test";
import assert from "node:assert/strict";
import * as d3 from "../../../../static/vendor/d3.js";
import { thin, logTicks } from "../../../../static/js/training/charts/frame.js";

test("thin keeps short histories whole and long ones evenly, the last row always", () => {
  const short = Array.from({ length: 10 }, (_, k) => ({ step: k }));
  assert.equal(thin(short), short);
  const long = Array.from({ length: 10000 }, (_, k) => ({ step: k }));
  const t = thin(long, 400);
  assert.equal(t.length, 400);
  assert.equal(t[0].step, 0);
  assert.equal(t.at(-1).step, 9999);
  const gaps = t.slice(1, -1).map((r, k) => r.step - t[k].step);
  assert.ok(gaps.every((g) => g === 25), "evenly spread");
});

test("a log axis ticks at powers of ten when it spans them, else a few plain ticks", () => {
  assert.deepEqual(logTicks(d3.scaleLog().domain([1e-6, 1e-2])), [1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
  const narrow = logTicks(d3.scaleLog().domain([0.02, 0.05]));
  assert.ok(narrow.length >= 1 && narrow.length <= 6 && narrow.every((v) => v >= 0.02 && v <= 0.05));
});
