// What the page says back: a refusal beside its control or in the banner, the note strip under the
// view bar (a preset's explanation), and the toast (a passing confirmation).
import { clearErrors, showErrors } from "./errors.js";

/**
 * @param {{root: HTMLElement, banner: HTMLElement, note: HTMLElement, toast: HTMLElement}} parts
 * @param {{dismissNote()}} intents
 */
export function createMessages({ root, banner, note, toast }, { dismissNote }) {
  const noteText = note.querySelector("p");
  note.querySelector("button").addEventListener("click", () => dismissNote());
  let toastTimer = null;

  /**
   * message: null | {error: ApiError} (placed beside its controls) | {text, error?} (the banner);
   * dataError: a message for the training data's own slot.
   */
  function update({ message, note: text, dataError }) {
    if (message?.text) {
      clearErrors(root, banner);
      banner.hidden = false;
      banner.textContent = message.text;
    } else if (message?.error) {
      showErrors(root, banner, message.error);
    } else {
      clearErrors(root, banner);
    }
    if (message?.error) root.dataset.lastError = message.error.message;
    const dataSlot = root.querySelector(".train-controls .field-error");
    if (dataError && dataSlot) {
      dataSlot.hidden = false;
      dataSlot.textContent = dataError;
    }
    note.hidden = !text;
    noteText.textContent = text ?? "";
  }

  function showToast(text, ms = 2500) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), ms);
  }

  /** A request is under way: the graph shows a progress cursor. */
  const busy = (on) => root.classList.toggle("busy", on);

  return { update, showToast, busy };
}
