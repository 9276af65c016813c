// The data's own controls, under the dataset: what the data is (its columns, its classes, where it
// comes from), the Columns dialog (which columns are targets), standardised inputs (with the mean and
// sd each input is scaled by) and the derived features of two-input data. Emits intents.
import { el, clear, setText } from "../lib/dom.js";
import { fmt, subscriptIndices as subscripted } from "../lib/format.js";
import { FEATURES, FEATURE_IDS } from "./features.js";
import { inputColumns, inputLabels, plainName } from "./dataset.js";

/** The data in a sentence: its inputs, its targets (classes by name), its split, its source. */
export function describe(data, nTest) {
  // the page's own names (x0, y0) with its subscripts; a table's own as they are
  const names = inputColumns(data).map((k, i) => (plainName(data.columns[k], i) ? subscripted(data.columns[k]) : data.columns[k]));
  const targets = data.targets.map((k, j) => (plainName(data.columns[k], j, "y") ? subscripted(data.columns[k]) : data.columns[k]));
  const list = (xs) => (xs.length > 6 ? `${xs.slice(0, 5).join(", ")}, … (${xs.length} in all)` : xs.join(", "));
  const what = data.classes
    ? `${targets[0]}: ${data.classes.length} classes (${list(data.classes)})`
    : `${list(targets)}${data.targets.length === 1 ? "" : ` (${targets.length} targets)`}`;
  const count = `${data.rows.train.length} training and ${nTest} test samples`;
  const dropped = data.dropped ? ` ${data.dropped} rows with missing values were dropped.` : "";
  return `${names.length} input${names.length === 1 ? "" : "s"} (${list(names)}) → ${what}. ${count}.${dropped}`;
}

/** @param {{setTargets(indices), setDataOption(changes)}} intents */
export function createDataForm(intents) {
  const about = el("p", { class: "small data-about", id: "train-data-about" });
  const source = el("p", { class: "muted small data-source", id: "train-data-source" });
  const dialog = el("dialog", { class: "code-dialog columns-dialog", "aria-labelledby": "columns-title" });
  const columns = el("button", { type: "button", id: "train-columns", class: "secondary", on: { click: () => dialog.showModal() } }, "Columns…");
  const standardise = el("input", { type: "checkbox", id: "train-standardise", on: { change: () => intents.setDataOption({ standardise: standardise.checked }) } });
  const scale = el("table", { class: "scale-table small", id: "train-scale" });
  const boxes = FEATURE_IDS.map((id) => el("input", { type: "checkbox", id: `train-feature-${FEATURE_IDS.indexOf(id)}`, dataset: { feature: id },
    on: { change: () => intents.setDataOption({ features: FEATURE_IDS.filter((_, k) => boxes[k].checked) }) } }));
  const features = el("fieldset", { class: "features", dataset: { control: "train-features" } },
    el("legend", {}, "Derived inputs: each adds an input node"),
    FEATURE_IDS.map((id, k) => el("label", { class: "feature" }, boxes[k], subscripted(FEATURES[id].text))));
  const box = el("div", { class: "data-form" },
    about, source,
    el("div", { class: "row", dataset: { control: "train-columns" } }, columns,
      el("label", { class: "check", for: "train-standardise", title: "Each input shifted and scaled to mean 0 and sd 1 on the training samples" },
        standardise, "Standardise inputs")),
    scale, features, dialog);

  let shown = null;
  function update(state) {
    const data = state.data;
    box.hidden = !data;
    if (!data) return;
    setText(about, describe(data, data.rows.test.length));
    setText(source, data.source ? `Source: ${data.source}.${data.licence ? ` Licence: ${data.licence}.` : ""}` : "");
    source.hidden = !data.source;
    standardise.checked = data.standardise;
    drawScale(scale, data);
    features.hidden = inputColumns(data).length !== 2;
    boxes.forEach((b) => (b.checked = data.features.includes(b.dataset.feature)));
    if (shown !== data) fillDialog(dialog, data, intents);
    shown = data;
  }
  return { el: box, update };
}

/** The figures each input is standardised with: its mean and sd on the training samples. */
function drawScale(table, data) {
  table.hidden = !data.scale;
  if (!data.scale) return clear(table);
  const labels = inputLabels(data);
  clear(table).append(
    el("caption", {}, "Each input x is fed to the network as (x − mean) / sd, with the training samples' figures:"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "input"), el("th", { scope: "col" }, "mean"), el("th", { scope: "col" }, "sd"))),
    el("tbody", {}, labels.map((x, i) => el("tr", {},
      el("th", { scope: "row" }, subscripted(`x${i}`), el("span", { class: "muted" }, ` ${x.formula ? subscripted(x.formula) : x.name}`)),
      el("td", { class: "num" }, fmt(x.mean, 4)), el("td", { class: "num" }, fmt(x.sd, 4))))));
}

/** The Columns dialog: each column an input or a target, with its first values; Apply trains on the choice. */
function fillDialog(dialog, data, intents) {
  const sample = (k) => [...data.rows.train, ...data.rows.test].slice(0, 3).map((r) => (typeof r[k] === "number" ? fmt(r[k], 4) : r[k])).join(", ");
  const checks = data.columns.map((name, k) => el("input", { type: "checkbox", id: `column-target-${k}`, checked: data.targets.includes(k), "aria-label": `${name} is a target` }));
  const apply = () => {
    dialog.close();
    intents.setTargets(checks.flatMap((c, k) => (c.checked ? [k] : [])));
  };
  clear(dialog).append(
    el("div", { class: "dialog-head" },
      el("h2", { id: "columns-title" }, "Which columns are targets?"),
      el("button", { type: "button", class: "icon-button", "aria-label": "Close", on: { click: () => dialog.close() } }, "×")),
    el("p", { class: "muted small dialog-text" }, "The network learns to predict the targets from the other columns, its inputs. ",
      "A column of names (text) becomes one output per class. The input and output layers are resized; the hidden layers are kept."),
    el("table", { class: "columns-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "column"), el("th", { scope: "col" }, "first values"), el("th", { scope: "col" }, "target"))),
      el("tbody", {}, data.columns.map((name, k) => el("tr", {},
        el("th", { scope: "row" }, el("label", { for: `column-target-${k}` }, name)), el("td", { class: "muted" }, sample(k)), el("td", {}, checks[k]))))),
    el("div", { class: "dialog-foot" },
      el("button", { type: "button", class: "secondary", on: { click: () => dialog.close() } }, "Cancel"),
      el("button", { type: "button", id: "columns-apply", on: { click: apply } }, "Apply")));
}
