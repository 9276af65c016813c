// With a batch: each sample's product beside their mean, which is the gradient.
import { el } from "../lib/dom.js";
import { fmt } from "../lib/format.js";
import { chainFactors } from "./chain.js";

export function batchSection(ctx, p, B, grad) {
  const rows = [];
  let sum = 0;
  let names = [];
  for (let s = 0; s < B; s++) {
    const factors = chainFactors(ctx, p, s, B);
    names = factors.map((f) => f.name);
    const f = factors.map((x) => x.value);
    const v = f.reduce((x, y) => x * y, 1);
    sum += v;
    rows.push(el("tr", { class: s === ctx.state.view.sample ? "current" : null, dataset: { sample: s, value: String(v) } },
      el("td", {}, String(s + 1)), f.map((x) => el("td", { class: "num" }, fmt(x))), el("td", { class: "num strong" }, fmt(v)),
      el("td", {}, el("span", { class: "bar" }, el("span", { class: "bar-fill" })))));
  }
  const heads = { dC_da: "∂C_s/∂a", da_dz: "σ'(z)", dC_dz: "∂C_s/∂z", a_prev: "a_j" };
  const head = ["sample", ...names.map((n) => heads[n]), "∂C_s/∂" + p.kind, ""];
  const largest = Math.max(...rows.map((r) => Math.abs(Number(r.dataset.value))), 1e-300);
  for (const r of rows) {
    const v = Number(r.dataset.value);
    const b = r.lastChild.firstChild;
    b.classList.add(v < 0 ? "neg" : "pos");
    b.firstChild.style.width = `${(50 * Math.abs(v)) / largest}%`;
  }
  return el("section", { class: "batch" },
    el("h3", {}, `Each sample's share (B = ${B})`),
    el("table", { class: "terms batch-table", dataset: { mean: String(sum / B) } },
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: head.length - 2 }, "mean = ∂C/∂" + p.kind),
        el("td", { class: "num strong" }, fmt(sum / B)), el("td", {})))),
    el("p", { class: "note" }, `The gradient the API returns, ${fmt(grad, 6)}, is this mean.`));
}
