// The Embed dialog: the page's state as an <iframe> for another site (GET /embed), its size editable,
// a Copy button, and what the server must allow. Receives its <dialog>; emits intents.
import { el } from "../lib/dom.js";
import { FRAME, embedSnippet } from "../app/embed.js";

/** @param {{copy(text)}} intents */
export function createEmbedDialog(dialog, { copy }) {
  const base = location.origin + document.body.dataset.api.replace(/\/api\/v1$/, "");
  const size = (id, label, value, min) => el("label", { class: "field row", for: id }, label,
    el("input", { id, type: "number", min, max: FRAME.max, step: 10, value, on: { input: refresh } }));
  const width = size("embed-width", "Width", FRAME.width, FRAME.minWidth);
  const height = size("embed-height", "Height", FRAME.height, FRAME.minHeight);
  const code = el("code", { id: "embed-code" });
  dialog.append(
    el("div", { class: "dialog-head" },
      el("h2", { id: "embed-title" }, "Embed this page"),
      el("div", { class: "row", title: "In pixels: the graph and its panel fit any frame from 360 × 300" }, width, height),
      el("button", { type: "button", class: "icon-button", "aria-label": "Close", on: { click: () => dialog.close() } }, "×")),
    el("pre", {}, code),
    el("div", { class: "dialog-foot" },
      el("p", { class: "muted small" }, "Another site shows it only when the server lists that site's origin (e.g. ",
        el("code", {}, "https://school.example"), ") in ", el("code", {}, "BACKPROP_FRAME_ANCESTORS"),
        "; anywhere else the browser leaves the frame empty."),
      el("button", { type: "button", id: "embed-copy", on: { click: () => copy(code.textContent) } }, "Copy")),
  );
  let state = null;

  function refresh() {
    if (state) code.textContent = embedSnippet(base, state, { width: width.lastChild.value, height: height.lastChild.value });
  }
  /** The state the snippet shows; drawn with the header, so an open dialog follows every change. */
  function update(next) {
    state = next;
    if (dialog.open) refresh();
  }
  function show(next) {
    update(next);
    refresh();
    dialog.showModal();
  }
  return { update, show };
}
