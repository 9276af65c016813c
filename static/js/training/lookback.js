// Looking back: the history scrubber shows a kept snapshot (snapshots.js) through the store's normal
// path: the graph and the cards from POST /backprop with that network, the planes from one /forward
// over their grid, the charts' cursor at its step. Training pauses while looking back; play, step and
// "Back to live" return to the latest network first (the optimizer's state belongs to that one).
import { planeGrid } from "./body.js";
import { pause } from "./run.js";
import { snapshotAt } from "./snapshots.js";

/** Show the snapshot kept at `step` (the latest one is the live network). */
export async function lookBack(run, step) {
  await pause(run);
  const r = run.store.s.run;
  const snap = snapshotAt(r.snapshots, step);
  if (!snap) return false;
  const latest = snap === r.snapshots.at(-1);
  r.scrub = latest ? null : snap.step;
  r.status = latest
    ? { text: `Live: the network after ${snap.step} steps.`, kind: "" }
    : { text: `Looking back at step ${snap.step} of ${r.snapshots.at(-1).step}. Play or “Back to live” returns to the latest network.`, kind: "" };
  return show(run, snap);
}

/** Back to the latest network, when looking back; resolves to whether it is shown. */
export async function live(run) {
  const r = run.store.s.run;
  if (r.scrub === null) return true;
  r.scrub = null;
  r.status = { text: `Back to live: the network after ${r.snapshots.at(-1).step} steps.`, kind: "" };
  return show(run, r.snapshots.at(-1));
}

/** The snapshot in the graph and cards (the store's compute) and on the planes (their grids), the latest look winning. */
async function show({ store }, snap) {
  const r = store.s.run;
  const seq = (r.lookSeq = (r.lookSeq ?? 0) + 1);
  store.render(["training"]); // the scrubber's label and the charts' cursor move at once
  const st = store.s.good.state;
  const g = planeGrid(st);
  // the latest network's grid is the last frame's (its outputs as the frame rounded them): the plane as it was
  const latest = snap === r.snapshots.at(-1);
  const grid = (network, kept) => (latest && kept ? kept
    : g && network ? store.api.forward({ network, input: g.inputs ?? g.points }).then((res) => res.layers.at(-1).a, () => null) : null);
  const [ok, a, b] = await Promise.all([store.compute({ ...st, network: snap.network }, { run: "keep" }),
    grid(snap.network, r.liveGrid), grid(r.b && snap.b, r.b?.liveGrid)]);
  if (seq !== r.lookSeq || store.s.run !== r) return ok;
  if (a) r.grid = a;
  if (b && r.b) r.b.grid = b;
  store.render(["training"]);
  return ok;
}
