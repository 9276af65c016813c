// Pure: layer sizes and a box -> nodes and edges with stable ids and coordinates.
// Ids depend only on (l, i, j), so a keyed join keeps an edge's element when the gradients change.

export const nodeId = (l, i) => `a${l}_${i}`;
export const edgeId = (l, i, j) => `W${l}_${i}_${j}`;

/**
 * @param {number[]} sizes n_0..n_L
 * @param {{width: number, height: number, margin?: {top, right, bottom, left}}} box
 * @returns {{nodes: {id, l, i, x, y}[], edges: {id, l, i, j, x1, y1, x2, y2}[], r: number, columns: number[]}}
 *   Layer 0 on the left, layer L on the right; W_ij^l joins node j of layer l-1 to node i of layer l.
 */
export function layout(sizes, { width, height, margin = { top: 40, right: 70, bottom: 40, left: 70 } }) {
  const L = sizes.length - 1;
  const innerW = Math.max(1, width - margin.left - margin.right);
  const innerH = Math.max(1, height - margin.top - margin.bottom);
  const columns = sizes.map((_, l) => margin.left + (L === 0 ? innerW / 2 : (innerW * l) / L));
  const most = Math.max(...sizes);
  const gapY = innerH / Math.max(most, 1);
  const gapX = L === 0 ? innerW : innerW / L;
  // Radius from the tightest direction, so circles never touch.
  const r = Math.max(2.5, Math.min(26, gapY * 0.36, gapX * 0.16));
  const y = (n, i) => {
    // Small layers are spread on the same spacing as the largest one, centred.
    const step = Math.min(gapY * 1.6, innerH / Math.max(n, 1));
    return margin.top + innerH / 2 + (i - (n - 1) / 2) * step;
  };
  const nodes = [];
  sizes.forEach((n, l) => {
    for (let i = 0; i < n; i++) nodes.push({ id: nodeId(l, i), l, i, x: columns[l], y: y(n, i) });
  });
  const edges = [];
  for (let l = 1; l <= L; l++) {
    for (let i = 0; i < sizes[l]; i++) {
      for (let j = 0; j < sizes[l - 1]; j++) {
        edges.push({ id: edgeId(l, i, j), l, i, j, x1: columns[l - 1], y1: y(sizes[l - 1], j), x2: columns[l], y2: y(sizes[l], i) });
      }
    }
  }
  return { nodes, edges, r, columns };
}
