// The card's TeX is typeset by Temml: every fragment it builds must parse (errors on).
import { test } from "node:test";
import assert from "node:assert/strict";
import temml from "../../../static/vendor/temml.js";
import * as T from "../../../static/js/detail/tex.js";

const parses = (tex) => assert.doesNotThrow(() => temml.renderToString(tex, { throwOnError: true }), tex);

test("the cost of each loss", () => {
  for (const loss of ["mse", "binary_cross_entropy", "cross_entropy"]) parses(T.costTex(loss, 3));
  assert.match(T.costTex("mse", 2), /\\frac\{1\}\{n_L\}/);
});

test("∂C/∂a at the output for each loss, with negative numbers in parentheses", () => {
  const args = { A: 1, L: 2, Cs: "C_{(2)}", a: (k) => [0.2, 0.7][k], y: [0, -1], n: 2, value: -0.1234 };
  for (const [loss, softmax] of [["mse", false], ["binary_cross_entropy", false], ["cross_entropy", true], ["mse", true]]) {
    const tex = T.outputDerivative({ ...args, loss, softmax });
    parses(tex);
    assert.match(tex, /= -0\.1234(\\end\{aligned\})?$/);
  }
  assert.match(T.outputDerivative({ ...args, loss: "mse", softmax: false }), /\(0\.7 - \(-1\)\)/);
});

test("the sum over the layer above, the Jacobian chain and a matrix", () => {
  parses(T.aligned([`x &= ${T.sumOverLayerAbove({ Cs: "C", l: 1, A: 0, elementwise: true })}`, `&= 1`]));
  parses(T.sumOverLayerAbove({ Cs: "C", l: 1, A: 0, elementwise: false }));
  parses(T.jacobianChain(0, 3, true));
  assert.equal(T.jacobianChain(2, 2, false), "I");
  assert.equal((T.jacobianChain(0, 2, false).match(/W\^/g) ?? []).length, 2);
  parses(T.matrix([[1, -2e-7], [0.5, 3]]));
});

test("a parameter's name takes a comma once a layer is wide", () => {
  const state = { network: { layers: [{ size: 2 }, { size: 12 }, { size: 1 }] } };
  assert.equal(T.paramName({ kind: "W", l: 1, i: 10, j: 1 }, state), "W_{10,1}^{1}");
  assert.equal(T.paramName({ kind: "W", l: 2, i: 0, j: 11 }, state), "W_{0,11}^{2}");
  assert.equal(T.paramName({ kind: "W", l: 1, i: 1, j: 0 }, { network: { layers: [{ size: 2 }, { size: 3 }] } }), "W_{10}^{1}");
  parses(T.sumOverLayerAbove({ Cs: "C", l: 1, A: 11, elementwise: true, wide: true }));
  assert.match(T.sumOverLayerAbove({ Cs: "C", l: 1, A: 11, elementwise: true, wide: true }), /W_\{i,11\}/);
});
