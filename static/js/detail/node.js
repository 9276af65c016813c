// A node's card: z, a, σ'(z), ∂C/∂a, ∂C/∂z (and y at the output), its incoming weights, and its
// bias's chain rule.
import { el } from "../lib/dom.js";
import { texElement, sym } from "../lib/math.js";
import { fmt, isWide, pair } from "../lib/format.js";
import { sizes } from "../app/state.js";
import { parameterCard } from "./parameter.js";
import { opsSection } from "./ops.js";
import { inputNote } from "./input-note.js";

const MAX_INCOMING = 64;

/** @returns {{node: HTMLElement, live: {update(ctx)}[]}} */
export function nodeCard(ctx, { l, i }, intents) {
  const { state, result } = ctx;
  const L = result.layers.length - 1;
  const B = result.layers[0].a.length;
  const s = Math.min(state.view.sample, B - 1);
  const act = l === 0 ? "input" : state.network.layers[l].activation;
  const node = el("div", { class: "panel node-panel", dataset: { l, i } },
    el("div", { class: "panel-head" },
      el("h2", {}, "Node ", texElement(sym.a(i, l))),
      el("span", { class: "pill" }, l === 0 ? "input" : l === L ? `output · ${act}` : `hidden · ${act}`),
      el("button", { class: "icon-button", type: "button", "aria-label": "Close", on: { click: () => intents.select(null) } }, "×")),
    quantities(ctx, l, i, s));
  if (B > 1) node.append(el("p", { class: "note" }, `Sample ${s + 1} of ${B}. ∂C/∂a and ∂C/∂z are parts of the batch cost C, so they carry its 1/B.`));
  if (l === 0) {
    node.append(el("p", { class: "note" }, "An input: a", el("sub", {}, String(i)), el("sup", {}, "0"), " = x", el("sub", {}, String(i)), state.data ? "." : ". Change it under Data."));
    const note = inputNote(state, i);
    if (note) node.append(note);
    return { node, live: [] };
  }
  const ops = opsSection(ctx, l, i, intents);
  node.append(ops.node, incoming(ctx, l, i, intents));
  const bias = parameterCard(ctx, { kind: "b", l, i }, intents);
  node.append(el("section", { class: "bias" }, el("h3", {}, "Bias ", texElement(sym.b(i, l))), bias.node));
  return { node, live: bias.live, ops };
}

function quantities({ state, result }, l, i, s) {
  const Ls = result.layers[l];
  const rows = [[sym.a(i, l), Ls.a[s][i], "a"]];
  if (l > 0) {
    rows.unshift([sym.z(i, l), Ls.z[s][i], "z"]);
    rows.push([sym.sp(i, l), Ls.da_dz ? Ls.da_dz[s][i] : null, "da_dz"]);
    rows.push([sym.d("C", sym.a(i, l)), Ls.dC_da[s][i], "dC_da"]);
    rows.push([sym.d("C", sym.z(i, l)), Ls.dC_dz[s][i], "dC_dz"]);
    if (l === result.layers.length - 1) rows.push([sym.y(i), state.target[s][i], "y"]);
  }
  return el("dl", { class: "quantities" }, rows.map(([t, v, key]) =>
    el("div", { dataset: { q: key, value: v === null ? "" : String(v) } }, el("dt", {}, texElement(t)),
      el("dd", { class: "num", title: v === null ? "" : String(v) }, v === null ? "a Jacobian (softmax)" : fmt(v, 6)))));
}

function incoming({ state, result }, l, i, intents) {
  const W = state.network.weights[l - 1][i];
  const g = result.gradients.weights[l - 1][i];
  return el("section", {}, el("h3", {}, "Incoming weights"),
    el("table", { class: "terms incoming" },
      el("thead", {}, el("tr", {}, ["", "W", "∂C/∂W"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, W.slice(0, MAX_INCOMING).map((w, j) => el("tr", {},
        el("td", {}, el("button", { type: "button", class: "link", "aria-label": `the weight W_${pair(i, j, isWide(sizes(state), l))}^${l}`,
          on: { click: () => intents.select({ kind: "W", l, i, j }) } }, texElement(sym.W(i, j, l, isWide(sizes(state), l))))),
        el("td", { class: "num" }, fmt(w)), el("td", { class: "num" }, fmt(g[j])))))));
}
