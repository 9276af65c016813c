// The steps kept for the charts: every step until MAX_HISTORY, then every other older step (the
// last 200 always kept), so a long run costs bounded memory and drawing. Pure.

export const MAX_HISTORY = 4000;

/** `history` with `steps` appended, thinned when it grows past `max`. */
export function appendHistory(history, steps, max = MAX_HISTORY) {
  const all = history.concat(steps);
  return all.length > max ? all.filter((_, k) => k % 2 === 0 || k >= all.length - 200) : all;
}
