// The detail card's numbers that take a request of their own: the finite-difference check, C along
// the parameter, the Jacobian chain. Each is asked once per answer and parameter; an entry is
// {status: "pending"} until it becomes {status: "done", value} or {status: "error", error}.
import { requestBody, parameterCount } from "./state.js";
import { parameterOf, selectionKey } from "./selection.js";

const EPSILON = 1e-6; // the step of the one-parameter check (beyond /gradcheck's limit)
const CURVE_POINTS = 81;

/** @param {(key) => void} arrived called when an entry is done or failed */
export function createExtras(api, arrived) {
  const cache = new Map();
  const gradchecks = new Map(); // seq -> the one /gradcheck of that answer, shared by its parameters
  let limits = null;

  function once(key, fetch) {
    if (cache.has(key)) return;
    if (cache.size > 40) cache.clear();
    cache.set(key, { status: "pending" });
    fetch().then(
      (value) => cache.set(key, { status: "done", value }),
      (error) => cache.set(key, { status: "error", error }),
    ).then(() => arrived(key));
  }

  function maxChecked() {
    limits ??= api.meta().then((m) => m.limits.max_gradcheck_parameters).catch(() => 5000);
    return limits;
  }

  const keys = (good, p, radius) => {
    const at = `${good.seq}|${selectionKey(p)}`;
    return { check: `check|${at}`, curve: `curve|${at}|${radius}`, jacobians: `jacobians|${good.seq}` };
  };

  /** The entries the card of `sel` shows now (undefined where not asked). */
  function of(good, sel, radius) {
    const p = parameterOf(sel);
    if (!p) return {};
    const k = keys(good, p, radius);
    return { check: cache.get(k.check), curve: cache.get(k.curve), jacobians: cache.get(k.jacobians) };
  }

  /** Ask for what the card of `sel` shows by itself: the check and the curve. */
  function want(good, sel, radius) {
    const p = parameterOf(sel);
    if (!p) return;
    const k = keys(good, p, radius);
    once(k.check, () => check(good, p));
    const where = { layer: p.l, i: p.i, ...(p.kind === "W" ? { j: p.j } : {}) };
    once(k.curve, () => api.costCurve(requestBody(good.state, { ...where, radius, points: CURVE_POINTS })));
  }

  /** The Jacobians ∂a^L/∂a^l for the answer `good`: asked when the learner asks. */
  function wantJacobians(good) {
    once(keys(good, null, 0).jacobians, () => api.backprop(requestBody(good.state, { jacobians: true })));
  }

  // /gradcheck checks every parameter of a network within its limit; above it, /cost-curve gives C at
  // w − ε, w, w + ε for this one parameter.
  async function check(good, p) {
    const count = parameterCount(good.state);
    const limit = await maxChecked();
    if (count <= limit) {
      if (!gradchecks.has(good.seq)) {
        if (gradchecks.size > 4) gradchecks.clear();
        gradchecks.set(good.seq, api.gradcheck(requestBody(good.state)));
      }
      const res = await gradchecks.get(good.seq);
      return {
        num: p.kind === "W" ? res.numeric.weights[p.l - 1][p.i][p.j] : res.numeric.biases[p.l - 1][p.i],
        eps: res.epsilon, count, limit, worst: { error: res.max_rel_error, name: res.worst },
      };
    }
    const where = { layer: p.l, i: p.i, ...(p.kind === "W" ? { j: p.j } : {}), radius: EPSILON, points: 3 };
    const res = await api.costCurve(requestBody(good.state, where));
    return { num: (res.costs[2] - res.costs[0]) / (res.values[2] - res.values[0]), eps: EPSILON, count, limit, worst: null };
  }

  return { of, want, wantJacobians };
}
