// Layers drawn as matrices: which layers the graph draws as a heatmap of W^l (n_l rows i by n_(l-1)
// columns j, one cell per weight) instead of a line per weight, and which cell is under a point. Pure.

/**
 * With the view's "auto", a layer of more than this many weights n_l·n_(l-1) is a matrix: from
 * 100×100 up. At 64×64 (4,096, the editor's old largest layer and the dense test's network) a fan of
 * lines still shows which nodes carry the strong gradients; past 10,000 every pixel between two
 * columns is crossed by dozens of lines, while a matrix still gives each weight a cell of a pixel or more.
 */
export const MATRIX_ABOVE = 10000;

/** The layers l (1..L) drawn as matrices: setting is "auto" (by size) or a list of layers. */
export function matrixLayers(sizes, setting) {
  const L = sizes.length - 1;
  if (Array.isArray(setting)) return [...new Set(setting)].filter((l) => l >= 1 && l <= L).sort((a, b) => a - b);
  const out = [];
  for (let l = 1; l <= L; l++) if (sizes[l] * sizes[l - 1] > MATRIX_ABOVE) out.push(l);
  return out;
}

/** The setting with layer l switched between lines and matrix: "auto" again when that is what auto draws. */
export function toggled(sizes, setting, l) {
  const now = new Set(matrixLayers(sizes, setting));
  if (now.has(l)) now.delete(l);
  else now.add(l);
  const next = [...now].sort((a, b) => a - b);
  const auto = matrixLayers(sizes, "auto");
  return next.length === auto.length && next.every((x, k) => x === auto[k]) ? "auto" : next;
}

/** Whether a value is a matrix setting: "auto", or a list of layer numbers. */
export const isMatrixSetting = (v) =>
  v === "auto" || (Array.isArray(v) && v.length <= 64 && v.every((l) => Number.isInteger(l) && l >= 1));

/**
 * The weight whose cell holds (x, y), or null. Each matrix m: {l, rows, cols, x0, y0, cw, ch}, cell
 * (i, j) covering [x0 + j·cw, x0 + (j+1)·cw) × [y0 + i·ch, y0 + (i+1)·ch).
 */
export function cellAt(matrices, x, y) {
  for (const m of matrices) {
    const j = Math.floor((x - m.x0) / m.cw);
    const i = Math.floor((y - m.y0) / m.ch);
    if (i >= 0 && i < m.rows && j >= 0 && j < m.cols) return { l: m.l, i, j };
  }
  return null;
}

/** Cell (i, j)'s box in matrix m. */
export const cellBox = (m, i, j) => ({ x: m.x0 + j * m.cw, y: m.y0 + i * m.ch, width: m.cw, height: m.ch });
