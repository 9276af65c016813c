// The loss curve: training and test cost over steps, on a log scale when the costs allow.
import * as d3 from "../../../vendor/d3.js";
import { fmt } from "../../lib/format.js";
import { HEIGHT, logTicks, stepChart, thin } from "./frame.js";

const SERIES = [
  { key: "loss", label: "training cost", cls: "train" },
  { key: "test_loss", label: "test cost", cls: "test" },
];

/** A chart in `container`; update(history) redraws it from [{step, loss, test_loss?}]. */
export function createLossCurve(container) {
  const { svg, gx, gy, lines, key, empty } = stepChart(container, "loss-curve", "Press play: the cost after each step appears here");

  /** width: the container's width, read by the caller before any chart writes (no forced layouts). */
  function update(all, width = container.clientWidth) {
    const history = thin(all);
    width = Math.max(240, width || 320);
    const height = HEIGHT;
    const m = { top: 10, right: 12, bottom: 26, left: 48 };
    svg.attr("viewBox", `0 0 ${width} ${height}`);
    empty.attr("x", width / 2).attr("y", height / 2).attr("display", history.length ? "none" : null);
    const present = SERIES.filter((s) => history.some((h) => Number.isFinite(h[s.key])));
    const values = present.flatMap((s) => history.map((h) => h[s.key]).filter(Number.isFinite));
    const lo = d3.min(values) ?? 0.01;
    const hi = d3.max(values) ?? 1;
    const useLog = lo > 0 && hi / lo > 20;
    const x = d3.scaleLinear().domain([history[0]?.step ?? 0, Math.max(1, history.at(-1)?.step ?? 1)]).range([m.left, width - m.right]);
    const y = (useLog ? d3.scaleLog().domain([lo, hi]) : d3.scaleLinear().domain([Math.min(0, lo), hi || 1]))
      .nice().range([height - m.bottom, m.top]);
    gx.attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat((v) => fmt(v, 3)));
    const axis = useLog ? d3.axisLeft(y).tickValues(logTicks(y)) : d3.axisLeft(y).ticks(4);
    gy.attr("transform", `translate(${m.left},0)`).call(axis.tickFormat((v) => fmt(v, 2)));
    lines.selectAll("path").data(present, (s) => s.key).join("path")
      .attr("class", (s) => `series ${s.cls}`)
      .attr("d", (s) => d3.line().defined((h) => Number.isFinite(h[s.key])).x((h) => x(h.step)).y((h) => y(h[s.key]))(history));
    const last = history.at(-1);
    svg.attr("aria-label", last ? `Cost over ${last.step + 1} steps; now ${fmt(last.loss)}` : "Cost over steps: no step yet");
    key.selectAll("span").data(present, (s) => s.key).join("span")
      .attr("class", (s) => `key ${s.cls}`)
      .text((s) => `${s.label}${last && Number.isFinite(last[s.key]) ? ` ${fmt(last[s.key], 4)}` : ""}`);
  }

  update([]);
  return { update };
}
