// Starting and stopping a comparison (the store's side; what run B is, is compare.js's). The change
// goes into the state (its compare group, so the link holds it); both runs start from step 0: run A
// from the network it started from, run B from that network with the change (run.js's restart).
import { compareLabel } from "./compare.js";
import { pause, trainedSteps } from "./run.js";

/** Compare run A with B, A with `compare`'s one change; A goes back to where it started. */
export async function startComparing(run, compare) {
  const { store, trainer } = run;
  await pause(run);
  trainer.reset();
  const st = store.s.good.state;
  const start = store.s.run.startNetwork ?? st.network;
  if (!(await store.compute({ ...st, network: start, compare }))) return false;
  store.s.run.status = { text: `Comparing run A with ${compareLabel(compare)}: both start from step 0 and train on the same minibatches. Press play.`, kind: "" };
  store.render(["training"]);
  return true;
}

/** Back to one run: A carries on where it is; B and the change go. */
export function stopComparing({ store }) {
  const { s } = store;
  if (!s.good?.state.compare) return;
  const alone = ({ compare, ...state }) => state;
  s.good = { ...s.good, state: alone(s.good.state) };
  if (s.draft) s.draft = alone(s.draft);
  s.run.b = null;
  s.run.status = { text: "One run again: run A.", kind: "" };
  store.render();
}

/**
 * The state the link holds: while comparing, run A's starting network (so the link starts both runs
 * again); while looking back, the latest network (snapshots are not part of the link). A trained
 * network carries the steps that trained it (trained.step), which the opened link says.
 */
export function linkState({ good: { state }, run: r }) {
  const withSteps = (st, step) => (step ? { ...st, trained: { step } } : st);
  if (state.compare && r.startNetwork) return withSteps({ ...state, network: r.startNetwork }, r.base);
  if (r.scrub !== null && r.snapshots.length) return withSteps({ ...state, network: r.snapshots.at(-1).network }, r.snapshots.at(-1).step);
  return withSteps(state, trainedSteps(r));
}
