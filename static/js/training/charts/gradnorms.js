// Vanishing and exploding gradients: ‖dC/dW^l‖ (solid) and ‖dC/db^l‖ (dotted) of each layer over steps, on a log scale. A comparison
// overlays run B, dashed; the history scrubber's step is a vertical line.
import * as d3 from "../../../vendor/d3.js";
import { fmt, tickFormat, ticksFormat } from "../../lib/format.js";
import { layerColour as colour } from "../../lib/palette.js";
import { setAttr, setClass, setText } from "../../lib/dom.js";
import { HEIGHT, drawAxis, drawCursor, logTicks, runKeys, stepChart, thin } from "./frame.js";

/** A chart in `container`; update(history, width, {b, labels, cursor}) from [{step, grad_norms: [‖dC/dW^1‖, …]}], as the cost's. */
export function createGradNorms(container) {
  const { svg, gx, gy, lines, key, empty } = stepChart(container, "grad-norms", "The size of each layer's gradient, step by step");

  function update(history, width = container.clientWidth, { b = null, labels = null, cursor = null } = {}) {
    width = Math.max(240, width || 320);
    const height = HEIGHT;
    const m = { top: 12, right: 12, bottom: 26, left: 52 };
    setAttr(svg.node(), "viewBox", `0 0 ${width} ${height}`);
    setClass(svg.node(), "comparing", Boolean(b));
    const runs = [history, ...(b ? [b] : [])].map((h, k) => ({ run: "ab"[k], rows: thin(h.filter((r) => Array.isArray(r.grad_norms))) }));
    const rows = runs[0].rows;
    setAttr(empty.node(), "x", String(width / 2));
    setAttr(empty.node(), "y", String(height / 2));
    setAttr(empty.node(), "display", rows.length ? "none" : null);
    // no step yet: the note alone, without axes whose ticks would label nothing (and sit under it)
    for (const axis of [gx, gy]) setAttr(axis.node(), "display", rows.length ? null : "none");
    const layersOf = (rs) => d3.range(1, (rs[0]?.grad_norms.length ?? 0) + 1);
    const series = runs.flatMap(({ run, rows: rs }) => layersOf(rs).map((l) => ({ run, l, rows: rs, id: `${run}-${l}` })));
    const layers = d3.range(1, d3.max(runs, ({ rows: rs }) => layersOf(rs).length + 1) ?? 1);
    // ‖∂C/∂b^l‖ beside ‖∂C/∂W^l‖, dotted: a run can diverge through its biases while every ‖∂C/∂W‖ is 0
    const bias = (h, l) => h.bias_norms?.[l - 1];
    const positive = runs.flatMap(({ rows: rs }) => rs.flatMap((h) => [...h.grad_norms, ...(h.bias_norms ?? [])])).filter((v) => v > 0);
    const lo = d3.min(positive) ?? 1e-6;
    const hi = d3.max(positive) ?? 1;
    const first = d3.min(runs, ({ rows: rs }) => rs[0]?.step) ?? 0;
    const last = d3.max(runs, ({ rows: rs }) => rs.at(-1)?.step) ?? 1;
    const x = d3.scaleLinear().domain([first, Math.max(1, last)]).range([m.left, width - m.right]);
    const y = d3.scaleLog().domain([lo, Math.max(hi, lo * 10)]).nice().range([height - m.bottom, m.top]).clamp(true);
    setAttr(gx.node(), "transform", `translate(0,${height - m.bottom})`);
    drawAxis(gx, d3.axisBottom(x).ticks(5).tickFormat(tickFormat(x, 5)), true);
    setAttr(gy.node(), "transform", `translate(${m.left},0)`);
    const yTicks = logTicks(y);
    drawAxis(gy, d3.axisLeft(y).tickValues(yTicks).tickFormat(ticksFormat(yTicks, 1)), false);
    lines.selectAll("path.series").data(series, (s) => s.id).join("path").each(function (s) {
      setAttr(this, "class", `series layer ${s.run}`);
      setAttr(this, "stroke", colour(s.l));
      setAttr(this, "d", d3.line().defined((h) => h.grad_norms[s.l - 1] > 0).x((h) => x(h.step)).y((h) => y(h.grad_norms[s.l - 1]))(s.rows));
    });
    lines.selectAll("path.bias-series").data(series.filter((s) => s.run === "a"), (s) => s.id).join("path").each(function (s) {
      setAttr(this, "class", "bias-series layer");
      setAttr(this, "stroke", colour(s.l));
      setAttr(this, "d", d3.line().defined((h) => bias(h, s.l) > 0).x((h) => x(h.step)).y((h) => y(bias(h, s.l)))(s.rows));
    });
    drawCursor(svg, x, cursor, m.top, height - m.bottom);
    const now = runs.map(({ rows: rs }) => rs.at(-1));
    const at = (l) => now.map((h, k) => `${b ? `${"AB"[k]} ` : ""}${h && h.grad_norms[l - 1] !== undefined ? fmt(h.grad_norms[l - 1], 3) : "—"}`).join(" · ");
    const atBias = (l) => (now[0] && bias(now[0], l) !== undefined ? ` · ‖∂C/∂b^${l}‖ ${fmt(bias(now[0], l), 3)}` : "");
    setAttr(svg.node(), "aria-label", now[0] ? `Gradient norms per layer: ${layers.map((l) => `layer ${l} ${at(l)}${atBias(l)}`).join(", ")}` : "Gradient norms: no step yet");
    key.selectAll("span.layer").data(layers, (l) => l).join((enter) => enter.append("span").attr("class", "key layer").each(function (l) {
      d3.select(this).append("i").attr("class", "swatch").style("background", colour(l));
      d3.select(this).append("b");
    })).each(function (l) {
      setText(this.lastChild, `‖∂C/∂W^${l}‖ ${now[0] ? at(l) : ""}${atBias(l)}`);
    });
    runKeys(key, b ? labels : null);
  }

  update([]);
  return { update };
}
