// The graph's words: each layer's heading, x_i beside the inputs and y_i = … beside the outputs.
import { fmt, subscriptIndices } from "../lib/format.js";
import { setAttr, setText } from "../lib/dom.js";
import { plainName } from "../training/dataset.js";

/**
 * "layer l" and, where there is room, its activation, its size and which end it is. Called on every
 * update (a layer's activation can change while the shape stays); text written only when it changed.
 */
export function drawHeads(gHeads, d, columns) {
  const L = columns.length - 1;
  const heads = gHeads.selectAll("g.head").data(columns, (_, l) => l)
    .join((enter) => {
      const g = enter.append("g").attr("class", "head");
      g.append("text").attr("class", "head-title").attr("text-anchor", "middle");
      g.append("text").attr("class", "head-sub").attr("text-anchor", "middle").attr("dy", 15);
      g.append("text").attr("class", "head-sub head-note").attr("text-anchor", "middle").attr("dy", 29);
      g.append("text").attr("class", "head-warn").attr("text-anchor", "middle").attr("dy", 29);
      return g;
    })
    .each(function (x) { setAttr(this, "transform", `translate(${x},18)`); });
  // A head's room: the distance to the nearer column (beside a matrix, the columns are uneven).
  const room = (l) => Math.min(l > 0 ? columns[l] - columns[l - 1] : Infinity, l < L ? columns[l + 1] - columns[l] : Infinity, 200);
  heads.select(".head-title").each(function (_, l) { setText(this, room(l) < 60 ? `l = ${l}` : `layer ${l}`); });
  heads.select(".head-sub").each(function (_, l) { setText(this, sub(l)); });
  // under layer 0, the inputs' treatment: a table's standardised inputs are not the numbers in its file
  heads.select(".head-note").each(function (_, l) { setText(this, l === 0 && d.inputs?.[0]?.mean != null ? "standardised" : ""); });
  heads.select(".head-warn").each(function (_, l) { setText(this, d.warnings?.[l] ? `⚠ ${d.warnings[l]}` : ""); });
  function sub(l) {
    const gap = room(l);
    if (gap < 60) return "";
    if (l === 0) return gap < 90 ? "input" : `input · ${d.sizes[0]}`;
    if (gap < 90) return d.activations[l];
    return `${d.activations[l]} · ${d.sizes[l]}${l === L && gap > 150 ? " · output" : ""}`;
  }
}

const TARGET_DIGITS = 3;
// The side labels' glyphs (app.css .side-label): the monospaced text, the italic y, a subscript digit
const CHAR = 7.6;
const VAR = 8;
const SUB = 5.8;
const widths = new WeakMap(); // targets -> px: measured once per set of targets, not per training frame

/** px: the widest "y_i = …" label for these targets (samples × outputs), so the graph leaves it room. */
export function targetLabelWidth(targets) {
  if (!Array.isArray(targets)) return 0;
  if (widths.has(targets)) return widths.get(targets);
  let chars = 0;
  for (const row of targets) row.forEach((v) => (chars = Math.max(chars, fmt(v, TARGET_DIGITS).length)));
  const n = targets[0]?.length ?? 1;
  const width = Math.ceil(VAR + SUB * String(n - 1).length + CHAR * (3 + chars));
  widths.set(targets, width);
  return width;
}

/** End layers this small get their x_i and y_i labels even when their nodes are too small for a's value. */
export const SIDE_LABELS_UP_TO = 12;

/** a_i^0 = x at the inputs, y_i beside the outputs: short text, only where there is room. */
export function drawSideLabels(gOverlay, d, { nodes, r, sizes }, labelled) {
  const L = sizes.length - 1;
  const show = labelled || Math.max(sizes[0], sizes[L]) <= SIDE_LABELS_UP_TO;
  const side = show ? nodes.filter((n) => n.l === 0 || n.l === L) : [];
  const labels = gOverlay.selectAll("text.side-label").data(side, (n) => n.id)
    .join((enter) => enter.append("text").attr("class", "side-label").attr("dy", "0.35em"));
  labels.each(function (n) {
    // written only when changed: a training frame redraws the graph tens of times a second
    setAttr(this, "x", String(n.l === 0 ? n.x - r - 6 : n.x + r + 6));
    setAttr(this, "y", String(n.y));
    setAttr(this, "text-anchor", n.l === 0 ? "end" : "start");
    const input = n.l === 0 ? d.inputs?.[n.i] : null;
    const rest = n.l === 0 ? input?.formula ?? "" : `= ${fmt(d.y[n.i], TARGET_DIGITS)}`;
    if (this.__rest === rest && this.__about === input && this.__classes === d.classes) return;
    Object.assign(this, { __rest: rest, __about: input, __classes: d.classes });
    this.replaceChildren();
    if (input?.formula) this.append(formula(input.formula)); // a derived input is labelled by its formula, x₀²
    else if (n.l === 0) subscripted(this, "x", n.i, "");
    else subscripted(this, "y", n.i, rest).classList.add("target");
    const className = n.l === L ? d.classes?.[n.i] : null;
    const said = input && (input.formula || input.mean !== null || !plainName(input.name, n.i)) ? inputText(n.i, input)
      : className ? `${subscriptIndices(`y${n.i}`)}: the class ${className}` : "";
    if (said) this.append(svgNode("title", said)); // a column's name, a standardisation: on hover, and in the card
    this.dataset.about = said;
  });
}

/** In words, what input x_i is: its column or its formula, standardised or not. */
export function inputText(i, { name, formula, mean, sd }) {
  const what = formula ? subscriptIndices(formula) : name;
  const x = subscriptIndices(`x${i}`);
  if (mean === null) return formula ? `${x} = ${what}` : `${x}: ${what}`;
  return `${x} = (${what} − ${fmt(mean, 4)}) / ${fmt(sd, 4)}: ${what}, standardised`;
}

const svgNode = (tag, text) => {
  const t = document.createElementNS("http://www.w3.org/2000/svg", tag);
  t.textContent = text;
  return t;
};
const formula = (text) => svgNode("tspan", subscriptIndices(text));

function subscripted(text, base, i, rest) {
  const span = (cls, dy, content) => {
    const t = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
    if (cls) t.setAttribute("class", cls);
    if (dy) t.setAttribute("dy", dy);
    t.textContent = content;
    text.append(t);
  };
  span("var", null, base);
  span("subscript", "0.3em", String(i));
  span(null, "-0.3em", ` ${rest}`);
  return text;
}
