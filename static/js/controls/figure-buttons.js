// The two small buttons that take a figure away: "SVG" and "PNG" (twice its size on screen). Each
// group is a control named "figures" (data-control), so that a lesson's link can hide them.
import { el } from "../lib/dom.js";

/**
 * @param {string} which the figure: graph, plane, cost, gradNorms, curve
 * @param {string} what what it shows, for the buttons' titles
 * @param {(which: string, format: "svg"|"png") => void} exportFigure the intent
 */
export function figureButtons(which, what, exportFigure, label = null) {
  return el("span", { class: "figure-buttons", dataset: { control: "figures", figure: which } },
    label ? el("span", { class: "figure-label" }, label) : null,
    [["svg", "SVG", "as an SVG file"], ["png", "PNG", "as a PNG image (twice its size on screen)"]].map(([format, text, how]) =>
      el("button", { type: "button", class: "figure-button", dataset: { format }, title: `Download ${what} ${how}`, on: { click: () => exportFigure(which, format) } }, text)));
}
