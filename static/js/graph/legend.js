// The legend: one bar per colour scale (one, or one per layer) with numbers, the width key and
// the node key. It follows the colour-by and normalisation switches. Beside the bar, the buttons
// that download the graph with its legend as a figure.
import * as d3 from "../../vendor/d3.js";
import { diverging, position } from "./scales.js";
import { fmt } from "../lib/format.js";
import { htmlAsSvg } from "../lib/figure.js";
import { setAttr, setClass, setText } from "../lib/dom.js";
import { figureButtons } from "../controls/figure-buttons.js";

const TITLES = {
  gradient: ["∂C/∂W", "purple: raising W lowers C · orange: raising W raises C"],
  weight: ["W", "purple: negative · orange: positive"],
  update: ["−η·∂C/∂W", "the change one gradient-descent step makes to each weight"],
};

const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (n) => String(n).replace(/\d/g, (c) => SUP[c]);
// While training live a number's box only widens, to its longest text so far in ch: the values
// change length from frame to frame (±0.0202, ±0.00391), and the legend re-wrapping with them
// resized the graph above it several times a second. Any other draw gives the boxes back their own widths.
function number(node, text, live) {
  setText(node, text);
  const ch = live ? Math.max(node.__ch ?? 0, text.length) : 0;
  if (node.__ch === ch) return;
  node.__ch = ch;
  node.style.minWidth = ch ? `${ch}ch` : "";
}

const relative = (f) => (f === 0 ? "0" : `${f < 0 ? "−" : ""}${Math.abs(f) === 1 ? "" : fmt(Math.abs(f), 2)}max`);

export function createLegend(container, { exportFigure }) {
  const root = d3.select(container);
  const head = root.append("div").attr("class", "legend-head");
  head.append("span").attr("class", "legend-title");
  head.append("span").attr("class", "legend-sub");
  const W = 220, H = 10;
  const scale = root.append("div").attr("class", "legend-scale");
  scale.append("span").attr("class", "legend-label");
  const svg = scale.append("svg").attr("viewBox", `0 0 ${W + 24} 30`).attr("class", "legend-bar");
  svg.append("defs").append("linearGradient").attr("id", "legend-gradient").attr("x2", "100%")
    .selectAll("stop").data(d3.range(0, 1.0001, 1 / 16)).join("stop")
    .attr("offset", (t) => `${t * 100}%`).attr("stop-color", (t) => diverging(t));
  svg.append("rect").attr("x", 12).attr("y", 2).attr("width", W).attr("height", H).attr("rx", 2).attr("fill", "url(#legend-gradient)");
  svg.append("g").attr("class", "ticks");
  const bars = root.append("div").attr("class", "legend-bars");
  root.append(() => figureButtons("graph", "the graph and its legend", exportFigure, "Figure"));
  const keys = root.append("div").attr("class", "legend-keys");
  // The width and node keys, made once: a live frame rewrites only the numbers and colours that changed.
  const widthKey = keys.append("div").attr("class", "key");
  widthKey.append("svg").attr("viewBox", "0 0 64 16").attr("class", "width-key")
    .selectAll("line").data([0.2, 0.55, 1]).join("line")
    .attr("x1", (_, k) => 4 + k * 20).attr("x2", (_, k) => 18 + k * 20).attr("y1", 8).attr("y2", 8)
    .attr("stroke-width", (t) => 0.6 + t * 6).attr("stroke", "#7b756d");
  const widthText = widthKey.append("span").node();
  const nodeKey = keys.append("div").attr("class", "key");
  const nodeDots = nodeKey.append("svg").attr("viewBox", "0 0 64 16").attr("class", "node-key")
    .selectAll("circle").data(d3.range(0, 1.0001, 0.25)).join("circle")
    .attr("cx", (_, k) => 8 + k * 12).attr("cy", 8).attr("r", 5.5).attr("stroke", "#8a847b").attr("stroke-width", 0.6);
  const nodeText = nodeKey.append("span").node();

  /** d: {colorBy, norm, eta, legends: [{label, l, m, symlog, ticks}], maxW, fillDomain, fill, live} */
  function update(d) {
    const [title, sub] = TITLES[d.colorBy];
    setText(head.select(".legend-title").node(), `Edge colour: ${title}`);
    const eta = d.colorBy === "update" ? `, η = ${fmt(d.eta, 3)}` : "";
    setText(head.select(".legend-sub").node(), sub + eta + (d.norm === "layer" ? " · each layer on its own scale" : d.norm === "symlog" ? " · symmetric log scale" : ""));
    // One bar; with one scale per layer its ticks are fractions of each layer's own largest value,
    // and each layer's largest value is listed beside it.
    const perLayer = d.legends.length > 1;
    const ref = d.legends[0];
    const ticks = ref.ticks.map((v) => ({ t: position(v, ref.m, ref.symlog), label: perLayer ? relative(v / ref.m) : fmt(v, 2) }));
    scale.select("g.ticks").selectAll("g.tick").data(ticks).join((enter) => {
      const g = enter.append("g").attr("class", "tick");
      g.append("line").attr("y1", 2).attr("y2", H + 5);
      g.append("text").attr("y", H + 16).attr("text-anchor", "middle");
      return g;
    }).each(function (x) {
      setAttr(this, "transform", `translate(${12 + W * x.t},0)`);
      setText(this.lastChild, x.label);
    });
    setText(scale.select(".legend-label").node(), perLayer ? "per layer" : ref.symlog ? "sym. log" : "");
    bars.selectAll("div.legend-row").data(d.legends, (x) => x.label)
      .join((enter) => {
        const r = enter.append("div").attr("class", "legend-row");
        r.append("span").attr("class", "legend-label");
        r.append("span").attr("class", "num legend-max");
        return r;
      })
      .each(function (x) {
        setAttr(this, "data-max", String(x.m));
        setClass(this, "chip", perLayer);
        setText(this.firstChild, perLayer ? `W${x.l === null ? "" : sup(x.l)}` : "largest |value|");
        number(this.lastChild, `±${fmt(x.m, 3)}`, d.live);
      });
    number(widthText, `width: |W|, up to ${fmt(d.maxW, 3)}`, d.live);
    nodeDots.each(function (t) {
      setAttr(this, "fill", d.fill.interpolator(t));
    });
    number(nodeText, `node: a, from ${fmt(d.fill.domain[0], 2)} to ${fmt(d.fill.domain[1], 2)}`, d.live);
  }
  /** The legend as SVG where the page lays it out, relative to `origin` (a figure of the graph). */
  const figure = (origin) => ({ node: htmlAsSvg(container, origin), box: container.getBoundingClientRect() });
  return { update, figure };
}
