// What views may ask of the store, each a few lines: the views call these (never the API), and the
// store answers by drawing. Also where the store meets the training run (training/run.js).
import * as E from "./edits.js";
import { PRESETS, presetState } from "./presets.js";
import { setView } from "./state.js";
import { TRAIN_DEFAULTS } from "./url.js";
import { afterPaint } from "../lib/dom.js";
import { copy, exportJson, importFile, showCode } from "./share.js";
import { exportFigure } from "./figures.js";
import { LIVE } from "./store.js";
import { fitToData } from "../training/fit.js";
import * as R from "../training/run.js";
import * as M from "../training/fitness.js";
import * as D from "../training/sources.js";
import * as H from "../training/lookback.js";
import * as K from "../training/comparison.js";
import * as V from "../derive/session.js";
import { guarded } from "./lesson.js";

/** The store's intents, with the training run attached to it. */
export function createIntents(store) {
  const run = R.createRun(store);
  Object.assign(store, {
    session: {
      networkChanged: () => run.trainer.running || R.restart(run),
      ensureGrid: () => {
        R.ensureGrid(run);
        M.ensureMetrics(run);
      },
    },
    frame: (res) => frame(store, res),
    inspect: (k) => inspect(store, k),
    loadData: (data, { keep = false } = {}) => {
      store.s.tab = "training";
      const next = fitToData(store.s.good.state, data);
      // New data starts from the network's seeded weights (a preset brings its own network); points
      // added to or removed from the data go on from the weights the run has reached.
      const fresh = keep || data.network ? next : E.reseed(next, next.network.seed ?? 0);
      return store.compute(fresh, { revert: true, run: keep ? "keep" : "restart" });
    },
    setTrain: (train) => setTrain(store, train),
    trainedFrom: (step) => R.trainedFrom(store, step),
    changeView: (changes, extra) => changeView(store, changes, extra),
  });
  const edit = (fn) => {
    const before = store.s.draft ?? store.s.good.state;
    return store.compute(editing(withoutStaleData(before, fn(before))));
  };
  const newData = () => D.newData(run);
  return guarded(store, {
    // the graph, the card, the view bar, the columns
    select: (sel, opts) => select(store, run, sel, opts),
    setView: (changes) => changeView(store, changes),
    setMode: (mode) => setMode(store, run, mode),
    showTab: (tab) => showTab(store, tab),
    editParameter: (p, v) => edit((st) => E.setParameter(st, p, v)),
    askJacobians: () => askJacobians(store),
    setRadius: (r) => setRadius(store, r),
    toggleOps() {
      store.s.opsOpen = !store.s.opsOpen;
      store.render(["detail"]);
    },
    // the network editor
    resize: (l, n) => edit((st) => E.resize(st, l, n)),
    addLayer: () => edit((st) => {
      const { l, size, activation } = E.newLayer(st);
      return E.addLayer(st, l, size, activation);
    }),
    removeLayer: (l) => edit((st) => E.removeLayer(st, l)),
    setActivation: (l, a) => edit((st) => E.setActivation(st, l, a)),
    setLoss: (loss) => edit((st) => ({ ...st, loss })),
    setSample: (which, k, j, v) => edit((st) => E.setSampleValue(st, which, k, j, v)),
    refuseSample: (which, k, j, text) => refuseSample(store, which, k, j, text),
    addSample: () => edit((st) => E.addSample(st)),
    removeSample: (k) => edit((st) => E.removeSample(st, k)),
    reseed: (seed) => edit((st) => E.reseed(st, seed)),
    // the header
    preset: (id) => store.compute(presetState(id), { revert: true, note: PRESETS.find((x) => x.id === id).note }),
    copyLink: () => copy(store, location.href, "Link copied"),
    copy: (text) => copy(store, text),
    exportJson: () => exportJson(store),
    importFile: (file) => importFile(store, file),
    showCode: (kind) => showCode(store, kind),
    exportFigure: (which, format) => exportFigure(store, which, format),
    showEmbed: () => store.render(["embed"]),
    dismissNote: () => dismissNote(store),
    // training
    // play and step go back to the latest network first: the optimizer's state belongs to it
    togglePlay: () => (run.trainer.running ? R.pause(run) : H.live(run).then((ok) => ok && R.play(run, newData))),
    step: () => H.live(run).then((ok) => ok && R.step(run, newData)),
    lookBack: (step) => H.lookBack(run, step),
    backToLive: () => H.live(run),
    compare: (c) => K.startComparing(run, c),
    stopComparing: () => K.stopComparing(run),
    reset: () => R.reset(run),
    setting: (key, value) => D.setting(run, key, value),
    newData,
    uploadCsv: (file) => D.uploadCsv(run, file),
    setTargets: (targets) => D.setTargets(run, targets),
    setDataOption: (changes) => D.setDataOption(run, changes),
    setPlane: (changes) => D.setPlane(run, changes),
    downloadCsv: () => D.downloadCsv(run),
    planeClick: (click) => D.planeClick(run, click),
    setTool: (tool) => setTool(store, tool),
    trainPreset: (id) => D.preset(run, id),
    dismissTrainNote: () => {
      store.s.trainNote = null;
      store.render(["training"]);
    },
    // derive
    deriveAnswer: (blank, value) => V.answer(store, blank, value),
    deriveReveal: (blank) => V.reveal(store, blank),
    deriveKeep: (blank) => V.keep(store, blank),
    deriveNew: (preset, seed) => V.newExercise(store, preset, seed),
    deriveRestart: () => V.restart(store),
    openLesson: () => store.draw(store.s, ["lesson-dialog"], { state: store.s.good.state }),
  });
}

