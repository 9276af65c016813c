// One neuron as its operations, micrograd's draw_dot made live: a node per operation (each product
// W_ij·a_j, the sum, + b, σ, and at the output (a − y), the square, the mean), each with its forward
// value and its gradient ∂C/∂(that value), each edge with its local derivative. Pure: node --test
// imports it. Gradients are the API's (/backprop's dC_dz carries the batch's 1/B, so these do too).

import { isWide, pair } from "../lib/format.js";

const MAX_PRODUCTS = 6; // beyond, the rest of the sum is one node

/**
 * @param {{state, result, live?: boolean}} ctx the page's state and its answer (a live frame holds one sample's pass)
 * @returns {{nodes: {id, op, name, value, grad, row, col}[], edges: {from, to, local}[], rows: number, cols: number}}
 */
export function neuronOps({ state, result, live = false }, l, i) {
  const s = live ? 0 : Math.min(state.view.sample, result.layers[0].a.length - 1);
  const L = result.layers.length - 1;
  const here = result.layers[l];
  const W = state.network.weights[l - 1][i];
  const b = state.network.biases[l - 1][i];
  const aPrev = result.layers[l - 1].a[s];
  const dz = here.dC_dz[s][i];
  const nodes = [];
  const edges = [];
  const add = (node) => (nodes.push(node), node.id);
  const link = (from, to, local) => edges.push({ from, to, local });

  const shown = Math.min(W.length, MAX_PRODUCTS);
  const wide = isWide(state.network.layers.map((x) => x.size), l);
  const cols = shown + (W.length > shown ? 1 : 0) + 1; // the products, the rest of them, b
  // Each product multiplies an input by its weight: the box names the weight, the arrow in is W_ij.
  for (let j = 0; j < shown; j++) {
    const a = add({ id: `a${j}`, op: "leaf", name: { base: "a", sub: [j], sup: l - 1 }, value: aPrev[j], grad: dz * W[j], row: 0, col: j });
    const m = add({ id: `mul${j}`, op: "mul", symbol: "×", name: { base: "W", sub: [pair(i, j, wide)], sup: l }, value: W[j] * aPrev[j], grad: dz, row: 1, col: j,
      weight: { value: W[j], grad: dz * aPrev[j] } });
    link(a, m, W[j]);
  }
  let sum = 0;
  for (let j = 0; j < W.length; j++) sum += W[j] * aPrev[j];
  const total = add({ id: "add", op: "add", symbol: "Σ", value: sum, grad: dz, row: 2, col: (cols - 2) / 2 });
  for (let j = 0; j < shown; j++) link(`mul${j}`, total, 1);
  if (W.length > shown) {
    let rest = 0;
    for (let j = shown; j < W.length; j++) rest += W[j] * aPrev[j];
    add({ id: "rest", op: "mul-rest", symbol: `${W.length - shown} more ×`, value: rest, grad: dz, row: 1, col: shown });
    link("rest", total, 1);
  }
  const bias = add({ id: "b", op: "leaf", name: { base: "b", sub: [i], sup: l }, value: b, grad: dz, row: 2, col: cols - 1 });
  const z = add({ id: "bias", op: "bias", symbol: "+ b", name: { base: "z", sub: [i], sup: l }, value: here.z[s][i], grad: dz, row: 3, col: (cols - 1) / 2 });
  link(total, z, 1);
  link(bias, z, 1);
  const elementwise = here.da_dz !== null;
  const a = add({ id: "act", op: "act", symbol: state.network.layers[l].activation, name: { base: "a", sub: [i], sup: l },
    value: here.a[s][i], grad: here.dC_da[s][i], row: 4, col: (cols - 1) / 2 });
  link(z, a, elementwise ? here.da_dz[s][i] : null); // softmax: each a depends on every z, no one number
  if (l === L) output(nodes, edges, { state, result, s, i, a, cols, live });
  return { nodes, edges, rows: 1 + Math.max(...nodes.map((n) => n.row)), cols };
}

/** The cost's operations on output i: (a − y), its square, the mean (MSE); one loss node otherwise. */
function output(nodes, edges, { state, result, s, i, a, cols, live }) {
  const L = result.layers.length - 1;
  const out = result.layers[L];
  const n = out.a[0].length;
  const B = live ? 1 : result.layers[0].a.length;
  const row = live ? Math.min(state.view.sample, state.input.length - 1) : s; // the sample's row in the state
  const y = state.target[row][i];
  const ai = out.a[s][i];
  const dA = out.dC_da[s][i];
  const mid = (cols - 1) / 2;
  const cost = out.a[s].reduce((c, v, k) => c + (state.loss === "mse" ? (v - state.target[row][k]) ** 2 / n : 0), 0);
  nodes.push({ id: "y", op: "leaf", name: { base: "y", sub: [i] }, value: y, grad: -dA, row: 5, col: cols - 1 });
  if (state.loss !== "mse") {
    nodes.push({ id: "loss", op: "loss", symbol: state.loss === "cross_entropy" ? "−Σ y ln a" : "−[y ln a + (1−y) ln(1−a)]", value: null, grad: 1 / B, row: 5, col: mid });
    edges.push({ from: a, to: "loss", local: B * dA }, { from: "y", to: "loss", local: null });
    return;
  }
  nodes.push(
    { id: "sub", op: "sub", symbol: "a − y", value: ai - y, grad: dA, row: 5, col: mid },
    { id: "square", op: "square", symbol: "( )²", value: (ai - y) ** 2, grad: 1 / (n * B), row: 6, col: mid },
    { id: "mean", op: "mean", symbol: `mean of ${n}`, name: { base: "C", sub: B > 1 ? [`(${s + 1})`] : [] }, value: cost, grad: 1 / B, row: 7, col: mid },
  );
  edges.push({ from: a, to: "sub", local: 1 }, { from: "y", to: "sub", local: -1 },
    { from: "sub", to: "square", local: 2 * (ai - y) }, { from: "square", to: "mean", local: 1 / n });
}
