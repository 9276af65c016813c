// The graph as a figure to take away: its SVG as drawn, a dense graph's canvas strokes as one
// <line class="edge"> per weight (the colour and width of the canvas's batch), and the legend
// under it as the page lays it out.
import { HALO } from "./canvas.js";
import { inlined, paint, standalone, svgEl } from "../lib/figure.js";

/**
 * The canvas's passes as groups of lines: each weight once, in the last pass that drew it (a
 * selected weight's mark over its dimmed stroke); a halo pass's batch first as a wider dark group.
 * @param {{batches: {colour, width, edges}[], alpha: number, halo?: boolean}[]} passes
 * @returns {{colour: string, width: number, opacity: number, halo: boolean, edges: object[]}[]}
 */
export function canvasStrokes(passes) {
  const last = new Map();
  passes.forEach((p, k) => p.batches.forEach((b) => b.edges.forEach((e) => last.set(e.id, k))));
  const groups = [];
  passes.forEach((p, k) => {
    for (const b of p.batches) {
      const edges = b.edges.filter((e) => last.get(e.id) === k);
      if (!edges.length) continue;
      if (p.halo) groups.push({ colour: HALO, width: b.width + 3, opacity: p.alpha, halo: true, edges });
      groups.push({ colour: b.colour, width: b.width, opacity: p.alpha, halo: false, edges });
    }
  });
  return groups;
}

/** The canvas's strokes as SVG: a group per batch (its width and alpha), a line per weight with its colour. */
function canvasEdges(passes) {
  const root = svgEl("g", { class: "edges", "stroke-linecap": "butt" });
  for (const s of canvasStrokes(passes)) {
    const { value, alpha } = paint(s.colour);
    const group = svgEl("g", { class: s.halo ? "halo" : "batch", "stroke-width": s.width, opacity: s.opacity === 1 ? null : s.opacity });
    const line = svgEl("line", s.halo ? { stroke: value, "stroke-opacity": alpha } : { class: "edge", stroke: value });
    for (const e of s.edges) {
      const el = line.cloneNode(false);
      if (!s.halo) {
        el.setAttribute("data-l", e.l);
        el.setAttribute("data-i", e.i);
        el.setAttribute("data-j", e.j);
      }
      for (const k of ["x1", "y1", "x2", "y2"]) el.setAttribute(k, Math.round(e[k] * 100) / 100);
      group.append(el);
    }
    root.append(group);
  }
  return root;
}

/**
 * The graph's SVG as drawn, for a figure, and the box it fills on the page; a dense graph's edges
 * (undisplayed lines on the page) are the canvas's strokes. @param passes the canvas's, or null
 */
export function graphSvg(svg, passes) {
  const node = inlined(svg);
  if (passes) node.insertBefore(canvasEdges(passes), node.querySelector(":scope > g.overlay"));
  const box = svg.getBoundingClientRect();
  node.setAttribute("width", box.width);
  node.setAttribute("height", box.height);
  return { node, box };
}

/**
 * The graph with its legend under it, where the page lays them out.
 * @param {{figure(): {node, box} | null}} graph the graph view
 * @param {{figure(origin): {node, box}}} legend the legend view
 */
export function graphFigure(graph, legend) {
  const drawn = graph.figure();
  if (!drawn) return null;
  const { node, box } = drawn;
  const key = legend.figure(box);
  const size = { width: Math.max(box.width, key.box.right - box.left), height: Math.max(box.height, key.box.bottom - box.top) };
  return standalone([node, key.node], size, "graph");
}
