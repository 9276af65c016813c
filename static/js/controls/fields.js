// Pieces the controls share: a number field that reports only finite values, a slot for a refused
// value's message, and focus kept across a re-render.
import { el } from "../lib/dom.js";

/** Focus survives a re-render when the focused control has a stable id. */
export function keepingFocus(render) {
  const id = document.activeElement?.id;
  render();
  if (id) document.getElementById(id)?.focus();
}

export const errorSlot = () => el("p", { class: "field-error", role: "alert", hidden: true });

/** An <input type=number> whose change reports a finite value (an empty or bad entry is ignored). */
export function numberInput(id, value, field, onValue, { min, max, step = "any", label } = {}) {
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
