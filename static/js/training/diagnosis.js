// What a run's numbers say about it, in words that name where it happens: a cost that has blown up
// (diverging, and the layer whose parameters grew fastest), layers whose units pass almost no gradient
// back (saturated or dead, from the frame's `saturation`), a cost that no longer moves. Pure: no DOM.
import { fmt } from "../lib/format.js";

/**
 * The training cost this many times the run's first (or than 0.01, whichever is larger: a run that
 * starts near 0, from a trained link, may wobble up a thousandfold and still be small): the run is
 * diverging, before anything overflows.
 */
export const BLOWN_UP = 1000;
const FLOOR = 0.01;
/** A layer is named when at least this share of its units is saturated. */
export const SATURATED_SHARE = 0.5;

/**
 * The divergence of a run whose cost has blown up, or null: {message, layer} naming the step, the cost's
 * rise and the parameters that grew fastest (from `start`, the network at step 0, to `now`).
 */
export function blownUp(history, loss, steps, start, now, learningRate) {
  const first = history[0]?.loss;
  if (!(first > 0) || !(loss > BLOWN_UP * Math.max(first, FLOOR))) return null;
  const g = fastestGrowth(start, now);
  const where = g
    ? ` The ${g.kind === "W" ? "weights" : "biases"} of layer ${g.l} grew fastest: max |${g.kind}^${g.l}| went from ${fmt(g.from, 3)} to ${fmt(g.to, 3)}.`
    : "";
  return {
    step: steps,
    layer: g?.l ?? null,
    message: `training diverged at step ${steps}: C rose from ${fmt(first, 4)} at step 0 to ${fmt(loss, 4)}.${where}`
      + ` The learning rate η = ${fmt(learningRate, 3)} is too large for this network: lower it.`,
  };
}

const largest = (m) => m.flat(Infinity).reduce((x, v) => Math.max(x, Math.abs(v)), 0);

/** The layer and kind (W or b) whose largest |value| grew most from `start` to `now`, or null. */
export function fastestGrowth(start, now) {
  if (!start?.weights || !now?.weights) return null;
  let best = null;
  for (let l = 1; l <= now.weights.length; l++) {
    for (const [kind, a, b] of [["W", start.weights[l - 1], now.weights[l - 1]], ["b", start.biases[l - 1], now.biases[l - 1]]]) {
      if (!a || !b) continue;
      const from = largest(a);
      const to = largest(b);
      if (to - from > (best ? best.to - best.from : 0)) best = { l, kind, from, to };
    }
  }
  return best;
}

/**
 * The layers most of whose units pass almost no gradient back: [{l, share, units, activation}], from a
 * frame's `saturation` (layer 1 first). Linear layers never saturate, so they never appear.
 */
export function saturatedLayers(saturation, layers) {
  if (!Array.isArray(saturation)) return [];
  return saturation.flatMap((share, k) => {
    const l = k + 1;
    return share >= SATURATED_SHARE && layers[l] ? [{ l, share, units: layers[l].size, activation: layers[l].activation }] : [];
  });
}

const why = (activation) => (activation === "relu"
  ? "z < 0 on every sample, so σ'(z) = 0"
  : activation === "softmax" ? "each a is near 0 or 1, so the Jacobian of softmax is ≈ 0" : "|z| is so large that σ'(z) ≈ 0");

/** One sentence per saturated layer: which, what share of its units, why, and what it does to the gradient. */
export function saturationSaid(list) {
  return list.map(({ l, share, units, activation }) => {
    const n = Math.round(share * units);
    const state = activation === "relu" ? "dead" : "saturated";
    const all = n === units ? `, so ∂C/∂W^${l} ≈ 0` : "";
    return `Layer ${l} (${activation}): ${n} of its ${units} units (${fmt(100 * share, 3)}%) are ${state} and pass almost no gradient back (${why(activation)})${all}.`;
  }).join(" ");
}

/** Whether the cost has stopped moving over the recorded steps of the last `span` steps (relative change below 1e-9). */
export function frozen(history, span = 50) {
  const last = history.at(-1);
  if (!last) return false;
  const back = history.filter((h) => h.step <= last.step - span).at(-1);
  if (!back) return false;
  return Math.abs(last.loss - back.loss) <= 1e-9 * Math.max(Math.abs(last.loss), 1e-12);
}

/** What the graph's layer heads show: {l: "100% saturated"} for the saturated layers. */
export function headWarnings(list) {
  return Object.fromEntries(list.map(({ l, share, activation }) => [l, `${fmt(100 * share, 3)}% ${activation === "relu" ? "dead" : "saturated"}`]));
}
