// "Show the operations": a node's neuron drawn as its computation graph (detail/ops-model.js), each
// box an operation with its value and ∂C/∂(its value), each arrow its local derivative, coloured by
// the gradient on the page's diverging scale. It follows the selected sample, and training frames.
import { el, clear } from "../lib/dom.js";
import { fmt } from "../lib/format.js";
import { colourAt, maxAbs, position } from "../graph/scales.js";
import { neuronOps } from "./ops-model.js";

const NS = "http://www.w3.org/2000/svg";
const BOX = { w: 92, h: 50 };
const PITCH = { x: 102, y: 72 };

const svgEl = (tag, attrs = {}, text = null) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
};

/** A name of the notation as SVG text: base, indices below, layer above (W, 0,1, 2), after a prefix (×). */
function nameText(name, x, y, prefix = "") {
  const t = svgEl("text", { x, y, "text-anchor": "middle", class: "op-name" });
  if (prefix) t.append(svgEl("tspan", {}, prefix));
  t.append(svgEl("tspan", { class: "var" }, name.base));
  if (name.sub?.length) t.append(svgEl("tspan", { class: "op-sub", dy: "0.3em" }, name.sub.join(",")));
  if (name.sup !== undefined && name.sup !== null) t.append(svgEl("tspan", { class: "op-sup", dy: name.sub?.length ? "-0.8em" : "-0.45em" }, String(name.sup)));
  return t;
}

/** The section of a node's card: a toggle, then the graph when open. */
export function opsSection(ctx, l, i, { toggleOps }) {
  const figure = el("div", { class: "ops-figure" });
  const button = el("button", { type: "button", class: "secondary", "aria-expanded": String(!!ctx.opsOpen), on: { click: () => toggleOps() } },
    ctx.opsOpen ? "Hide the operations" : "Show the operations");
  const node = el("section", { class: "ops" }, el("h3", {}, "The neuron as operations"), button, figure);
  function update(c) {
    if (!c.opsOpen) return clear(figure);
    draw(figure, neuronOps(c, l, i));
  }
  update(ctx);
  return { node, update };
}

function draw(figure, { nodes, edges, rows, cols }) {
  const width = cols * PITCH.x + 8;
  const height = rows * PITCH.y;
  const m = maxAbs(nodes.map((n) => n.grad ?? 0));
  const colour = (g) => (g === null || g === undefined ? "#b9b3aa" : colourAt(position(g, m)));
  const at = new Map(nodes.map((n) => [n.id, { x: 4 + n.col * PITCH.x + BOX.w / 2, y: n.row * PITCH.y + 4 }]));
  const svg = svgEl("svg", { class: "ops-graph", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": "The neuron as a computation graph: each operation's value and the gradient of the cost with respect to it" });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    const a = at.get(e.from), b = at.get(e.to);
    const x1 = a.x, y1 = a.y + BOX.h, x2 = b.x, y2 = b.y;
    svg.append(svgEl("path", { class: "op-edge", d: `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`,
      stroke: colour(byId.get(e.from).grad), "data-local": e.local === null ? "" : String(e.local) }));
    const label = e.local === null ? "J" : fmt(e.local, 3);
    svg.append(svgEl("text", { class: "op-local", x: (x1 + x2) / 2 + 3, y: (y1 + y2) / 2 + 3 }, label));
  }
  for (const n of nodes) svg.append(box(n, at.get(n.id), colour(n.grad)));
  clear(figure).append(
    el("p", { class: "note" }, "Each box: its value, and below it ∂C/∂(that value). Each arrow: its local derivative; ",
      "the chain rule multiplies them from C back."),
    el("div", { class: "ops-scroll" }, svg));
}

function box(n, { x, y }, stroke) {
  const g = svgEl("g", { class: `op${n.op === "leaf" ? " leaf" : ""}`, "data-op": n.op, "data-value": n.value === null ? "" : String(n.value),
    "data-grad": String(n.grad), "data-id": n.id });
  g.append(svgEl("rect", { x: x - BOX.w / 2, y, width: BOX.w, height: BOX.h, rx: n.op === "leaf" ? 12 : 6, stroke, "stroke-width": 2.2 }));
  if (n.op === "leaf") g.append(nameText(n.name, x, y + 15));
  else if (n.op === "mul") g.append(nameText(n.name, x, y + 15, "× "));
  else g.append(svgEl("text", { x, y: y + 15, "text-anchor": "middle", class: "op-symbol" }, n.symbol ?? ""));
  if (n.weight) {
    g.setAttribute("data-weight", String(n.weight.value));
    g.setAttribute("data-weight-grad", String(n.weight.grad));
  }
  g.append(svgEl("text", { x, y: y + 30, "text-anchor": "middle", class: "op-value" }, n.value === null ? "" : fmt(n.value, 4)));
  g.append(svgEl("text", { x, y: y + 44, "text-anchor": "middle", class: "op-grad" }, `∂C ${fmt(n.grad, 3)}`));
  return g;
}
