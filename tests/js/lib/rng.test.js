import { test } from "node:test";
import assert from "node:assert/strict";
import { rng } from "../../../static/js/lib/rng.js";

test("the seeded generator is deterministic and in [0, 1)", () => {
  const a = rng(3), b = rng(3), c = rng(4);
  const xs = Array.from({ length: 100 }, a);
  assert.deepEqual(xs, Array.from({ length: 100 }, b));
  assert.notDeepEqual(xs, Array.from({ length: 100 }, c));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});
