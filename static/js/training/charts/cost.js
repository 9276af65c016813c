// The loss curve: training and test cost over steps, on a log scale when the costs allow. A comparison
// overlays run B, dashed; the history scrubber's step is a vertical line.
import * as d3 from "../../../vendor/d3.js";
import { fmt, tickFormat, ticksFormat } from "../../lib/format.js";
import { setAttr, setClass, setText } from "../../lib/dom.js";
import { HEIGHT, drawAxis, drawCursor, logTicks, runKeys, stepChart, thin } from "./frame.js";

const SERIES = [
  { key: "loss", label: "training cost", cls: "train" },
  { key: "test_loss", label: "test cost", cls: "test" },
];

/**
 * A chart in `container`; update(history, width, {b, labels, cursor}) redraws it from
 * [{step, loss, test_loss?}], with run B's history (b), the runs' names (labels: [A's, B's]), and a line at step `cursor`.
 */
export function createLossCurve(container) {
  const { svg, gx, gy, lines, key, empty } = stepChart(container, "loss-curve", "Press play: the cost after each step appears here");

  /** width: the container's width, read by the caller before any chart writes (no forced layouts). */
  function update(all, width = container.clientWidth, { b = null, labels = null, cursor = null } = {}) {
    const runs = [{ run: "a", rows: thin(all) }, ...(b ? [{ run: "b", rows: thin(b) }] : [])];
    const history = runs[0].rows;
    width = Math.max(240, width || 320);
    const height = HEIGHT;
    const m = { top: 12, right: 12, bottom: 26, left: 48 };
    setAttr(svg.node(), "viewBox", `0 0 ${width} ${height}`);
    setClass(svg.node(), "comparing", Boolean(b));
    setAttr(empty.node(), "x", String(width / 2));
    setAttr(empty.node(), "y", String(height / 2));
    setAttr(empty.node(), "display", history.length ? "none" : null);
    // no step yet: the note alone, without axes whose ticks would label nothing (and sit under it)
    for (const axis of [gx, gy]) setAttr(axis.node(), "display", history.length ? null : "none");
    const present = SERIES.filter((s) => runs.some(({ rows }) => rows.some((h) => Number.isFinite(h[s.key]))));
    const series = runs.flatMap(({ run, rows }) => present.map((s) => ({ ...s, run, rows, id: `${run}-${s.key}` })));
    const values = series.flatMap((s) => s.rows.map((h) => h[s.key]).filter(Number.isFinite));
    const lo = d3.min(values) ?? 0.01;
    const hi = d3.max(values) ?? 1;
    const useLog = lo > 0 && hi / lo > 20;
    const first = d3.min(runs, ({ rows }) => rows[0]?.step) ?? 0;
    const last = d3.max(runs, ({ rows }) => rows.at(-1)?.step) ?? 1;
    const x = d3.scaleLinear().domain([first, Math.max(1, last)]).range([m.left, width - m.right]);
    const y = (useLog ? d3.scaleLog().domain([lo, hi]) : d3.scaleLinear().domain([Math.min(0, lo), hi || 1]))
      .nice().range([height - m.bottom, m.top]);
    setAttr(gx.node(), "transform", `translate(0,${height - m.bottom})`);
    drawAxis(gx, d3.axisBottom(x).ticks(5).tickFormat(tickFormat(x, 5)), true);
    const yTicks = useLog ? logTicks(y) : y.ticks(4);
    setAttr(gy.node(), "transform", `translate(${m.left},0)`);
    drawAxis(gy, d3.axisLeft(y).tickValues(yTicks).tickFormat(ticksFormat(yTicks, 2)), false);
    lines.selectAll("path").data(series, (s) => s.id).join("path").each(function (s) {
      setAttr(this, "class", `series ${s.cls} ${s.run}`);
      setAttr(this, "d", d3.line().defined((h) => Number.isFinite(h[s.key])).x((h) => x(h.step)).y((h) => y(h[s.key]))(s.rows));
    });
    drawCursor(svg, x, cursor, m.top, height - m.bottom);
    const now = runs.map(({ rows }) => rows.at(-1));
    const at = (s) => now.map((h, k) => `${b ? `${"AB"[k]} ` : ""}${h && Number.isFinite(h[s.key]) ? fmt(h[s.key], 4) : "—"}`).join(" · ");
    setAttr(svg.node(), "aria-label", now[0] ? `Cost over ${now[0].step + 1} steps; now ${fmt(now[0].loss)}${b && now[1] ? `; ${labels[1]} ${fmt(now[1].loss)}` : ""}` : "Cost over steps: no step yet");
    key.selectAll("span.series").data(present, (s) => s.key).join("span").each(function (s) {
      setAttr(this, "class", `key series ${s.cls}${b ? " both" : ""}`);
      setText(this, `${s.label}${now[0] ? ` ${at(s)}` : ""}`);
    });
    runKeys(key, b ? labels : null);
  }

  update([]);
  return { update };
}
