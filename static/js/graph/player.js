// The passes as steps: forward lights layers 0..L, then backward fills in the gradients L..1.
// Buttons and the keyboard (← → Home End, Space) move through them.
import { el, clear } from "../lib/dom.js";
import { tex } from "../lib/math.js";

/** The steps of a network with L layers after the input. Pure. */
export function steps(L) {
  const out = [];
  for (let l = 0; l <= L; l++) out.push({ phase: "forward", l });
  for (let l = L; l >= 1; l--) out.push({ phase: "backward", l });
  return out;
}

export function caption({ phase, l }, L) {
  if (phase === "forward") {
    if (l === 0) return ["Forward: the input", `a^0 = x`];
    return [`Forward: layer ${l}`, `z^{${l}} = W^{${l}} a^{${l - 1}} + b^{${l}}, \\quad a^{${l}} = \\sigma(z^{${l}})${l === L ? ",\\quad C(a^{" + L + "}, y)" : ""}`];
  }
  if (l === L) {
    return [`Backward: layer ${l}, from the cost`,
      `\\frac{\\partial C}{\\partial z^{${l}}} = \\frac{\\partial C}{\\partial a^{${l}}} \\odot \\sigma'(z^{${l}}), \\quad \\frac{\\partial C}{\\partial W^{${l}}} = \\frac{\\partial C}{\\partial z^{${l}}}\\,(a^{${l - 1}})^{\\top}`];
  }
  return [`Backward: layer ${l}`,
    `\\frac{\\partial C}{\\partial a^{${l}}} = (W^{${l + 1}})^{\\top} \\frac{\\partial C}{\\partial z^{${l + 1}}}, \\quad \\frac{\\partial C}{\\partial z^{${l}}} = \\frac{\\partial C}{\\partial a^{${l}}} \\odot \\sigma'(z^{${l}}), \\quad \\frac{\\partial C}{\\partial W^{${l}}} = \\frac{\\partial C}{\\partial z^{${l}}}\\,(a^{${l - 1}})^{\\top}`];
}

/**
 * @param {HTMLElement} container
 * @param {(stage: {phase, l} | null) => void} onStage null: everything shown
 */
export function createPlayer(container, onStage, { interval = 1100 } = {}) {
  let L = 0; // set by setLayers; 0 so that the first call draws the caption
  let index = -1; // -1: everything shown
  let timer = null;
  const title = el("strong", { class: "player-title" });
  const formula = el("span", { class: "player-formula" });
  const progress = el("span", { class: "player-progress muted small" });
  const button = (label, aria, key, fn) => el("button", { type: "button", class: "secondary", "aria-label": aria, "aria-keyshortcuts": key, title: `${aria} (${key})`, on: { click: fn } }, label);
  const play = button("▶ Play", "play the passes", "Space", () => (timer ? stop() : start()));
  clear(container).append(
    el("div", { class: "player-buttons", role: "group", "aria-label": "forward and backward passes" },
      button("|◀", "back to the input", "Home", () => go(0)),
      button("◀", "previous step", "ArrowLeft", () => go(index <= 0 ? 0 : index - 1)),
      play,
      button("▶|", "next step", "ArrowRight", () => go(index + 1)),
      button("Show all", "show everything", "End", () => go(-1))),
    el("div", { class: "player-caption", "aria-live": "polite" }, title, formula, progress));

  function go(k) {
    const all = steps(L);
    if (k >= all.length) k = -1;
    index = k;
    if (index === -1) {
      stop();
      title.textContent = "Forward and backward passes";
      tex(formula, `\\frac{\\partial C}{\\partial W_{ij}^{l}} = \\frac{\\partial C}{\\partial a_i^{l}}\\,\\sigma'(z_i^{l})\\,a_j^{l-1}`);
      progress.textContent = "▶ to play, or step with ← →";
      onStage(null);
      return;
    }
    const [t, f] = caption(all[index], L);
    title.textContent = t;
    tex(formula, f);
    progress.textContent = `step ${index + 1} of ${all.length}`;
    onStage(all[index]);
  }
  function start() {
    if (index === -1) go(0);
    play.textContent = "❚❚ Pause";
    timer = setInterval(() => {
      if (index + 1 >= steps(L).length) { go(-1); return; }
      go(index + 1);
    }, interval);
  }
  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = "▶ Play";
  }

  document.addEventListener("keydown", (e) => {
    if (e.target.closest?.("input, select, textarea, dialog, [contenteditable]") || e.altKey || e.ctrlKey || e.metaKey) return;
    const map = { ArrowRight: () => go(index + 1), ArrowLeft: () => go(index <= 0 ? 0 : index - 1), Home: () => go(0), End: () => go(-1) };
    if (e.key === " " && !e.target.closest?.("button, a, .node")) map[" "] = () => (timer ? stop() : start());
    if (map[e.key]) {
      e.preventDefault();
      map[e.key]();
    }
  });

  return {
    setLayers(n) {
      if (n !== L) {
        L = n;
        go(-1);
      } else if (index !== -1) go(index);
    },
    reset: () => go(-1),
    stage: () => (index === -1 ? null : steps(L)[index]),
  };
}
