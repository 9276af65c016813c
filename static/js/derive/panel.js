// Derive mode's panel: the exercise (the editor's network or a generated one), the learner's progress,
// the blanks a few at a time in the derivation's order (type a number, Enter checks it; a wrong one
// shows its hint and the mistake it matches), "Show this step", and a summary at the end.
import { el, clear } from "../lib/dom.js";
import { texElement } from "../lib/math.js";
import { fmt } from "../lib/format.js";
import { EXERCISE_PRESETS } from "../app/vocabulary.js";
import { MISTAKES, blankKey, blankTex, hintParts, parseTyped, progress, stageOf, summary, windowOf } from "./blanks.js";

const VERDICT = { right: "✓ right", carried: "✓ carried", revealed: "shown", wrong: "✗", kept: "✗ kept", checking: "…", todo: "" };

/**
 * @param {HTMLElement} container
 * @param {{deriveAnswer(blank, value), deriveReveal(blank), deriveKeep(blank), deriveNew(preset, seed), deriveRestart(),
 *          showTab(tab)}} intents
 */
export function createDerivePanel(container, intents) {
  const preset = el("select", { id: "derive-preset", class: "compact" },
    el("option", { value: "editor" }, "the network in the editor"),
    Object.entries(EXERCISE_PRESETS).map(([v, what]) => el("option", { value: v }, what)));
  const seed = el("input", { id: "derive-seed", type: "number", min: 0, step: 1, class: "num-input", value: "0" });
  const body = el("div", { class: "derive-body" });
  clear(container).append(
    el("div", { class: "derive-head" },
      el("h2", {}, "Derive it yourself"),
      el("p", { class: "muted small" }, "Work out each number of the forward and backward passes, in order; type it and press Enter. ",
        "Rounded to three or four digits is right. The graph shows the given numbers and each one you have found; ",
        "the Details tab works every number out, answers included."),
      el("div", { class: "derive-source", dataset: { control: "derive-exercise" } },
        el("label", { class: "tfield" }, el("span", { class: "tlabel" }, "exercise"), preset),
        el("label", { class: "tfield seed" }, el("span", { class: "tlabel" }, "seed"), seed),
        el("button", { type: "button", id: "derive-new", class: "secondary",
          on: { click: () => intents.deriveNew(preset.value, Math.max(0, Math.round(Number(seed.value) || 0))) } }, "New exercise"))),
    body);
  let focusDue = false;

  /** {state, derivation: {blanks, results, error, attempts}} */
  function update({ state, derivation }) {
    const d = state.derive ?? { preset: "editor", seed: 0, answers: [] };
    container.dataset.exercise = `${d.preset}:${d.seed}`;
    container.dataset.loaded = String(!!derivation.blanks);
    if (document.activeElement !== preset) preset.value = d.preset;
    if (document.activeElement !== seed) seed.value = String(d.seed);
    const refocus = focusDue || container.contains(document.activeElement) && document.activeElement?.matches(".blank input");
    clear(body);
    if (derivation.error) body.append(el("p", { class: "derive-error", role: "alert" }, derivation.error));
    if (!derivation.blanks) {
      if (!derivation.error) body.append(el("p", { class: "muted" }, "Asking the API for the exercise…"));
      return;
    }
    const sizes = state.network.layers.map((x) => x.size);
    const { rows, current, done } = progress(derivation.blanks, d.answers, derivation.results);
    body.append(progressBar(done, rows.length));
    if (current >= rows.length) body.append(finished(summary(rows, derivation.attempts), intents));
    else body.append(blankList(windowOf(rows, current), rows[current], sizes, state, intents, () => (focusDue = true)));
    focusDue = false;
    if (refocus) body.querySelector(".blank.current input")?.focus();
  }
  return { update };
}

function progressBar(done, total) {
  const fill = el("span", { class: "bar-fill" });
  fill.style.width = `${(100 * done) / Math.max(1, total)}%`; // CSSOM, which the CSP allows (a style attribute it does not)
  return el("div", { class: "derive-progress", dataset: { done, total } },
    el("span", { id: "derive-count" }, `${done} of ${total} done`), el("span", { class: "bar", "aria-hidden": "true" }, fill));
}

