// C as this one parameter moves, with the tangent of slope ∂C/∂W through the current point; the
// range is the learner's choice (an intent: the store asks /cost-curve).
import { el, clear } from "../lib/dom.js";
import { texElement } from "../lib/math.js";
import { costCurveChart } from "./curve-chart.js";
import { figureButtons } from "../controls/figure-buttons.js";

export const RADII = [0.1, 0.5, 1, 2, 5];

export function curveSection(ctx, p, name, { setRadius, exportFigure }) {
  const chart = el("div", { class: "chart" });
  const id = `radius-${p.kind}`;
  const radius = el("select", { id, class: "compact", on: { change: (e) => setRadius(Number(e.target.value)) } },
    RADII.map((r) => el("option", { value: r, selected: r === ctx.radius }, `± ${r}`)));
  const node = el("section", { class: "curve" },
    el("div", { class: "section-head" }, el("h3", {}, "C along ", texElement(name)),
      el("label", { for: id, class: "inline", dataset: { control: "curve-range" } }, "range ", radius),
      figureButtons("curve", "C along this parameter", exportFigure)),
    chart);
  let shown;
  function update({ extras }) {
    const entry = extras.curve;
    if (entry === shown) return;
    shown = entry;
    if (entry?.status === "done") costCurveChart(chart, { ...entry.value, label: name });
    else if (entry?.status === "error") clear(chart).append(el("p", { class: "field-error" }, entry.error.message));
  }
  update(ctx);
  return { node, update };
}
