// A lesson on the page: the controls it hides are gone, those it locks are shown but disabled (and say
// so on hover), and its task is shown above the graph, as text. Applied after every draw, since the
// views rebuild their controls; what a lesson disabled is enabled again when it no longer locks it.

const LOCKED = "Locked by the lesson";
const FORM = "input, select, button, textarea, summary";

/** @param {{root: HTMLElement, task: HTMLElement}} parts root: where the controls are; task: the task strip */
export function createLesson({ root, task }) {
  const text = task.querySelector("p");
  let applied = true; // whether a lesson may have hidden or locked something

  /** lesson: {hide, lock, task} or undefined */
  function update(lesson) {
    if (!lesson && !applied) return; // nothing to undo, and a new control starts neither hidden nor locked
    applied = Boolean(lesson);
    const hide = new Set(lesson?.hide ?? []);
    const lock = new Set(lesson?.lock ?? []);
    for (const node of root.querySelectorAll("[data-control]")) {
      const name = node.dataset.control;
      node.classList.toggle("lesson-hidden", hide.has(name));
      setLocked(node, lock.has(name) && !hide.has(name));
    }
    task.hidden = !lesson?.task;
    text.textContent = lesson?.task ?? ""; // text, never markup
    document.body.classList.toggle("in-lesson", !!(lesson && (hide.size || lock.size || lesson.task)));
  }
  return { update };
}

function setLocked(node, on) {
  const controls = node.matches(FORM) ? [node, ...node.querySelectorAll(FORM)] : [...node.querySelectorAll(FORM)];
  node.classList.toggle("lesson-locked", on);
  if (on) {
    node.title = LOCKED;
    node.setAttribute("aria-disabled", "true");
    for (const c of controls) {
      if (c.disabled) continue;
      c.disabled = true;
      c.dataset.lessonDisabled = "true";
      c.title = LOCKED;
    }
  } else if (node.dataset.lessonWas !== undefined || node.title === LOCKED) {
    node.removeAttribute("title");
    node.removeAttribute("aria-disabled");
    for (const c of controls) {
      if (c.dataset.lessonDisabled !== "true") continue;
      c.disabled = false;
      delete c.dataset.lessonDisabled;
      c.removeAttribute("title");
    }
  }
}
