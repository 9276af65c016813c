// Controls: the network editor, the data table, the view options, and where a 422's message goes.
// Each view receives its container and calls `actions`; none keeps page state of its own.
import { el, clear } from "./dom.js";
import { PRESETS } from "./presets.js";
import { parameterCount } from "./state.js";

const HIDDEN_ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];
const OUTPUT_ACTIVATIONS = [...HIDDEN_ACTIVATIONS, "softmax"];
const LOSSES = [["mse", "Mean squared error"], ["binary_cross_entropy", "Binary cross-entropy"], ["cross_entropy", "Cross-entropy"]];
const MAX_NODES_UI = 64;

/** Focus survives a re-render when the focused control has a stable id. */
function keepingFocus(render) {
  const id = document.activeElement?.id;
  render();
  if (id) document.getElementById(id)?.focus();
}

const errorSlot = () => el("p", { class: "field-error", role: "alert", hidden: true });

function numberInput(id, value, field, onValue, { min, max, step = "any", label } = {}) {
  return el("input", {
    id, type: "number", value: String(value), step, min, max, class: "num-input", "aria-label": label,
    dataset: field ? { field } : {},
    on: {
      change: (e) => {
        const v = Number(e.target.value);
        if (e.target.value.trim() === "" || !Number.isFinite(v)) return;
        onValue(v);
      },
    },
  });
}

