// On request: ∂a^L/∂a^l as the product of σ'(z)·W matrices, from the API's Jacobians, and ∂C/∂a_A^l
// again as ∂C/∂a^L times its column.
import { el, clear } from "../lib/dom.js";
import { texElement, sym } from "../lib/math.js";
import { pair, texNum, WIDE } from "../lib/format.js";
import { formula, jacobianChain, matrix } from "./tex.js";

/** The section: a button that asks for the Jacobians (intent), then the chain when they arrive. */
export function jacobianSection(ctx, l, A, s, { askJacobians }) {
  const L = ctx.result.layers.length - 1;
  const out = el("div", { class: "jacobian-out" });
  const button = el("button", { type: "button", class: "secondary", on: { click: () => askJacobians() } },
    "Show the Jacobian chain ", texElement(`\\partial a^{${L}}/\\partial a^{${l}}`));
  const node = el("section", { class: "jacobian", dataset: { control: "jacobian" } }, el("h3", {}, "As one matrix chain"), button, out);
  let shown = null;
  function update({ extras }) {
    const entry = extras.jacobians;
    if (entry === shown) return;
    shown = entry;
    button.disabled = entry?.status === "pending";
    if (!entry) clear(out);
    else if (entry.status === "pending") clear(out).append(el("p", { class: "muted" }, "Asking the API for the Jacobians…"));
    else if (entry.status === "error") clear(out).append(el("p", { class: "field-error" }, entry.error.message));
    else drawChain(out, ctx, entry.value.jacobians[l][s], l, A, s, L);
  }
  update(ctx);
  return { node, update };
}

function drawChain(out, { result }, J, l, A, s, L) {
  clear(out);
  const softmaxOut = result.layers[L].da_dz === null;
  out.append(formula(`\\frac{\\partial a^{${L}}}{\\partial a^{${l}}} = ${jacobianChain(l, L, softmaxOut)}`));
  const small = J.length <= 6 && J[0].length <= 8;
  const shown = small ? J : J.map((row) => [row[A]]);
  const lhs = small ? `\\frac{\\partial a^{${L}}}{\\partial a^{${l}}}` : `\\frac{\\partial a^{${L}}}{\\partial ${sym.a(A, l)}}`;
  out.append(formula(`${lhs} = ${matrix(shown)}`));
  const B = result.layers[0].a.length;
  const dCdaL = result.layers[L].dC_da[s].map((v) => B * v);
  const sum = dCdaL.reduce((acc, v, k) => acc + v * J[k][A], 0);
  const entry = `\\Big(\\frac{\\partial a^{${L}}}{\\partial a^{${l}}}\\Big)_{${pair("k", A, J.length >= WIDE || J[0].length >= WIDE)}}`;
  out.append(formula(`${sym.d("C", sym.a(A, l))} = \\sum_k ${sym.d("C", `a_k^{${L}}`)} ${entry} = ${texNum(sum, 6)}`));
  out.append(el("p", { class: "note" }, "The same number as the sum above: the backward pass is this product of matrices, applied one layer at a time."));
}
