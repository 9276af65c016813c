// Points added to or removed from the training data by clicking the input plane. Pure.
import { heldRow, inputColumns } from "./dataset.js";

/**
 * The data after a click with `tool` ("add<k>": a point of class k, or for regression one point at
 * the click; "remove": the sample clicked), or null when the click changes nothing.
 * @param {{x: number, y: number, sample: number, split: "train"|"test"|null}} click
 */
export function editPoints(state, tool, { x, y, sample, split }) {
  const input = state.input.map((r) => r.slice());
  const target = state.target.map((r) => r.slice());
  const test = { input: (state.test?.input ?? []).map((r) => r.slice()), target: (state.test?.target ?? []).map((r) => r.slice()) };
  const nOut = state.network.layers.at(-1).size;
  const oneInput = state.network.layers[0].size === 1;
  if (tool === "remove") {
    if (sample < 0) return null;
    const from = split === "test" ? test : { input, target };
    if (split !== "test" && input.length <= 1) return null;
    from.input.splice(sample, 1);
    from.target.splice(sample, 1);
  } else if (tool.startsWith("add")) {
    const k = Number(tool.slice(3));
    input.push(oneInput ? [x] : [x, y]);
    target.push(oneInput ? [y] : nOut === 1 ? [k] : Array.from({ length: nOut }, (_, j) => (j === k ? 1 : 0)));
  } else {
    return null;
  }
  return { input, target, test };
}

/**
 * A data object (dataset.js) after a click with `tool`, or null when the click changes nothing. A new
 * point is a row of the table: the plane's two inputs at the click, the others at their held values,
 * its class (a class name, 0/1, or one-hot) or, for one input, its target at the click.
 */
export function editRows(data, tool, { x, y, sample, split }) {
  const rows = { train: data.rows.train.slice(), test: data.rows.test.slice() };
  if (tool === "remove") {
    if (sample < 0 || (split !== "test" && rows.train.length <= 1)) return null;
    (split === "test" ? rows.test : rows.train).splice(sample, 1);
    const hold = split === "test" || data.hold < sample ? data.hold : data.hold === sample ? -1 : data.hold - 1;
    return { ...data, rows, hold };
  }
  if (!tool.startsWith("add")) return null;
  const k = Number(tool.slice(3));
  const inputs = inputColumns(data);
  const raw = heldRow(data).slice();
  if (inputs.length === 1) raw[0] = x;
  else [raw[data.axes[0]], raw[data.axes[1]]] = [x, y];
  const row = new Array(data.columns.length);
  inputs.forEach((c, j) => (row[c] = raw[j]));
  data.targets.forEach((c, j) => {
    if (data.classes) row[c] = data.classes[k];
    else if (inputs.length === 1) row[c] = j === 0 ? y : 0;
    else row[c] = data.targets.length === 1 ? k : Number(j === k);
  });
  rows.train.push(row);
  return { ...data, rows };
}

/** The plane's click tools: inspect, add a point of each class (one "add point" for regression), remove. */
export function toolsFor(classes, regression, names = null) {
  return [
    ["inspect", "inspect"],
    ...Array.from({ length: regression ? 1 : classes }, (_, k) => [`add${k}`, regression ? "add point" : `add ${names?.[k] ?? `class ${k}`}`]),
    ["remove", "remove"],
  ];
}

/** Whether the plane shows a regression (one input, or one output with targets other than 0/1). */
export function isRegression(state) {
  const nOut = state.network.layers.at(-1).size;
  return state.network.layers[0].size === 1 || (nOut === 1 && !state.target.every((r) => r[0] === 0 || r[0] === 1));
}

/** The tools for the state's data, and which of them `tool` is (inspect when it no longer exists). */
export function planeTools(state, tool) {
  const options = toolsFor(Math.max(2, state.network.layers.at(-1).size), isRegression(state), state.data?.classes);
  return { options, current: options.some(([v]) => v === tool) ? tool : "inspect" };
}
