// The run's metrics (metrics.js) for the network shown: asked of the API as one forward pass over the
// training and test samples, when the network stops changing (a pause, a step, new data) and at most
// every METRICS_MS while training plays (a frame comes every 50 ms or so: one pass a frame would double
// the requests). Not a view: it writes s.run.metrics and asks for a draw.
import { metricsOf } from "./metrics.js";
import { isRegression } from "./points.js";

export const METRICS_MS = 500;

/** The classes the state's task has (2 for one 0/1 output), or null for regression. */
export const classCount = (state) => (isRegression(state) ? null : Math.max(2, state.network.layers.at(-1).size));

/** The metrics of the state's network, unless they are known (or, while playing, asked less than METRICS_MS ago). */
export async function ensureMetrics({ store }, playing = false) {
  const r = store.s.run;
  const st = store.s.good?.state;
  if (!st?.train || r.metricsPending || r.metrics?.network === st.network) return;
  if (playing && performance.now() - (r.metricsAt ?? -Infinity) < METRICS_MS) return;
  r.metricsPending = true;
  r.metricsAt = performance.now();
  const n = st.input.length;
  const test = st.test?.input ?? [];
  try {
    const res = await store.api.forward({ network: st.network, input: [...st.input, ...test] });
    const out = res.layers.at(-1).a;
    const k = classCount(st);
    if (store.s.run !== r) return; // a new run began meanwhile
    r.metrics = {
      network: st.network, kind: k ? "classification" : "regression", classes: st.data?.classes ?? null,
      train: metricsOf(out.slice(0, n), st.target, k),
      test: test.length ? metricsOf(out.slice(n), st.test.target, k) : null,
    };
  } catch {
    /* the network itself is refused elsewhere, beside its control */
  } finally {
    r.metricsPending = false;
  }
  if (playing) store.schedule(["training"]);
  else store.render(["training"]);
}
