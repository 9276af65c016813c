// The chain rule for one weight or bias, with one sample's numbers:
// ∂C/∂W_AB^l = ∂C/∂a_A^l · σ'(z_A^l) · a_B^(l-1) (∂C/∂z_A^l directly where softmax mixes its inputs).
import { el } from "../lib/dom.js";
import { texElement, sym } from "../lib/math.js";
import { fmt, texNum } from "../lib/format.js";
import { aligned, formula, paramName, product, productOfNumbers } from "./tex.js";

/** The sample's cost: C, or C_(s) within a batch. */
export const sampleCost = (s, B) => (B > 1 ? `C_{(${s + 1})}` : "C");

/**
 * The factors of parameter p's chain rule for sample s of B: {name, tex, value, what}. dC_da and dC_dz
 * are the API's, which carry the batch mean's 1/B: it is taken out (×B) to show one sample's cost.
 */
export function chainFactors({ state, result }, p, s, B) {
  const l = p.l, A = p.i;
  const Ls = result.layers[l];
  const Cs = sampleCost(s, B);
  const factors = Ls.da_dz !== null
    ? [
        { name: "dC_da", tex: sym.d(Cs, sym.a(A, l)), value: B * Ls.dC_da[s][A], what: `how the cost changes with the node's output a` },
        { name: "da_dz", tex: sym.sp(A, l), value: Ls.da_dz[s][A], what: `the slope of ${state.network.layers[l].activation} at z` },
      ]
    : [{ name: "dC_dz", tex: sym.d(Cs, sym.z(A, l)), value: B * Ls.dC_dz[s][A], what: "softmax mixes its inputs: ∂C/∂z taken directly" }];
  if (p.kind === "W") {
    factors.push({ name: "a_prev", tex: sym.a(p.j, l - 1), value: result.layers[l - 1].a[s][p.j], what: "the input this weight multiplies (∂z/∂W)" });
  }
  return factors;
}

export function chainSection(ctx, p, s, B) {
  const factors = chainFactors(ctx, p, s, B);
  const elementwise = factors[0].name !== "dC_dz";
  const value = factors.reduce((x, f) => x * f.value, 1);
  const target = paramName(p, ctx.state);
  const lines = [
    `${sym.d(sampleCost(s, B), target)} &= ${product(factors)}`,
    `&= ${productOfNumbers(factors.map((f) => f.value))}`,
    `&= ${texNum(value, 6)}`,
  ];
  const section = el("section", { class: "chain-rule", dataset: { product: String(value) } },
    el("h3", {}, "The chain rule", B > 1 ? ` — sample ${s + 1} of ${B}` : ""),
    formula(aligned(lines)),
    el("dl", { class: "factors" }, factors.map((f) =>
      el("div", { class: "factor", dataset: { name: f.name, value: String(f.value) } },
        el("dt", {}, texElement(f.tex)),
        el("dd", {}, el("span", { class: "num", title: String(f.value) }, fmt(f.value, 6)), el("span", { class: "what" }, f.what))))),
  );
  if (!elementwise) {
    section.append(el("p", { class: "note" }, "Softmax's σ'(z) is not elementwise: each a_k depends on every z_i (a Jacobian). So the chain goes through ∂C/∂z directly."));
  }
  if (B > 1) {
    section.append(el("p", { class: "note" },
      `C is the mean of the ${B} samples' costs, so ∂C/∂${p.kind === "W" ? "W" : "b"} is the mean of this product over the samples (table below). `,
      "The API's dC_da and dC_dz are derivatives of that mean: they carry the factor 1/B, taken out here."));
  }
  return section;
}
