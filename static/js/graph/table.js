// The graph's numbers as a table, for a screen reader and for reading exactly: a layer's weights W_ij^l
// and gradients ∂C/∂W_ij^l, rows i of layer l, columns j of layer l−1, with its nodes' a and ∂C/∂z.
// Collapsed by default (a <details>); drawn only while open.
import { el, clear } from "../lib/dom.js";
import { fmt, isWide, pair } from "../lib/format.js";

const MAX = 24; // rows and columns shown; the rest is said

/** @param {HTMLDetailsElement} details  @param {{select(sel)}} intents */
export function createNumbersTable(details, { select }) {
  const layer = el("select", { id: "numbers-layer", class: "compact", "aria-label": "The layer whose weights the table shows" });
  const body = el("div", { class: "numbers-body" });
  clear(details).append(
    el("summary", {}, "The numbers as a table"),
    el("div", { class: "numbers-head" }, el("label", { for: "numbers-layer" }, "Layer "), layer),
    body);
  let last = null;
  let chosen = null;
  layer.addEventListener("change", () => {
    chosen = Number(layer.value);
    if (last) draw(last);
  });
  details.addEventListener("toggle", () => details.open && last && draw(last));

  /** d: the graph model (graph/model.js), sel: the selection (its layer is the table's, unless one is chosen) */
  function update(d, sel) {
    last = { d, sel };
    if (details.open) draw(last);
  }

  function draw({ d, sel }) {
    const L = d.sizes.length - 1;
    if (layer.options.length !== L) clear(layer).append(...Array.from({ length: L }, (_, k) => el("option", { value: k + 1 }, `W${k + 1}: layer ${k} → ${k + 1}`)));
    const l = Math.min(L, chosen ?? (sel?.l >= 1 ? sel.l : L));
    layer.value = String(l);
    clear(body).append(...table(d, l, select).filter(Boolean));
  }
  return { update };
}

function table(d, l, select) {
  const rows = Math.min(d.sizes[l], MAX);
  const cols = Math.min(d.sizes[l - 1], MAX);
  const wide = isWide(d.sizes, l);
  const head = el("tr", {}, el("th", { scope: "col" }, `node i of layer ${l}`),
    Array.from({ length: cols }, (_, j) => el("th", { scope: "col" }, `j = ${j}: W, ∂C/∂W`)));
  const body = Array.from({ length: rows }, (_, i) => el("tr", {},
    el("th", { scope: "row" }, `i = ${i}`),
    Array.from({ length: cols }, (_, j) => {
      const unknown = d.dC_dW[l - 1][i][j] === null; // Derive mode: not derived yet
      return el("td", { class: "num" },
        el("button", { type: "button", class: "link",
          "aria-label": `W_${pair(i, j, wide)}^${l} = ${fmt(d.W[l - 1][i][j], 6)}, ∂C/∂W = ${unknown ? "?" : fmt(d.dC_dW[l - 1][i][j], 6)}`,
          on: { click: () => select({ kind: "W", l, i, j }) } }, fmt(d.W[l - 1][i][j], 4)),
        el("span", { class: "grad" }, unknown ? "?" : fmt(d.dC_dW[l - 1][i][j], 4)));
    })));
  const more = d.sizes[l] > rows || d.sizes[l - 1] > cols
    ? el("p", { class: "muted small" }, `The first ${rows} × ${cols} of ${d.sizes[l]} × ${d.sizes[l - 1]}; a weight's card has every number.`)
    : null;
  return [el("div", { class: "table-scroll" }, el("table", { class: "numbers", dataset: { l } },
    el("caption", {}, `Layer ${l}'s weights W_ij (above) and gradients ∂C/∂W_ij (below); a weight opens its chain rule.`),
    el("thead", {}, head), el("tbody", {}, body))), more];
}
