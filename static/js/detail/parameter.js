// One weight's card (or, inside a node's card, its bias): the value to edit, the gradient, and the
// sections that explain it. Returns the card and the sections that draw numbers arriving later.
import { el } from "../lib/dom.js";
import { texElement, sym } from "../lib/math.js";
import { paramName } from "./tex.js";
import { fmt, isWide, pair, subscript, superscript } from "../lib/format.js";
import { notFinite } from "../app/edits.js";
import { sizes } from "../app/state.js";
import { chainSection } from "./chain.js";
import { expansionSection } from "./expansion.js";
import { jacobianSection } from "./jacobian.js";
import { batchSection } from "./batch.js";
import { gradcheckSection } from "./gradcheck.js";
import { curveSection } from "./curve.js";
import { inputNote } from "./input-note.js";

/** @returns {{node: HTMLElement, live: {update(ctx)}[]}} */
export function parameterCard(ctx, p, intents) {
  const { state, result } = ctx;
  const isW = p.kind === "W";
  const value = isW ? state.network.weights[p.l - 1][p.i][p.j] : state.network.biases[p.l - 1][p.i];
  const grad = isW ? result.gradients.weights[p.l - 1][p.i][p.j] : result.gradients.biases[p.l - 1][p.i];
  const name = paramName(p, state);
  const node = el("div", { class: "panel chain", dataset: { kind: p.kind, l: p.l, i: p.i, j: isW ? p.j : "" } });
  if (isW) {
    node.append(el("div", { class: "panel-head" },
      el("h2", {}, "Weight ", texElement(name)),
      el("button", { class: "icon-button", type: "button", "aria-label": "Close", on: { click: () => intents.select(null) } }, "×")));
  }
  node.append(el("div", { class: "param-row" },
    editField(name, value, p, isW ? `network.weights[${p.l - 1}]` : `network.biases[${p.l - 1}]`, intents, sizes(state)),
    el("div", { class: "grad-value" },
      texElement(`${sym.d("C", name)} =`),
      el("strong", { class: "big-number", dataset: { grad: String(grad) }, title: String(grad) }, fmt(grad, 6)))));

  const B = result.layers[0].a.length;
  const s = Math.min(state.view.sample, B - 1);
  const jacobian = jacobianSection(ctx, p.l, p.i, s, intents);
  const check = gradcheckSection(ctx, p, grad);
  const curve = curveSection(ctx, p, name, intents);
  node.append(chainSection(ctx, p, s, B));
  const note = isW && p.l === 1 ? inputNote(state, p.j) : null; // the x this weight multiplies
  if (note) node.append(note);
  node.append(expansionSection(ctx, p.l, p.i, s, B), jacobian.node);
  if (B > 1) node.append(batchSection(ctx, p, B, grad));
  node.append(check.node, curve.node);
  return { node, live: [jacobian, check, curve] };
}

function editField(name, value, p, field, intents, sizes) {
  const id = `edit-${p.kind}-${p.l}-${p.i}-${p.j ?? ""}`;
  const slot = el("p", { class: "field-error", role: "alert", hidden: true });
  // plain text, not type=number: a number field reads 1e400 as empty, and could not say what it was given
  const input = el("input", {
    id, type: "text", spellcheck: "false", autocomplete: "off", value: String(value), class: "num-input", dataset: { field },
    on: {
      change: (e) => {
        const text = e.target.value.trim();
        const v = Number(text);
        if (text !== "" && Number.isFinite(v)) return intents.editParameter(p, v);
        // refused here as the API would refuse it; the field keeps what was typed, marked, until the next draw
        input.setAttribute("aria-invalid", "true");
        slot.hidden = false;
        slot.textContent = notFinite(plainName(p, sizes), text, value);
      },
    },
  });
  return el("div", { class: "field edit-param", dataset: { control: "edit-weight" } },
    el("label", { for: id }, texElement(name), " ="), input, slot);
}

/** W¹₀₁ or b¹₀ as text, for a sentence. */
function plainName(p, sizes) {
  const sub = p.kind === "W" ? pair(p.i, p.j, isWide(sizes, p.l)) : String(p.i);
  return `${p.kind === "W" ? "W" : "b"}${superscript(p.l)}${subscript(sub)}`;
}
