// What the graph draws, from the state and its answer: per-layer sizes, weights and gradients, one
// sample's a and z on the nodes, and the colour, width and fill scales with their legend. Pure.
import { sizes } from "../app/state.js";
import { activationScale, colourModel, maxAbs, widthScale } from "./scales.js";

/**
 * @param {object} state the page's state
 * @param {object} result its /backprop answer; with `live`, a training frame's, whose layers hold
 *   only the chosen sample's pass (row 0) beside the whole batch's gradient
 */
export function graphModel(state, result, { live = false } = {}) {
  const { colorBy, norm, eta } = state.view;
  const W = state.network.weights;
  const G = result.gradients.weights;
  const chosen = Math.min(state.view.sample, state.input.length - 1);
  const row = live ? 0 : Math.min(chosen, result.layers[0].a.length - 1);
  const source = colorBy === "weight" ? W : G;
  const k = colorBy === "update" ? -eta : 1;
  const valuesByLayer = source.map((m) => m.flat().map((v) => k * v));
  const colours = colourModel(valuesByLayer, norm);
  const maxW = maxAbs(W.flat(2));
  const edgeCount = valuesByLayer.reduce((n, v) => n + v.length, 0);
  const a = result.layers.map((layer) => layer.a[row]);
  const fill = activationScale(a.slice(1).flat());
  return {
    sizes: sizes(state),
    W,
    dC_dW: G,
    a,
    z: result.layers.map((layer) => layer.z?.[row] ?? null),
    y: state.target[live ? chosen : row],
    activations: state.network.layers.map((x) => x.activation),
    edgeValue: (l, i, j) => k * source[l - 1][i][j],
    colour: colours.colour,
    width: widthScale(maxW, edgeCount),
    fill,
    legend: { colorBy, norm, legends: colours.legends, maxW, fill },
  };
}
