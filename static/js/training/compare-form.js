// "Compare with…": a button that opens a small form (the one setting run B changes, and its value),
// and while comparing, a bar naming B's change with its numbers and "Stop comparing". Emits
// intents.compare(compare) and intents.stopComparing(); what B is, is compare.js's.
import { el, setText } from "../lib/dom.js";
import { fmt } from "../lib/format.js";
import { readGroup } from "../app/url.js";
import { COMPARE_SETTINGS, compareLabel, labelA, parseValue, proposal, valueText } from "./compare.js";

const REFUSED = {
  learning_rate: "η is a number above 0.",
  weightSeed: "The seed is a whole number from 0.",
  l2: "λ is a number from 0.",
  sizes: "The sizes are whole numbers from 1 to 256, one per hidden layer, separated by commas (up to 14).",
};

/** @param {{compare(c), stopComparing()}} intents */
export function createCompareForm(intents) {
  let state = null; // run A's state, as last drawn
  let value = null; // the value's field: a select or an input, per setting
  const open = el("button", { type: "button", id: "train-compare", class: "secondary", "aria-expanded": "false", "aria-controls": "compare-form",
    dataset: { control: "compare" }, on: { click: () => (form.hidden ? show() : close()) } }, "Compare with…");
  const setting = el("select", { id: "compare-setting" }, Object.entries(COMPARE_SETTINGS).map(([k, s]) => el("option", { value: k }, s.label)));
  const valueBox = el("span", { class: "compare-value" });
  const error = el("p", { class: "field-error", role: "alert", hidden: true });
  const form = el("form", { id: "compare-form", class: "compare-form", hidden: true, novalidate: true, on: { submit: (e) => { e.preventDefault(); submit(); } } },
    el("p", { class: "muted small" }, "Run B is this run with one setting changed, trained beside it from step 0 on the same minibatches."),
    el("div", { class: "tfields" },
      el("label", { class: "tfield" }, el("span", { class: "tlabel" }, "change"), setting),
      el("label", { class: "tfield" }, el("span", { class: "tlabel" }, "to"), valueBox)),
    error,
    el("div", { class: "row" },
      el("button", { type: "submit", id: "compare-start", class: "primary" }, "Compare"),
      el("button", { type: "button", class: "secondary", on: { click: () => close() } }, "Cancel")));
  setting.addEventListener("change", () => field(setting.value, proposal(state, setting.value)));

  // while comparing: the two runs named, and their numbers side by side
  const ROWS = [["loss", "training C"], ["testLoss", "test C"], ["accuracy", "accuracy"], ["testAccuracy", "test accuracy"]];
  const names = { a: el("span", { class: "run-key a" }), b: el("span", { class: "run-key b" }) };
  const cells = Object.fromEntries(ROWS.map(([k]) => [k, { a: el("td", {}, "—"), b: el("td", { id: `train-b-${k}` }, "—") }]));
  const bar = el("div", { class: "compare-bar", hidden: true },
    el("div", { class: "compare-runs" }, names.a, names.b),
    el("table", { class: "compare-table" },
      el("thead", {}, el("tr", {}, el("td", {}), el("th", { scope: "col" }, "A"), el("th", { scope: "col" }, "B"))),
      el("tbody", {}, ROWS.map(([k, label]) => el("tr", {}, el("th", { scope: "row" }, label), cells[k].a, cells[k].b)))),
    el("p", { class: "muted small" }, "Same data, same minibatches. The graph and the cards show run A."),
    el("div", { class: "row" },
      el("button", { type: "button", id: "compare-stop", class: "secondary", on: { click: () => intents.stopComparing() } }, "Stop comparing")));

  function field(key, v) {
    const s = COMPARE_SETTINGS[key];
    value = s.options
      ? el("select", { id: "compare-value" }, s.options.map((o) => el("option", { value: o }, o)))
      : el("input", { id: "compare-value", type: key === "sizes" ? "text" : "number", class: "num-input", ...s.attrs, placeholder: s.placeholder ?? null });
    value.value = valueText(key, v);
    valueBox.replaceChildren(value);
    error.hidden = true;
  }

  function show() {
    const c = state.compare;
    const key = c?.setting ?? "optimizer";
    setting.value = key;
    field(key, c ? c[key] : proposal(state, key));
    form.hidden = false;
    open.setAttribute("aria-expanded", "true");
    setting.focus();
  }

  function close() {
    form.hidden = true;
    error.hidden = true;
    open.setAttribute("aria-expanded", "false");
  }

  function submit() {
    const key = setting.value;
    const v = parseValue(key, value.value);
    if (v === undefined) {
      error.textContent = REFUSED[key] ?? "Choose a value.";
      error.hidden = false;
      return value.focus();
    }
    close();
    intents.compare({ ...(state.compare ?? readGroup("compare", null)), setting: key, [key]: v });
  }

  /** snapshot: {state, run} */
  function update({ state: st, run }) {
    state = st;
    const c = st.compare;
    if (bar.hidden !== !c) bar.hidden = !c;
    setText(open, c ? "Change B…" : "Compare with…");
    if (!c) return;
    names.a.textContent = labelA(st, c);
    names.b.textContent = compareLabel(c);
    for (const [k] of ROWS) {
      for (const [which, readout] of [["a", run.readout], ["b", run.b?.readout]]) {
        const v = readout?.[k];
        cells[k][which].textContent = v == null ? "—" : k.endsWith("ccuracy") ? `${fmt(100 * v, 3)}%` : fmt(v, 4);
        cells[k][which].dataset.value = v == null ? "" : String(v);
      }
    }
  }

  return { el: el("div", { class: "comparison" }, el("div", { class: "row" }, open), form, bar), update };
}
