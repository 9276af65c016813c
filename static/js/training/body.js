// What a live-training frame asks the API for: POST /api/v1/train of a few steps, with the whole
// batch's gradient, one sample's backward pass (the nodes show it) and the output over a grid of
// the input plane, sent as its extent and resolution (the server lays out the same points as
// grid2d and grid1d). Pure: no DOM, so node --test imports it as the browser does.
import { TRAIN_DEFAULTS } from "../app/url.js";
import { extent, grid1d, grid2d } from "./grids.js";
import { activeFeatures, heldRow, networkRow, rawInputs } from "./dataset.js";

export const GRID_N = 40; // the heatmap's resolution: 40 × 40 outputs per frame
export const CURVE_N = 101; // points on the fitted curve for one input
// The grid's outputs come as 16-bit codes over their range (grid_format "u16"): a colour or a pixel of the
// curve needs no more (on a sigmoid's [0, 1] they are finer than 4 decimals), and the 1,600 outputs written
// as decimal text were most of a frame's answer and of the server's time encoding it (bench/train.py).
export const GRID_FORMAT = "u16";

/** The body of one frame's POST /api/v1/train, without optimizer_state (the trainer adds it). */
export function frameBody(state, grid = planeGrid(state)) {
  const t = state.train ?? TRAIN_DEFAULTS;
  const body = {
    network: state.network, input: state.input, target: state.target, loss: state.loss,
    learning_rate: t.learning_rate, steps: t.stepsPerFrame, optimizer: t.optimizer, seed: t.seed, l2: t.l2,
    // The charts get a frame's first and last step: every step's test cost and diagnostics cost the
    // server a third more per frame (bench/train.py), for curves that look the same.
    record_every: t.stepsPerFrame, diagnostics: true, gradients: true, backprop: true,
    backprop_samples: [Math.min(state.view.sample ?? 0, state.input.length - 1)],
  };
  if (t.batch_size) body.batch_size = t.batch_size;
  if (state.test?.input?.length) {
    body.test_input = state.test.input;
    body.test_target = state.test.target;
  }
  if (grid) Object.assign(body, grid.inputs ? { grid: grid.inputs } : { grid_extent: gridExtent(grid) }, { grid_format: GRID_FORMAT });
  return body;
}

/**
 * POST /api/v1/train as code to take away (the code dialog in Train): the training's settings and data
 * and a frame's steps from the current network, with a fresh optimizer, without what only the page
 * draws (the plane's grid, the gradients, one sample's pass, the diagnostics).
 */
export function trainRequest(state) {
  const { diagnostics, gradients, backprop, backprop_samples, record_every, ...body } = frameBody(state, null);
  return body;
}

/** grid_u16's outputs, point by point in one flat list: lo + code × (hi − lo) / 65535 for each 16-bit code. */
export function unpackU16({ lo, hi, data }) {
  const bytes = atob(data);
  const step = (hi - lo) / 65535;
  const out = new Array(bytes.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = lo + (bytes.charCodeAt(2 * k) | (bytes.charCodeAt(2 * k + 1) << 8)) * step;
  return out;
}

/** A frame's grid outputs as the plane draws them, a list of n_L outputs per point (null without a grid). */
export function gridOutput(res) {
  const flat = res.grid_u16 ? unpackU16(res.grid_u16) : res.grid_output;
  if (!flat) return null;
  const n = res.network.layers.at(-1).size;
  const rows = new Array(flat.length / n);
  for (let k = 0; k < rows.length; k++) rows[k] = flat.slice(k * n, (k + 1) * n);
  return rows;
}

/** The plane's grid as POST /api/v1/train's grid_extent: its spans and points per side. */
export function gridExtent(grid) {
  return grid.yDomain ? { x: grid.xDomain, y: grid.yDomain, n: grid.n } : { x: grid.xDomain, n: grid.n };
}

let last = { input: null, test: null, n0: 0, data: null, grid: null };

/**
 * Where the plane shows the network's output: a GRID_N² grid over the data (two inputs), CURVE_N
 * points along it (one input), or null (more inputs and no table to choose two of them from).
 * Remembered for the same data: every frame and every redraw asks for it.
 */
export function planeGrid(state) {
  const n0 = state.network.layers[0].size;
  const data = state.data ?? null;
  if (last.input === state.input && last.test === state.test && last.n0 === n0 && last.data === data) return last.grid;
  last = { input: state.input, test: state.test, n0, data, grid: data ? dataGrid(data, n0) : makeGrid(state, n0) };
  return last.grid;
}

/**
 * The grid over a table's data in its own units: over the plane's two chosen inputs (the others held),
 * or along its one input. `inputs`: each point as the network sees it (features, standardised), when
 * that is not the point itself; `dots`: the samples' coordinates on the plane.
 */
function dataGrid(data, n0) {
  const train = rawInputs(data, data.rows.train);
  const test = rawInputs(data, data.rows.test);
  const d = train[0].length;
  const [a, b] = d === 1 ? [0, -1] : d === 2 ? [0, 1] : data.axes;
  const all = [...train, ...test];
  const xDomain = extent(all.map((r) => r[a]));
  const on = (rows) => rows.map((r) => (d === 1 ? [r[0]] : [r[a], r[b]]));
  const dots = { input: on(train), testInput: on(test) };
  const plain = d <= 2 && !data.scale && !activeFeatures(data).length && n0 === d;
  if (d === 1) {
    const points = grid1d(xDomain, CURVE_N);
    return { points, xDomain, n: CURVE_N, dots, inputs: plain ? null : points.map((p) => networkRow(data, p)) };
  }
  const yDomain = extent(all.map((r) => r[b]));
  const points = grid2d(xDomain, yDomain, GRID_N);
  const held = heldRow(data);
  const inputs = plain ? null : points.map(([u, v]) => {
    const r = held.slice();
    [r[a], r[b]] = [u, v];
    return networkRow(data, r);
  });
  return { points, xDomain, yDomain, n: GRID_N, dots, inputs, axes: [a, b], held };
}

function makeGrid(state, n0) {
  if (n0 > 2) return null;
  const all = [...state.input, ...(state.test?.input ?? [])];
  const xDomain = extent(all.map((p) => p[0]));
  if (n0 === 1) return { points: grid1d(xDomain, CURVE_N), xDomain, n: CURVE_N };
  const yDomain = extent(all.map((p) => p[1]));
  return { points: grid2d(xDomain, yDomain, GRID_N), xDomain, yDomain, n: GRID_N };
}
