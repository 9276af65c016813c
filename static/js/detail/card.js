// The detail card: the chain rule for one weight or bias with its real numbers, a node's own
// quantities, or, with nothing selected, how to read the graph. Same notation as the derivation;
// per-layer arrays are batch first (B × n_l). It receives the numbers and emits intents (select,
// editParameter, askJacobians, setRadius); the numbers that come later (the finite-difference check,
// C along the parameter, the Jacobians) arrive through extras(ctx), which redraws only their sections.
import { clear } from "../lib/dom.js";
import { blockFigure } from "../lib/figure.js";
import { intro } from "./intro.js";
import { parameterCard } from "./parameter.js";
import { nodeCard } from "./node.js";
import { markStale } from "../controls/stale.js";

/**
 * @param {HTMLElement} container
 * @param {{select(sel), editParameter(p, v), askJacobians(), setRadius(r), toggleOps()}} intents
 */
export function createDetail(container, intents) {
  let live = [];
  let ops = null;

  /** ctx: {state, result, sel, radius, extras: {check, curve, jacobians}} (each {status, value | error} or undefined) */
  function show(ctx) {
    clear(container);
    live = [];
    ops = null;
    const { sel } = ctx;
    if (!sel) return container.append(intro(ctx));
    const card = sel.kind === "W" ? parameterCard(ctx, sel, intents) : nodeCard(ctx, sel, intents);
    live = card.live;
    ops = card.ops ?? null;
    container.append(card.node);
  }

  function extras(ctx) {
    for (const section of live) section.update(ctx);
  }

  /** A training frame: the operations' numbers follow it (the rest of the card waits for a pause). */
  const frame = (ctx) => ops?.update(ctx);

  /** C along the selected parameter, as a figure of its own (lib/figure.js), or null while it is not drawn. */
  function figure() {
    const chart = container.querySelector("svg.cost-curve");
    return chart ? blockFigure(chart, "curve") : null;
  }

  return { show, extras, frame, figure, stale: (on) => markStale(container, on) };
}
