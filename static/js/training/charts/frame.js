// Charts over training steps: their shared frame (axes, lines, legend, a note while empty),
// the thinning of long histories, and the ticks of a log axis.
import * as d3 from "../../../vendor/d3.js";
import { setAttr } from "../../lib/dom.js";

export const HEIGHT = 170;

/** The parts of a chart over steps in `container`: svg, gx, gy, lines, key, and its empty note. */
export function stepChart(container, className, emptyText) {
  const root = d3.select(container);
  const svg = root.append("svg").attr("class", `chart ${className}`).attr("role", "img");
  return {
    svg,
    gx: svg.append("g").attr("class", "axis x"),
    gy: svg.append("g").attr("class", "axis y"),
    lines: svg.append("g").attr("class", "lines"),
    key: root.append("div").attr("class", "chart-legend"),
    empty: svg.append("text").attr("class", "chart-empty").attr("text-anchor", "middle").text(emptyText),
  };
}

/** At most `n` evenly spread rows of a long history, the last one always kept: a path of
 * thousands of points costs the browser far more to draw than it shows. */
export function thin(rows, n = 400) {
  if (rows.length <= n) return rows;
  const every = rows.length / n;
  const out = [];
  for (let k = 0; k < n - 1; k++) out.push(rows[Math.floor(k * every)]);
  out.push(rows.at(-1));
  return out;
}

/** Ticks for a log axis: the powers of ten when there are two or more, else a few plain ticks. */
export function logTicks(scale) {
  const decades = scale.ticks().filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 2 ? decades : scale.ticks(3);
}

/**
 * Draw d3's `axis` (bottom when `horizontal`, else left) into `g`. A call of d3's axis rewrites every
 * tick's line, text and label, which lays out and paints the chart again; a training frame mostly
 * only stretches the x axis a little. So with the same ticks and labels as last drawn, only the
 * ticks' places are written, as d3 writes them (half a pixel off on a 1× screen, for crisp lines).
 */
export function drawAxis(g, axis, horizontal) {
  const scale = axis.scale();
  const args = axis.tickArguments();
  const values = axis.tickValues() ?? scale.ticks(...args);
  const labels = values.map(axis.tickFormat() ?? scale.tickFormat(...args));
  const offset = window.devicePixelRatio > 1 ? 0 : 0.5;
  const key = [scale.range(), values, labels, offset].join("|");
  const node = g.node();
  if (node.__ticks !== key) {
    node.__ticks = key;
    g.call(axis);
    return;
  }
  g.selectAll(".tick").each(function (v) {
    const at = +scale(v) + offset;
    setAttr(this, "transform", horizontal ? `translate(${at},0)` : `translate(0,${at})`);
  });
}

/** The history scrubber's step as a vertical line across the chart (none when `step` is null). */
export function drawCursor(svg, x, step, top, bottom) {
  svg.selectAll("g.cursor").data(step == null ? [] : [step]).join((enter) => {
    const g = enter.append("g").attr("class", "cursor");
    g.append("line");
    g.append("text").attr("text-anchor", "middle");
    return g;
  })
    .attr("data-step", (d) => d)
    .attr("transform", (d) => `translate(${x(d)},0)`)
    .call((g) => g.select("line").attr("y1", top).attr("y2", bottom))
    .call((g) => g.select("text").attr("y", top - 3).text((d) => `step ${d}`));
}

/** A comparison's two line styles in a legend: run A solid, run B dashed, each named ([A's, B's]; none when not comparing). */
export function runKeys(key, labels) {
  key.selectAll("span.run").data(labels ? [["a", labels[0]], ["b", labels[1]]] : [], (d) => d[0]).join("span")
    .attr("class", (d) => `key run ${d[0]}`)
    .text((d) => d[1])
    .nodes().reverse().forEach((n) => n.parentNode.prepend(n)); // first in the legend, A then B
}
