// Which two inputs the plane spans, when the data has more than two, and where the others are held:
// at their training mean, or at the inspected sample's values. Said under the plot in words.
import { el, clear, setAttr, setText } from "../../lib/dom.js";
import { fmt } from "../../lib/format.js";
import { inputColumns } from "../dataset.js";

/** The plane's words for a data object: each raw input's name (x_i when it has none of its own). */
export const axisNames = (data) => inputColumns(data).map((k) => data.columns[k]);

/** What the plane holds fixed, in words: "others at their training mean: c = 3, d = 1.2". */
export function heldText(data, grid) {
  if (!grid?.held || !grid.axes) return "";
  const names = axisNames(data);
  const others = names.flatMap((n, j) => (grid.axes.includes(j) ? [] : [`${n} = ${fmt(grid.held[j], 4)}`]));
  if (!others.length) return "";
  const at = data.hold >= 0 ? `sample ${data.hold + 1}'s values` : "their training mean"; // samples count from 1 on the page
  return `The other inputs are held at ${at}: ${others.join(", ")}.`;
}

/**
 * @param {(changes: {axes?, hold?}) => void} onChange
 * @returns {{el, update(data, sample, grid)}}
 */
export function createAxesPicker(onChange) {
  const across = el("select", { id: "plane-x", "aria-label": "the plane's horizontal input" });
  const up = el("select", { id: "plane-y", "aria-label": "the plane's vertical input" });
  const hold = el("select", { id: "plane-hold", "aria-label": "where the other inputs are held" });
  const note = el("p", { class: "muted small plane-held", id: "plane-held" });
  const pair = (id, text, select) => el("span", { class: "plane-pair" }, el("label", { for: id }, text), select);
  const pick = el("div", { class: "row plane-axes", dataset: { control: "plane-axes" } },
    pair("plane-x", "across", across), pair("plane-y", "up", up), pair("plane-hold", "others at", hold));
  let data = null;
  let sample = 0;
  const axes = () => [Number(across.value), Number(up.value)];
  across.addEventListener("change", () => onChange({ axes: swapIfSame(axes(), data.axes, 0) }));
  up.addEventListener("change", () => onChange({ axes: swapIfSame(axes(), data.axes, 1) }));
  hold.addEventListener("change", () => onChange({ hold: hold.value === "mean" ? -1 : sample }));

  function update(d, k, grid) {
    data = d;
    sample = k;
    const wide = Boolean(d) && axisNames(d).length > 2;
    pick.hidden = !wide;
    setText(note, wide ? heldText(d, grid) : "");
    note.hidden = !wide;
    if (!wide) return;
    const names = axisNames(d);
    const key = names.join("\u0000");
    if (pick.dataset.names !== key) {
      pick.dataset.names = key;
      for (const s of [across, up]) clear(s).append(...names.map((n, j) => el("option", { value: String(j) }, n)));
    }
    across.value = String(d.axes[0]);
    up.value = String(d.axes[1]);
    const options = [["mean", "their training mean"], ["sample", `sample ${(d.hold >= 0 ? d.hold : k) + 1}'s values`]];
    clear(hold).append(...options.map(([v, t]) => el("option", { value: v }, t)));
    hold.value = d.hold >= 0 ? "sample" : "mean";
    setAttr(hold, "title", "Inspect a sample (click it) to hold the others at its values");
  }
  return { el: el("div", { class: "plane-pick" }, pick, note), update };
}

/** Choosing for one axis the input the other shows swaps them. */
function swapIfSame(next, before, changed) {
  if (next[0] !== next[1]) return next;
  const other = 1 - changed;
  const out = next.slice();
  out[other] = before[changed];
  return out;
}
