// The run's three charts, each in its figure: the network's output over the input plane (with its
// click tools), the cost over steps, and ‖∂C/∂W^l‖ per layer over steps.
import { el, clear, setAttr, setClass, setText } from "../../lib/dom.js";
import { blockFigure } from "../../lib/figure.js";
import { figureButtons } from "../../controls/figure-buttons.js";
import { planeGrid } from "../body.js";
import { extent } from "../grids.js";
import { isRegression, planeTools } from "../points.js";
import { createLossCurve } from "./cost.js";
import { createGradNorms } from "./gradnorms.js";
import { createPlane } from "./plane.js";
import { axisNames, createAxesPicker } from "./axes.js";
import { subscriptIndices } from "../../lib/format.js";
import { compareLabel, labelA } from "../compare.js";

/** A column's name on an axis: a plain x0 or y1 in the page's notation (x₀, y₁), any other name as it is. */
const shownName = (name) => (/^[xy]\d+$/.test(name) ? subscriptIndices(name) : name);

// While training plays, the cost and gradient-norm charts are redrawn at most this often (every other
// frame at 30 frames a second): each redraw rebuilds four paths of up to 400 points, a third of a
// frame's drawing. The numbers, the graph and the plane follow every frame; any other draw (pause,
// step, a stop) draws the whole history at once.
export const PLAYING_CHART_MS = 50;

export function createCharts({ onPlaneClick, onTool, onFigure, onPlane }) {
  const planeBox = el("div", { class: "chart-box plane-box" });
  const lossBox = el("div", { class: "chart-box" });
  const normBox = el("div", { class: "chart-box" });
  const tools = el("div", { class: "seg", role: "radiogroup", "aria-label": "Clicking the plane", dataset: { control: "plane-tools" } });
  const lossCurve = createLossCurve(lossBox);
  const gradNorms = createGradNorms(normBox);
  const plane = createPlane(planeBox, { onClick: onPlaneClick });
  const picker = createAxesPicker((changes) => onPlane(changes));
  // a comparison's run B: a second plane beside A's, each named (there only while comparing)
  const planeBoxB = el("div", { class: "chart-box plane-box" });
  let planeB = null;
  const [nameA, nameB] = [el("div", { class: "plane-name" }), el("div", { class: "plane-name" })];
  const planes = el("div", { class: "planes" },
    el("div", { class: "plane-col a" }, nameA, planeBox),
    el("div", { class: "plane-col b" }, nameB, planeBoxB));

  // The boxes' widths as the last layout left them, from a ResizeObserver: a frame reads none (read
  // after the graph's and the header's writes, they forced a layout of the whole page every frame).
  const measured = [lossBox, normBox, planeBox, planeBoxB];
  const seen = new Map();
  let last = null; // the update's arguments: a box that changes width is drawn again
  let charted = -Infinity; // when the step charts were last drawn
  const resized = new ResizeObserver(() => {
    const changed = measured.filter((box) => seen.get(box) !== box.clientWidth);
    changed.forEach((box) => seen.set(box, box.clientWidth));
    if (changed.length && last) update(...last);
  });
  measured.forEach((box) => resized.observe(box));

  /** Draw the run's history and the plane at the widths last laid out (no forced layouts). */
  function update(state, run) {
    last = [state, run];
    const widths = measured.map((box) => seen.get(box) ?? box.clientWidth);
    const b = state.compare && run.b;
    const labels = b ? [labelA(state, state.compare), compareLabel(state.compare)] : null;
    const more = { b: b ? run.b.history : null, labels, cursor: run.scrub };
    const now = performance.now();
    if (!run.playing || now - charted >= PLAYING_CHART_MS) {
      charted = now;
      lossCurve.update(run.history, widths[0], more);
      gradNorms.update(run.history, widths[1], more);
    }
    setClass(planes, "comparing", Boolean(b));
    if (b && !planeB) planeB = createPlane(planeBoxB, { onClick: onPlaneClick });
    if (!b && planeB) {
      clear(planeBoxB);
      planeB = null;
    }
    if (b) labels.forEach((label, k) => setText([nameA, nameB][k], label));
    const g = planeGrid(state);
    picker.update(state.data ?? null, state.view.sample ?? 0, g);
    setAttr(planeBox, "data-unavailable", g ? "false" : "true");
    if (!g) return;
    const nOut = state.network.layers.at(-1).size;
    const oneInput = state.network.layers[0].size === 1;
    const regression = isRegression(state);
    const allT = [...state.target, ...(state.test?.target ?? [])];
    const fits = (grid) => (grid && grid.length === g.points.length ? grid : null);
    const outputs = [fits(run.grid), b ? fits(run.b.grid) : null];
    const names = state.data ? axisNames(state.data) : null;
    const d = {
      input: g.dots?.input ?? state.input, target: state.target, testInput: g.dots?.testInput ?? state.test?.input ?? [], testTarget: state.test?.target ?? [],
      xLabel: names ? names[g.axes?.[0] ?? 0] : null, yLabel: names ? (oneInput ? state.data.columns[state.data.targets[0]] : names[g.axes?.[1] ?? 1]) : null,
      targetRange: regression ? extent(allT.map((r) => r[0]), 0) : null,
      xDomain: g.xDomain,
      yDomain: oneInput ? extent(allT.map((r) => r[0]).concat(...outputs.map((o) => (o ? o.map((r) => r[0]) : [])))) : g.yDomain,
      grid: g.points, gridN: g.n, gridOutput: outputs[0],
      selected: state.view.sample ?? 0, classes: Math.max(2, nOut), classNames: state.data?.classes ?? null, regression, oneInput,
    };
    plane.update(d, widths[2]);
    if (b) planeB.update({ ...d, gridOutput: outputs[1] }, widths[3]);
    drawTools(planeTools(state, run.tool));
  }

  function drawTools({ options, current }) {
    if (tools.children.length !== options.length) {
      clear(tools).append(...options.map(([v, label]) => el("button", {
        type: "button", class: "seg-button", role: "radio", dataset: { tool: v }, on: { click: () => onTool(v) },
      }, label)));
    }
    for (const b of tools.children) setAttr(b, "aria-checked", b.dataset.tool === current ? "true" : "false");
  }

  const boxes = { plane: planeBox, cost: lossBox, gradNorms: normBox };
  const caption = (which, what, ...text) => el("figcaption", {}, el("span", {}, ...text), figureButtons(which, what, onFigure));
  return {
    plane: el("figure", {}, caption("plane", "the input plane", "Output over the input plane"), tools, picker.el, planes),
    cost: el("figure", {}, caption("cost", "the cost chart", "Cost over steps"), lossBox),
    gradNorms: el("figure", {}, caption("gradNorms", "the gradient norms", "Gradient norm per layer, ‖∂C/∂W", el("sup", {}, "l"), "‖ (log scale)"), normBox),
    update,
    /** A chart with its key, as drawn, for a figure (lib/figure.js); null while it is not shown. */
    figure: (which) => blockFigure(boxes[which], which),
  };
}
