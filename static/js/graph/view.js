// The layered graph: layer 0 on the left to layer L on the right, one line per weight coloured by
// its gradient, nodes shaded by a. D3 keyed joins: new gradients recolour the existing edges, and the
// SVG is rebuilt only where the network's shape changed. Receives its container; selects nothing
// else. Dense graphs draw their edges on a canvas under the SVG (canvas.js); a layer of more than
// 10,000 weights, or any layer the learner switches (switches.js), is drawn as a matrix (matrix.js).
import * as d3 from "../../vendor/d3.js";
import { tex, sym } from "../lib/math.js";
import { isWide } from "../lib/format.js";
import { selectionKey } from "../app/selection.js";
import { createEdgeCanvas, nearestEdge } from "./canvas.js";
import { geometryFor } from "./geometry.js";
import { createEdges, DENSE } from "./edges.js";
import { createNodes } from "./nodes.js";
import { drawHeads, drawSideLabels, SIDE_LABELS_UP_TO } from "./labels.js";
import { markStage } from "./stage.js";
import { attachPointer } from "./pointer.js";
import { cellAt, toggled } from "./cells.js";
import { createMatrices } from "./matrix.js";
import { createSwitches } from "./switches.js";
import { graphSvg } from "./figure.js";
import { setAttr, setClass } from "../lib/dom.js";
import { markStale } from "../controls/stale.js";

const FORMULA_ROOM = 22; // px more on the left for a derived input's label, "sin x₀" where "x₀" was

const SLACK = 5; // px: how far from an edge on the canvas the pointer may be and still hit it

/**
 * @param {HTMLElement} container
 * @param {{select(sel), setView(changes)}} intents sel: {kind: "W", l, i, j} | {kind: "node", l, i} | null
 */
export function createGraph(container, { select, setView }) {
  const canvas = createEdgeCanvas(container);
  const svg = d3.select(container).append("svg").attr("class", "graph-svg").attr("role", "img")
    .attr("aria-label", "The network as a layered graph: a line per weight, coloured by its gradient. Its numbers are in the table below it.");
  const g = {
    container, canvas, svg,
    gHeads: svg.append("g").attr("class", "heads"),
    gEdges: svg.append("g").attr("class", "edges"),
    gOverlay: svg.append("g").attr("class", "overlay"),
    gCells: svg.append("g").attr("class", "cells"),
    gNodes: svg.append("g").attr("class", "nodes"),
    tip: d3.select(container).append("div").attr("class", "tooltip").attr("role", "status").attr("hidden", ""),
    tag: d3.select(container).append("div").attr("class", "edge-tag").attr("hidden", ""),
    geometry: null, data: null, selected: null, stage: null, dense: false, size: null, fitted: null,
  };
  g.edges = createEdges(g.gEdges, canvas);
  g.nodes = createNodes(g.gNodes);
  g.matrices = createMatrices(container, g.gCells, g.gCells);
  g.switches = createSwitches(container, (l) => g.data && setView({ matrix: toggled(g.data.sizes, g.data.matrix, l) }));
  const weightOf = (e) => (g.data && g.data.W[e.l - 1]?.[e.i]?.[e.j] !== undefined ? {
    w: g.data.W[e.l - 1][e.i][e.j], g: g.data.dC_dW[e.l - 1][e.i][e.j], wide: isWide(g.data.sizes, e.l),
  } : null); // g null: Derive mode, ∂C/∂W not derived yet; null: no such weight (any more)
  g.pointer = attachPointer({ svg, tip: g.tip, container }, {
    edgeAt: (event) => edgeAt(g, event),
    weightOf,
    onSelect: select,
    onHover: (e) => g.matrices.hovered(e),
  });
  let resizeFrame = 0;
  new ResizeObserver(([entry]) => {
    const [{ inlineSize: width, blockSize: height }] = entry.borderBoxSize;
    g.size = { width, height }; // as the last layout left it: an update reads no layout of its own
    fit(g); // before this frame is painted; the drawing follows on the next
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => g.data && update(g, g.data));
  }).observe(container);

  return {
    /** d: the graph model (graph/model.js): sizes, W, dC_dW, one sample's a and z, y, the scales. */
    update: (d) => update(g, d),
    select(sel) {
      const same = selectionKey(sel) === selectionKey(g.selected);
      g.selected = sel;
      if (!g.geometry || same) return;
      mark(g);
      g.edges.paint(g.data, g.geometry, g.dense, g.selected, g.stage);
    },
    /** stage: null (everything shown) | {phase: "forward"|"backward", l} */
    setStage(next) {
      g.stage = next;
      markStage(svg, g.gNodes, g.gEdges, next);
      if (!g.geometry) return;
      g.edges.paint(g.data, g.geometry, g.dense, g.selected, next);
      g.matrices.paint(g.data, next);
    },
    /** The numbers drawn are the last good network's, not the controls' (controls/stale.js). */
    stale: (on) => markStale(container, on),
    /** Weight W_ij^l as drawn: {w, g, colour} (a matrix's cell has no element to read them from). */
    cell: (l, i, j) => (g.data ? { ...weightOf({ l, i, j }), colour: g.data.colour(l, g.data.edgeValue(l, i, j)) } : null),
    /** The graph as drawn, for a figure (graph/figure.js): {node, box}, or null before the first draw. */
    figure() {
      if (!g.geometry) return null;
      const drawn = graphSvg(svg.node(), g.dense ? canvas.drawn() : null);
      g.matrices.intoFigure(drawn.node);
      return drawn;
    },
  };
}

