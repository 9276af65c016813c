// The page state, and the URL fragment that holds it: #s= + base64url (no padding) of its UTF-8 JSON.
// The state is the backprop request body (network with weights and biases, input, target, loss)
// plus the view options. Pure: no DOM, no d3, so node --test imports it as the browser does.

/** View options, with their defaults. */
export const VIEW_DEFAULTS = {
  colorBy: "gradient", // "gradient" dC/dW | "weight" W | "update" −η·dC/dW
  norm: "network", // "network": one scale | "layer": one per layer | "symlog"
  eta: 0.5, // η, for colorBy "update"
  sample: 0, // the sample whose activations the nodes show
  selected: null, // {kind: "W", l, i, j} | {kind: "b", l, i} | {kind: "node", l, i}
  mode: "explore", // "explore": one backward pass | "train": gradient descent on a dataset
};

export const MODES = ["explore", "train"];

export const COLOR_BY = ["gradient", "weight", "update"];
export const NORMS = ["network", "layer", "symlog"];

/** The page with no fragment: a small sigmoid network with one sample. */
export function defaultState() {
  return {
    network: {
      layers: [{ size: 2 }, { size: 3, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }],
      seed: 0,
    },
    input: [[0.6, -0.4]],
    target: [[1]],
    loss: "mse",
    view: { ...VIEW_DEFAULTS },
  };
}

/** The training setup that lives in the #s= state, with its defaults. */
export const TRAIN_DEFAULTS = {
  dataset: "xor", // xor | circle | spiral | gaussians | sine | custom (points edited or uploaded)
  samples: 200,
  noise: 0.15,
  dataSeed: 0, // the dataset's own seed
  classes: 2, // spiral and gaussians take 3+ (one-hot targets, softmax output)
  testFraction: 0.2, // held out, never trained on
  learning_rate: 1,
  batch_size: null, // null: the whole batch each step
  optimizer: "sgd",
  l2: 0,
  seed: 0, // the minibatch order
  stepsPerFrame: 10,
};

export const DATASETS = ["xor", "circle", "spiral", "gaussians", "sine"];
export const OPTIMIZERS = ["sgd", "momentum", "adam"];

/** A training setup from anything (a link, a file): known fields of the right type, else defaults. */
export function normaliseTrain(obj) {
  const t = { ...TRAIN_DEFAULTS };
  if (!obj || typeof obj !== "object") return t;
  const num = (k, ok) => {
    if (typeof obj[k] === "number" && Number.isFinite(obj[k]) && ok(obj[k])) t[k] = obj[k];
  };
  if ([...DATASETS, "custom"].includes(obj.dataset)) t.dataset = obj.dataset;
  if (OPTIMIZERS.includes(obj.optimizer)) t.optimizer = obj.optimizer;
  num("samples", (v) => Number.isInteger(v) && v >= 4);
  num("noise", (v) => v >= 0 && v <= 10);
  num("dataSeed", (v) => Number.isInteger(v) && v >= 0);
  num("classes", (v) => Number.isInteger(v) && v >= 2 && v <= 10);
  num("testFraction", (v) => v >= 0 && v < 1);
  num("learning_rate", (v) => v > 0);
  num("l2", (v) => v >= 0);
  num("seed", (v) => Number.isInteger(v) && v >= 0);
  num("stepsPerFrame", (v) => Number.isInteger(v) && v >= 1 && v <= 1000);
  if (obj.batch_size === null || (Number.isInteger(obj.batch_size) && obj.batch_size >= 1)) t.batch_size = obj.batch_size;
  return t;
}

// ---- the fragment ----

export function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = "";
  for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decode(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

export function toFragment(state) {
  return "#s=" + encode(state);
}

/** The state in a location.hash, or null when there is none. Throws on a malformed one. */
export function fromFragment(hash) {
  const m = /^#?s=([A-Za-z0-9_-]*)$/.exec(hash || "");
  return m ? normalise(decode(m[1])) : null;
}

/**
 * A state from any JSON-like object (an imported file, a fragment): the request body's fields
 * as they are (the API judges them) and the view options filled in. Throws an Error with a
 * learner's message when it is not even the right kind of object.
 */
export function normalise(obj) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
    throw new Error("it is not a JSON object with network, input and target");
  }
  for (const key of ["network", "input", "target"]) {
    if (!(key in obj)) throw new Error(`it has no "${key}" field`);
  }
  const view = { ...VIEW_DEFAULTS };
  const v = obj.view && typeof obj.view === "object" ? obj.view : {};
  if (COLOR_BY.includes(v.colorBy)) view.colorBy = v.colorBy;
  if (NORMS.includes(v.norm)) view.norm = v.norm;
  if (Number.isFinite(v.eta) && v.eta > 0) view.eta = v.eta;
  if (Number.isInteger(v.sample) && v.sample >= 0) view.sample = v.sample;
  if (isSelection(v.selected)) view.selected = v.selected;
  if (MODES.includes(v.mode)) view.mode = v.mode;
  const isRow = (x) => Array.isArray(x) && !x.some(Array.isArray);
  const state = {
    network: obj.network,
    input: isRow(obj.input) ? [obj.input] : obj.input,
    target: isRow(obj.target) ? [obj.target] : obj.target,
    loss: obj.loss ?? "mse",
    view,
  };
  // The training setup and the held-out samples, when there are any (the API judges the samples).
  if (obj.train && typeof obj.train === "object") state.train = normaliseTrain(obj.train);
  if (obj.test && Array.isArray(obj.test.input) && Array.isArray(obj.test.target)) {
    state.test = { input: obj.test.input, target: obj.test.target };
  }
  return state;
}

const index = (x) => Number.isInteger(x) && x >= 0;

/** {kind: "W", l, i, j} | {kind: "b", l, i} | {kind: "node", l, i}, with whole numbers; nothing else. */
export function isSelection(sel) {
  if (!sel || typeof sel !== "object" || !index(sel.l) || !index(sel.i)) return false;
  if (sel.kind === "W") return index(sel.j);
  return sel.kind === "b" || sel.kind === "node";
}

/** The body of POST /api/v1/backprop for a state. */
export function requestBody(state, extra = {}) {
  return { network: state.network, input: state.input, target: state.target, loss: state.loss, ...extra };
}

export const sizes = (state) => state.network.layers.map((layer) => layer.size);

/** Weights and biases in the state's network: Σ n_l (n_(l-1) + 1). */
export function parameterCount(state) {
  const n = sizes(state);
  let count = 0;
  for (let l = 1; l < n.length; l++) count += n[l] * (n[l - 1] + 1);
  return count;
}

// ---- edits: each returns a new state; weights the edit does not touch are kept ----

/** A seeded generator (mulberry32): new weights are reproducible, with no hidden global state. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Glorot-uniform, as the engine initialises sigmoid layers: U(±√(6/(n_in+n_out))).
function glorot(random, nOut, nIn) {
  const r = Math.sqrt(6 / (nIn + nOut));
  return Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => (2 * random() - 1) * r));
}

const clone = (x) => structuredClone(x);
const hasParams = (net) => Array.isArray(net.weights) && Array.isArray(net.biases);

/** A seed for the values an edit adds, drawn from the network's seed and the edit's place. */
function editRandom(state, salt) {
  return rng(((state.network.seed ?? 0) * 2654435761 + salt * 40503) >>> 0);
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

function fit(row, n, fill) {
  return row.length >= n ? row.slice(0, n) : row.concat(Array(n - row.length).fill(fill));
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

export function setView(state, changes) {
  return { ...state, view: { ...state.view, ...changes } };
}
