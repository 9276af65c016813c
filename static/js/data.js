// Training data: CSV in and out, the seeded train/test split, points added and removed.
// Pure: no DOM, no d3, so node --test imports it as the browser does.
import { rng } from "./state.js";

/** The training setup that lives in the #s= state, with its defaults. */
export const TRAIN_DEFAULTS = {
  dataset: "xor", // xor | circle | spiral | gaussians | sine | custom (points edited or uploaded)
  samples: 200,
  noise: 0.15,
  dataSeed: 0, // the dataset's own seed
  classes: 2, // spiral and gaussians take 3+ (one-hot targets, softmax output)
  testFraction: 0.2, // held out, never trained on
  learning_rate: 0.1,
  batch_size: null, // null: the whole batch each step
  optimizer: "sgd",
  l2: 0,
  seed: 0, // the minibatch order
  stepsPerFrame: 5,
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

/**
 * Split samples into train and test: a seeded shuffle, the last ⌊f·N⌋ held out.
 * The same (data, fraction, seed) always gives the same split.
 */
export function split(input, target, fraction, seed) {
  const n = input.length;
  const order = Array.from({ length: n }, (_, k) => k);
  const random = rng(seed * 7919 + 17);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  const nTest = Math.min(n - 1, Math.floor(fraction * n));
  const pick = (idx) => ({ input: idx.map((k) => input[k]), target: idx.map((k) => target[k]) });
  return { train: pick(order.slice(0, n - nTest)), test: pick(order.slice(n - nTest)) };
}

// ---- CSV ----

/** The current data as CSV: a header row (x1.., y1..), then one sample per row. */
export function toCsv(input, target) {
  const nIn = input[0]?.length ?? 0;
  const nOut = target[0]?.length ?? 0;
  const head = [...Array.from({ length: nIn }, (_, k) => `x${k + 1}`), ...Array.from({ length: nOut }, (_, k) => `y${k + 1}`)];
  const rows = input.map((x, s) => [...x, ...target[s]].map(String).join(","));
  return [head.join(","), ...rows].join("\n") + "\n";
}

/**
 * Parse CSV text: a header row, then `nIn` input columns and `nOut` target columns per row.
 * Returns {input, target, errors}; each error names its line and says what is wrong.
 */
export function parseCsv(text, nIn, nOut) {
  const errors = [];
  const lines = String(text).replace(/^\uFEFF/, "").split(/\r?\n/);
  const width = nIn + nOut;
  const header = lines[0]?.trim();
  if (!header) return { input: [], target: [], errors: ["the file is empty: it needs a header row, then one sample per row"] };
  const cols = header.split(",").length;
  if (cols !== width) {
    errors.push(`line 1 (the header) has ${cols} columns, but the network needs ${nIn} input and ${nOut} target columns (${width} in all)`);
  }
  const input = [];
  const target = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line) continue;
    const cells = line.split(",");
    if (cells.length !== width) {
      errors.push(`line ${k + 1} has ${cells.length} values, but the network needs ${width}`);
      continue;
    }
    const values = cells.map((c) => (c.trim() === "" ? NaN : Number(c)));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      errors.push(`line ${k + 1}, column ${bad + 1}: “${cells[bad].trim().slice(0, 20)}” is not a finite number`);
      continue;
    }
    input.push(values.slice(0, nIn));
    target.push(values.slice(nIn));
  }
  if (!errors.length && input.length === 0) errors.push("the file has a header but no samples");
  return { input, target, errors };
}

// ---- points on the input plane ----

/** The sample nearest (x, y) within `radius`, or -1. */
export function nearest(input, x, y, radius) {
  let best = -1;
  let bestD = radius * radius;
  input.forEach((p, k) => {
    const d = (p[0] - x) ** 2 + ((p[1] ?? 0) - y) ** 2;
    if (d <= bestD) {
      best = k;
      bestD = d;
    }
  });
  return best;
}

/** A grid of n×n points over [x0,x1]×[y0,y1], row by row from the top (y1) down. */
export function grid2d([x0, x1], [y0, y1], n) {
  const points = [];
  for (let r = 0; r < n; r++) {
    const y = y1 - ((r + 0.5) / n) * (y1 - y0);
    for (let c = 0; c < n; c++) points.push([x0 + ((c + 0.5) / n) * (x1 - x0), y]);
  }
  return points;
}

/** n points evenly over [x0, x1], as one-input samples. */
export function grid1d([x0, x1], n) {
  return Array.from({ length: n }, (_, k) => [x0 + (k / (n - 1)) * (x1 - x0)]);
}

/** The extent of the data with a margin, never empty. */
export function extent(values, margin = 0.15) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * margin;
  return [lo - pad, hi + pad];
}
