// Where ∂C/∂a_A^l (or ∂C/∂z_A^L for softmax) comes from: the loss at the output, the sum over the
// layer above elsewhere, with each term in a table.
import { el } from "../lib/dom.js";
import { texElement, sym } from "../lib/math.js";
import { fmt, isWide, pair, texNum, texFactor } from "../lib/format.js";
import { sizes } from "../app/state.js";
import { LOSSES } from "../app/vocabulary.js";
import { sampleCost } from "./chain.js";
import { aligned, costTex, formula, outputDerivative, sumOverLayerAbove } from "./tex.js";

const MAX_TERMS_IN_MATH = 4;
// A card is narrow and MathML does not wrap a display formula: a term of three factors to a line, of two, two.
const termsPerLine = (elementwise) => (elementwise ? 1 : 2);
const MAX_ROWS = 16;

export function expansionSection(ctx, l, A, s, B) {
  const L = ctx.result.layers.length - 1;
  return l === L ? atTheOutput(ctx, A, s, B) : fromTheLayerAbove(ctx, l, A, s, B);
}

function atTheOutput({ state, result }, A, s, B) {
  const L = result.layers.length - 1;
  const out = result.layers[L];
  const n = out.a[0].length;
  const softmax = out.da_dz === null;
  const value = B * (softmax ? out.dC_dz[s][A] : out.dC_da[s][A]);
  const body = outputDerivative({
    loss: state.loss, softmax, A, L, Cs: sampleCost(s, B), a: (k) => out.a[s][k], y: state.target[s], n, value,
  });
  return el("section", { class: "expansion" },
    el("h3", {}, softmax ? "∂C/∂z at the output" : "∂C/∂a at the output", ` (${LOSSES[state.loss]?.long ?? state.loss})`),
    formula(body),
    el("p", { class: "note" }, "From the cost: ", texElement(costTex(state.loss, n)),
      B > 1 ? ` for one sample; C averages it over the ${B} samples.` : "."));
}

// Below the output: the sum over the nodes i of layer l+1 that a_A^l feeds.
function fromTheLayerAbove({ state, result }, l, A, s, B) {
  const next = result.layers[l + 1];
  const W = state.network.weights[l];
  const elementwise = next.da_dz !== null;
  const n = next.a[0].length;
  const terms = Array.from({ length: n }, (_, i) => {
    const f = elementwise ? [B * next.dC_da[s][i], next.da_dz[s][i], W[i][A]] : [B * next.dC_dz[s][i], W[i][A]];
    return { i, f, value: f.reduce((x, y) => x * y, 1) };
  });
  const total = terms.reduce((x, t) => x + t.value, 0);
  const Cs = sampleCost(s, B);
  const wide = isWide(sizes(state), l + 1);
  const shown = terms.slice(0, MAX_TERMS_IN_MATH).map((t) => t.f.map((v) => texFactor(v)).join("\\cdot "));
  const rows = [];
  const per = termsPerLine(elementwise);
  for (let k = 0; k < shown.length; k += per) rows.push(shown.slice(k, k + per).join(" + "));
  if (n > MAX_TERMS_IN_MATH) rows.push(`\\cdots\\ (${n - MAX_TERMS_IN_MATH}\\text{ more})`);
  const lines = [
    `${sym.d(Cs, sym.a(A, l))} &= ${sumOverLayerAbove({ Cs, l, A, elementwise, wide })}`,
    ...rows.map((r, k) => (k === 0 ? `&= ${r}` : `&\\quad + ${r}`)),
    `&= ${texNum(total, 6)}`,
  ];
  return el("section", { class: "expansion" },
    el("h3", {}, "∂C/∂a from the layer above"),
    formula(aligned(lines)),
    termsTable(terms, elementwise, l, A, total, wide));
}

function termsTable(terms, elementwise, l, A, total, wide) {
  const w = `W_${pair("i", A, wide)}`;
  const head = elementwise ? ["i", "∂C/∂a_i", "σ'(z_i)", w, "term"] : ["i", "∂C/∂z_i", w, "term"];
  const rows = terms.slice(0, MAX_ROWS).map((t) =>
    el("tr", {}, el("td", {}, String(t.i)), t.f.map((v) => el("td", { class: "num" }, fmt(v))), el("td", { class: "num strong" }, fmt(t.value))));
  return el("table", { class: "terms" },
    el("caption", {}, `layer ${l + 1}'s nodes i, each passing back its share`),
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows, terms.length > MAX_ROWS ? el("tr", {}, el("td", { colspan: head.length }, `… ${terms.length - MAX_ROWS} more`)) : null),
    el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: head.length - 1 }, "sum"), el("td", { class: "num strong" }, fmt(total)))));
}
