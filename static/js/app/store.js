// The page's state in one place, and the one way it changes: an intent (an edit, a click, a key)
// goes to the store; the store asks the API; the answer, accepted, becomes the good state and goes
// to every view through one draw function (a live training frame and a recolour are the same path
// with fewer parts to draw). Views receive the state and emit intents (app/intents.js); they never fetch.
import { createExtras } from "./extras.js";
import { validSelection } from "./selection.js";
import { requestBody } from "./state.js";
import { drawnFromSeed, writeLink } from "./link.js";
import { keepLesson } from "./lesson.js";
import { newRun } from "../training/run.js";
import { linkState } from "../training/comparison.js";
import { ensureExercise, newDerivation } from "../derive/session.js";

/** Every part of the page; a live frame draws LIVE, a recolour ["graph"]. */
export const ALL = ["graph", "header", "controls", "viewbar", "columns", "detail", "training", "derive", "messages", "url"];
export const LIVE = ["graph", "header", "training", "ops"];

/** The state a page starts with, before any answer. */
export function initialState() {
  return {
    good: null, // {state, result, seq}: the last state the API accepted, with its answer
    draft: null, // what the controls show: an edit the API has not answered (or refused) yet
    live: null, // steps taken, when the answer is a training frame's
    busy: false, // a request is under way
    tab: "training", // in train mode the right column shows the run, or the selection's details
    message: null, // a refusal: {error} beside its controls, or {text} in the banner
    note: null, // a preset's explanation, under the view bar
    trainNote: null, // a training preset's explanation, in the training panel: {id, text, layers} (training/presets.js presetNote)
    radius: 1, // the range of C along the selected parameter
    opsOpen: false, // a node's card shows its neuron as operations
    extras: {}, // the selected parameter's extra numbers (app/extras.js), as drawn
    run: newRun(), // training (training/run.js)
    derivation: newDerivation(), // derive mode: the exercise's blanks and the checks (derive/session.js)
  };
}

/**
 * @param {{api, draw(s, parts: string[], event?)}} deps draw: the one draw path (app/render.js)
 * @returns the store: {api, s, extras, draw, render(parts), schedule(parts), compute(next, opts)}
 */
export function createStore({ api, draw }) {
  const store = { api, s: initialState(), draw, requestSeq: 0, pending: null };
  store.extras = createExtras(api, () => render(store, ["extras"]));
  store.render = (parts = ALL) => render(store, parts);
  store.schedule = (parts) => schedule(store, parts);
  store.compute = (next, opts) => compute(store, next, opts);
  return store;
}

/** Draw `parts` now (nothing but messages before the first answer). */
function render(store, parts) {
  const { s } = store;
  if (!s.good) return parts.includes("messages") && store.draw(s, ["messages"]);
  if (parts === ALL && s.good.state.view.mode === "derive") ensureExercise(store); // before drawing: a new problem's old blanks go
  s.extras = store.extras.of(s.good, s.good.state.view.selected, s.radius);
  store.draw(s, parts);
  if (parts.includes("url")) writeLink(linkState(s));
  if (parts === ALL && s.good.state.view.mode === "train") store.session.ensureGrid();
}

/** Draw `parts` on the next animation frame; frames that arrive before it are drawn once. */
function schedule(store, parts) {
  if (store.pending) return parts.forEach((p) => store.pending.add(p));
  store.pending = new Set(parts);
  requestAnimationFrame(() => {
    const p = [...store.pending];
    store.pending = null;
    render(store, p);
  });
}

/**
 * Ask the API for the passes of `next`; on success it becomes the good state and everything is
 * drawn. run: "restart" (an edit, a link, new data: a new training run) or "keep". Resolves to
 * whether the API accepted it.
 */
async function compute(store, next, { revert = false, note = null, refusedPrefix = "", run = "restart" } = {}) {
  const { s } = store;
  next = keepLesson(s.good?.state, next);
  s.draft = next;
  const seq = ++store.requestSeq;
  busy(store, true);
  try {
    performance.mark("bpv:request");
    const result = await store.api.backprop(requestBody(next));
    if (!next.network.weights && !next.network.biases) drawnFromSeed(result.network);
    performance.mark("bpv:response");
    if (seq !== store.requestSeq) return false;
    const state = { ...next, network: result.network };
    state.view = { ...state.view, selected: validSelection(state.view.selected, result) };
    Object.assign(s, { good: { state, result, seq }, draft: state, live: null, message: null, note });
    if (run === "restart") store.session.networkChanged();
    store.extras.want(s.good, state.view.selected, s.radius);
    render(store, ALL);
    return true;
  } catch (error) {
    if (seq !== store.requestSeq) return false;
    if (revert && s.good) s.draft = s.good.state;
    s.message = refusedPrefix ? { text: refusal(refusedPrefix, error), error } : { error };
    render(store, ["controls", "messages"]);
    return false;
  } finally {
    if (seq === store.requestSeq) busy(store, false);
  }
}

function busy(store, on) {
  store.s.busy = on;
  store.draw(store.s, ["busy"]);
}

/** A refusal in the banner: the prefix, the API's sentence, up to three of its fields. */
export function refusal(prefix, e) {
  const details = (e.errors ?? []).slice(0, 3).map((x) => `${x.field}: ${x.message}`).join("; ");
  const extra = details && details !== `${e.errors[0]?.field}: ${e.message}` ? ` (${details})` : "";
  return `${prefix} ${e.message}${extra}. The current network is unchanged.`;
}
