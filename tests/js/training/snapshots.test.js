import { test } from "node:test";
import assert from "node:assert/strict";
import { keepSnapshot, snapshotAt, snapshotLimit, MAX_SNAPSHOTS } from "../../../static/js/training/snapshots.js";

const run = (frames, every = 10, max = MAX_SNAPSHOTS) => {
  let snaps = [{ step: 0, network: "start" }];
  for (let f = 1; f <= frames; f++) snaps = keepSnapshot(snaps, { step: f * every, network: `after ${f * every}` }, max);
  return snaps;
};

test("every frame is kept up to the bound", () => {
  const snaps = run(50);
  assert.equal(snaps.length, 51);
  assert.deepEqual(snaps.map((s) => s.step), Array.from({ length: 51 }, (_, k) => 10 * k));
});

test("a long run keeps at most 200, always the first (the start) and the last, in order", () => {
  for (const frames of [199, 200, 201, 450, 5000]) {
    const snaps = run(frames);
    assert.ok(snaps.length <= MAX_SNAPSHOTS, `${frames} frames: ${snaps.length} kept`);
    assert.equal(snaps[0].network, "start");
    assert.equal(snaps.at(-1).step, frames * 10);
    assert.equal(snaps.at(-1).network, `after ${frames * 10}`);
    assert.ok(snaps.every((s, k) => k === 0 || s.step > snaps[k - 1].step), "steps grow");
  }
});

test("thinning spreads the kept steps over the whole run", () => {
  for (const [frames, every] of [[5000, 10], [777, 7], [3000, 1]]) {
    const snaps = run(frames, every);
    assert.ok(snaps.length > MAX_SNAPSHOTS / 2, `${snaps.length} kept`);
    // one gap between the kept steps, but for the last one (kept because it is the last)
    const gaps = snaps.slice(1, -1).map((s, k) => s.step - snaps[k].step);
    assert.equal(Math.max(...gaps), Math.min(...gaps), `${frames} frames of ${every}: gaps ${[...new Set(gaps)]}`);
    assert.ok(snaps.at(-1).step - snaps.at(-2).step <= gaps[0]);
  }
});

test("a snapshot at a step already kept, or before it, replaces what came after", () => {
  const snaps = keepSnapshot(run(3), { step: 20, network: "again" });
  assert.deepEqual(snaps.map((s) => s.step), [0, 10, 20]);
  assert.equal(snaps.at(-1).network, "again");
});

test("snapshotAt finds the step, else the last kept before it", () => {
  const snaps = run(5);
  assert.equal(snapshotAt(snaps, 30).network, "after 30");
  assert.equal(snapshotAt(snaps, 35).network, "after 30");
  assert.equal(snapshotAt(snaps, 0).network, "start");
  assert.equal(snapshotAt(snaps, 999).network, "after 50");
  assert.equal(snapshotAt([], 3), null);
});

test("a large network keeps fewer snapshots: about two million numbers in all, never under 20", () => {
  assert.equal(snapshotLimit(13), MAX_SNAPSHOTS);
  assert.equal(snapshotLimit(94_218), 21);
  assert.equal(snapshotLimit(1e7), 20);
  const snaps = run(1000, 10, snapshotLimit(94_218));
  assert.ok(snaps.length <= 21 && snaps[0].step === 0 && snaps.at(-1).step === 10000);
});
