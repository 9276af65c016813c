// The training settings as a form: the data (dataset, samples, noise, seed, classes, test share)
// and gradient descent (η, batch size, optimizer, L2, minibatch seed, steps per frame). Each field
// shows one property of the state's training setup (app/url.js) and reports a change as a value.
import { el } from "../lib/dom.js";
import { DATASETS, OPTIMIZERS } from "../app/vocabulary.js";

/** key -> the field: its id (after "train-"), its label, and its input's attributes or select options. */
export const FIELDS = {
  dataset: { id: "dataset", label: "dataset", options: [
    // names alone: the select is narrow, and the sentence under the form says what each dataset holds
    ...Object.keys(DATASETS).map((d) => [d, d]),
    ["custom", "your own"]] },
  samples: { id: "samples", label: "samples", attrs: { min: 4, step: 1 } },
  noise: { id: "noise", label: "noise", attrs: { min: 0, max: 10, step: 0.05 } },
  dataSeed: { id: "data-seed", label: "data seed", attrs: { min: 0, step: 1 } },
  classes: { id: "classes", label: "classes", attrs: { min: 2, max: 10, step: 1 } },
  testFraction: { id: "test-percent", label: "test %", attrs: { min: 0, max: 90, step: 5 } },
  learning_rate: { id: "lr", label: "learning rate η", attrs: { min: 0, step: "any" } },
  batch_size: { id: "batch", label: "batch size", attrs: { min: 1, step: 1, placeholder: "all" } },
  optimizer: { id: "optimizer", label: "optimizer", options: OPTIMIZERS.map((o) => [o, o]) },
  l2: { id: "l2", label: "L2 λ", attrs: { min: 0, step: "any" } },
  seed: { id: "seed", label: "minibatch seed", attrs: { min: 0, step: 1 } },
  stepsPerFrame: { id: "spf", label: "steps per frame", attrs: { min: 1, max: 1000, step: 1 } },
};
/**
 * Each dataset's noise when it is chosen: the spread that still shows its shape (the spiral's arms are
 * 1/3 apart, the circle's ring 0.2 from its disc; xor's corners 2 apart take more).
 */
export const DEFAULT_NOISE = { xor: 0.15, circle: 0.05, spiral: 0.04, gaussians: 0.1, sine: 0.05 };

export const DATA_FIELDS = ["dataset", "samples", "noise", "dataSeed", "classes", "testFraction"];
const DESCENT_FIELDS = ["learning_rate", "batch_size", "optimizer", "l2", "seed", "stepsPerFrame"];

/** A field's text as the setup's value: null for an empty batch size, a share for the test %, NaN when not a number. */
export function parseSetting(key, text) {
  if (key === "dataset" || key === "optimizer") return text;
  if (key === "batch_size") return text.trim() === "" ? null : Math.max(1, Math.round(Number(text)));
  if (key === "testFraction") return Math.min(0.9, Math.max(0, Number(text) / 100));
  return Number(text);
}

/** A setup's value as the field's text. */
export function settingText(key, t) {
  if (key === "testFraction") return String(Math.round(t.testFraction * 100));
  if (key === "batch_size") return t.batch_size == null ? "" : String(t.batch_size);
  return String(t[key]);
}

/** The form's controls; `onChange(key, value)` after a change (value NaN when the text is not a number). */
export function createSettings(onChange) {
  const inputs = {};
  for (const [key, f] of Object.entries(FIELDS)) {
    const id = `train-${f.id}`;
    inputs[key] = f.options
      ? el("select", { id }, f.options.map(([v, t]) => el("option", { value: v }, t)))
      : el("input", { id, type: "number", step: "any", class: "num-input", ...f.attrs });
    inputs[key].addEventListener("change", () => onChange(key, parseSetting(key, inputs[key].value)));
  }
  const field = (key) => el("label", { class: "tfield", dataset: { control: `train-${FIELDS[key].id}` } },
    el("span", { class: "tlabel" }, FIELDS[key].label), inputs[key]);
  return {
    data: el("div", { class: "tfields" }, DATA_FIELDS.map(field)),
    descent: el("div", { class: "tfields" }, DESCENT_FIELDS.map(field)),
    /** Put the setup's values in the fields (not the one being typed in). */
    sync(t, multiclass, real = false) {
      for (const [key, input] of Object.entries(inputs)) {
        const text = settingText(key, t);
        if (document.activeElement !== input && input.value !== text) input.value = text;
      }
      if (inputs.classes.disabled !== !multiclass) inputs.classes.disabled = !multiclass;
      // measured data has its own samples and no noise to add
      for (const key of ["samples", "noise"]) if (inputs[key].disabled !== real) inputs[key].disabled = real;
    },
  };
}
