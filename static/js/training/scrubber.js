// The history scrubber: a range over the run's kept snapshots (snapshots.js), a label saying the step
// shown, and "Back to live". Moving it asks the store to look back (lookback.js), which pauses training.
import { el, setAttr, setText } from "../lib/dom.js";

const say = (step, last, live) => (step === undefined ? "no steps yet" : live ? `step ${step} · live` : `step ${step} of ${last}`);

/** @param {{lookBack(step), backToLive()}} intents */
export function createScrubber(intents) {
  let steps = []; // the kept steps, as last drawn
  const range = el("input", { type: "range", id: "train-history", min: 0, max: 0, step: 1, value: 0, disabled: true });
  const label = el("output", { id: "train-history-step", for: "train-history" }, say());
  const back = el("button", { type: "button", id: "train-live", class: "secondary", disabled: true, on: { click: () => intents.backToLive() } }, "Back to live");
  range.addEventListener("input", () => {
    const k = Number(range.value);
    label.textContent = say(steps[k], steps.at(-1), k === steps.length - 1);
    intents.lookBack(steps[k]);
  });
  const root = el("div", { class: "history-bar", dataset: { control: "history" } },
    el("label", { for: "train-history", class: "history-name" }, "History"), range, label, back);

  /** run: s.run ({snapshots, scrub, base}) */
  function update(run) {
    steps = run.snapshots.map((s) => s.step);
    const live = run.scrub === null;
    const k = live ? steps.length - 1 : steps.indexOf(run.scrub);
    setAttr(range, "max", String(Math.max(0, steps.length - 1)));
    if (document.activeElement !== range && range.value !== String(Math.max(0, k))) range.value = String(Math.max(0, k));
    if (range.disabled !== steps.length < 2) range.disabled = steps.length < 2;
    // before the first step: a trained link's network is at its step (run.base), not at none
    const text = steps.length === 0 && run.base ? `step ${run.base} · no steps here yet` : say(steps[k], steps.at(-1), live);
    setText(label, text);
    setAttr(range, "aria-valuetext", text);
    if (back.disabled !== live) back.disabled = live;
    if (root.classList.contains("looking") === live) root.classList.toggle("looking", !live);
  }

  return { el: root, update };
}