/** The container's size: the ResizeObserver's, or read before it first reports. */
function box(g) {
  g.size ??= g.container.getBoundingClientRect();
  const { width, height } = g.size;
  return { width: Math.max(280, Math.round(width)), height: Math.max(240, Math.round(height)) };
}

/**
 * The SVG at the container's size in pixels rather than at 100% of it: the container grows in a
 * flex column, whose layout sized the SVG twice on every layout of the page (whatever changed, a
 * training readout say), and each time laid out all its text again (2-3 ms a training frame).
 */
function fit(g) {
  const { width, height } = g.size;
  if (g.fitted?.width === width && g.fitted?.height === height) return;
  g.fitted = { width, height };
  g.svg.style("width", `${width}px`).style("height", `${height}px`);
}

function update(g, d) {
  g.data = d;
  const formulas = d.inputs?.some((x) => x.formula) && d.sizes[0] <= SIDE_LABELS_UP_TO;
  const next = geometryFor(d.sizes, box(g), g.geometry, d.matrix, d.targetLabel, formulas ? FORMULA_ROOM : 0);
  fit(g);
  const changed = next !== g.geometry;
  g.geometry = next;
  g.dense = next.edges.length > DENSE;
  setClass(g.svg.node(), "dense", g.dense);
  setClass(g.svg.node(), "live", d.live);
  if (changed) {
    g.svg.attr("viewBox", `0 0 ${next.box.width} ${next.box.height}`);
    g.canvas.resize(next.box);
    g.edges.join(next, g.dense);
    g.matrices.place(next);
    g.switches.update(next, d.matrix);
  }
  // every update: a layer's activation changes without the shape changing
  drawHeads(g.gHeads, d, next.columns);
  g.edges.write(d, g.dense);
  const labelled = g.nodes.update(d, next, changed);
  drawSideLabels(g.gOverlay, d, next, labelled);
  mark(g);
  g.edges.paint(d, next, g.dense, g.selected, g.stage);
  g.matrices.paint(d, g.stage);
  g.pointer.refresh(changed);
}

/** The selection on the edges, the nodes, and the W_ij^l tag on a selected weight. */
function mark(g) {
  const s = g.selected;
  setClass(g.svg.node(), "has-selection", !!s);
  g.edges.mark(s);
  g.nodes.mark(s);
  g.matrices.mark(s);
  const e = s?.kind === "W" && g.geometry ? g.geometry.byLayer[s.l]?.find((x) => x.i === s.i && x.j === s.j) : null;
  const at = e ? { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2 } : s?.kind === "W" ? g.matrices.centre(s.l, s.i, s.j) : null;
  setAttr(g.tag.node(), "hidden", at ? null : "");
  if (at) {
    tex(g.tag.node(), sym.W(s.i, s.j, s.l, isWide(g.geometry.sizes, s.l)));
    g.tag.style("left", `${at.x}px`).style("top", `${at.y}px`);
  }
}

/** An SVG edge under the pointer, a matrix's cell, or on a dense graph the nearest edge on the canvas. */
function edgeAt(g, event) {
  const el = event.target.closest?.(".edge");
  if (el) return d3.select(el).datum();
  if (!g.geometry || event.target.closest?.(".node")) return null;
  if (!g.dense && !g.geometry.matrices.length) return null;
  // the matrices' canvases sit at their cells' place in the container's pixels
  const { left, top } = g.container.getBoundingClientRect();
  const cell = cellAt(g.geometry.matrices, event.clientX - left, event.clientY - top);
  if (cell || !g.dense) return cell;
  const [x, y] = d3.pointer(event, g.svg.node());
  return nearestEdge(g.geometry.byLayer, g.geometry.columns, x, y, SLACK);
}
