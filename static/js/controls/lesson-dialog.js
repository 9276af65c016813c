// The Lesson dialog, the teacher's "edit lesson" path: what a lesson link hides and locks, the mode
// and panel it opens on, and the task (text, at most MAX_TASK characters). It makes a new link from
// the page as it is (its network, data and view) with that lesson; a link's lesson is changed only so.
import { el, clear } from "../lib/dom.js";
import { toFragment } from "../app/fragment.js";
import { MAX_TASK, MODES } from "../app/url.js";
import { CONTROLS } from "./names.js";

const MODE_NAMES = { "": "as it is now", explore: "One pass", train: "Train", derive: "Derive" };
const PANELS = { "": "the default", details: "the card (Details)", training: "the training run", derive: "the derivation" };

/** @param {HTMLDialogElement} dialog  @param {{copy(text)}} intents */
export function createLessonDialog(dialog, { copy }) {
  /** Open the dialog for `state`, its current lesson filled in. */
  function show(state) {
    const lesson = state.lesson ?? { hide: [], lock: [], task: "", mode: "", panel: "" };
    const task = el("textarea", { id: "lesson-task", rows: 3, maxlength: MAX_TASK, placeholder: "e.g. Make the cost go below 0.1 by changing only the learning rate." });
    task.value = lesson.task;
    const count = el("span", { class: "muted small", "aria-live": "polite" });
    const counted = () => (count.textContent = `${task.value.length.toLocaleString("en")} / ${MAX_TASK.toLocaleString("en")}`);
    task.addEventListener("input", counted);
    counted();
    const mode = select("lesson-mode", MODE_NAMES, lesson.mode);
    const panel = select("lesson-panel", PANELS, lesson.panel);
    const rows = CONTROLS.map(([name, what]) => el("tr", {},
      el("th", { scope: "row" }, what, el("code", { class: "muted small" }, ` ${name}`)),
      el("td", {}, box(`lesson-hide-${name}`, lesson.hide.includes(name), `hide ${name}`)),
      el("td", {}, box(`lesson-lock-${name}`, lesson.lock.includes(name), `lock ${name}`))));
    const link = el("input", { id: "lesson-link", type: "text", readonly: true, class: "lesson-link", "aria-label": "The lesson link" });
    const open = el("a", { id: "lesson-open", class: "button secondary", target: "_blank", rel: "noopener" }, "Open it");
    const made = el("div", { class: "lesson-made", hidden: true }, link,
      el("button", { type: "button", class: "secondary", on: { click: () => copy(link.value) } }, "Copy"), open);
    const make = () => {
      const chosen = (kind) => CONTROLS.map(([name]) => name).filter((name) => dialog.querySelector(`#lesson-${kind}-${name}`).checked);
      const next = { hide: chosen("hide"), lock: chosen("lock"), task: task.value.slice(0, MAX_TASK), mode: mode.value, panel: panel.value };
      const view = { ...state.view, mode: next.mode || state.view.mode };
      link.value = new URL(location.pathname + location.search + toFragment({ ...state, view, lesson: next }), location.href).href;
      open.href = link.value;
      made.hidden = false;
      link.select();
    };
    clear(dialog).append(
      el("div", { class: "dialog-head" },
        el("h2", { id: "lesson-title" }, "A lesson link"),
        el("button", { type: "button", class: "icon-button", "aria-label": "Close", on: { click: () => dialog.close() } }, "×")),
      el("p", { class: "muted small" }, "The link opens this network, its data and its view as they are now. Hide a control and it is gone; ",
        "lock it and it is shown but cannot be changed. The task is shown above the graph, as plain text."),
      el("label", { for: "lesson-task", class: "lesson-label" }, "Task for the learner ", count), task,
      el("div", { class: "row lesson-open" }, el("label", { for: "lesson-mode" }, "Opens in "), mode, el("label", { for: "lesson-panel" }, " on "), panel),
      el("div", { class: "lesson-table" }, el("table", {},
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Control"), el("th", { scope: "col" }, "Hide"), el("th", { scope: "col" }, "Lock"))),
        el("tbody", {}, rows))),
      el("div", { class: "dialog-foot" }, el("button", { type: "button", id: "lesson-make", on: { click: make } }, "Make the link")),
      made);
    dialog.showModal();
  }
  return { show };
}

const select = (id, options, value) => el("select", { id, class: "compact" },
  Object.entries(options).filter(([v]) => v === "" || MODES.includes(v) || v in PANELS).map(([v, t]) => el("option", { value: v, selected: v === value }, t)));

const box = (id, checked, label) => el("input", { type: "checkbox", id, checked, "aria-label": label });
