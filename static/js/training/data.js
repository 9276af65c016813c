// Training data: CSV in and out, the seeded train/test split, the nearest point, grids over the plane.
// Pure: no DOM, no d3, so node --test imports it as the browser does.
import { rng } from "../lib/rng.js";

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
