// Every part of the page a lesson can hide or lock, by the data-control name it carries: one list for
// the lesson dialog, the README and the test that each name is on the page.
import { FIELDS } from "../training/settings.js";

/** [name, what it is], in the order the lesson dialog lists them. */
export const CONTROLS = [
  ["mode-explore", "The One pass mode"],
  ["mode-train", "The Train mode"],
  ["mode-derive", "The Derive mode"],
  ["network", "The network: layers, sizes, activations"],
  ["cost", "The cost C"],
  ["data", "The samples (One pass)"],
  ["seed", "The initial weights' seed"],
  ["color-by", "Colour by (∂C/∂W, W, −η·∂C/∂W)"],
  ["scale", "The colour scale"],
  ["sample", "Which sample the nodes show"],
  ["layout", "Lines or matrix, per layer"],
  ["passes", "Playing the passes"],
  ["numbers", "The numbers as a table"],
  ["edit-weight", "Editing a weight or a bias in its card"],
  ["jacobian", "The Jacobian chain in a card"],
  ["curve-range", "C(w)'s range in a card"],
  ["presets", "The presets"],
  ["link", "Copy link"],
  ["export", "Export"],
  ["import", "Import"],
  ["code", "curl and Python"],
  ["teach", "The Teach menu"],
  ["worksheet", "The worksheet"],
  ["embed", "The embed snippet"],
  ["lesson", "The lesson dialog"],
  ["figures", "Figure downloads"],
  ["train-run", "Training: play, step, reset"],
  ["train-data", "Training: new data, CSV"],
  ["train-columns", "Training: the Columns dialog and standardised inputs"],
  ["train-features", "Training: the derived inputs (x₀², sin x₀…)"],
  ["train-presets", "Training: the vanishing-gradient presets"],
  ["plane-tools", "Training: adding and removing points"],
  ["plane-axes", "Training: the plane's two inputs and the held values"],
  ...Object.values(FIELDS).map((f) => [`train-${f.id}`, `Training: ${f.label}`]),
  ["history", "Training: the history scrubber"],
  ["compare", "Training: compare with…"],
  ["derive-exercise", "Derive: choosing the exercise"],
];

export const NAMES = CONTROLS.map(([name]) => name);

/** Which control each mode's switch is. */
export const modeControl = (mode) => `mode-${mode}`;
