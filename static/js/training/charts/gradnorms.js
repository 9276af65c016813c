// Vanishing and exploding gradients: ‖dC/dW^l‖ of each layer over steps, on a log scale.
import * as d3 from "../../../vendor/d3.js";
import { fmt } from "../../lib/format.js";
import { layerColour as colour } from "../../lib/palette.js";
import { HEIGHT, logTicks, stepChart, thin } from "./frame.js";

/** A chart in `container`; update(history) from [{step, grad_norms: [‖dC/dW^1‖, …]}]. */
export function createGradNorms(container) {
  const { svg, gx, gy, lines, key, empty } = stepChart(container, "grad-norms", "The size of each layer's gradient, step by step");

  function update(history, width = container.clientWidth) {
    width = Math.max(240, width || 320);
    const height = HEIGHT;
    const m = { top: 10, right: 12, bottom: 26, left: 52 };
    svg.attr("viewBox", `0 0 ${width} ${height}`);
    const rows = thin(history.filter((h) => Array.isArray(h.grad_norms)));
    empty.attr("x", width / 2).attr("y", height / 2).attr("display", rows.length ? "none" : null);
    const L = rows[0]?.grad_norms.length ?? 0;
    const layers = d3.range(1, L + 1);
    const positive = rows.flatMap((h) => h.grad_norms).filter((v) => v > 0);
    const lo = d3.min(positive) ?? 1e-6;
    const hi = d3.max(positive) ?? 1;
    const x = d3.scaleLinear().domain([rows[0]?.step ?? 0, Math.max(1, rows.at(-1)?.step ?? 1)]).range([m.left, width - m.right]);
    const y = d3.scaleLog().domain([lo, Math.max(hi, lo * 10)]).nice().range([height - m.bottom, m.top]).clamp(true);
    gx.attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat((v) => fmt(v, 3)));
    gy.attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).tickValues(logTicks(y)).tickFormat((v) => fmt(v, 1)));
    lines.selectAll("path").data(layers, (l) => l).join("path")
      .attr("class", "series layer")
      .attr("stroke", colour)
      .attr("d", (l) => d3.line().defined((h) => h.grad_norms[l - 1] > 0).x((h) => x(h.step)).y((h) => y(h.grad_norms[l - 1]))(rows));
    const last = rows.at(-1);
    svg.attr("aria-label", last ? `Gradient norms per layer: ${layers.map((l) => `layer ${l} ${fmt(last.grad_norms[l - 1])}`).join(", ")}` : "Gradient norms: no step yet");
    key.selectAll("span").data(layers, (l) => l).join("span")
      .attr("class", "key layer")
      .each(function (l) {
        d3.select(this).selectAll("i").data([l]).join("i").attr("class", "swatch").style("background", colour(l));
        d3.select(this).selectAll("b").data([l]).join("b").text(`‖∂C/∂W^${l}‖ ${last ? fmt(last.grad_norms[l - 1], 3) : ""}`);
      });
  }

  update([]);
  return { update };
}
