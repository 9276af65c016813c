// The legend: one bar per colour scale (one, or one per layer) with numbers, the width key and
// the node key. It follows the colour-by and normalisation switches.
import * as d3 from "../vendor/d3.js";
import { diverging, position } from "./scales.js";
import { fmt } from "./format.js";

const TITLES = {
  gradient: ["∂C/∂W", "purple: raising W lowers C · orange: raising W raises C"],
  weight: ["W", "purple: negative · orange: positive"],
  update: ["−η·∂C/∂W", "the change one gradient-descent step makes to each weight"],
};

export function createLegend(container) {
  const root = d3.select(container);
  const head = root.append("div").attr("class", "legend-head");
  head.append("span").attr("class", "legend-title");
  head.append("span").attr("class", "legend-sub");
  const bars = root.append("div").attr("class", "legend-bars");
  const keys = root.append("div").attr("class", "legend-keys");

  /** d: {colorBy, norm, legends: [{label, l, m, symlog, ticks}], maxW, fillDomain, fill} */
  function update(d) {
    const [title, sub] = TITLES[d.colorBy];
    head.select(".legend-title").text(`Edge colour: ${title}`);
    head.select(".legend-sub").text(sub + (d.norm === "layer" ? " · each layer on its own scale" : d.norm === "symlog" ? " · symmetric log scale" : ""));
    const w = 220, h = 10;
    const rows = bars.selectAll("div.legend-row").data(d.legends, (x) => x.label)
      .join((enter) => {
        const r = enter.append("div").attr("class", "legend-row");
        r.append("span").attr("class", "legend-label");
        const svg = r.append("svg").attr("viewBox", `0 0 ${w + 24} 30`).attr("class", "legend-bar");
        const grad = svg.append("defs").append("linearGradient").attr("x2", "100%");
        grad.selectAll("stop").data(d3.range(0, 1.0001, 1 / 16)).join("stop")
          .attr("offset", (t) => `${t * 100}%`).attr("stop-color", (t) => diverging(t));
        svg.append("rect").attr("x", 12).attr("y", 2).attr("width", w).attr("height", h).attr("rx", 2);
        svg.append("g").attr("class", "ticks");
        return r;
      });
    rows.each(function (x, k) {
      const row = d3.select(this);
      const id = `legend-grad-${k}-${x.label.replace(/\W/g, "")}`;
      row.select("linearGradient").attr("id", id);
      row.select("rect").attr("fill", `url(#${id})`);
      row.select(".legend-label").text(x.label);
      row.attr("data-max", String(x.m));
      const ticks = row.select("g.ticks").selectAll("g.tick").data(x.ticks).join((enter) => {
        const g = enter.append("g").attr("class", "tick");
        g.append("line").attr("y1", 2).attr("y2", h + 5);
        g.append("text").attr("y", h + 16).attr("text-anchor", "middle");
        return g;
      });
      ticks.attr("transform", (v) => `translate(${12 + w * position(v, x.m, x.symlog)},0)`);
      ticks.select("text").text((v) => fmt(v, 2));
    });
    bars.classed("many", d.legends.length > 3);

    const fillStops = d3.range(0, 1.0001, 0.25);
    keys.selectAll("*").remove();
    const width = keys.append("div").attr("class", "key");
    const ws = width.append("svg").attr("viewBox", "0 0 64 16").attr("class", "width-key");
    ws.selectAll("line").data([0.2, 0.55, 1]).join("line")
      .attr("x1", (_, k) => 4 + k * 20).attr("x2", (_, k) => 18 + k * 20).attr("y1", 8).attr("y2", 8)
      .attr("stroke-width", (t) => 0.6 + t * 6).attr("stroke", "#7b756d");
    width.append("span").text(`width: |W|, up to ${fmt(d.maxW, 3)}`);
    const node = keys.append("div").attr("class", "key");
    const ns = node.append("svg").attr("viewBox", "0 0 64 16").attr("class", "node-key");
    ns.selectAll("circle").data(fillStops).join("circle")
      .attr("cx", (_, k) => 8 + k * 12).attr("cy", 8).attr("r", 5.5)
      .attr("fill", (t) => d.fill.interpolator(t)).attr("stroke", "#8a847b").attr("stroke-width", 0.6);
    node.append("span").text(`node: a, from ${fmt(d.fill.domain[0], 2)} to ${fmt(d.fill.domain[1], 2)}`);
  }
  return { update };
}
