// The training data as the learner gave it (state.data): a table's columns and rows, split into
// training and test rows, which columns are targets, a text target's class names, whether the inputs
// are standardised, the derived features, and the plane's axes. prepare() turns it into what the
// network sees (state.input, state.target, state.test): the inputs expanded by the features, then
// standardised with the training rows' mean and sd. Pure: no DOM, so node --test imports it as the browser does.
import { classNames, csvCell, isTextColumn } from "./columns.js";
import { expand, cleanFeatures, FEATURES } from "./features.js";
import { applyScale, fitScale } from "./standardise.js";
import { split } from "./data.js";

/**
 * A data object from a checked table ({columns, rows, split}) and its target columns. Without a split
 * column, the rows are split by (testFraction, seed) as a dataset is.
 */
export function fromTable(table, targets, { testFraction = 0.2, seed = 0, standardise = true, name = "", extra = {} } = {}) {
  let rows;
  if (table.split) {
    rows = { train: table.rows.filter((_, k) => table.split[k] === "train"), test: table.rows.filter((_, k) => table.split[k] === "test") };
  } else {
    const s = split(table.rows, table.rows, testFraction, seed);
    rows = { train: s.train.input, test: s.test.input };
  }
  const text = targets.length === 1 && isTextColumn(table.rows, targets[0]);
  const all = [...rows.train, ...rows.test];
  return {
    name, columns: table.columns, targets: [...targets].sort((a, b) => a - b), rows,
    classes: text ? classNames(all, targets[0]) : null,
    standardise, features: [], axes: [0, 1], hold: -1, ...extra,
  };
}

/** The data's input columns (their indices in a row), in the table's order. */
export const inputColumns = (data) => data.columns.flatMap((_, k) => (data.targets.includes(k) ? [] : [k]));

/** The data's raw inputs: rows of numbers, one per sample. */
export const rawInputs = (data, rows) => rows.map((r) => inputColumns(data).map((k) => r[k]));

/** Features apply to two-input data only. */
export const activeFeatures = (data) => (inputColumns(data).length === 2 ? cleanFeatures(data.features) : []);

function targetsOf(data, rows) {
  if (data.classes) {
    const k = data.targets[0];
    return rows.map((r) => data.classes.map((c) => (String(r[k]) === c ? 1 : 0)));
  }
  return rows.map((r) => data.targets.map((k) => r[k]));
}

/**
 * What the network sees: {input, target, test: {input, target}, data} with data.scale the training
 * rows' {mean, sd} per network input (null when not standardised).
 */
export function prepare(data) {
  const features = activeFeatures(data);
  const train = expand(rawInputs(data, data.rows.train), features);
  const test = expand(rawInputs(data, data.rows.test), features);
  const scale = data.standardise ? fitScale(train) : null;
  return {
    input: applyScale(train, scale),
    target: targetsOf(data, data.rows.train),
    test: { input: applyScale(test, scale), target: targetsOf(data, data.rows.test) },
    data: { ...data, features, scale },
  };
}

/** A raw input row as the network sees it (a new point, a grid point). */
export const networkRow = (data, raw) => applyScale(expand([raw], activeFeatures(data)), data.scale)[0];

/** The raw inputs the others are held at on the plane: the training mean, or a training sample's. */
export function heldRow(data) {
  const train = rawInputs(data, data.rows.train);
  if (data.hold >= 0 && data.hold < train.length) return train[data.hold];
  return train[0].map((_, j) => train.reduce((s, r) => s + r[j], 0) / train.length);
}

/**
 * Each network input's words: {name: the column's name (null for a feature), formula: a feature's
 * text (x0²), tex, mean, sd (when standardised)}.
 */
export function inputLabels(data) {
  const names = inputColumns(data).map((k) => data.columns[k]);
  const labels = [
    ...names.map((name, i) => ({ name, formula: null, tex: `x_{${i}}` })),
    ...activeFeatures(data).map((id) => ({ name: null, formula: FEATURES[id].text, tex: FEATURES[id].tex })),
  ];
  return labels.map((x, i) => ({ ...x, mean: data.scale?.mean[i] ?? null, sd: data.scale?.sd[i] ?? null }));
}

/** Whether a column name is just the page's own x_i or y_i: then the graph need not repeat it. */
export const plainName = (name, i, base = "x") => new RegExp(`^${base}_?${i}$`, "i").test(name ?? "");

/** The data as CSV: its header, a split column, then each training row, then each test row, as read. */
export function dataCsv(data) {
  const head = [...data.columns, "split"].map(csvCell).join(",");
  const line = (r, s) => [...r.map(csvCell), s].join(",");
  return [head, ...data.rows.train.map((r) => line(r, "train")), ...data.rows.test.map((r) => line(r, "test"))].join("\n") + "\n";
}

/** Column names for plain arrays: x0.., then y0.. (the page's own notation, counted from 0). */
export function plainTable(input, target, test) {
  const nIn = input[0]?.length ?? 0;
  const nOut = target[0]?.length ?? 0;
  const columns = [...Array.from({ length: nIn }, (_, k) => `x${k}`), ...Array.from({ length: nOut }, (_, k) => `y${k}`)];
  const rowsOf = (i, t) => i.map((x, s) => [...x, ...t[s]]);
  const trainRows = rowsOf(input, target);
  const testRows = rowsOf(test?.input ?? [], test?.target ?? []);
  return {
    columns, rows: [...trainRows, ...testRows],
    split: [...trainRows.map(() => "train"), ...testRows.map(() => "test")],
    targets: columns.map((_, k) => k).slice(nIn),
  };
}

const isInt = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
const isCell = (v) => (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";

/** A data object read from a link or a file: the same object when it holds together, else null. */
export function readData(obj) {
  if (!obj || typeof obj !== "object") return null;
  const { columns, targets, rows, classes } = obj;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string") || columns.length < 2) return null;
  if (!Array.isArray(targets) || !targets.length || targets.length >= columns.length || !targets.every((k) => isInt(k, 0, columns.length - 1))) return null;
  const okRows = (list) => Array.isArray(list) && list.every((r) => Array.isArray(r) && r.length === columns.length && r.every(isCell));
  if (!rows || !okRows(rows.train) || !okRows(rows.test) || !rows.train.length) return null;
  if (classes !== null && !(Array.isArray(classes) && classes.every((c) => typeof c === "string"))) return null;
  const nIn = columns.length - targets.length;
  const axes = Array.isArray(obj.axes) && obj.axes.length === 2 && obj.axes.every((a) => isInt(a, 0, nIn - 1)) && obj.axes[0] !== obj.axes[1] ? obj.axes : [0, 1];
  const data = {
    ...obj, classes, standardise: obj.standardise === true, features: cleanFeatures(obj.features), axes,
    hold: isInt(obj.hold, -1, rows.train.length - 1) ? obj.hold : -1, name: typeof obj.name === "string" ? obj.name : "",
  };
  const inputs = inputColumns(data);
  const bad = [...rows.train, ...rows.test].some((r) => inputs.some((k) => typeof r[k] !== "number") ||
    (classes ? !classes.includes(String(r[targets[0]])) : targets.some((k) => typeof r[k] !== "number")));
  return bad ? null : data;
}
