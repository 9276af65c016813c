// The layered graph: layer 0 on the left to layer L on the right, one edge per weight.
// Keyed joins (ids from layout.js): new gradients recolour the existing edges; the SVG is
// rebuilt only where the network's shape changed. Receives its container; selects nothing else.
// Dense graphs draw their edges on a canvas under the SVG (edgecanvas.js); their .edge elements
// stay, undisplayed, as the carriers of each weight's data-* attributes and of the selection.
import * as d3 from "../vendor/d3.js";
import { layout } from "./layout.js";
import { fmt } from "./format.js";
import { tex, sym } from "./math.js";
import { strength } from "./scales.js";
import { createEdgeCanvas, nearestEdge, strokeBatches } from "./edgecanvas.js";

const MARGIN = { top: 50, right: 84, bottom: 22, left: 64 };
const DENSE = 400; // above this many edges, the canvas draws them
const SLACK = 5; // px: how far from an edge on the canvas the pointer may be and still hit it
const UNCOLOURED = "#b9b3aa"; // as .stage-forward .uncoloured .edge in app.css

/**
 * @param {HTMLElement} container
 * @param {{onSelect(sel), onHover?(sel)}} handlers sel: {kind: "W", l, i, j} | {kind: "node", l, i} | null
 */
export function createGraph(container, { onSelect }) {
  const canvas = createEdgeCanvas(container);
  const svg = d3.select(container).append("svg").attr("class", "graph-svg").attr("role", "img");
  const gHeads = svg.append("g").attr("class", "heads");
  const gEdges = svg.append("g").attr("class", "edges");
  const gOverlay = svg.append("g").attr("class", "overlay");
  const gNodes = svg.append("g").attr("class", "nodes");
  const tip = d3.select(container).append("div").attr("class", "tooltip").attr("role", "status").attr("hidden", "");
  const tag = d3.select(container).append("div").attr("class", "edge-tag").attr("hidden", "");

  let geometry = null; // {key, nodes, edges, r, columns, byLayer}
  let data = null;
  let selected = null;
  let stage = null;
  let dense = false;
  let edgeSel = null; // the keyed join's result, kept while the geometry holds
  let tipText = null;

  function size() {
    const { width, height } = container.getBoundingClientRect();
    return { width: Math.max(280, Math.round(width)), height: Math.max(240, Math.round(height)) };
  }

  function geometryFor(sizes) {
    const box = size();
    const key = `${sizes.join("-")}@${box.width}x${box.height}`;
    if (geometry && geometry.key === key) return { changed: false };
    const narrow = box.width < 440;
    const margin = narrow ? { top: 50, right: 74, bottom: 18, left: 40 } : MARGIN;
    const g = layout(sizes, { ...box, margin });
    g.r = Math.min(g.r, narrow ? 19 : 26);
    const byLayer = d3.range(sizes.length).map(() => []);
    for (const e of g.edges) byLayer[e.l].push(e);
    geometry = { key, ...g, byLayer, box, sizes, narrow };
    svg.attr("viewBox", `0 0 ${box.width} ${box.height}`);
    canvas.resize(box);
    return { changed: true };
  }

  /**
   * Draw or update. d: {sizes, W, dC_dW, a, z, y, activations, edgeValue(l,i,j), colour(l,v), width(|W|), fill(a)}
   * a, z: per layer, the chosen sample's rows; y: the chosen sample's target.
   */
  function update(d) {
    data = d;
    const { changed } = geometryFor(d.sizes);
    const { byLayer, nodes, r, columns, sizes } = geometry;
    const L = sizes.length - 1;
    const ls = d3.range(1, L + 1);
    dense = geometry.edges.length > DENSE;

    svg.classed("dense", dense);
    if (changed) {
      const layerGroups = gEdges.selectAll("g.layer-edges").data(ls, (l) => l)
        .join((enter) => enter.append("g").attr("class", "layer-edges").attr("data-l", (l) => l));
      edgeSel = layerGroups.selectAll("line.edge").data((l) => byLayer[l], (e) => e.id)
        .join((enter) => enter.append(newEdge));
      if (!dense) place(edgeSel);
      drawHeads(d, columns, L);
    }
    // Write an attribute only when its value changed: new gradients leave W (and widths) alone,
    // and a recolour of thousands of edges is then two attributes each (one on a dense graph,
    // whose colours and widths live on the canvas).
    edgeSel.each(function (e) {
      const w = d.W[e.l - 1][e.i][e.j];
      const g = d.dC_dW[e.l - 1][e.i][e.j];
      if (!dense) {
        const stroke = d.colour(e.l, d.edgeValue(e.l, e.i, e.j));
        const width = d.width(Math.abs(w));
        if (this.__stroke !== stroke) this.setAttribute("stroke", (this.__stroke = stroke));
        if (this.__width !== width) this.setAttribute("stroke-width", (this.__width = width));
      }
      if (this.__w !== w) this.setAttribute("data-weight", String((this.__w = w)));
      if (this.__g !== g) this.setAttribute("data-grad", String((this.__g = g)));
    });

    const nodeGroups = gNodes.selectAll("g.layer-nodes").data(d3.range(L + 1), (l) => l)
      .join((enter) => enter.append("g").attr("class", "layer-nodes").attr("data-l", (l) => l));
    const nodeSel = nodeGroups.selectAll("g.node").data((l) => nodes.filter((n) => n.l === l), (n) => n.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "node").attr("data-l", (n) => n.l).attr("data-i", (n) => n.i);
        g.append("circle");
        g.append("text").attr("class", "node-value").attr("text-anchor", "middle").attr("dy", "0.35em");
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
      put(this, "tabindex", tabindex);
      put(this, "aria-label", `a_${n.i}^${n.l} = ${fmt(a)}`);
      put(this, "data-a", String(a));
      put(this, "data-z", n.l === 0 ? null : String(d.z[n.l][n.i]));
      put(this.firstChild, "fill", d.fill(a));
      const text = this.lastChild;
      put(text, "font-size", fontSize);
      text.classList.toggle("on-dark", d.fill.dark(a));
      const value = labelled ? fmt(a, r > 19 ? 3 : 2) : "";
      if (text.textContent !== value) text.textContent = value;
    });
    drawSideLabels(d, labelled);
    applySelection();
    paintEdges();
  }

  // The canvas copies the SVG's rules: a selection dims the other edges to 0.28 (not in the
  // stage's current layer), a pending layer is at 0.1, a forward sweep greys the layers it passed.
  function paintEdges() {
    canvas.show(dense);
    if (!dense) return;
    const d = data;
    const s = selected;
    const { byLayer, sizes } = geometry;
    const colourOf = (e) => d.colour(e.l, d.edgeValue(e.l, e.i, e.j));
    const greyOf = () => UNCOLOURED;
    const widthOf = (e) => d.width(Math.abs(d.W[e.l - 1][e.i][e.j]));
    const marked = (e) => (s?.kind === "W" ? e.l === s.l && e.i === s.i && e.j === s.j
      : (s?.kind === "node" || s?.kind === "b") && e.l === s.l && e.i === s.i);
    const passes = [];
    const marks = [];
    for (let l = 1; l < sizes.length; l++) {
      const { pending, current, uncoloured } = stageOf(l);
      const alpha = pending ? 0.1 : 1;
      const colour = uncoloured ? greyOf : colourOf;
      passes.push({ batches: strokeBatches(byLayer[l], colour, widthOf, strength), alpha: s && !current ? alpha * 0.28 : alpha });
      const top = s ? byLayer[l].filter(marked) : [];
      if (top.length) marks.push({ batches: strokeBatches(top, colour, widthOf, strength), alpha, halo: s.kind === "W" });
    }
    canvas.draw([...passes, ...marks]);
  }

  function stageOf(l) {
    const forward = stage?.phase === "forward";
    const backward = stage?.phase === "backward";
    return {
      pending: (forward && l > stage.l) || (backward && l < stage.l),
      current: !!stage && l === stage.l && (backward || l > 0),
      uncoloured: forward && l <= stage.l,
    };
  }

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

  function put(el, name, value) {
    if (value === null) el.removeAttribute(name);
    else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function place(sel) {
    sel.attr("x1", (e) => e.x1).attr("y1", (e) => e.y1).attr("x2", (e) => e.x2).attr("y2", (e) => e.y2);
  }

  function drawHeads(d, columns, L) {
    const heads = gHeads.selectAll("g.head").data(columns, (_, l) => l)
      .join((enter) => {
        const g = enter.append("g").attr("class", "head");
        g.append("text").attr("class", "head-title").attr("text-anchor", "middle");
        g.append("text").attr("class", "head-sub").attr("text-anchor", "middle").attr("dy", 15);
        return g;
      })
      .attr("transform", (x) => `translate(${x},18)`);
    heads.select(".head-title").text((_, l) => `layer ${l}`);
    const gap = columns.length > 1 ? columns[1] - columns[0] : 200;
    heads.select(".head-sub").text((_, l) => {
      if (l === 0) return gap < 90 ? "input" : `input · ${d.sizes[0]}`;
      if (gap < 90) return d.activations[l];
      return `${d.activations[l]} · ${d.sizes[l]}${l === L && gap > 150 ? " · output" : ""}`;
    });
  }

  // a_i^0 = x at the inputs, y_i beside the outputs: short text, only where there is room.
  function drawSideLabels(d, labelled) {
    const { nodes, r, sizes } = geometry;
    const L = sizes.length - 1;
    const show = labelled || Math.max(sizes[0], sizes[L]) <= 12;
    const side = show ? nodes.filter((n) => n.l === 0 || n.l === L) : [];
    const labels = gOverlay.selectAll("text.side-label").data(side, (n) => n.id)
      .join((enter) => enter.append("text").attr("class", "side-label"))
      .attr("x", (n) => (n.l === 0 ? n.x - r - 6 : n.x + r + 6))
      .attr("y", (n) => n.y)
      .attr("dy", "0.35em")
      .attr("text-anchor", (n) => (n.l === 0 ? "end" : "start"));
    labels.each(function (n) {
      const rest = n.l === 0 ? "" : `= ${fmt(d.y[n.i], 3)}`;
      if (this.__rest === rest) return;
      this.__rest = rest;
      const t = d3.select(this);
      t.selectAll("tspan").remove();
      if (n.l === 0) sub(t, "x", n.i, rest);
      else sub(t, "y", n.i, rest).classed("target", true);
    });
  }

  function sub(t, base, i, rest) {
    t.append("tspan").attr("class", "var").text(base);
    t.append("tspan").attr("class", "subscript").attr("dy", "0.3em").text(i);
    t.append("tspan").attr("dy", "-0.3em").text(` ${rest}`);
    return t;
  }

  // ---- selection, hover, stages ----

  const selKey = (s) => (s ? `${s.kind}${s.l}_${s.i}_${s.j ?? ""}` : "");

  function applySelection() {
    const s = selected;
    svg.classed("has-selection", !!s);
    // Only the few marked edges are touched, not every edge (thousands on a dense graph).
    gEdges.selectAll(".edge.selected, .edge.related").classed("selected related", false);
    if (s?.kind === "W") gEdges.selectAll(`.edge[data-l="${s.l}"][data-i="${s.i}"][data-j="${s.j}"]`).classed("selected", true);
    if (s?.kind === "node" || s?.kind === "b") gEdges.selectAll(`.edge[data-l="${s.l}"][data-i="${s.i}"]`).classed("related", true);
    gNodes.selectAll("g.node").classed("selected", (n) =>
      ((s?.kind === "node" || s?.kind === "b") && n.l === s.l && n.i === s.i) ||
      (s?.kind === "W" && ((n.l === s.l && n.i === s.i) || (n.l === s.l - 1 && n.i === s.j))));
    const e = s?.kind === "W" && geometry ? geometry.byLayer[s.l]?.find((x) => x.i === s.i && x.j === s.j) : null;
    tag.attr("hidden", e ? null : "");
    if (e) {
      tex(tag.node(), sym.W(e.i, e.j, e.l));
      tag.style("left", `${(e.x1 + e.x2) / 2}px`).style("top", `${(e.y1 + e.y2) / 2}px`);
    }
  }

  // An SVG edge under the pointer, or on a dense graph the nearest edge on the canvas.
  function edgeAt(event) {
    const el = event.target.closest?.(".edge");
    if (el) return d3.select(el).datum();
    if (!dense || !geometry || event.target.closest?.(".node")) return null;
    const [x, y] = d3.pointer(event, svg.node());
    return nearestEdge(geometry.byLayer, geometry.columns, x, y, SLACK);
  }

  function showTip(event, e) {
    if (!data || !e) return hideTip();
    const w = data.W[e.l - 1][e.i][e.j];
    const g = data.dC_dW[e.l - 1][e.i][e.j];
    tip.attr("hidden", null);
    const text = `${sym.W(e.i, e.j, e.l)} = ${fmt(w, 5).replace("−", "-")} \\quad ${sym.d("C", sym.W(e.i, e.j, e.l))} = ${fmt(g, 5).replace("−", "-")}`;
    if (text !== tipText) tex(tip.node(), (tipText = text));
    const box = container.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    tip.style("left", `${Math.min(x + 14, box.width - 250)}px`).style("top", `${Math.max(4, y - 46)}px`);
  }

  function hideTip() {
    tip.attr("hidden", "");
    tipText = null;
  }

  svg.on("pointermove", (event) => {
    const e = edgeAt(event);
    svg.classed("over-edge", dense && !!e);
    if (e) showTip(event, e);
    else hideTip();
  });
  svg.on("pointerleave", hideTip);
  svg.on("click", (event) => {
    const e = edgeAt(event);
    if (e) return onSelect({ kind: "W", l: e.l, i: e.i, j: e.j });
    const n = event.target.closest?.(".node");
    if (n) return onSelect({ kind: "node", l: +n.dataset.l, i: +n.dataset.i });
    onSelect(null);
  });
  svg.on("keydown", (event) => {
    const n = event.target.closest?.(".node");
    if (n && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      onSelect({ kind: "node", l: +n.dataset.l, i: +n.dataset.i });
    }
  });

  return {
    update,
    select(sel) {
      const same = selKey(sel) === selKey(selected);
      selected = sel;
      if (!geometry || same) return;
      applySelection();
      paintEdges();
    },
    /** stage: null (everything shown) | {phase: "forward"|"backward", l} */
    setStage(next) {
      stage = next;
      const L = geometry ? geometry.sizes.length - 1 : 0;
      svg.classed("stage-forward", stage?.phase === "forward").classed("stage-backward", stage?.phase === "backward");
      gNodes.selectAll("g.layer-nodes")
        .classed("pending", (l) => stage?.phase === "forward" && l > stage.l)
        .classed("current", (l) => !!stage && l === stage.l);
      gEdges.selectAll("g.layer-edges")
        .classed("pending", (l) => (stage?.phase === "forward" && l > stage.l) || (stage?.phase === "backward" && l < stage.l))
        .classed("current", (l) => !!stage && l === stage.l && (stage.phase === "backward" || l > 0))
        .classed("uncoloured", (l) => stage?.phase === "forward" && l <= stage.l);
      if (geometry) paintEdges();
      return L;
    },
    resize() {
      if (data) update(data);
    },
  };
}
