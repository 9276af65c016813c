// The networks a run passed through, for the history scrubber: the one training started from (step
// 0), then the network each frame returned, thinned as the run grows so that memory stays bounded
// (at most MAX_SNAPSHOTS) and the kept steps stay evenly spread over the whole run. The first and
// the last are always kept. Pure.

export const MAX_SNAPSHOTS = 200;
export const MAX_NUMBERS = 2_000_000; // weights and biases kept in all: a large network keeps fewer snapshots

/** How many snapshots a run keeps when each holds `parameters` weights and biases: 200, fewer (down to 20) for large networks. */
export const snapshotLimit = (parameters) => Math.max(20, Math.min(MAX_SNAPSHOTS, Math.floor(MAX_NUMBERS / Math.max(1, parameters))));

/** How many times 2 divides n (a whole number > 0). */
function twos(n) {
  let j = 0;
  while (n % 2 === 0 && j < 52) {
    n /= 2;
    j++;
  }
  return j;
}

/**
 * `snaps` with `snap` ({step, network, …}) appended. The middle snapshots are the steps that are
 * multiples of one power of two: the one kept last stays only if it is one, and past `max` the power
 * doubles, which drops every other middle snapshot. Steps only grow: a snapshot replaces any kept at
 * its step or later (a run that started counting again).
 */
export function keepSnapshot(snaps, snap, max = MAX_SNAPSHOTS) {
  let kept = snaps.filter((s) => s.step < snap.step);
  const middle = kept.slice(1, -1);
  let level = middle.length ? Math.min(...middle.map((s) => twos(s.step))) : 0;
  if (middle.length && twos(kept.at(-1).step) < level) kept = kept.slice(0, -1);
  let all = [...kept, snap];
  while (all.length > max) {
    level++;
    const last = all.length - 1;
    all = all.filter((s, k) => k === 0 || k === last || s.step % 2 ** level === 0);
  }
  return all;
}

/** The kept snapshot at `step`, else the last one before it (null before the first). */
export function snapshotAt(snaps, step) {
  let found = null;
  for (const s of snaps) {
    if (s.step > step) break;
    found = s;
  }
  return found;
}
