import { test } from "node:test";
import assert from "node:assert/strict";
import { position, colourModel, colourAt, maxAbs, diverging } from "../../../static/js/graph/scales.js";

test("the diverging scale is centred at 0 and symmetric, linear and symlog", () => {
  for (const symlog of [false, true]) {
    assert.equal(position(0, 2, symlog), 0.5);
    assert.equal(position(2, 2, symlog), 1);
    assert.equal(position(-2, 2, symlog), 0);
    for (const v of [1e-6, 0.003, 0.4, 1.9]) {
      assert.ok(Math.abs(position(v, 2, symlog) + position(-v, 2, symlog) - 1) < 1e-12, `${v} mirrors ${-v}`);
      assert.ok(position(v, 2, symlog) > 0.5);
    }
  }
  assert.ok(position(0.002, 2, true) > position(0.002, 2, false), "symlog lifts small values");
});

test("colours at ±v are the two hues, 0 the neutral middle", () => {
  assert.equal(colourAt(0.5), colourAt(position(0, 1)));
  assert.notEqual(colourAt(0), colourAt(1));
  assert.equal(colourAt(-3), colourAt(0), "clamped");
  const [r0, , b0] = diverging(0).match(/\d+/g).map(Number);
  const [r1, , b1] = diverging(1).match(/\d+/g).map(Number);
  assert.ok(b0 > r0, "negative end is purple");
  assert.ok(r1 > b1, "positive end is orange");
});

test("network normalisation shares one symmetric domain; per layer has one each", () => {
  const values = [[0.001, -0.002], [0.5, -0.1]];
  const net = colourModel(values, "network");
  assert.equal(net.legends.length, 1);
  assert.deepEqual(net.legends[0].ticks, [-0.5, -0.25, 0, 0.25, 0.5]);
  assert.equal(net.t(2, 0.5), 1);
  assert.ok(Math.abs(net.t(1, -0.002) - 0.498) < 1e-12);
  const per = colourModel(values, "layer");
  assert.equal(per.legends.length, 2);
  assert.equal(per.t(1, -0.002), 0, "layer 1's largest reaches the end of its own scale");
  assert.equal(per.legends[0].m, 0.002);
  const sym = colourModel(values, "symlog");
  assert.ok(sym.legends[0].symlog);
  assert.ok(sym.t(1, -0.002) < net.t(1, -0.002));
});

test("an all-zero layer still has a usable domain", () => {
  assert.equal(maxAbs([0, 0]), 1);
  const m = colourModel([[0, 0]], "layer");
  assert.equal(m.t(1, 0), 0.5);
});
