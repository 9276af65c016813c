import { test } from "node:test";
import assert from "node:assert/strict";
import { appendHistory } from "../../../static/js/training/history.js";

test("history grows until its bound, then older steps are thinned and the last 200 kept", () => {
  let h = [];
  for (let k = 0; k < 100; k++) h = appendHistory(h, Array.from({ length: 10 }, (_, j) => ({ step: 10 * k + j })), 500);
  assert.ok(h.length <= 500, `${h.length}`);
  assert.equal(h.at(-1).step, 999);
  const last = h.slice(-200).map((r) => r.step);
  assert.deepEqual(last, Array.from({ length: 200 }, (_, k) => 800 + k));
  assert.equal(h[0].step, 0);
  assert.ok(h.every((r, k) => k === 0 || r.step > h[k - 1].step), "in order");
});
