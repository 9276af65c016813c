// The network editor: one row per layer (its size, its activation, remove), "+ Hidden layer", and
// the parameter count.
import { el } from "../lib/dom.js";
import { HIDDEN_ACTIVATIONS, ACTIVATIONS } from "../app/vocabulary.js";
import { parameterCount } from "../app/state.js";
import { errorSlot, numberInput } from "./fields.js";

const MAX_NODES_UI = 256; // the API's own limit by default (BACKPROP_MAX_NODES); past 64 a layer is drawn as a matrix

export function networkSection(state, intents) {
  const L = state.network.layers.length - 1;
  const rows = state.network.layers.map((layer, l) => layerRow(layer, l, L, intents));
  return el("section", { class: "control-group", "aria-labelledby": "h-network", dataset: { control: "network" } },
    el("h2", { id: "h-network" }, "Network"),
    el("ol", { class: "layers", start: 0 }, rows),
    el("div", { class: "row" },
      el("button", { type: "button", id: "add-layer", class: "secondary", on: { click: () => intents.addLayer() } }, "+ Hidden layer"),
      el("span", { class: "muted small" }, `${parameterCount(state).toLocaleString("en")} parameters`)),
    el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "network.weights network.biases network.layers network" } }));
}

function layerRow(layer, l, L, intents) {
  const kind = l === 0 ? "input" : l === L ? "output" : "hidden";
  const size = el("div", { class: "stepper" },
    el("button", { type: "button", class: "step", "aria-label": `fewer nodes in layer ${l}`, disabled: layer.size <= 1,
      on: { click: () => intents.resize(l, layer.size - 1) } }, "−"),
    numberInput(`size-${l}`, layer.size, `network.layers[${l}].size`, (v) => intents.resize(l, Math.round(v)),
      { min: 1, max: MAX_NODES_UI, step: 1, label: `nodes in layer ${l}` }),
    el("button", { type: "button", class: "step", "aria-label": `more nodes in layer ${l}`, disabled: layer.size >= MAX_NODES_UI,
      on: { click: () => intents.resize(l, layer.size + 1) } }, "+"));
  const act = l === 0
    ? el("span", { class: "muted act-none" }, "x")
    : el("select", {
        id: `act-${l}`, "aria-label": `activation of layer ${l}`, class: "compact", dataset: { field: `network.layers[${l}].activation` },
        on: { change: (e) => intents.setActivation(l, e.target.value) },
      }, (l === L ? ACTIVATIONS : HIDDEN_ACTIVATIONS).map((a) => el("option", { value: a, selected: a === layer.activation }, a)));
  const remove = kind === "hidden"
    ? el("button", { type: "button", class: "icon-button", "aria-label": `remove layer ${l}`, title: "remove this layer",
        on: { click: () => intents.removeLayer(l) } }, "×")
    : el("span", { class: "icon-spacer" });
  return el("li", { class: `layer-row ${kind}`, dataset: { l } },
    el("span", { class: "layer-name" }, el("strong", {}, `${l}`), el("span", { class: "muted" }, kind)),
    size, act, remove, errorSlot());
}
