// Where everything sits for layer sizes in a box: nodes, edges (grouped by layer), the node radius
// and the columns. Kept while the sizes and the box stay the same.
import { layout } from "./layout.js";

const MARGIN = { top: 50, right: 84, bottom: 22, left: 64 };
const NARROW_MARGIN = { top: 50, right: 74, bottom: 18, left: 40 };

/** The geometry for `sizes` in `box`: `previous` itself when nothing changed. */
export function geometryFor(sizes, box, previous) {
  const key = `${sizes.join("-")}@${box.width}x${box.height}`;
  if (previous && previous.key === key) return previous;
  const narrow = box.width < 440;
  const g = layout(sizes, { ...box, margin: narrow ? NARROW_MARGIN : MARGIN });
  g.r = Math.min(g.r, narrow ? 19 : 26);
  const byLayer = sizes.map(() => []);
  for (const e of g.edges) byLayer[e.l].push(e);
  return { key, ...g, byLayer, box, sizes, narrow };
}
