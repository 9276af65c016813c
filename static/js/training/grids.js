// Where the plane asks for the network's output: grids over the data's extent. Pure.

/** A grid of n×n points over [x0,x1]×[y0,y1], row by row from the top (y1) down. */
export function grid2d([x0, x1], [y0, y1], n) {
  const points = [];
  for (let r = 0; r < n; r++) {
    const y = y1 - ((r + 0.5) / n) * (y1 - y0);
    for (let c = 0; c < n; c++) points.push([x0 + ((c + 0.5) / n) * (x1 - x0), y]);
  }
  return points;
}

/** n points evenly over [x0, x1], as one-input samples. */
export function grid1d([x0, x1], n) {
  return Array.from({ length: n }, (_, k) => [x0 + (k / (n - 1)) * (x1 - x0)]);
}

/** The extent of the data with a margin, never empty. */
export function extent(values, margin = 0.15) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * margin;
  return [lo - pad, hi + pad];
}