function blankList(rows, current, sizes, state, intents, onSubmit) {
  const L = sizes.length - 1;
  const B = state.input.length;
  const list = el("ol", { class: "blanks" });
  let stage = null;
  for (const r of rows) {
    const s = stageOf(r.blank, L);
    if (s !== stage) list.append(el("li", { class: "derive-stage" }, (stage = s)));
    list.append(blankRow(r, r === current, sizes, B, intents, onSubmit));
  }
  return list;
}

function blankRow({ blank, answer, result, state: st }, isCurrent, sizes, B, intents, onSubmit) {
  const id = `derive-${blankKey(blank).replace(/\|/g, "-")}`;
  const input = el("input", {
    id, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", class: "num-input",
    value: answer ? String(answer.value) : "", disabled: !isCurrent && st !== "wrong",
    "aria-describedby": `${id}-said`,
  });
  const said = el("div", { id: `${id}-said`, class: "blank-said", "aria-live": "polite" });
  input.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    const v = parseTyped(input.value);
    if (Number.isNaN(v)) {
      clear(said).append(el("p", { class: "hint" }, "Type a number, like 0.3775 or −1.2e−3."));
      return;
    }
    onSubmit();
    intents.deriveAnswer(blank, v);
  });
  if (result && !result.correct) said.append(hintText(result.hint));
  if (result?.diagnosis) {
    said.append(el("p", { class: "diagnosis", dataset: { diagnosis: result.diagnosis } }, "The mistake: ", el("strong", {}, MISTAKES[result.diagnosis] ?? result.diagnosis)));
  }
  if (st === "revealed") said.append(el("p", { class: "hint" }, `Shown: ${fmt(answer.value, 6)}. Its chain rule is in the Details tab.`));
  if (st === "carried") said.append(hintText(result.hint));
  const actions = el("span", { class: "blank-actions" },
    isCurrent ? el("button", { type: "button", class: "link derive-show", on: { click: () => intents.deriveReveal(blank) } }, "show this step") : null,
    st === "wrong" ? el("button", { type: "button", class: "link derive-keep", on: { click: () => intents.deriveKeep(blank) } }, "go on with my number") : null);
  return el("li", {
    class: `blank${isCurrent ? " current" : ""}`,
    dataset: { state: st, quantity: blank.quantity, layer: blank.layer ?? "", i: blank.i ?? "", j: blank.j ?? "", sample: blank.sample ?? "" },
  },
  el("div", { class: "blank-line" },
    el("label", { for: id, class: "blank-name" }, texElement(blankTex(blank, sizes)), B > 1 && blank.sample !== undefined ? el("span", { class: "muted small" }, ` sample ${blank.sample + 1}`) : null),
    el("span", { class: "eq" }, "="), input,
    el("span", { class: `verdict ${st}` }, VERDICT[st] ?? ""), actions),
  said);
}

function finished(sum, intents) {
  const named = Object.entries(sum.mistakes);
  return el("div", { class: "derive-summary", role: "status" },
    el("h3", {}, "Done: the whole derivation"),
    el("p", {}, `${sum.right} of ${sum.total} right`, sum.carried ? `, ${sum.carried} carried from an earlier slip` : "",
      sum.kept ? `, ${sum.kept} wrong` : "", sum.revealed ? `, ${sum.revealed} shown` : "", "."),
    named.length
      ? el("ul", { class: "tips" }, named.map(([code, n]) => el("li", { dataset: { diagnosis: code } }, `${MISTAKES[code] ?? code}: ${n}×`)))
      : el("p", { class: "muted" }, "No common mistake along the way."),
    el("div", { class: "row" },
      el("button", { type: "button", class: "secondary", on: { click: () => intents.deriveRestart() } }, "Start again"),
      el("button", { type: "button", class: "secondary", on: { click: () => intents.showTab("details") } }, "See the chain rules")));
}

/** A hint of the API, its indexed symbols typeset as the cards set them (the words as they are). */
function hintText(hint) {
  return el("p", { class: "hint", dataset: { hint } },
    hintParts(hint).map((p) => (p.tex ? texElement(p.tex, { className: "hint-symbol" }) : p.text)));
}
