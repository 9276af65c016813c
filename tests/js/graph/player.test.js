import { test } from "node:test";
import assert from "node:assert/strict";
import { steps } from "../../../static/js/graph/player.js";

test("forward over layers 0..L, then backward over L..1", () => {
  assert.deepEqual(steps(2).map((s) => `${s.phase[0]}${s.l}`), ["f0", "f1", "f2", "b2", "b1"]);
  assert.equal(steps(4).length, 9);
});
