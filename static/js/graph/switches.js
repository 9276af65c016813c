// Lines or a matrix, per layer: a small toggle under each layer's span, pressed when W^l is drawn as
// a matrix (graph/cells.js says which by default). A lesson finds them by data-control="layout".
import * as d3 from "../../vendor/d3.js";
import { superscript } from "../lib/format.js";

const COMPACT = 72; // px between two layers' columns below which a switch drops its word

/** @param {(l: number) => void} onToggle */
export function createSwitches(container, onToggle) {
  const root = d3.select(container).append("div").attr("class", "layout-switches");

  /** One switch per layer l = 1..L, centred under its span (its matrix when it is one). */
  function update(geometry, matrix) {
    const { sizes, columns, matrices } = geometry;
    const centre = (l) => {
      const m = matrices.find((x) => x.l === l);
      return m ? m.x0 + (m.cols * m.cw) / 2 : (columns[l - 1] + columns[l]) / 2;
    };
    root.selectAll("button").data(d3.range(1, sizes.length), (l) => l)
      .join((enter) => enter.append("button").attr("type", "button").attr("class", "layout-switch")
        .attr("data-control", "layout").attr("data-l", (l) => l)
        .on("click", (_, l) => onToggle(l))
        .call((b) => b.append("span").attr("class", "icon").attr("aria-hidden", "true").text("▦"))
        .call((b) => b.append("span").text("matrix")))
      .attr("aria-pressed", (l) => String(matrix.includes(l)))
      .attr("aria-label", (l) => `layer ${l}: its weights as a matrix`)
      .attr("title", (l) => (matrix.includes(l)
        ? `W${superscript(l)} is drawn as a matrix: a cell per weight, row i, column j. Press for a line per weight.`
        : `Draw W${superscript(l)} as a matrix: a cell per weight, row i, column j.`))
      .classed("compact", (l) => columns[l] - columns[l - 1] < COMPACT) // the icon alone where "▦ matrix" would run into its neighbour
      .style("left", (l) => `${centre(l)}px`);
  }
  return { update };
}
