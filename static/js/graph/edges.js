// The graph's edges: one <line class="edge"> per weight, keyed by (l, i, j), carrying its W and ∂C/∂W
// as data-* attributes; on a sparse graph the lines themselves are drawn, on a dense one a canvas
// under the SVG draws them (canvas.js) and the lines stay, undisplayed, as the carriers.
import * as d3 from "../../vendor/d3.js";
import { strength } from "./scales.js";
import { strokeBatches } from "./canvas.js";
import { stageOf } from "./stage.js";

export const DENSE = 400; // above this many edges, the canvas draws them
const UNCOLOURED = "#b9b3aa"; // as .stage-forward .uncoloured .edge in app.css

// One pass per new edge (a dense graph makes thousands): a clone of a template, three attributes.
const template = document.createElementNS(d3.namespaces.svg, "line");
template.setAttribute("class", "edge");
function newEdge(e) {
  const el = template.cloneNode(false);
  el.setAttribute("data-l", e.l);
  el.setAttribute("data-i", e.i);
  el.setAttribute("data-j", e.j);
  return el;
}

export function createEdges(gEdges, canvas) {
  let joined = null; // the keyed join's result, kept while the geometry holds

  /** New geometry: one group per layer, one line per weight (kept where its key was there before). */
  function join(geometry, dense) {
    const { byLayer, sizes } = geometry;
    const layerGroups = gEdges.selectAll("g.layer-edges").data(d3.range(1, sizes.length), (l) => l)
      .join((enter) => enter.append("g").attr("class", "layer-edges").attr("data-l", (l) => l));
    joined = layerGroups.selectAll("line.edge").data((l) => byLayer[l], (e) => e.id).join((enter) => enter.append(newEdge));
    if (!dense) joined.attr("x1", (e) => e.x1).attr("y1", (e) => e.y1).attr("x2", (e) => e.x2).attr("y2", (e) => e.y2);
  }

  // Write an attribute only when its value changed: new gradients leave W (and widths) alone, and a
  // recolour of thousands of edges is then two attributes each (one on a dense graph, whose colours
  // and widths live on the canvas).
  function write(d, dense) {
    joined.each(function (e) {
      const w = d.W[e.l - 1][e.i][e.j];
      const g = d.dC_dW[e.l - 1][e.i][e.j];
      if (!dense) {
        const stroke = d.colour(e.l, d.edgeValue(e.l, e.i, e.j));
        const width = d.width(Math.abs(w));
        if (this.__stroke !== stroke) this.setAttribute("stroke", (this.__stroke = stroke));
        if (this.__width !== width) this.setAttribute("stroke-width", (this.__width = width));
      }
      if (this.__w !== w) this.setAttribute("data-weight", String((this.__w = w)));
      if (this.__g !== g) {
        this.__g = g;
        if (g === null) this.removeAttribute("data-grad"); // Derive mode: not derived yet
        else this.setAttribute("data-grad", String(g));
      }
    });
  }

  /** The selected edge, or the edges of a selected node, marked (only those few are touched). */
  function mark(s) {
    gEdges.selectAll(".edge.selected, .edge.related").classed("selected related", false);
    if (s?.kind === "W") gEdges.selectAll(`.edge[data-l="${s.l}"][data-i="${s.i}"][data-j="${s.j}"]`).classed("selected", true);
    if (s?.kind === "node" || s?.kind === "b") gEdges.selectAll(`.edge[data-l="${s.l}"][data-i="${s.i}"]`).classed("related", true);
  }

  // The canvas copies the SVG's rules: a selection dims the other edges to 0.28 (not in the stage's
  // current layer), a pending layer is at 0.1, a forward sweep greys the layers it passed.
  function paint(d, geometry, dense, s, stage) {
    canvas.show(dense);
    if (!dense) return;
    const { byLayer, sizes } = geometry;
    const colourOf = (e) => d.colour(e.l, d.edgeValue(e.l, e.i, e.j));
    const widthOf = (e) => d.width(Math.abs(d.W[e.l - 1][e.i][e.j]));
    const marked = (e) => (s?.kind === "W" ? e.l === s.l && e.i === s.i && e.j === s.j
      : (s?.kind === "node" || s?.kind === "b") && e.l === s.l && e.i === s.i);
    const passes = [];
    const marks = [];
    for (let l = 1; l < sizes.length; l++) {
      const { pending, current, uncoloured } = stageOf(stage, l);
      const alpha = pending ? 0.1 : 1;
      const colour = uncoloured ? () => UNCOLOURED : colourOf;
      passes.push({ batches: strokeBatches(byLayer[l], colour, widthOf, strength), alpha: s && !current ? alpha * 0.28 : alpha });
      const top = s ? byLayer[l].filter(marked) : [];
      if (top.length) marks.push({ batches: strokeBatches(top, colour, widthOf, strength), alpha, halo: s.kind === "W" });
    }
    canvas.draw([...passes, ...marks]);
  }

  return { join, write, mark, paint };
}
