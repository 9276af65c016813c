// Standardised inputs: each input column shifted and scaled to mean 0 and variance 1 on the training
// split, and the same shift and scale applied to everything else the network sees (test samples, new
// points, the plane's grid). Pure: no DOM, so node --test imports it as the browser does.

/**
 * Each column's mean and standard deviation over `rows` (the population's: divided by N). A column
 * that does not vary gets sd 1: it is only shifted.
 */
export function fitScale(rows) {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const sd = mean.map((m, j) => {
    const v = rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n;
    return v > 1e-24 ? Math.sqrt(v) : 1;
  });
  return { mean, sd };
}

/** Rows shifted and scaled: (x − mean) / sd, column by column; rows as they are without a scale. */
export const applyScale = (rows, scale) => (scale ? rows.map((r) => r.map((v, j) => (v - scale.mean[j]) / scale.sd[j])) : rows);

/** A standardised row back in the data's own units (for the plane's axes). */
export const unscale = (row, scale) => (scale ? row.map((v, j) => v * scale.sd[j] + scale.mean[j]) : row);
