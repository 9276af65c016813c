import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { frameBody, gridExtent, gridOutput, planeGrid, unpackU16, GRID_FORMAT, GRID_N, CURVE_N } from "../../../static/js/training/body.js";
import { defaultState } from "../../../static/js/app/state.js";
import { TRAIN_DEFAULTS } from "../../../static/js/app/url.js";

const xor = () => ({
  ...defaultState(),
  input: [[-1, -1], [-1, 1], [1, -1], [1, 1]], target: [[0], [1], [1], [0]],
  test: { input: [[0.9, 0.8]], target: [[0]] },
  train: { ...TRAIN_DEFAULTS, batch_size: 2, stepsPerFrame: 7, learning_rate: 0.3 },
  view: { ...defaultState().view, sample: 9 },
});

test("a frame's body: the setup's steps and optimizer, the test set, one sample's pass, the plane's grid", () => {
  const s = xor();
  const body = frameBody(s);
  assert.equal(body.steps, 7);
  assert.equal(body.record_every, 7, "the charts get each frame's first and last step");
  assert.equal(body.learning_rate, 0.3);
  assert.equal(body.batch_size, 2);
  assert.deepEqual(body.backprop_samples, [3], "the chosen sample, clamped to the data");
  assert.deepEqual(body.test_input, [[0.9, 0.8]]);
  assert.deepEqual(body.grid_extent, { x: planeGrid(s).xDomain, y: planeGrid(s).yDomain, n: GRID_N }, "the grid by its extent");
  assert.ok(!("grid" in body), "not its 1,600 points");
  assert.equal(body.grid_format, "u16", "16-bit codes: a colour needs no more");
  assert.equal(GRID_FORMAT, "u16");
  assert.ok(!("grid_digits" in body) && !("grid_flat" in body));
  assert.ok(body.gradients && body.backprop && body.diagnostics);
  const whole = frameBody({ ...s, train: { ...s.train, batch_size: null }, test: { input: [], target: [] } });
  assert.ok(!("batch_size" in whole) && !("test_input" in whole));
});

test("a flat grid_output comes back as a list per point, n_L outputs each", () => {
  const layers = (n) => ({ network: { layers: [{ size: 2 }, { size: n }] } });
  assert.deepEqual(gridOutput({ ...layers(1), grid_output: [0.1, 0.2, 0.3] }), [[0.1], [0.2], [0.3]]);
  assert.deepEqual(gridOutput({ ...layers(3), grid_output: [0.1, 0.2, 0.7, 0.5, 0.25, 0.25] }), [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]);
  assert.equal(gridOutput({ ...layers(1) }), null, "no grid, no output");
});

test("grid_u16's codes come back as lo + code × (hi − lo) / 65535, point by point, n_L outputs each", () => {
  // codes 0, 65535, 32768, 1 little-endian: 00 00 ff ff 00 80 01 00
  const data = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x00, 0x80, 0x01, 0x00]).toString("base64");
  const packed = { lo: -1, hi: 3, data };
  const values = unpackU16(packed);
  assert.equal(values.length, 4);
  assert.equal(values[0], -1, "code 0 is lo");
  assert.ok(Math.abs(values[1] - 3) < 1e-12, "code 65535 is hi");
  assert.ok(Math.abs(values[2] - (-1 + (32768 * 4) / 65535)) < 1e-12);
  assert.ok(Math.abs(values[3] - (-1 + 4 / 65535)) < 1e-12, "the low byte first");
  const two = { network: { layers: [{ size: 2 }, { size: 2 }] } };
  assert.deepEqual(gridOutput({ ...two, grid_u16: packed }), [values.slice(0, 2), values.slice(2, 4)]);
  assert.deepEqual(unpackU16({ lo: 0.5, hi: 0.5, data: Buffer.from([0, 0, 0, 0]).toString("base64") }), [0.5, 0.5], "a flat output: every code 0");
});

test("the grid covers every point, train and test, and is made once for the same data", () => {
  const s = xor();
  const g = planeGrid(s);
  assert.equal(planeGrid(s), g, "remembered");
  const xs = g.points.map((p) => p[0]);
  assert.ok(Math.min(...xs) < -1 && Math.max(...xs) > 1);
  assert.ok(g.yDomain[1] > 1 && g.xDomain[0] < -1);
  const one = { ...s, network: { layers: [{ size: 1 }, { size: 1 }] }, input: [[0], [2]], test: null };
  assert.equal(planeGrid(one).points.length, CURVE_N);
  assert.equal(planeGrid({ ...s, network: { layers: [{ size: 3 }, { size: 1 }] }, input: [[0, 0, 0]] }), null, "no plane for 3 inputs");
});

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PYTHON = `${ROOT}.venv/bin/python`;

/** The points the server evaluates for a grid_extent (app/api/service/training.py), through the project's Python. */
function serverPoints(extent) {
  const code = "import json, sys; from app.api.service.training import grid_points; e = json.load(sys.stdin); " +
    "print(json.dumps(grid_points(e['x'], e.get('y'), e['n']).tolist()))";
  return JSON.parse(execFileSync(PYTHON, ["-c", code], { cwd: ROOT, input: JSON.stringify(extent) }));
}

test("the server evaluates the grid at exactly the points the plane draws", { skip: !existsSync(PYTHON) && "no .venv" }, () => {
  const s = xor();
  const plane = planeGrid({ ...s, input: [[-1.234, 0.5], [0.97, -0.71], [1.3, 1.11]] });
  assert.deepEqual(serverPoints(gridExtent(plane)), plane.points);
  const line = planeGrid({ ...s, network: { layers: [{ size: 1 }, { size: 1 }] }, input: [[-0.3], [2.71]], test: null });
  assert.deepEqual(serverPoints(gridExtent(line)), line.points);
});

test("the training request to take away: the settings and data of a frame, nothing only the page draws", async () => {
  const { trainRequest } = await import("../../../static/js/training/body.js");
  const { defaultState } = await import("../../../static/js/app/state.js");
  const { TRAIN_DEFAULTS } = await import("../../../static/js/app/url.js");
  const state = { ...defaultState(), train: { ...TRAIN_DEFAULTS, learning_rate: 0.3, batch_size: 4, optimizer: "adam", stepsPerFrame: 25 },
    test: { input: [[0, 0]], target: [[0]] } };
  const body = trainRequest(state);
  assert.deepEqual(Object.keys(body).sort(), ["batch_size", "input", "l2", "learning_rate", "loss", "network", "optimizer", "seed", "steps", "target", "test_input", "test_target"]);
  assert.equal(body.learning_rate, 0.3);
  assert.equal(body.steps, 25);
  assert.equal(body.optimizer, "adam");
});
