// The TeX the card typesets: the cost's formula and the pieces of each chain rule, in the
// derivation's notation, built from short named parts.
import { texElement, sym } from "../lib/math.js";
import { isWide, pair, texNum, texFactor } from "../lib/format.js";
import { sizes } from "../app/state.js";

/** A parameter's TeX name, W_{ij}^{l} (W_{i,j}^{l} once a layer is wide) or b_{i}^{l}. */
export const paramName = (p, state) => (p.kind === "W" ? sym.W(p.i, p.j, p.l, isWide(sizes(state), p.l)) : sym.b(p.i, p.l));

/** The cost C for a loss with n_L outputs. */
export function costTex(loss, n) {
  if (loss === "binary_cross_entropy") return `C = -\\frac{1}{${n}}\\sum_i \\big[y_i \\ln a_i^L + (1 - y_i)\\ln(1 - a_i^L)\\big]`;
  if (loss === "cross_entropy") return `C = -\\sum_i y_i \\ln a_i^L`;
  return `C = \\frac{1}{n_L}\\sum_i (a_i^L - y_i)^2`;
}

/** A display formula in a <div class="formula">. */
export const formula = (source) => texElement(source, { display: true, tag: "div", className: "formula" });

/** Lines aligned at their "&=": \begin{aligned}…\end{aligned}. */
export const aligned = (lines) => `\\begin{aligned}${lines.join("\\\\")}\\end{aligned}`;

/** A product of named factors, then of their numbers: the two right-hand sides of a chain rule. */
export const product = (factors) => factors.map((f) => f.tex).join(" \\cdot ");
export const productOfNumbers = (values) => values.map((v) => texFactor(v)).join(" \\cdot ");

/**
 * ∂C/∂a_A^L (∂C/∂z_A^L for a softmax output) at the output, with its numbers: the loss's own
 * derivative. Cs names the sample's cost, a(k) is a_k^L, y the sample's target row, n = n_L.
 */
export function outputDerivative({ loss, softmax, A, L, Cs, a, y, n, value }) {
  const aA = sym.a(A, L);
  const num = texNum(a(A));
  const yA = texFactor(y[A]);
  const result = texNum(value, 6);
  if (softmax && loss === "cross_entropy") {
    return `${sym.d(Cs, sym.z(A, L))} = ${aA} - y_{${A}} = ${num} - ${yA} = ${result}`;
  }
  // The long ones on aligned lines: a card is narrow, and MathML does not wrap a display formula.
  if (softmax) {
    const sum = `\\sum_k ${sym.d(Cs, "a_k^{" + L + "}")} a_k^{${L}}`;
    return aligned([`${sym.d(Cs, sym.z(A, L))} &= ${aA}\\Big(${sym.d(Cs, aA)} - ${sum}\\Big)`, `&= ${result}`]);
  }
  if (loss === "binary_cross_entropy") {
    const generic = `\\frac{1}{n_L}\\,\\frac{${aA} - y_{${A}}}{${aA}(1 - ${aA})}`;
    const numbers = `\\frac{1}{${n}}\\,\\frac{${num} - ${yA}}{${num}(1 - ${num})}`;
    return aligned([`${sym.d(Cs, aA)} &= ${generic}`, `&= ${numbers}`, `&= ${result}`]);
  }
  return `${sym.d(Cs, aA)} = \\frac{2}{n_L}(${aA} - y_{${A}}) = \\frac{2}{${n}}(${num} - ${yA}) = ${result}`;
}

/** Σ_i over layer l+1 for ∂C/∂a_A^l: through σ'(z) where elementwise, through ∂C/∂z for softmax. */
export function sumOverLayerAbove({ Cs, l, A, elementwise, wide = false }) {
  const above = l + 1;
  const W = `W_{${pair("i", A, wide)}}^{${above}}`;
  return elementwise
    ? `\\sum_i ${sym.d(Cs, `a_i^{${above}}`)}\\,\\sigma'(z_i^{${above}})\\,${W}`
    : `\\sum_i ${sym.d(Cs, `z_i^{${above}}`)}\\,${W}`;
}

/** ∂a^L/∂a^l as the product of the layers' ∂a/∂z · W, from the output back. */
export function jacobianChain(l, L, softmaxOut) {
  if (l === L) return "I";
  const factors = [];
  for (let k = L; k > l; k--) {
    const d = k === L && softmaxOut ? `(\\operatorname{diag}(a^{${k}}) - a^{${k}} a^{${k}\\top})` : `\\operatorname{diag}(\\sigma'(z^{${k}}))`;
    factors.push(`${d}\\,W^{${k}}`);
  }
  return factors.join("\\;");
}

/** A matrix of numbers, (…) around rows of `digits` significant digits. */
export const matrix = (rows, digits = 3) => `\\begin{pmatrix}${rows.map((r) => r.map((v) => texNum(v, digits)).join(" & ")).join("\\\\")}\\end{pmatrix}`;
