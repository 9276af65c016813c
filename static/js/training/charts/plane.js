// The input plane: with 2 inputs, the network's output over the plane as a heatmap (the decision
// boundary) with the data on top; with 1 input, the fitted curve over the data.
// Clicking reports the point in data coordinates and the sample under it, if any.
import * as d3 from "../../../vendor/d3.js";
import { fmt, tickFormat } from "../../lib/format.js";
import { LAYER_COLOURS } from "../../lib/palette.js";
import { clear, el, setAttr } from "../../lib/dom.js";

// Two classes: the ends of PuOr, as the edges use (purple 0, orange 1), through a pale middle.
const BINARY = d3.piecewise(d3.interpolateLab, ["#5e3c99", "#b2abd2", "#f7f7f7", "#fdb863", "#e66101"]);
export const classColour = (k, classes) => (classes <= 2 ? (k ? "#e66101" : "#5e3c99") : LAYER_COLOURS[k % LAYER_COLOURS.length]);

/** The class of a target row: its argmax for one-hot rows, 0/1 for one output. */
export const classOf = (row) => (row.length === 1 ? (row[0] >= 0.5 ? 1 : 0) : row.indexOf(Math.max(...row)));

export function createPlane(container, { onClick }) {
  // The heatmap is a canvas under the SVG (axes, curve, dots), repainted in place each frame: no
  // PNG to encode and decode per frame as an <image> needs. A figure takes it as an image (lib/figure.js).
  const stage = d3.select(container).append("div").attr("class", "plane-stage");
  const canvas = stage.append("canvas").attr("class", "plane-heat").attr("hidden", "").node();
  const svg = stage.append("svg").attr("class", "chart plane").attr("role", "img");
  const parts = {
    svg,
    canvas,
    curve: svg.append("path").attr("class", "fit"),
    gx: svg.append("g").attr("class", "axis x"),
    gy: svg.append("g").attr("class", "axis y"),
    dots: svg.append("g").attr("class", "dots"),
    xName: svg.append("text").attr("class", "axis-name x").attr("text-anchor", "middle"),
    yName: svg.append("text").attr("class", "axis-name y").attr("text-anchor", "middle"),
    legend: d3.select(container).append("div").attr("class", "plane-legend").attr("role", "group").attr("aria-label", "What the plane's colours and marks are").node(),
  };
  let scales = null;
  let current = null;
  let drawn = {}; // what the axes and dots were last drawn from

  svg.on("click", (event) => {
    if (!scales) return;
    const [px, py] = d3.pointer(event);
    const hit = event.target.closest?.("circle.dot");
    onClick({ x: scales.x.invert(px), y: scales.y.invert(py), sample: hit ? Number(hit.dataset.k) : -1, split: hit?.dataset.split ?? null });
  });

  /**
   * @param {{input, target, testInput, testTarget, xDomain, yDomain, grid, gridN, gridOutput,
   *          selected, classes, regression, oneInput}} d
   */
  function update(d, containerWidth = container.clientWidth) {
    current = d;
    const width = Math.max(220, Math.min(containerWidth || 320, 420));
    const height = d.oneInput ? Math.round(width * 0.7) : width;
    const named = Boolean(d.xLabel || d.yLabel); // a table's columns: the axes say which inputs they are
    const m = { top: 8, right: 8, bottom: named ? 36 : 24, left: named ? 50 : 36 };
    setAttr(svg.node(), "viewBox", `0 0 ${width} ${height}`);
    const x = d3.scaleLinear().domain(d.xDomain).range([m.left, width - m.right]);
    const y = d3.scaleLinear().domain(d.yDomain).range([height - m.bottom, m.top]);
    scales = { x, y };
    const axesKey = `${width}|${height}|${d.xDomain}|${d.yDomain}|${d.xLabel}|${d.yLabel}`;
    const dotsKey = `${axesKey}|${d.selected}|${d.regression}|${d.classes}`;
    const same = drawn.input === d.input && drawn.testInput === d.testInput && drawn.target === d.target;
    if (drawn.axesKey !== axesKey) {
      drawAxes(parts, x, y, height, m);
      nameAxes(parts, d, width, height, m);
      placeHeat(canvas, width, height, m);
    }
    drawFit(parts, d, x, y);
    if (same && drawn.dotsKey === dotsKey) return;
    drawn = { input: d.input, testInput: d.testInput, target: d.target, axesKey, dotsKey };
    drawDots(parts, d, x, y);
    drawLegend(parts.legend, d);
  }

  return { update, redraw: () => current && update(current) };
}