/** The left column: layers, cost, data, initialisation. */
export function createControls(container, actions) {
  function update(state) {
    // In train mode the samples are the training data: edited on the plane or as CSV, not here.
    const train = state.view.mode === "train";
    keepingFocus(() => clear(container).append(...[network(state), cost(state), train ? null : data(state), init(state)].filter(Boolean)));
  }

  function network(state) {
    const L = state.network.layers.length - 1;
    const rows = state.network.layers.map((layer, l) => {
      const kind = l === 0 ? "input" : l === L ? "output" : "hidden";
      const sizeId = `size-${l}`;
      const size = el("div", { class: "stepper" },
        el("button", { type: "button", class: "step", "aria-label": `fewer nodes in layer ${l}`, disabled: layer.size <= 1,
          on: { click: () => actions.resize(l, layer.size - 1) } }, "−"),
        numberInput(sizeId, layer.size, `network.layers[${l}].size`, (v) => actions.resize(l, Math.round(v)),
          { min: 1, max: MAX_NODES_UI, step: 1, label: `nodes in layer ${l}` }),
        el("button", { type: "button", class: "step", "aria-label": `more nodes in layer ${l}`, disabled: layer.size >= MAX_NODES_UI,
          on: { click: () => actions.resize(l, layer.size + 1) } }, "+"));
      const act = l === 0
        ? el("span", { class: "muted act-none" }, "x")
        : el("select", {
            id: `act-${l}`, "aria-label": `activation of layer ${l}`, class: "compact", dataset: { field: `network.layers[${l}].activation` },
            on: { change: (e) => actions.setActivation(l, e.target.value) },
          }, (l === L ? OUTPUT_ACTIVATIONS : HIDDEN_ACTIVATIONS).map((a) => el("option", { value: a, selected: a === layer.activation }, a)));
      const remove = kind === "hidden"
        ? el("button", { type: "button", class: "icon-button", "aria-label": `remove layer ${l}`, title: "remove this layer",
            on: { click: () => actions.removeLayer(l) } }, "×")
        : el("span", { class: "icon-spacer" });
      return el("li", { class: `layer-row ${kind}`, dataset: { l } },
        el("span", { class: "layer-name" }, el("strong", {}, `${l}`), el("span", { class: "muted" }, kind)),
        size, act, remove, errorSlot());
    });
    return el("section", { class: "control-group", "aria-labelledby": "h-network" },
      el("h2", { id: "h-network" }, "Network"),
      el("ol", { class: "layers", start: 0 }, rows),
      el("div", { class: "row" },
        el("button", { type: "button", id: "add-layer", class: "secondary", on: { click: () => actions.addLayer() } }, "+ Hidden layer"),
        el("span", { class: "muted small" }, `${parameterCount(state).toLocaleString("en")} parameters`)),
      el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "network.weights network.biases network.layers network" } }));
  }

  function cost(state) {
    return el("section", { class: "control-group", "aria-labelledby": "h-cost" },
      el("h2", { id: "h-cost" }, el("label", { for: "loss" }, "Cost C")),
      el("div", { class: "field" },
        el("select", { id: "loss", dataset: { field: "loss" }, on: { change: (e) => actions.setLoss(e.target.value) } },
          LOSSES.map(([v, name]) => el("option", { value: v, selected: v === state.loss }, name))),
        errorSlot()));
  }

  function data(state) {
    const n0 = state.network.layers[0].size;
    const nL = state.network.layers.at(-1).size;
    const B = state.input.length;
    const cols = Math.min(n0, 8);
    const colsY = Math.min(nL, 8);
    const head = el("tr", {}, el("th", { scope: "col" }, "#"),
      Array.from({ length: cols }, (_, k) => el("th", { scope: "col", class: "x" }, "x", el("sub", {}, String(k)))),
      Array.from({ length: colsY }, (_, k) => el("th", { scope: "col", class: "y" }, "y", el("sub", {}, String(k)))),
      el("th", {}, el("span", { class: "visually-hidden" }, "remove")));
    const rows = state.input.map((x, s) => el("tr", { class: s === state.view.sample ? "current" : null },
      el("th", { scope: "row" }, String(s + 1)),
      x.slice(0, cols).map((v, k) => el("td", {}, numberInput(`x-${s}-${k}`, v, null, (val) => actions.setSample("input", s, k, val), { label: `x_${k} of sample ${s + 1}` }))),
      state.target[s].slice(0, colsY).map((v, k) => el("td", { class: "y" }, numberInput(`y-${s}-${k}`, v, null, (val) => actions.setSample("target", s, k, val), { label: `y_${k} of sample ${s + 1}` }))),
      el("td", {}, B > 1 ? el("button", { type: "button", class: "icon-button", "aria-label": `remove sample ${s + 1}`, on: { click: () => actions.removeSample(s) } }, "×") : null)));
    return el("section", { class: "control-group", "aria-labelledby": "h-data" },
      el("h2", { id: "h-data" }, "Data"),
      el("p", { class: "muted small" }, "Inputs x = a", el("sup", {}, "0"), " and targets y, one row per sample."),
      el("div", { class: "table-scroll", dataset: { field: "input target" } },
        el("table", { class: "samples" }, el("thead", {}, head), el("tbody", {}, rows))),
      n0 > cols || nL > colsY ? el("p", { class: "muted small" }, "Only the first 8 columns are shown; import a file for the rest.") : null,
      el("div", { class: "row" }, el("button", { type: "button", id: "add-sample", class: "secondary", on: { click: () => actions.addSample() } }, "+ Sample")),
      el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "input target" } }));
  }

  function init(state) {
    const seed = state.network.seed ?? 0;
    return el("section", { class: "control-group", "aria-labelledby": "h-init" },
      el("h2", { id: "h-init" }, "Initial weights"),
      el("div", { class: "field row" },
        el("label", { for: "seed" }, "Seed"),
        numberInput("seed", seed, "network.seed", () => {}, { min: 0, step: 1 }),
        el("button", { type: "button", id: "reseed", class: "secondary", on: { click: () => {
          const v = Number(document.getElementById("seed").value);
          actions.reseed(Number.isInteger(v) ? v : seed);
        } } }, "Re-initialise")),
      errorSlot(),
      el("p", { class: "muted small" }, "Glorot for sigmoid, tanh, linear and softmax layers; He for relu. Biases start at 0. Click a line or a node to edit one weight or bias."));
  }

  return { update };
}


