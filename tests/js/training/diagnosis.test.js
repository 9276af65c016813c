import { test } from "node:test";
import assert from "node:assert/strict";
import { BLOWN_UP, blownUp, fastestGrowth, frozen, headWarnings, saturatedLayers, saturationSaid } from "../../../static/js/training/diagnosis.js";

const net = (w1, b1, w2, b2) => ({ weights: [w1, w2], biases: [b1, b2] });

test("a cost a thousand times the first is a divergence that names the fastest-growing parameters", () => {
  const start = net([[0.5]], [0.1], [[0.3]], [0]);
  const now = net([[0.6]], [0.1], [[0.3]], [8.1e9]);
  const history = [{ step: 0, loss: 0.27 }, { step: 10, loss: 6.5e20 }];
  const d = blownUp(history, 6.5e20, 10, start, now, 5);
  assert.equal(d.layer, 2);
  assert.match(d.message, /training diverged at step 10: C rose from 0.27/);
  assert.match(d.message, /biases of layer 2/);
  assert.match(d.message, /η = 5/);
  assert.equal(blownUp(history, 0.27 * BLOWN_UP * 0.99, 10, start, now, 5), null); // below the bound
  assert.equal(blownUp([], 1e9, 0, start, now, 5), null); // no first cost yet
  // a run that starts near 0 (a trained link) and wobbles a thousandfold is still small: not a divergence
  assert.equal(blownUp([{ step: 480, loss: 1e-5 }], 0.5, 490, start, now, 5), null);
  assert.notEqual(blownUp([{ step: 480, loss: 1e-5 }], 11, 490, start, now, 5), null);
});

test("the fastest growth compares each layer's largest |W| and |b| at step 0 and now", () => {
  const g = fastestGrowth(net([[1]], [0], [[1]], [0]), net([[-40]], [2], [[3]], [0]));
  assert.deepEqual(g, { l: 1, kind: "W", from: 1, to: 40 });
  assert.equal(fastestGrowth({ layers: [] }, net([[1]], [0], [[1]], [0])), null); // a seed-only start
});

test("saturated layers are those with at least half their units saturated, named with share and cause", () => {
  const layers = [{ size: 2 }, { size: 4, activation: "sigmoid" }, { size: 3, activation: "relu" }, { size: 1, activation: "sigmoid" }];
  const list = saturatedLayers([1, 2 / 3, 0.25], layers);
  assert.deepEqual(list.map((x) => x.l), [1, 2]);
  const said = saturationSaid(list);
  assert.match(said, /Layer 1 \(sigmoid\): 4 of its 4 units \(100%\) are saturated/);
  assert.match(said, /∂C\/∂W\^1 ≈ 0/);
  assert.match(said, /Layer 2 \(relu\): 2 of its 3 units .* are dead/);
  assert.doesNotMatch(said, /∂C\/∂W\^2 ≈ 0/); // one unit of three still passes gradient
  assert.deepEqual(headWarnings(list), { 1: "100% saturated", 2: "66.7% dead" });
  assert.deepEqual(saturatedLayers(undefined, layers), []);
});

test("a frozen cost has not moved over the last span of steps", () => {
  assert.equal(frozen([{ step: 0, loss: 0.5 }, { step: 60, loss: 0.5 }], 50), true);
  assert.equal(frozen([{ step: 0, loss: 0.5 }, { step: 60, loss: 0.49 }], 50), false);
  assert.equal(frozen([{ step: 0, loss: 0.5 }, { step: 10, loss: 0.5 }], 50), false); // too few steps to tell
});
