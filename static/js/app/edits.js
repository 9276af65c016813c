// Edits of the network and its samples: each returns a new state; weights the edit does not touch are
// kept, and new ones are drawn from a generator seeded by the network's seed and the edit's place.
// Pure: no DOM, so node --test imports it as the browser does.
import { rng } from "../lib/rng.js";
import { sizes } from "./state.js";
import { fmt, subscript } from "../lib/format.js";

// Glorot-uniform, as the engine initialises sigmoid layers: U(±√(6/(n_in+n_out))).
function glorot(random, nOut, nIn) {
  const r = Math.sqrt(6 / (nIn + nOut));
  return Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => (2 * random() - 1) * r));
}

const clone = (x) => structuredClone(x);
const hasParams = (net) => Array.isArray(net.weights) && Array.isArray(net.biases);
const editRandom = (state, salt) => rng(((state.network.seed ?? 0) * 2654435761 + salt * 40503) >>> 0);

function fit(row, n, fill) {
  return row.length >= n ? row.slice(0, n) : row.concat(Array(n - row.length).fill(fill));
}

/** Change n_l. Rows of W^l and columns of W^(l+1) are added (seeded) or dropped at the end. */
export function resize(state, l, size) {
  const next = clone(state);
  const net = next.network;
  const old = net.layers[l].size;
  net.layers[l].size = size;
  if (l === 0) next.input = next.input.map((row) => fit(row, size, 0));
  if (l === net.layers.length - 1) next.target = next.target.map((row) => fit(row, size, 0));
  if (!hasParams(net) || size === old) return next;
  const random = editRandom(state, l * 1000 + size);
  const s = sizes(next);
  if (l > 0) {
    const fresh = glorot(random, s[l], s[l - 1]);
    net.weights[l - 1] = fresh.map((row, i) => (i < old ? net.weights[l - 1][i] : row));
    net.biases[l - 1] = fit(net.biases[l - 1], size, 0);
  }
  if (l < s.length - 1) {
    const fresh = glorot(random, s[l + 1], s[l]);
    net.weights[l] = net.weights[l].map((row, i) => row.slice(0, size).concat(fresh[i].slice(row.length, size)));
  }
  return next;
}

/**
 * The hidden layer "+ Hidden layer" adds: just before the output, as wide as the layer before it
 * (2 to 4 nodes), with its activation (sigmoid after the input).
 */
export function newLayer(state) {
  const layers = state.network.layers;
  const L = layers.length - 1;
  return { l: L, size: Math.max(2, Math.min(4, layers[L - 1].size)), activation: L > 1 ? layers[L - 1].activation : "sigmoid" };
}

/** Insert a hidden layer of `size` nodes as layer l (1 ≤ l ≤ L); W^l and W^(l+1) are new. */
export function addLayer(state, l, size, activation = "sigmoid") {
  const next = clone(state);
  const net = next.network;
  net.layers.splice(l, 0, { size, activation });
  if (!hasParams(net)) return next;
  const s = sizes(next);
  const random = editRandom(state, 7919 * l + size);
  net.weights.splice(l - 1, 1, glorot(random, s[l], s[l - 1]), glorot(random, s[l + 1], s[l]));
  net.biases.splice(l - 1, 0, Array(size).fill(0));
  return next;
}

/** Remove hidden layer l (0 < l < L); W^l and W^(l+1) give way to a new W joining its neighbours. */
export function removeLayer(state, l) {
  const next = clone(state);
  const net = next.network;
  net.layers.splice(l, 1);
  if (!hasParams(net)) return next;
  const s = sizes(next);
  const random = editRandom(state, 104729 * l);
  net.weights.splice(l - 1, 2, glorot(random, s[l], s[l - 1]));
  net.biases.splice(l - 1, 1);
  return next;
}

export function setActivation(state, l, activation) {
  const next = clone(state);
  next.network.layers[l].activation = activation;
  return next;
}

/** A new seed: the weights and biases are dropped, and the API initialises them from it. */
export function reseed(state, seed) {
  const next = clone(state);
  next.network = { layers: next.network.layers, seed };
  return next;
}

/** Set one parameter: {kind: "W", l, i, j} or {kind: "b", l, i}. */
export function setParameter(state, p, value) {
  const next = clone(state);
  if (p.kind === "W") next.network.weights[p.l - 1][p.i][p.j] = value;
  else next.network.biases[p.l - 1][p.i] = value;
  return next;
}

/** Set input or target value k of sample s. */
export function setSampleValue(state, which, s, k, value) {
  const next = clone(state);
  next[which][s][k] = value;
  return next;
}

/**
 * A data cell given no finite number (emptied, 1e400, text): the refusal the API would make, naming the
 * cell as the table does (x₁ of sample 2) and the value the graph keeps. text: what was typed.
 */
export function cellRefusal(which, s, k, text, kept) {
  const name = `${which === "input" ? "x" : "y"}${subscript(k)} of sample ${s + 1}`;
  return { field: `${which}[${s}][${k}]`, message: notFinite(name, text, kept) };
}

/** Why `text` is no value for `name`, and the value kept in its place. */
export function notFinite(name, text, kept) {
  const why = text === "" ? "empty, not a number" : Number.isNaN(Number(text)) ? `“${text}” is not a number` : `${text} is not a finite number`;
  return `${name}: ${why}; the graph keeps ${fmt(kept)}, the last value accepted.`;
}

export function addSample(state) {
  const next = clone(state);
  next.input.push(next.input[next.input.length - 1].slice());
  next.target.push(next.target[next.target.length - 1].slice());
  return next;
}

export function removeSample(state, s) {
  const next = clone(state);
  next.input.splice(s, 1);
  next.target.splice(s, 1);
  next.view.sample = Math.min(next.view.sample, next.input.length - 1);
  return next;
}
