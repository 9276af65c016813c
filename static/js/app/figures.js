// Figures to take away: a view's drawing as a standalone SVG file, or as a PNG twice its size on
// screen (drawn from that SVG). The views build the SVG (lib/figure.js); the store asks for it through
// the draw path's "figure" part and downloads it.
import { download } from "../lib/files.js";
import { svgText, svgToPng } from "../lib/figure.js";

export const FIGURES = { graph: "graph", plane: "input-plane", cost: "cost", gradNorms: "gradient-norms", curve: "cost-curve" };
export const PNG_SCALE = 2; // a PNG has twice the figure's CSS size: sharp on a 2× screen and in print

/** Download figure `which` as "svg" or "png"; a figure that is not on the page says so. */
export async function exportFigure(store, which, format) {
  let figure = null;
  store.draw(store.s, ["figure"], { which, take: (f) => (figure = f) });
  if (!figure) return store.draw(store.s, ["toast"], { text: "That figure is not drawn yet" });
  const text = svgText(figure);
  const name = `backprop-viz-${FIGURES[which]}`;
  if (format === "svg") return download(new Blob([text], { type: "image/svg+xml" }), `${name}.svg`);
  download(await svgToPng(text, figure.width, figure.height, PNG_SCALE), `${name}.png`);
}
