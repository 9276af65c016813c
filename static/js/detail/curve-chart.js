// The cost along one parameter, C(w), with its tangent of slope dC/dw: the chain-rule card's chart.
import * as d3 from "../../vendor/d3.js";
import { el } from "../lib/dom.js";
import { DIGITS, fmt, tickFormat } from "../lib/format.js";
import { texElement, texOfName } from "../lib/math.js";

/** A parameter's name as the API writes it (W_2,11^1) into an SVG <text>: W, then its indices below, its layer above. */
function nameAsText(text, name) {
  const m = /^([Wb])_([\d,]+)\^(\d+)$/.exec(name);
  text.selectAll("tspan").remove();
  if (!m) return text.text(name);
  text.text(null);
  text.append("tspan").attr("class", "var").text(m[1]);
  text.append("tspan").attr("class", "subscript").attr("dy", "0.3em").text(m[2]);
  text.append("tspan").attr("class", "superscript").attr("dy", "-0.75em").text(m[3]);
  return text;
}

const FLAT = 1e-9; // relative change of C below which the curve is drawn flat

/**
 * C(w) around the current value with the tangent of slope dC/dw through (value, cost).
 * @param {HTMLElement} container
 * @param {{values: number[], costs: number[], value: number, cost: number, slope: number, parameter: string}} d
 */
export function costCurveChart(container, d) {
  const width = Math.max(260, container.clientWidth || 320);
  const height = 190;
  const m = { top: 12, right: 14, bottom: 34, left: 52 };
  const x = d3.scaleLinear().domain(d3.extent(d.values)).range([m.left, width - m.right]);
  const [lo, hi] = d3.extent(d.costs);
  // C that moves by less than a billionth of itself (a weight deep in a vanishing network) is drawn
  // flat on a scale of its own size: ticks closer than that would be rounding noise, not C
  const flat = hi - lo <= Math.abs(hi) * FLAT;
  const pad = flat ? Math.abs(hi) * 0.1 || 0.1 : (hi - lo) * 0.12;
  const y = d3.scaleLinear().domain([lo - pad, hi + pad]).nice().range([height - m.bottom, m.top]);

  const svg = d3.select(container).selectAll("svg.cost-curve").data([null])
    .join((enter) => {
      const s = enter.append("svg").attr("class", "cost-curve").attr("role", "img");
      s.append("defs").append("clipPath").attr("id", "cc-clip").append("rect");
      s.append("g").attr("class", "axis x");
      s.append("g").attr("class", "axis y");
      s.append("text").attr("class", "axis-label x").attr("text-anchor", "middle");
      s.append("text").attr("class", "axis-label y").attr("text-anchor", "middle");
      s.append("path").attr("class", "tangent").attr("clip-path", "url(#cc-clip)");
      s.append("path").attr("class", "curve");
      s.append("line").attr("class", "drop");
      s.append("circle").attr("class", "here").attr("r", 4.5);
      return s;
    });
  svg.attr("viewBox", `0 0 ${width} ${height}`)
    .attr("aria-label", `C as ${d.parameter} moves from ${fmt(d.values[0])} to ${fmt(d.values.at(-1))}; slope ${fmt(d.slope)} at ${fmt(d.value)}`)
    .attr("data-slope", String(d.slope)).attr("data-value", String(d.value));
  svg.select("clipPath rect").attr("x", m.left).attr("y", m.top).attr("width", width - m.left - m.right).attr("height", height - m.top - m.bottom);
  svg.select(".axis.x").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat(tickFormat(x, 5)));
  svg.select(".axis.y").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(4).tickFormat(tickFormat(y, 4)));
  svg.select(".axis-label.x").attr("x", (m.left + width - m.right) / 2).attr("y", height - 4).call(nameAsText, d.parameter);
  svg.select(".axis-label.y").attr("transform", `translate(12,${(m.top + height - m.bottom) / 2}) rotate(-90)`).text("C");
  svg.select("path.curve").attr("d", d3.line().x((_, k) => x(d.values[k])).y((c) => y(c))(d.costs));
  const [x0, x1] = x.domain();
  svg.select("path.tangent").attr("d", d3.line()([[x(x0), y(d.cost + d.slope * (x0 - d.value))], [x(x1), y(d.cost + d.slope * (x1 - d.value))]]));
  svg.select("line.drop").attr("x1", x(d.value)).attr("x2", x(d.value)).attr("y1", y(d.cost)).attr("y2", height - m.bottom);
  svg.select("circle.here").attr("cx", x(d.value)).attr("cy", y(d.cost));

  const name = texOfName(d.parameter);
  const key = el("p", { class: "chart-key" }, "Curve: C as ", texElement(name), " moves, everything else fixed. Dashed: the tangent at ",
    `${fmt(d.value, DIGITS)}, of slope `, texElement(`\\partial C/\\partial ${name}`), ` = ${fmt(d.slope, DIGITS)}.`,
    flat ? ` Across this range C changes by ${fmt(hi - lo, 2)}, less than a billionth of itself: flat at any scale drawn here.` : null);
  const old = container.querySelector("p.chart-key");
  if (old) old.replaceWith(key);
  else container.append(key);
}
