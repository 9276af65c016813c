// The left column: the network, the cost, the samples (explore mode) and the initial weights. It
// receives its container and the state the controls show (the draft: an edit the API has not
// accepted yet stays in its field, beside its message); each control emits an intent.
import { el, clear } from "../lib/dom.js";
import { LOSSES } from "../app/vocabulary.js";
import { lossMismatch } from "../app/state.js";
import { errorSlot, keepingFocus, numberInput } from "./fields.js";
import { networkSection } from "./network.js";
import { samplesSection } from "./samples.js";

export function createControls(container, intents) {
  function update(state) {
    const train = state.view.mode === "train";
    keepingFocus(() => clear(container).append(...[
      networkSection(state, intents), costSection(state, intents), train ? null : samplesSection(state, intents), seedSection(state, intents),
    ].filter(Boolean)));
  }
  return { update };
}

function costSection(state, intents) {
  return el("section", { class: "control-group", "aria-labelledby": "h-cost", dataset: { control: "cost" } },
    el("h2", { id: "h-cost" }, el("label", { for: "loss" }, "Cost C")),
    el("div", { class: "field" },
      el("select", { id: "loss", dataset: { field: "loss" }, on: { change: (e) => intents.setLoss(e.target.value) } },
        Object.entries(LOSSES).map(([v, loss]) => el("option", { value: v, selected: v === state.loss }, loss.label))),
      lossSlot(state, intents)));
}

/**
 * Where a refused loss is explained: when the output layer's activation is not the one the loss
 * needs, in words, with the fix as a button (the API's own message names its fields: cross_entropy).
 */
function lossSlot(state, intents) {
  const m = lossMismatch(state);
  if (!m) return errorSlot();
  return el("p", { class: "field-error", role: "alert", hidden: true, dataset: { own: "" } },
    `${LOSSES[state.loss].label} needs a ${m.need} output layer, but the output (layer ${m.L}) is ${m.has}. `,
    el("button", { type: "button", id: "loss-fix", class: "secondary small-button", on: { click: () => intents.setActivation(m.L, m.need) } },
      `Switch the output to ${m.need}`));
}

function seedSection(state, intents) {
  const seed = state.network.seed ?? 0;
  const input = numberInput("seed", seed, "network.seed", () => {}, { min: 0, step: 1 });
  const reseed = () => {
    const v = Number(input.value);
    intents.reseed(Number.isInteger(v) ? v : seed);
  };
  return el("section", { class: "control-group", "aria-labelledby": "h-init", dataset: { control: "seed" } },
    el("h2", { id: "h-init" }, "Initial weights"),
    el("div", { class: "field row" },
      el("label", { for: "seed" }, "Seed"), input,
      el("button", { type: "button", id: "reseed", class: "secondary", on: { click: reseed } }, "Re-initialise")),
    errorSlot(),
    el("p", { class: "muted small" }, "Glorot for sigmoid, tanh, linear and softmax layers; He for relu. Biases start at 0. Click a line or a node to edit one weight or bias."));
}
