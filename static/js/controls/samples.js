// The samples as a table: inputs x = a^0 and targets y, one row per sample (explore mode; in train
// mode the data is edited on the plane or as CSV).
import { el } from "../lib/dom.js";
import { numberInput } from "./fields.js";

const MAX_COLUMNS = 8;
const FIT_COLUMNS = 5; // short numbers in this many columns fit the left panel; past it the table scrolls, and says so
const MAX_CHARS = 10; // a column's inputs are as wide as its longest value, up to this many characters

/** A value as its cell writes it: 12 significant digits, so 0.1 + 0.2 reads 0.3 (its title keeps every digit). */
// a refused cell's draft holds the text typed (1e400, "abc"): shown as it was typed
export const cellText = (v) => (typeof v === "number" ? String(Number(v.toPrecision(12))) : String(v));

/** Each column's width in characters: its longest value as written, so that no cell clips its number. */
export function columnChars(rows, count) {
  return Array.from({ length: count }, (_, k) => Math.min(MAX_CHARS, Math.max(3, ...rows.map((r) => cellText(r[k]).length))));
}

export function samplesSection(state, intents) {
  const n0 = state.network.layers[0].size;
  const nL = state.network.layers.at(-1).size;
  const B = state.input.length;
  const cols = Math.min(n0, MAX_COLUMNS);
  const colsY = Math.min(nL, MAX_COLUMNS);
  const head = el("tr", {}, el("th", { scope: "col" }, "#"),
    Array.from({ length: cols }, (_, k) => el("th", { scope: "col", class: "x" }, "x", el("sub", {}, String(k)))),
    Array.from({ length: colsY }, (_, k) => el("th", { scope: "col", class: "y" }, "y", el("sub", {}, String(k)))),
    B > 1 ? el("th", {}, el("span", { class: "visually-hidden" }, "remove")) : null);
  const chars = { input: columnChars(state.input, cols), target: columnChars(state.target, colsY) };
  // each cell names its field as the API does (input[s][k]): a refusal is placed beside it and marks it
  const cell = (which, s, k, v, cls) => {
    const input = numberInput(`${which === "input" ? "x" : "y"}-${s}-${k}`, cellText(v), `${which}[${s}][${k}]`,
      (val) => intents.setSample(which, s, k, val),
      { label: `${which === "input" ? "x" : "y"}_${k} of sample ${s + 1}`, onInvalid: (text) => intents.refuseSample(which, s, k, text) });
    input.style.width = `calc(${chars[which][k]}ch + 11px)`; // the number, its padding and border, a caret's pixel
    if (cellText(v) !== String(v)) input.title = String(v);
    return el("td", { class: cls }, input);
  };
  const rows = state.input.map((x, s) => el("tr", { class: s === state.view.sample ? "current" : null },
    el("th", { scope: "row" }, String(s + 1)),
    x.slice(0, cols).map((v, k) => cell("input", s, k, v, null)),
    state.target[s].slice(0, colsY).map((v, k) => cell("target", s, k, v, "y")),
    B > 1 ? el("td", {}, el("button", { type: "button", class: "icon-button", "aria-label": `remove sample ${s + 1}`, on: { click: () => intents.removeSample(s) } }, "×")) : null));
  return el("section", { class: "control-group", "aria-labelledby": "h-data", dataset: { control: "data" } },
    el("h2", { id: "h-data" }, "Data"),
    el("p", { class: "muted small" }, "Inputs x = a", el("sup", {}, "0"), " and targets y, one row per sample."),
    el("div", { class: "table-scroll", dataset: { field: "input target" } },
      el("table", { class: "samples" }, el("thead", {}, head), el("tbody", {}, rows))),
    cols + colsY > FIT_COLUMNS ? el("p", { class: "muted small scroll-hint" }, `${cols + colsY} columns: scroll the table sideways for all of them →`) : null,
    n0 > cols || nL > colsY ? el("p", { class: "muted small" }, `Only the first ${MAX_COLUMNS} columns are shown; import a file for the rest.`) : null,
    el("div", { class: "row" }, el("button", { type: "button", id: "add-sample", class: "secondary", on: { click: () => intents.addSample() } }, "+ Sample")),
    el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "input target" } }));
}