function drawAxes({ gx, gy }, x, y, height, m) {
  gx.attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat(tickFormat(x, 5)));
  gy.attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(tickFormat(y, 5)));
}

function nameAxes({ xName, yName }, d, width, height, m) {
  xName.attr("x", (m.left + width - m.right) / 2).attr("y", height - 4).text(d.xLabel ?? "");
  yName.attr("transform", `translate(12,${(m.top + height - m.bottom) / 2}) rotate(-90)`).text(d.yLabel ?? "");
}

/** The canvas over the plot's area, in percentages of the SVG's box (which scales with its container). */
function placeHeat(canvas, width, height, m) {
  const pct = (v, of) => `${(100 * v) / of}%`;
  Object.assign(canvas.style, {
    left: pct(m.left, width), top: pct(m.top, height),
    width: pct(width - m.left - m.right, width), height: pct(height - m.top - m.bottom, height),
  });
}

/** The heatmap of the output (two inputs) or the fitted curve (one input). */
function drawFit({ svg, canvas, curve }, d, x, y) {
  const heat = Boolean(!d.oneInput && d.gridOutput);
  if (heat && (canvas.__output !== d.gridOutput || canvas.__regression !== d.regression)) paint(canvas, d);
  Object.assign(canvas, { __output: heat ? d.gridOutput : null, __regression: d.regression });
  if (canvas.hidden !== !heat) canvas.hidden = !heat;
  if (d.oneInput && d.gridOutput) {
    curve.attr("display", null).attr("d", d3.line().x((p) => x(p[0])).y((_, k) => y(d.gridOutput[k][0]))(d.grid));
  } else {
    setAttr(curve.node(), "display", "none");
  }
  setAttr(svg.node(), "data-drawn", d.gridOutput ? "true" : "false");
}

/** A regression's sample on the plane: its target on the heatmap's scale (dark on the curve, one input). */
function regressionColour(d, t) {
  if (d.oneInput || !d.targetRange) return "#38332d";
  return d3.interpolateViridis((t - d.targetRange[0]) / (d.targetRange[1] - d.targetRange[0] || 1));
}

function drawDots({ svg, dots }, d, x, y) {
  const points = [
    ...d.input.map((p, k) => ({ p, t: d.target[k], k, split: "train" })),
    ...(d.testInput ?? []).map((p, k) => ({ p, t: d.testTarget[k], k, split: "test" })),
  ];
  const py = (q) => (d.oneInput ? q.t[0] : q.p[1]);
  const chosen = (q) => q.split === "train" && q.k === d.selected;
  dots.selectAll("circle.dot").data(points, (q) => `${q.split}${q.k}`).join("circle")
    .attr("class", (q) => `dot ${q.split}${chosen(q) ? " selected" : ""}`)
    .attr("data-k", (q) => q.k)
    .attr("data-split", (q) => q.split)
    .attr("cx", (q) => x(q.p[0]))
    .attr("cy", (q) => y(py(q)))
    .attr("r", (q) => (chosen(q) ? 6 : 3.6))
    .attr("fill", (q) => (d.regression ? regressionColour(d, q.t[0]) : classColour(classOf(q.t), d.classes)))
    .attr("stroke", d.regression && !d.oneInput ? "#38332d" : null)
    .attr("fill-opacity", (q) => (q.split === "test" ? 0.25 : 1));
  svg.attr("aria-label", d.oneInput
    ? `The fitted curve over ${points.length} samples`
    : `The network's output over the input plane, with ${points.length} samples`);
}

/**
 * The plane's key, from the data drawn: the classes present (their colours), or the output's colour
 * scale for regression; training points and held-out test points (faint, outlined); the selected sample.
 */
