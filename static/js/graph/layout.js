// Pure: layer sizes and a box -> nodes and edges with stable ids and coordinates, and where the layers
// drawn as matrices put their cells. Ids depend only on (l, i, j), so a keyed join keeps an edge's
// element when the gradients change.

export const nodeId = (l, i) => `a${l}_${i}`;
export const edgeId = (l, i, j) => `W${l}_${i}_${j}`;

// Beside a matrix, past the nodes' radius: room on the left for its row indices, a hair on the right.
export const MATRIX_PAD = { left: 20, right: 3 };
const LINE_MIN = 48; // px: the narrowest span a layer of lines keeps beside matrices

/**
 * @param {number[]} sizes n_0..n_L
 * @param {{width: number, height: number, margin?: {top, right, bottom, left}, matrix?: number[]}} box
 *   matrix: the layers drawn as matrices (graph/cells.js); they have no edges
 * @returns {{nodes: {id, l, i, x, y}[], edges: {id, l, i, j, x1, y1, x2, y2}[], r: number, columns: number[],
 *   matrices: {l, rows, cols, x0, y0, cw, ch}[]}}
 *   Layer 0 on the left, layer L on the right; W_ij^l joins node j of layer l-1 to node i of layer l.
 *   Matrix l's row i lies level with node i of layer l; its column j is node j of layer l-1.
 */
export function layout(sizes, { width, height, margin = { top: 40, right: 70, bottom: 40, left: 70 }, matrix = [] }) {
  const L = sizes.length - 1;
  const innerW = Math.max(1, width - margin.left - margin.right);
  const innerH = Math.max(1, height - margin.top - margin.bottom);
  const most = Math.max(...sizes);
  const gapY = innerH / Math.max(most, 1);
  const gapX = L === 0 ? innerW : innerW / L;
  // Radius from the tightest direction, so circles never touch.
  const r = Math.max(2.5, Math.min(26, gapY * 0.36, gapX * 0.16));
  // Small layers are spread on the same spacing as the largest one, centred.
  const step = (n) => Math.min(gapY * 1.6, innerH / Math.max(n, 1));
  const y = (n, i) => margin.top + innerH / 2 + (i - (n - 1) / 2) * step(n);
  const asMatrix = new Set(matrix.filter((l) => l >= 1 && l <= L));
  const { columns, cells } = asMatrix.size
    ? spread(sizes, innerW, margin.left, asMatrix, step, r)
    : { columns: sizes.map((_, l) => margin.left + (L === 0 ? innerW / 2 : (innerW * l) / L)), cells: null };
  const nodes = [];
  sizes.forEach((n, l) => {
    for (let i = 0; i < n; i++) nodes.push({ id: nodeId(l, i), l, i, x: columns[l], y: y(n, i) });
  });
  const edges = [];
  for (let l = 1; l <= L; l++) {
    if (asMatrix.has(l)) continue;
    for (let i = 0; i < sizes[l]; i++) {
      for (let j = 0; j < sizes[l - 1]; j++) {
        edges.push({ id: edgeId(l, i, j), l, i, j, x1: columns[l - 1], y1: y(sizes[l - 1], j), x2: columns[l], y2: y(sizes[l], i) });
      }
    }
  }
  const matrices = [...asMatrix].sort((a, b) => a - b).map((l) => {
    const ch = step(sizes[l]);
    return { l, rows: sizes[l], cols: sizes[l - 1], x0: cells[l].x0, y0: y(sizes[l], 0) - ch / 2, cw: cells[l].cw, ch };
  });
  return { nodes, edges, r, columns, matrices };
}

/**
 * Columns spaced for matrices: a matrix's span is its cells and its pads; the layers of lines share
 * the rest. Cells are square when there is room, else narrower, but a pixel wide or more while the
 * layers of lines can give way (down to LINE_MIN each); below that (a phone) they shrink.
 */
function spread(sizes, innerW, left, asMatrix, step, r) {
  const L = sizes.length - 1;
  const layers = Array.from({ length: L }, (_, k) => k + 1);
  const lines = layers.filter((l) => !asMatrix.has(l));
  const mats = layers.filter((l) => asMatrix.has(l));
  const pad = 2 * r + MATRIX_PAD.left + MATRIX_PAD.right;
  const free = innerW - mats.length * pad; // for cells and lines
  const total = (cw) => mats.reduce((s, l) => s + sizes[l - 1] * cw[l], 0);
  const cw = {};
  const room = free - lines.length * (innerW / L);
  const square = total(Object.fromEntries(mats.map((l) => [l, step(sizes[l])])));
  const f = Math.min(1, Math.max(0, room) / square);
  for (const l of mats) cw[l] = Math.max(1, f * step(sizes[l]));
  const most = free - lines.length * LINE_MIN;
  if (total(cw) > most) {
    const k = Math.max(0, most) / total(cw);
    for (const l of mats) cw[l] *= k;
  }
  const cellsWidth = total(cw);
  const lineSpan = lines.length ? (free - cellsWidth) / lines.length : 0;
  const extra = lines.length ? 0 : (free - cellsWidth) / mats.length; // no lines: matrices centred in their spans
  const columns = [left];
  const cells = {};
  for (const l of layers) {
    if (!asMatrix.has(l)) {
      columns.push(columns[l - 1] + lineSpan);
      continue;
    }
    const width = sizes[l - 1] * cw[l];
    cells[l] = { x0: columns[l - 1] + r + MATRIX_PAD.left + extra / 2, cw: cw[l] };
    columns.push(columns[l - 1] + pad + width + extra);
  }
  return { columns, cells };
}