/** An edit of the samples themselves (a value, a row, the input layer's size) leaves the table they came from behind. */
function withoutStaleData(before, next) {
  if (!next.data) return next;
  const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);
  if (same(before.input, next.input) && same(before.target, next.target) && same(before.test, next.test)) return next;
  const { data, ...rest } = next;
  return rest;
}

/** An edit makes another exercise (the editor's network): the answers typed so far no longer belong to it. */
function editing(next) {
  if (next.view.mode !== "derive" && !next.derive?.answers?.length) return next;
  return { ...next, derive: { ...V.DERIVE_DEFAULTS, seed: next.derive?.seed ?? 0 } };
}

/** View options (and `extra` parts of the state that are not the request's) need no request: the answer is the same. */
function changeView(store, changes, extra = {}) {
  const { s } = store;
  if (!s.good) return;
  s.good = { ...s.good, state: { ...setView(s.good.state, changes), ...extra } };
  s.draft = { ...setView(s.draft, changes), ...extra };
  store.extras.want(s.good, s.good.state.view.selected, s.radius);
  store.render();
}

/** reveal: the selection came from a tap on the graph, so its card is brought into view where it is off screen. */
function select(store, run, sel, { reveal = false } = {}) {
  const { s } = store;
  // in Derive mode the derivation stays in view: the card (every number, worked out) is a tab away
  if (sel && s.good?.state.view.mode !== "derive") s.tab = "details";
  if (sel && reveal) afterPaint(() => store.draw(s, ["reveal"]));
  if (s.live === null && !run.trainer.running) return selectOnly(store, sel);
  // A live frame holds one sample's pass beside the whole batch's gradient: pause, then compute the
  // full backward pass so the card's numbers multiply out exactly.
  s.good = { ...s.good, state: setView(s.good.state, { selected: sel }) };
  R.pause(run).then(() => store.compute(s.good.state, { run: "keep" }));
}

/**
 * A selection redraws only what shows it: the graph's marks, the card, the tab and the link, none of
 * which grows with the network. The card's late numbers are asked once it is painted: their requests
 * send the whole network, 94,000 weights of JSON at the API's limits.
 */
function selectOnly(store, sel) {
  const { s } = store;
  if (!s.good) return;
  s.good = { ...s.good, state: setView(s.good.state, { selected: sel }) };
  s.draft = setView(s.draft, { selected: sel });
  store.render(["selection", "detail", "columns", "url"]);
  afterPaint(() => store.extras.want(s.good, s.good.state.view.selected, s.radius));
}

function setMode(store, run, mode) {
  const { s } = store;
  if (!s.good || mode === s.good.state.view.mode) return;
  if (mode === "train" && !s.good.state.train) return D.newData(run, TRAIN_DEFAULTS);
  s.tab = mode === "derive" ? "derive" : "training";
  const extra = mode === "derive" && !s.good.state.derive ? { derive: { ...V.DERIVE_DEFAULTS } } : {};
  R.pause(run).then(() => {
    if (s.live !== null) store.compute({ ...setView(s.good.state, { mode }), ...extra }, { run: "keep" });
    else changeView(store, { mode }, extra);
  });
}

function showTab(store, tab) {
  if (tab === store.s.tab) return;
  store.s.tab = tab;
  store.render(["columns"]);
}

function askJacobians(store) {
  store.extras.wantJacobians(store.s.good);
  store.render(["extras"]);
}

function setRadius(store, r) {
  store.s.radius = r;
  store.extras.want(store.s.good, store.s.good.state.view.selected, r);
  store.render(["extras"]);
}

function dismissNote(store) {
  store.s.note = null;
  store.render(["messages"]);
}

function setTool(store, tool) {
  store.s.run.tool = tool;
  store.render(["training"]);
}

function setTrain(store, train) {
  const { s } = store;
  const eta = s.good.state.train?.learning_rate;
  s.good = { ...s.good, state: { ...s.good.state, train } };
  s.draft = { ...(s.draft ?? s.good.state), train };
  // the view bar's η in Train is the learning rate, and −η·∂C/∂W's colours scale with it
  store.render(train.learning_rate === eta ? ["training", "url"] : ["training", "url", "viewbar", "graph"]);
}

/**
 * A data cell given no finite number: refused beside it as the API would refuse it, the cell keeping
 * what was typed (marked invalid) while the graph keeps the last value accepted, which the message names.
 */
function refuseSample(store, which, k, j, text) {
  const { s } = store;
  if (!s.good) return;
  const error = E.cellRefusal(which, k, j, text, s.good.state[which][k][j]);
  s.draft = E.setSampleValue(s.draft ?? s.good.state, which, k, j, text);
  s.message = { error: { message: error.message, errors: [error] } };
  store.render(["controls", "messages"]);
}

/** Sample k's passes in the details tab (a click on a training point). */
function inspect(store, k) {
  store.s.tab = "details";
  const state = store.s.good.state;
  const selected = state.view.selected ?? { kind: "node", l: state.network.layers.length - 1, i: 0 };
  return store.compute(setView(state, { sample: k, selected }), { run: "keep" });
}

/** A training frame: the trained network, the batch's gradient on the edges, one sample on the nodes. */
function frame(store, res) {
  const { s } = store;
  if (!s.good || !res.backprop || !res.gradients) return store.schedule(["training"]);
  const state = { ...s.good.state, network: res.network };
  const result = { network: res.network, loss: res.loss, layers: res.backprop.layers, gradients: res.gradients };
  Object.assign(s, { good: { state, result, seq: s.good.seq }, draft: state, live: res.optimizer_state.step });
  store.schedule(LIVE);
}
