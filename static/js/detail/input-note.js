// Which x the network was given: an input's column or formula and, when standardised, the mean and
// sd it was scaled by, with this sample's value before and after. For the node card of an input and
// the card of a weight it multiplies.
import { el } from "../lib/dom.js";
import { fmt, subscriptIndices } from "../lib/format.js";
import { inputLabels, rawInputs } from "../training/dataset.js";
import { expand } from "../training/features.js";

/** The note for input j of the sample the nodes show, or null when the data is not a table's (the input is as typed). */
export function inputNote(state, j) {
  const data = state.data;
  const s = Math.min(state.view.sample ?? 0, state.input.length - 1); // the sample's row (a live frame's answer holds it alone)
  if (!data) return null;
  const label = inputLabels(data)[j];
  if (!label) return null;
  const x = subscriptIndices(`x${j}`);
  const what = label.formula ? subscriptIndices(label.formula) : `“${label.name}”`;
  const row = data.rows.train[s];
  const raw = row ? expand(rawInputs(data, [row]), data.features)[0][j] : null;
  const value = state.input[s]?.[j];
  const parts = label.mean === null
    ? [`${x} is ${what}${label.formula ? ", a derived input" : ""}`, raw === null ? "." : `: ${fmt(raw, 6)} for this sample.`]
    : [`${x} is ${what}, standardised with the training samples' mean and sd: ${x} = (${label.formula ? what : label.name} − ${fmt(label.mean, 6)}) / ${fmt(label.sd, 6)}`,
      raw === null ? "." : ` = (${fmt(raw, 6)} − ${fmt(label.mean, 6)}) / ${fmt(label.sd, 6)} = ${fmt(value, 6)} for this sample.`];
  return el("p", { class: "note input-note", dataset: { input: String(j) } }, ...parts);
}
