// Finite differences beside the analytic value: the store asks /gradcheck (every parameter, within its
// limit) or /cost-curve (C at w − ε, w, w + ε for this one parameter, beyond it).
import { el, clear } from "../lib/dom.js";
import { texElement, texOfName } from "../lib/math.js";
import { fmt, texNum } from "../lib/format.js";
import { formula, paramName } from "./tex.js";

export function gradcheckSection(ctx, p, grad) {
  const name = paramName(p, ctx.state);
  const out = el("div", { class: "gradcheck-out" });
  const node = el("section", { class: "gradcheck" }, el("h3", {}, "Check: finite differences"), out);
  let shown;
  function update({ extras }) {
    const entry = extras.check;
    if (entry === shown) return;
    shown = entry;
    if (!entry || entry.status === "pending") clear(out).append(el("p", { class: "muted" }, "Checking with finite differences…"));
    else if (entry.status === "error") clear(out).append(el("p", { class: "field-error" }, entry.error.message));
    else compare(out, name, grad, entry.value);
  }
  update(ctx);
  return { node, update };
}

/** What was checked: every parameter (and the worst of them), or this one alone beyond the limit. */
function note({ eps, count, limit, worst }) {
  const how = `ε = ${eps}. Backprop gets the exact slope in one backward pass; the finite difference needs two forward passes per parameter. `;
  if (!worst) return [how, `This network has ${count} parameters, over the ${limit} a full check perturbs, so only this one was checked.`];
  return [how, `Every one of the ${count} parameters was checked: the largest relative error is ${fmt(worst.error, 2)} (`,
    texElement(texOfName(worst.name)), ").", ];
}

function compare(out, name, grad, check) {
  const { num } = check;
  const rel = Math.abs(num - grad) / Math.max(Math.abs(num), Math.abs(grad), 1e-12);
  clear(out).append(
    formula(`\\frac{C(${name} + \\varepsilon) - C(${name} - \\varepsilon)}{2\\varepsilon} = ${texNum(num, 8)}`),
    el("dl", { class: "compare" },
      el("div", {}, el("dt", {}, "backprop"), el("dd", { class: "num" }, fmt(grad, 10))),
      el("div", {}, el("dt", {}, "finite difference"), el("dd", { class: "num", dataset: { numeric: String(num) } }, fmt(num, 10))),
      el("div", {}, el("dt", {}, "relative error"), el("dd", { class: rel < 1e-5 ? "num ok" : "num warn" }, fmt(rel, 2)))),
    el("p", { class: "note" }, note(check)));
}
