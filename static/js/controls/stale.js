// Numbers the page still shows after it refused an edit: they are the last good network's, not what
// the controls say. Greyed, with a note in words (read by screen readers too), until an answer arrives.
import { el } from "../lib/dom.js";

export const STALE_NOTE = "stale — last good network";

/** Mark (or unmark) the numbers in `container` as the last good network's; the note goes first, or last. */
export function markStale(container, on, { last = false } = {}) {
  container.classList.toggle("stale", on);
  const note = container.querySelector(":scope > .stale-note");
  if (on && !note) {
    const made = el("span", { class: "stale-note" }, STALE_NOTE,
      el("span", { class: "visually-hidden" }, ": these numbers belong to the last network the server accepted, not to the refused edit"));
    if (last) container.append(made);
    else container.prepend(made);
  }
  if (!on) note?.remove();
}

/** Whether the page's numbers are stale: an edit was refused and the controls still show it. */
export const isStale = (s) => Boolean(s.good && s.message && s.draft && s.draft !== s.good.state);
