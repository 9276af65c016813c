// The run's metrics for the network shown. A training frame asks POST /train for them (metrics: true)
// on a Step and at most every METRICS_MS while playing (a frame comes every 50 ms or so: measuring
// every one would cost the server a pass over the test set a frame). A network no frame measured (new
// data at step 0, a pause between two measured frames, a look back) gets one forward pass over the
// samples, measured here by metrics.js (the same definitions). Not a view: it writes s.run.metrics.
import { metricsOf } from "./metrics.js";
import { isRegression } from "./points.js";

export const METRICS_MS = 500;

/** A target row that names a class: one 0/1 column, or one-hot columns. */
const isClassRow = (r) => (r.length === 1 ? r[0] === 0 || r[0] === 1 : r.every((v) => v === 0 || v === 1) && r.reduce((a, b) => a + b, 0) === 1);

/** The classes the state's task has (2 for one 0/1 output), or null for regression (as the API decides it). */
export function classCount(state) {
  if (isRegression(state) || ![...state.target, ...(state.test?.target ?? [])].every(isClassRow)) return null;
  return Math.max(2, state.network.layers.at(-1).size);
}

/** The metrics part of a frame's body, when they are due: every Step, every METRICS_MS while playing. */
export function metricsRequest(state, r, playing) {
  const now = performance.now();
  if (playing && now - (r.metricsAt ?? -Infinity) < METRICS_MS) return {};
  r.metricsAt = now;
  return { metrics: true, task: classCount(state) ? "classification" : "regression" };
}

/** A frame's metrics, for the network it returns (after its last step). */
export function frameMetrics(r, res, state, step) {
  if (!res.metrics) return;
  r.metrics = { network: res.network, step, kind: res.metrics.kind, classes: state.data?.classes ?? null, train: res.metrics.train, test: res.metrics.test };
}

/** The metrics of the network shown, by one forward pass, unless a frame measured it. */
export async function ensureMetrics({ store, trainer }) {
  const r = store.s.run;
  const st = store.s.good?.state;
  if (!st?.train || r.metricsPending || trainer.running) return;
  const m = r.metrics;
  if (m && (m.network === st.network || (r.scrub === null && m.step === trainer.steps && m.step > 0))) return;
  r.metricsPending = true;
  const n = st.input.length;
  const test = st.test?.input ?? [];
  try {
    const res = await store.api.forward({ network: st.network, input: [...st.input, ...test] });
    const out = res.layers.at(-1).a;
    const k = classCount(st);
    if (store.s.run !== r) return; // a new run began meanwhile
    r.metrics = {
      network: st.network, step: r.scrub ?? trainer.steps, kind: k ? "classification" : "regression", classes: st.data?.classes ?? null,
      train: metricsOf(out.slice(0, n), st.target, k),
      test: test.length ? metricsOf(out.slice(n), st.test.target, k) : null,
    };
  } catch {
    /* the network itself is refused elsewhere, beside its control */
  } finally {
    r.metricsPending = false;
  }
  store.render(["training"]);
}