/** The bar above the graph: what the edge colour shows and how it is normalised. */
export function createViewBar(container, actions) {
  function radios(name, legend, options, current, onChange) {
    return el("fieldset", { class: "segmented" },
      el("legend", {}, legend),
      options.map(([value, label]) => {
        const id = `${name}-${value}`;
        return el("span", { class: "seg" },
          el("input", { type: "radio", name, id, value, checked: value === current, on: { change: () => onChange(value) } }),
          el("label", { for: id }, label));
      }));
  }
  function update(state) {
    const v = state.view;
    const B = state.input.length;
    keepingFocus(() => clear(container).append(...[
      radios("colorBy", "Colour by", [["gradient", "∂C/∂W"], ["weight", "W"], ["update", "−η·∂C/∂W"]], v.colorBy, (x) => actions.setView({ colorBy: x })),
      el("div", { class: "field eta", hidden: v.colorBy !== "update" },
        el("label", { for: "eta" }, "η"),
        numberInput("eta", v.eta, null, (x) => x > 0 && actions.setView({ eta: x }), { min: 0, step: 0.1 })),
      radios("norm", "Scale", [["network", "whole network"], ["layer", "per layer"], ["symlog", "sym. log"]], v.norm, (x) => actions.setView({ norm: x })),
      B > 1
        ? el("div", { class: "field" }, el("label", { for: "sample" }, "Nodes show sample"),
            el("select", { id: "sample", class: "compact", on: { change: (e) => actions.setView({ sample: Number(e.target.value) }) } },
              state.input.map((_, s) => el("option", { value: s, selected: s === v.sample }, String(s + 1)))))
        : null,
    ].filter(Boolean)));
  }
  return { update };
}

/** The header's actions: presets, link, export/import, copy as curl / Python. */
export function createHeaderActions(container, actions) {
  const preset = el("select", { id: "preset", class: "compact", on: { change: (e) => { if (e.target.value) actions.preset(e.target.value); e.target.value = ""; } } },
    el("option", { value: "" }, "Presets…"), PRESETS.map((p) => el("option", { value: p.id }, p.name)));
  const file = el("input", { type: "file", id: "import-file", accept: ".json,application/json", class: "visually-hidden",
    on: { change: (e) => { const f = e.target.files[0]; if (f) actions.importFile(f); e.target.value = ""; } } });
  container.append(
    el("label", { for: "preset", class: "visually-hidden" }, "Load a preset"), preset,
    el("button", { type: "button", id: "copy-link", on: { click: actions.copyLink } }, "Copy link"),
    el("button", { type: "button", id: "export", on: { click: actions.exportJson } }, "Export"),
    el("label", { for: "import-file", class: "button", tabindex: 0, id: "import-label",
      on: { keydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); file.click(); } } } }, "Import"), file,
    el("button", { type: "button", id: "copy-curl", on: { click: () => actions.showCode("curl") } }, "curl"),
    el("button", { type: "button", id: "copy-python", on: { click: () => actions.showCode("python") } }, "Python"),
  );
}

/**
 * Put each error's message beside the control its `field` points at (the longest data-field or
 * data-for that prefixes it); what matches nothing goes to the banner. Messages go in as text.
 */
export function showErrors(root, banner, error) {
  clearErrors(root, banner);
  const slots = [];
  for (const node of root.querySelectorAll("[data-field], .field-error[data-for]")) {
    const keys = (node.dataset.field ?? node.dataset.for).split(" ");
    const slot = node.matches(".field-error") ? node : node.closest(".field, .layer-row, .control-group")?.querySelector(".field-error");
    if (slot) for (const k of keys) slots.push([k, slot, node]);
  }
  const placed = [];
  for (const item of error.errors ?? []) {
    const f = item.field ?? "";
    const match = slots
      .filter(([k]) => f === k || f.startsWith(k + ".") || f.startsWith(k + "["))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (!match) continue;
    const [, slot, control] = match;
    slot.hidden = false;
    slot.textContent = item.message;
    if (control.matches("input, select")) control.setAttribute("aria-invalid", "true");
    placed.push(item);
  }
  if (placed.length === 0 || placed.length < (error.errors?.length ?? 0)) {
    banner.hidden = false;
    banner.textContent = error.message;
  }
}

export function clearErrors(root, banner) {
  for (const slot of root.querySelectorAll(".field-error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const c of root.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  banner.hidden = true;
  banner.textContent = "";
}
