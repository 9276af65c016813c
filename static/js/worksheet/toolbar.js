// The buttons above the sheet (hidden when printing): back to the network, print, the version, and
// the derivation as a document. A view: it gets its container and emits what was asked.
import { el, clear } from "../lib/dom.js";

export function drawToolbar(container, { key, back, ready }, on) {
  clear(container);
  const button = (text, handler, attrs = {}) => el("button", { type: "button", on: { click: handler }, ...attrs }, text);
  container.append(
    el("a", { class: "back", href: back }, "← The network"),
    el("span", { class: "spacer" }),
    button(key ? "Learner's version" : "Answer key", on.toggle, { "aria-pressed": String(key), disabled: !ready, class: "toggle" }),
    button("Markdown", () => on.download("markdown"), { disabled: !ready, title: "The whole derivation as markdown" }),
    button("LaTeX", () => on.download("latex"), { disabled: !ready, title: "The whole derivation as a LaTeX document" }),
    button("Print", on.print, { disabled: !ready, class: "primary" }));
}
