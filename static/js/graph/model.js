// What the graph draws, from the state and its answer: per-layer sizes, weights and gradients, one
// sample's a and z on the nodes, which layers are matrices, and the colour, width and fill scales
// with their legend. Pure. Nothing here copies the weights: a network at the API's limits has 94,000.
import { colourEta, sizes as sizesOf } from "../app/state.js";
import { matrixLayers } from "./cells.js";
import { targetLabelWidth } from "./labels.js";
import { activationScale, colourModelOfMax, largestIn, widthScale } from "./scales.js";
import { inputLabels } from "../training/dataset.js";

/**
 * @param {object} state the page's state
 * @param {object} result its /backprop answer; with `live`, a training frame's, whose layers hold
 *   only the chosen sample's pass (row 0) beside the whole batch's gradient
 * @param {{live?: boolean, known?: ((quantity, l, i, j) => number | null) | null}} options known: Derive
 *   mode's (derive/blanks.js knownOf): the a, z and ∂C/∂W are the learner's own numbers, null where they have
 *   none yet (the views show "?"), the fill's range is theirs, and the edges show W; warnings: {l: text}
 *   under layer l's head (a saturated layer, in Train)
 */
export function graphModel(state, result, { live = false, known = null, warnings = {} } = {}) {
  const { norm } = state.view;
  const eta = colourEta(state);
  const colorBy = known ? "weight" : state.view.colorBy;
  const W = state.network.weights;
  const G = result.gradients.weights;
  const sizes = sizesOf(state);
  const chosen = Math.min(state.view.sample, state.input.length - 1);
  const row = live ? 0 : Math.min(chosen, result.layers[0].a.length - 1);
  const source = colorBy === "weight" ? W : G;
  const k = colorBy === "update" ? -eta : 1;
  const colours = colourModelOfMax(source.map((m) => Math.abs(k) * largestIn(m)), norm);
  const maxW = Math.max(0, ...W.map(largestIn)) || 1;
  const matrix = matrixLayers(sizes, state.view.matrix ?? "auto");
  let edgeCount = 0; // the lines drawn: a matrix's weights are cells
  for (let l = 1; l < sizes.length; l++) if (!matrix.includes(l)) edgeCount += sizes[l] * sizes[l - 1];
  // one sample's a or z per layer (z^0: null); in Derive mode the learner's own (layer 0's a is the input, a given)
  const pass = (q) => result.layers.map((layer, l) => {
    const values = layer[q]?.[row] ?? null;
    return known && l > 0 && values ? values.map((_, i) => known(q, l, i)) : values;
  });
  const a = pass("a");
  const z = pass("z");
  const fill = activationScale(a.slice(1).flat().filter((v) => v !== null));
  return {
    sizes,
    W,
    dC_dW: known ? G.map((m, l) => m.map((r, i) => r.map((_, j) => known("dC_dW", l + 1, i, j)))) : G,
    a,
    z,
    y: state.target[live ? chosen : row],
    targetLabel: targetLabelWidth(state.target), // px: the widest y_i = … beside the outputs, over every sample
    activations: state.network.layers.map((x) => x.activation),
    warnings,
    inputs: state.data ? inputLabels(state.data) : null, // the inputs' names and formulas (a table's data)
    classes: state.data?.classes ?? null, // the outputs' class names (a text label's)
    matrix,
    edgeValue: (l, i, j) => k * source[l - 1][i][j],
    t: colours.t,
    colour: colours.colour,
    width: widthScale(maxW, edgeCount),
    fill,
    legend: { colorBy, norm, eta, legends: colours.legends, maxW, fill, live },
    live, // a training frame: the next one follows in a few tens of milliseconds
  };
}
