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

/**
 * An <input type=number> whose change reports a finite value; an empty or bad entry is ignored, or
 * given to onInvalid(text) to refuse it out loud. With onInvalid the field is plain text: a number
 * field cannot say what it was given (1e400 reads as "", exactly as an emptied field).
 */
export function numberInput(id, value, field, onValue, { min, max, step = "any", label, onInvalid } = {}) {
  const text = onInvalid ? { type: "text", spellcheck: "false", autocomplete: "off" } : { type: "number", step, min, max };
  return el("input", {
    id, ...text, value: String(value), class: "num-input", "aria-label": label,
    dataset: field ? { field } : {},
    on: {
      change: (e) => {
        const v = Number(e.target.value);
        if (e.target.value.trim() === "" || !Number.isFinite(v)) return onInvalid?.(e.target.value.trim());
        onValue(v);
      },
    },
  });
}
