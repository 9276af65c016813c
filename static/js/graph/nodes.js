// The graph's nodes: a circle per node, shaded by its activation a, with a as text where it fits.
import * as d3 from "../../vendor/d3.js";
import { fmt } from "../lib/format.js";
import { setAttr, setClass, setText } from "../lib/dom.js";

const UNKNOWN_FILL = "#f4f1ec"; // a node whose a the learner is still to derive (Derive mode)
const MIN_FONT = 7; // px: a node's value set no smaller than this (then squeezed to fit)

function valueText() {
  const text = document.createElementNS(d3.namespaces.svg, "text");
  text.setAttribute("class", "node-value");
  text.setAttribute("text-anchor", "middle");
  text.setAttribute("dy", "0.35em");
  return text;
}

export function createNodes(gNodes) {
  /** Draw the nodes of `geometry` with d's a and z; returns whether they are big enough for labels. */
  function update(d, geometry, changed) {
    const { nodes, r, sizes } = geometry;
    const nodeGroups = gNodes.selectAll("g.layer-nodes").data(d3.range(sizes.length), (l) => l)
      .join((enter) => enter.append("g").attr("class", "layer-nodes").attr("data-l", (l) => l));
    const nodeSel = nodeGroups.selectAll("g.node").data((l) => nodes.filter((n) => n.l === l), (n) => n.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "node").attr("data-l", (n) => n.l).attr("data-i", (n) => n.i);
        g.append("circle");
        return g;
      });
    const labelled = r >= 11;
    const tabindex = sizes.reduce((s, n) => s + n, 0) <= 60 ? "0" : null;
    const fontSize = String(Math.max(8, Math.min(13, r * 0.62)));
    if (changed) nodeSel.attr("transform", (n) => `translate(${n.x},${n.y})`).select("circle").attr("r", r);
    // New gradients leave the nodes as they were: write only what changed, so that a recolour
    // invalidates no style or layout here.
    nodeSel.each(function (n) {
      const a = d.a[n.l][n.i];
      const unknown = a === null; // Derive mode: not derived yet (graph/model.js)
      setAttr(this, "tabindex", tabindex);
      setAttr(this, "aria-label", `a_${n.i}^${n.l} = ${unknown ? "?" : fmt(a)}`);
      setClass(this, "unknown", unknown);
      setAttr(this, "data-a", unknown ? null : String(a));
      setAttr(this, "data-z", n.l === 0 || d.z[n.l][n.i] === null ? null : String(d.z[n.l][n.i]));
      setAttr(this.firstChild, "fill", unknown ? UNKNOWN_FILL : d.fill(a));
      // a's value as text where the circle holds it; a node too small has no text element (a network
      // at the API's limits has 622 nodes)
      const value = !labelled ? "" : unknown ? "?" : fmt(a, r > 19 ? 3 : 2);
      const text = this.childNodes[1] ?? (value ? this.appendChild(valueText()) : null);
      if (!text) return;
      // a long value (3.5·10⁻⁵) set smaller to fit the circle, its glyphs kept in shape; squeezed
      // (textLength) only past the smallest size that still reads
      const fits = (2 * r - 4) / (value.length * 0.62);
      const size = Math.max(MIN_FONT, Math.min(Number(fontSize), fits));
      const wide = fits < MIN_FONT;
      setAttr(text, "font-size", String(Math.round(size * 10) / 10));
      setClass(text, "on-dark", !unknown && d.fill.dark(a));
      setText(text, value);
      setAttr(text, "textLength", wide ? String(2 * r - 4) : null);
      setAttr(text, "lengthAdjust", wide ? "spacingAndGlyphs" : null);
    });
    return labelled;
  }

  /** A selected node, or the two ends of a selected weight, marked. */
  function mark(s) {
    gNodes.selectAll("g.node").each(function (n) {
      setClass(this, "selected", ((s?.kind === "node" || s?.kind === "b") && n.l === s.l && n.i === s.i) ||
        (s?.kind === "W" && ((n.l === s.l && n.i === s.i) || (n.l === s.l - 1 && n.i === s.j))));
    });
  }

  return { update, mark };
}
