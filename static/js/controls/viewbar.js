// The bar above the graph: what the edge colour shows, how it is normalised, and which sample the
// nodes show.
import { el, clear } from "../lib/dom.js";
import { keepingFocus, numberInput } from "./fields.js";
import { colourEta } from "../app/state.js";

function radios(name, legend, options, current, onChange, control, fixed = null) {
  return el("fieldset", { class: "segmented", dataset: { control }, disabled: fixed !== null, title: fixed },
    el("legend", {}, legend),
    options.map(([value, label]) => {
      const id = `${name}-${value}`;
      return el("span", { class: "seg" },
        el("input", { type: "radio", name, id, value, checked: value === current, on: { change: () => onChange(value) } }),
        el("label", { for: id }, label));
    }));
}

export function createViewBar(container, { setView }) {
  /** masked: Derive mode keeps back what the learner is still to derive: the edges show W, a given (graph/model.js) */
  function update(state, masked = false) {
    const v = state.view;
    const B = state.input.length;
    const colorBy = masked ? "weight" : v.colorBy;
    keepingFocus(() => clear(container).append(...[
      radios("colorBy", "Colour by", [["gradient", "∂C/∂W"], ["weight", "W"], ["update", "−η·∂C/∂W"]], colorBy, (x) => setView({ colorBy: x }), "color-by",
        masked ? "In Derive mode the edges show W, the given weights: the gradients are yours to find" : null),
      el("div", { class: "field eta", hidden: colorBy !== "update", dataset: { control: "color-by" } },
        el("label", { for: "eta" }, "η"),
        // in Train the one η is the training's learning rate, set under Gradient descent: shown, not edited here
        v.mode === "train"
          ? el("input", { id: "eta", type: "number", value: String(colourEta(state)), readOnly: true, class: "num-input",
              title: "The training's learning rate η (set under Gradient descent): the step the colours show is the one training takes" })
          : numberInput("eta", v.eta, null, (x) => x > 0 && setView({ eta: x }), { min: 0, step: 0.1 }),
        v.mode === "train" ? el("span", { class: "muted small" }, "the learning rate") : null),
      radios("norm", "Scale", [["network", "whole network"], ["layer", "per layer"], ["symlog", "sym. log"]], v.norm, (x) => setView({ norm: x }), "scale"),
      B > 1
        ? el("div", { class: "field", dataset: { control: "sample" } }, el("label", { for: "sample" }, "Nodes show sample"),
            el("select", { id: "sample", class: "compact", on: { change: (e) => setView({ sample: Number(e.target.value) }) } },
              state.input.map((_, s) => el("option", { value: s, selected: s === v.sample }, String(s + 1)))))
        : null,
    ].filter(Boolean)));
  }
  return { update };
}
