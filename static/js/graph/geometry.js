// Where everything sits for layer sizes in a box: nodes, edges (grouped by layer), the node radius,
// the columns, and the matrices of the layers drawn as matrices. Kept while the sizes, the box and
// the matrix layers stay the same.
import { layout } from "./layout.js";
import { SIDE_LABELS_UP_TO } from "./labels.js";

// The right margin holds "y_i = 0.01" beside an output node of the largest radius.
const MARGIN = { top: 50, right: 104, bottom: 22, left: 64 };
const NARROW_MARGIN = { top: 50, right: 86, bottom: 18, left: 40 };
// With matrices: a row above them for their column indices, two below for their name and the
// layers' switches; narrow sides when no x_i and y_i labels are drawn beside the end layers
// (labels.js draws them for small end layers).
const MATRIX_MARGIN = { top: 58, bottom: 40, left: 36, right: 40 };

/**
/**
 * The geometry for `sizes` in `box`, with `matrix` the layers drawn as matrices, `label` the width in px
 * of the widest y_i = … beside the outputs, and `wider` more room on the left for the inputs' labels (a
 * derived input's formula, sin x₀): `previous` itself when nothing changed.
 */
export function geometryFor(sizes, box, previous, matrix = [], label = 0, wider = 0) {
  const key = `${sizes.join("-")}@${box.width}x${box.height}|${matrix.join(",")}|${label}|${wider}`;
  if (previous && previous.key === key) return previous;
  const narrow = box.width < 440;
  const base = roomFor(label, sizes, narrow, marginFor(sizes, narrow, matrix.length > 0));
  const margin = { ...base, left: base.left + wider };
  const g = layout(sizes, { ...box, margin, matrix });
  g.r = Math.min(g.r, narrow ? 19 : 26);
  const byLayer = sizes.map(() => []);
  for (const e of g.edges) byLayer[e.l].push(e);
  return { key, ...g, byLayer, box, sizes, narrow };
}

/** The right margin widened, where the y_i labels are drawn, to hold the widest beside the largest node. */
function roomFor(label, sizes, narrow, margin) {
  if (Math.max(sizes[0], sizes.at(-1)) > SIDE_LABELS_UP_TO) return margin;
  const r = narrow ? 19 : 26;
  return { ...margin, right: Math.max(margin.right, r + 6 + label + 4) };
}

function marginFor(sizes, narrow, matrices) {
  const base = narrow ? NARROW_MARGIN : MARGIN;
  if (!matrices) return base;
  const sides = Math.max(sizes[0], sizes.at(-1)) <= SIDE_LABELS_UP_TO;
  return {
    top: MATRIX_MARGIN.top, bottom: MATRIX_MARGIN.bottom,
    left: sides ? base.left : MATRIX_MARGIN.left, right: sides ? base.right : MATRIX_MARGIN.right,
  };
}
