import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt, isWide, pair, texNum, texFactor } from "../../../static/js/lib/format.js";

test("numbers for people", () => {
  assert.equal(fmt(0.30400612, 4), "0.304");
  assert.equal(fmt(-1.312476, 4), "−1.312");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(1.5e-7, 3), "1.5·10⁻⁷");
  assert.equal(fmt(-9.155678e-6, 6), "−9.15568·10⁻⁶");
  assert.equal(texNum(-9.155678e-6, 6), "-9.15568\\cdot 10^{-6}");
  assert.equal(fmt(123456, 3), "1.23·10⁵");
  assert.equal(texNum(-1.5e-7, 3), "-1.5\\cdot 10^{-7}");
  assert.equal(texFactor(-2), "(-2)");
  assert.equal(texFactor(2), "2");
});

test("a weight's indices: run together below ten nodes, with a comma from ten on", () => {
  assert.equal(pair(2, 1, isWide([2, 3, 1], 2)), "21");
  assert.equal(pair(1, 0, isWide([2, 12, 1], 1)), "1,0", "layer 1 has 12 nodes");
  assert.equal(pair(0, 11, isWide([2, 12, 1], 2)), "0,11", "so does layer 2's input");
  assert.notEqual(pair(1, 10, true), pair(11, 0, true));
  assert.ok(!isWide([9, 9, 9], 2) && isWide([10, 2], 1));
});

test("tick labels have the digits their ticks need", async () => {
  const d3 = await import("../../../static/vendor/d3.js");
  const { tickFormat } = await import("../../../static/js/lib/format.js");
  const y = d3.scaleLinear().domain([0.41505, 0.41702]);
  const labels = y.ticks(4).map(tickFormat(y, 4));
  assert.equal(new Set(labels).size, labels.length, labels.join(" "));
  const x = d3.scaleLinear().domain([-1, 1]);
  assert.deepEqual(x.ticks(4).map(tickFormat(x, 4)), ["−1", "−0.5", "0", "0.5", "1"]);
});

test("ticksFormat: every tick written as itself, so that neighbours never read the same", async () => {
  const { ticksFormat, tickFormat } = await import("../../../static/js/lib/format.js");
  const close = [0.346000001, 0.346000002, 0.346000003, 0.346000004];
  const labels = close.map(ticksFormat(close));
  assert.equal(new Set(labels).size, close.length, labels.join(" "));
  assert.deepEqual([10000, 12500, 15000].map(ticksFormat([10000, 12500, 15000], 2)), ["10000", "12500", "15000"]);
  assert.deepEqual([0.6931, 0.6932, 0.6933].map(ticksFormat([0.6931, 0.6932, 0.6933], 2)), ["0.6931", "0.6932", "0.6933"]);
  assert.deepEqual([1e-5, 1e-4, 1e-3].map(ticksFormat([1e-5, 1e-4, 1e-3], 1)), ["1·10⁻⁵", "1·10⁻⁴", "0.001"]);
  const d3 = await import("../../../static/vendor/d3.js");
  for (const [a, b] of [[0.34612, 0.34613], [0.3157613, 0.3157614], [1 - 1e-9, 1], [-2e-7, 3e-7]]) {
    const y = d3.scaleLinear().domain([a, b]).nice();
    const shown = y.ticks(4).map(tickFormat(y, 4));
    assert.equal(new Set(shown).size, shown.length, `${a}..${b}: ${shown.join(" ")}`);
  }
});

test("plain text's indices as subscripts: x0² → x₀², y12 → y₁₂", async () => {
  const { subscriptIndices } = await import("../../../static/js/lib/format.js");
  assert.equal(subscriptIndices("x0²"), "x₀²");
  assert.equal(subscriptIndices("sin x1 and y12"), "sin x₁ and y₁₂");
});
