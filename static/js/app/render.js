// The one draw path: the store's state to every view. A full draw after an answer, a live training
// frame (graph, header, training), a recolour (graph) and an arriving extra (the card's sections)
// are the same function with fewer parts. Transient parts (busy, toast, dialog, figure) carry an event.
import { graphModel } from "../graph/model.js";
import { headWarnings } from "../training/diagnosis.js";
import { graphFigure } from "../graph/figure.js";
import { knownOf, progress } from "../derive/blanks.js";
import { isStale } from "../controls/stale.js";

export const timings = { firstDraw: null, lastRender: null };

/**
 * @param {{graph, legend, player, header, controls, viewbar, columns, detail, training, messages, dialog, embed}} views
 * @returns {(s, parts: string[], event?) => void}
 */
export function createRenderer(views) {
  return function draw(s, parts, event) {
    const has = (part) => parts.includes(part);
    const t0 = performance.now();
    if (has("busy")) views.messages.busy(s.busy);
    if (has("toast")) views.messages.showToast(event.text, event.ms);
    if (has("dialog")) views.dialog.show(event);
    if (has("figure")) event.take(figureOf(views, event.which));
    if (has("lesson-dialog")) views.lessonDialog.show(event.state);
    if (has("reveal")) views.columns.reveal();
    if (s.good) drawState(views, s, has);
    if (has("messages")) views.messages.update({ message: s.message, note: s.note, dataError: s.run.dataError });
    // after whatever redrew the card, the graph or the header (a selection while an edit stands refused)
    if (s.good && ["messages", "detail", "graph", "header"].some(has)) markStale(views, isStale(s));
    if (s.good) views.lesson.update(s.good.state.lesson); // after every draw: the views rebuild their controls
    if (s.live !== null && has("training")) liveDrawn(t0);
  };
}

/** A live frame's draw time, for observers (bench/train.py); cleared at once, so the timeline never grows. */
function liveDrawn(t0) {
  performance.measure("bpv:live-draw", { start: t0 });
  performance.clearMeasures("bpv:live-draw");
}

function drawState(views, s, has) {
  const { state, result } = s.good;
  const known = knownInDerive(s);
  // Derive mode's own draws (an answer checked, the exercise come or refused): what the learner knows shows
  const deriving = state.view.mode === "derive" && has("derive");
  if (has("graph") || deriving) drawGraph(views, s, known);
  else if (has("selection")) views.graph.select(state.view.selected);
  if (has("header") || deriving) views.header.update({ state, result, live: s.live, cost: known ? known("C") : result.loss });
  if (has("header")) views.embed.update(state); // an open Embed dialog follows the state as the header does
  if (has("embed")) views.embed.show(state);
  if (has("controls")) views.controls.update(s.draft);
  if (has("viewbar") || deriving) views.viewbar.update(state, known !== null);
  if (has("columns")) views.columns.update({ mode: state.view.mode, tab: s.tab });
  const card = { state, result, sel: state.view.selected, radius: s.radius, extras: s.extras, opsOpen: s.opsOpen, live: s.live !== null };
  if (has("detail")) views.detail.show(card);
  else if (has("extras")) views.detail.extras(card);
  if (has("ops")) views.detail.frame(card);
  if (has("training") && state.view.mode === "train") views.training.update({ state, run: s.run, note: s.trainNote });
  if (has("derive") && state.view.mode === "derive") views.derive.update({ state, derivation: s.derivation });
}

/** A refused edit leaves the last good network's numbers on screen: the header, the graph and the card say so. */
function markStale(views, on) {
  views.header.stale(on);
  views.graph.stale(on);
  views.detail.stale(on);
}

/** Figure `which` as the page draws it, a standalone SVG (lib/figure.js), or null where it is not drawn. */
function figureOf(views, which) {
  if (which === "graph") return graphFigure(views.graph, views.legend);
  if (which === "curve") return views.detail.figure();
  return views.training.figure(which);
}

/**
 * In Derive mode, the numbers the learner has derived so far (derive/blanks.js knownOf): the others stay
 * off the graph and the header. null in the other modes, and when no exercise can be made of the network.
 */
function knownInDerive(s) {
  const { state } = s.good;
  const d = s.derivation;
  if (state.view.mode !== "derive" || (d?.error && !d.blanks)) return null;
  const rows = d?.blanks ? progress(d.blanks, state.derive?.answers ?? [], d.results ?? []).rows : null;
  return knownOf(rows, state.view.sample);
}

function drawGraph(views, s, known) {
  const { state, result } = s.good;
  const t0 = performance.now();
  // in Train, the heads of the layers the last frame found saturated or dead say so (training/diagnosis.js)
  const warnings = state.view.mode === "train" ? headWarnings(s.run.saturated ?? []) : {};
  const model = graphModel(state, result, { live: s.live !== null, known, warnings });
  performance.mark("bpv:model");
  views.graph.update(model);
  performance.mark("bpv:graph");
  views.graph.select(state.view.selected);
  views.legend.update(model.legend);
  views.table.update(model, state.view.selected);
  views.player.setLayers(state.network.layers.length - 1);
  const t1 = performance.now();
  if (timings.firstDraw === null) {
    timings.firstDraw = t1;
    performance.mark("bpv:first-draw");
    document.body.dataset.ready = "true";
  }
  timings.lastRender = t1 - t0;
}
