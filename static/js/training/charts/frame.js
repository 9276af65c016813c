// Charts over training steps: their shared frame (axes, lines, legend, a note while empty),
// the thinning of long histories, and the ticks of a log axis.
import * as d3 from "../../../vendor/d3.js";

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
