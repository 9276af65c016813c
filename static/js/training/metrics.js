// How well the network fits, in the terms of its task: for classification, the accuracy per class
// and the confusion matrix (confusion[true][predicted]); for regression, R² and the mean absolute
// error. The same definitions as POST /api/v1/train's metrics. Pure: no DOM, so node --test imports it.

/** The class of an output or target row: argmax of several columns, a ≥ 0.5 of one. */
export const classIndex = (row) => (row.length === 1 ? (row[0] >= 0.5 ? 1 : 0) : row.indexOf(Math.max(...row)));

/** {accuracy, per_class: [{class, samples, accuracy}], confusion} over `k` classes. */
export function classification(outputs, targets, k) {
  const confusion = Array.from({ length: k }, () => new Array(k).fill(0));
  outputs.forEach((out, s) => confusion[classIndex(targets[s])][classIndex(out)]++);
  const per_class = confusion.map((row, c) => {
    const samples = row.reduce((a, b) => a + b, 0);
    return { class: c, samples, accuracy: samples ? row[c] / samples : null };
  });
  const right = confusion.reduce((a, row, c) => a + row[c], 0);
  return { accuracy: outputs.length ? right / outputs.length : null, per_class, confusion };
}

/** {r2, mae} over every output column: R² = 1 − SS_res / SS_tot (null when the targets do not vary). */
export function regression(outputs, targets) {
  const d = targets[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => targets.reduce((a, t) => a + t[j], 0) / targets.length);
  let res = 0;
  let tot = 0;
  let abs = 0;
  outputs.forEach((out, s) => out.forEach((v, j) => {
    const t = targets[s][j];
    res += (v - t) ** 2;
    tot += (t - mean[j]) ** 2;
    abs += Math.abs(v - t);
  }));
  return { r2: tot > 0 ? 1 - res / tot : null, mae: abs / (targets.length * d) };
}

/** The metrics of one split, for the task: classes (≥ 2) for classification, null for regression. */
export const metricsOf = (outputs, targets, classes) =>
  (classes ? classification(outputs, targets, classes) : regression(outputs, targets));