export function planeKey(d) {
  const rows = [...d.target, ...(d.testTarget ?? [])];
  const items = [];
  if (d.regression) {
    // the heatmap spans the targets' range (paint): the key says which
    const [lo, hi] = d.targetRange ?? [0, 1];
    if (!d.oneInput) items.push({ kind: "ramp", colours: [0, 0.5, 1].map(d3.interpolateViridis), text: `the output, ${fmt(lo, 3)} → ${fmt(hi, 3)}` });
    else items.push({ kind: "line", text: "the network's output" });
    items.push({ kind: "dot", colour: "#38332d", text: d.oneInput ? "samples (x, y)" : "samples" });
  } else {
    const present = [...new Set(rows.map(classOf))].sort((a, b) => a - b);
    for (const k of present) items.push({ kind: "dot", colour: classColour(k, d.classes), text: d.classNames?.[k] ?? `class ${k}` });
    if (!d.oneInput && d.classes <= 2) items.push({ kind: "ramp", colours: [0, 0.25, 0.5, 0.75, 1].map(BINARY), text: "the output, 0 → 1" });
    else if (!d.oneInput) items.push({ kind: "text", text: "behind: the class the network picks, paler where unsure" });
  }
  if (d.testInput?.length) {
    // the marks' shapes in a neutral grey: the colour is the class's
    items.push({ kind: "dot", colour: "#8a847b", text: `training, filled (${d.input.length})` });
    items.push({ kind: "dot", colour: "rgba(138, 132, 123, 0.25)", test: true, text: `test, held out: faint, outlined (${d.testInput.length})` });
  }
  if (d.selected !== null && d.selected < d.input.length) items.push({ kind: "dot", colour: "#38332d", selected: true, text: `sample ${d.selected + 1}, shown in the graph` }); // samples count from 1 on the page
  return items;
}

function drawLegend(legend, d) {
  const items = planeKey(d);
  const key = JSON.stringify(items);
  if (legend.__key === key) return;
  legend.__key = key;
  clear(legend).append(...items.map((item) => {
    let mark = null;
    if (item.kind === "dot") {
      mark = el("span", { class: `key-dot${item.test ? " test" : ""}${item.selected ? " selected" : ""}`, "aria-hidden": "true" });
      mark.style.background = item.colour;
    } else if (item.kind === "ramp") {
      mark = el("span", { class: "key-ramp", "aria-hidden": "true" });
      mark.style.background = `linear-gradient(to right, ${item.colours.join(", ")})`;
    } else if (item.kind === "line") {
      mark = el("span", { class: "key-line", "aria-hidden": "true" });
    }
    return el("span", { class: "key-item", dataset: { kind: item.kind } }, mark, item.text);
  }));
}

// A colour ramp as a table of RGBA bytes (alpha 200), LEVELS + 1 steps: each pixel a lookup, not an
// interpolation and a colour parse (1,600 of them a frame); a step is within one 8-bit level of the exact colour.
const LEVELS = 1024;
const ramps = new Map();
function ramp(key, colourAt) {
  let table = ramps.get(key);
  if (!table) {
    table = new Uint8ClampedArray(4 * (LEVELS + 1));
    for (let k = 0; k <= LEVELS; k++) {
      const c = d3.rgb(colourAt(k / LEVELS));
      table.set([c.r, c.g, c.b, 200], 4 * k);
    }
    ramps.set(key, table);
  }
  return table;
}
const level = (v) => (v > 0 ? Math.round(Math.min(1, v) * LEVELS) : 0);

/** The grid's outputs as pixels: one pixel per grid point, smoothed by the browser. */
function paint(canvas, d) {
  const n = d.gridN;
  if (canvas.width !== n || canvas.height !== n) Object.assign(canvas, { width: n, height: n });
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(n, n);
  const one = d.regression ? ramp("viridis", d3.interpolateViridis) : ramp("binary", BINARY);
  d.gridOutput.forEach((out, k) => {
    let table = one;
    let at = 0;
    if (out.length === 1) {
      at = level(d.targetRange ? (out[0] - d.targetRange[0]) / (d.targetRange[1] - d.targetRange[0]) : out[0]);
    } else {
      const best = out.indexOf(Math.max(...out));
      const confidence = (out[best] - 1 / out.length) / (1 - 1 / out.length); // 0 at a tie, 1 when sure
      const colourAt = (c) => d3.interpolateLab("#f7f7f7", classColour(best, out.length))(0.15 + 0.6 * c);
      if (confidence >= 0 && confidence <= 1) {
        table = ramp(`${best}/${out.length}`, colourAt);
        at = level(confidence);
      } else { // outputs that are not probabilities: the colour as it is
        const c = d3.rgb(colourAt(confidence));
        table = [c.r, c.g, c.b, 200];
      }
    }
    for (let j = 0; j < 4; j++) img.data[4 * k + j] = table[4 * at + j];
  });
  ctx.putImageData(img, 0, 0);
}
