// Wires state -> api -> views. The only module that imports all the others.
// `good` is the last state the API accepted, with its result: what is drawn and what the URL holds.
// `draft` is what the controls show; an edit applies to it, and becomes `good` once the API agrees.
import * as S from "./state.js";
import { createApi, asCurl, asPython } from "./api.js";
import { colourModel, maxAbs, widthScale, activationScale } from "./scales.js";
import { createGraph } from "./graph.js";
import { createLegend } from "./legend.js";
import { createControls, createViewBar, createHeaderActions, showErrors, clearErrors } from "./panels.js";
import { createDetail, costTex } from "./chainrule.js";
import { createPlayer } from "./player.js";
import { presetState, PRESETS } from "./presets.js";
import { tex } from "./math.js";
import { fmt } from "./format.js";
import { createTraining } from "./trainpanel.js";

const $ = (sel) => document.querySelector(sel);
const apiBase = document.body.dataset.api;
const api = createApi(apiBase);
const banner = $("#banner");
const main = $("#app");

let good = null; // {state, result, seq}
let draft = null;
let requestSeq = 0;
let lastHash = "";

const timings = { firstDraw: null, lastRender: null };

const graph = createGraph($("#graph"), { onSelect: (sel) => select(sel) });
const legend = createLegend($("#legend"));
const controls = createControls($("#controls"), {
  resize: (l, n) => edit((s) => S.resize(s, l, n)),
  addLayer: () => edit((s) => {
    const L = s.network.layers.length - 1;
    const act = L > 1 ? s.network.layers[L - 1].activation : "sigmoid";
    return S.addLayer(s, L, Math.max(2, Math.min(4, s.network.layers[L - 1].size)), act);
  }),
  removeLayer: (l) => edit((s) => S.removeLayer(s, l)),
  setActivation: (l, a) => edit((s) => S.setActivation(s, l, a)),
  setLoss: (loss) => edit((s) => ({ ...s, loss })),
  setSample: (which, s, k, v) => edit((st) => S.setSampleValue(st, which, s, k, v)),
  addSample: () => edit((s) => S.addSample(s)),
  removeSample: (k) => edit((s) => S.removeSample(s, k)),
  reseed: (seed) => edit((s) => S.reseed(s, seed)),
});
const viewBar = createViewBar($("#viewbar"), { setView: (v) => setView(v) });
const detail = createDetail($("#detail"), {
  api,
  onSelect: (sel) => select(sel),
  onEdit: (p, v) => edit((s) => S.setParameter(s, p, v)),
  bodyFor: (extra) => S.requestBody(good.state, extra),
});
let sideTab = "training"; // in train mode the right column shows the run, or the selection's details

/** Switch the right column's tab (drawn by the next render), from its top. */
function showTab(tab) {
  if (tab === sideTab) return;
  sideTab = tab;
  $("aside.detail").scrollTop = 0;
}
const training = createTraining({ controls: $("#train-controls"), charts: $("#training") }, {
  api,
  state: () => good?.state,
  setTrain: (train) => {
    if (!good) return;
    good = { ...good, state: { ...good.state, train } };
    draft = { ...(draft ?? good.state), train };
    writeHash(good.state);
  },
  loadData,
  frame: trainFrame,
  inspect: (k) => {
    showTab("details");
    const selected = good.state.view.selected ?? { kind: "node", l: good.state.network.layers.length - 1, i: 0 };
    return compute(S.setView(good.state, { sample: k, selected }), { keepRun: true });
  },
  restore: (network) => compute({ ...good.state, network }),
  toast: (text) => toast(text, 9000),
  paused: () => compute(good.state, { keepRun: true }),
});
const player = createPlayer($("#player"), (stage) => graph.setStage(stage));
createHeaderActions($("#actions"), {
  preset: (id) => {
    const p = PRESETS.find((x) => x.id === id);
    compute(presetState(id), { revert: true, note: p.note });
  },
  copyLink: () => copy(location.href, "Link copied"),
  exportJson,
  importFile,
  showCode,
});

// ---- computing ----

/** Ask the API for the passes of `next`; on success it becomes the good state. */
async function compute(next, { revert = false, note = null, refusedPrefix = "", keepRun = false } = {}) {
  draft = next;
  const seq = ++requestSeq;
  main.classList.add("busy");
  try {
    performance.mark("bpv:request");
    const result = await api.backprop(S.requestBody(next));
    performance.mark("bpv:response");
    if (seq !== requestSeq) return false;
    const state = { ...next, network: result.network };
    state.view = { ...state.view, selected: validSelection(state.view.selected, result) };
    good = { state, result, seq };
    draft = state;
    clearErrors(main, banner);
    render();
    if (!keepRun) training.networkChanged(); // an edit, a preset, a link: a new training run
    showNote(note);
    return true;
  } catch (e) {
    if (seq !== requestSeq) return false;
    if (revert && good) draft = good.state;
    if (good) renderControls();
    if (refusedPrefix) {
      clearErrors(main, banner);
      banner.hidden = false;
      const details = (e.errors ?? []).slice(0, 3).map((x) => `${x.field}: ${x.message}`).join("; ");
      banner.textContent = `${refusedPrefix} ${e.message}${details && details !== `${e.errors[0]?.field}: ${e.message}` ? ` (${details})` : ""}. The current network is unchanged.`;
    } else {
      showErrors(main, banner, e);
    }
    main.dataset.lastError = e.message;
    return false;
  } finally {
    if (seq === requestSeq) main.classList.remove("busy");
  }
}

function edit(fn) {
  compute(fn(draft ?? good.state));
}

function validSelection(sel, result) {
  if (!sel) return null;
  const L = result.layers.length - 1;
  const n = (l) => result.layers[l]?.a[0].length ?? 0;
  if (sel.l < 0 || sel.l > L || sel.i >= n(sel.l)) return null;
  if (sel.kind === "W" && (sel.l < 1 || sel.j >= n(sel.l - 1))) return null;
  return sel;
}

// View options need no request: the result is the same.
function setView(changes) {
  if (!good) return;
  good = { ...good, state: S.setView(good.state, changes) };
  draft = S.setView(draft, changes);
  render();
}

function select(sel) {
  if (sel) showTab("details");
  if (good?.live || training.running) {
    // A live frame holds one sample's pass beside the whole batch's gradient: pause, then
    // compute the full backward pass so the panel's numbers multiply out exactly.
    good = { ...good, state: S.setView(good.state, { selected: sel }) };
    training.pause().then(() => compute(good.state, { keepRun: true }));
    return;
  }
  setView({ selected: sel });
}

// ---- drawing ----

function graphModel(state, result) {
  const { colorBy, norm, eta } = state.view;
  const sizes = S.sizes(state);
  const W = state.network.weights;
  const G = result.gradients.weights;
  const B = result.layers[0].a.length;
  const s = Math.min(state.view.sample, B - 1);
  const source = colorBy === "weight" ? W : G;
  const k = colorBy === "update" ? -eta : 1;
  const valuesByLayer = source.map((m) => m.flat().map((v) => k * v));
  const colours = colourModel(valuesByLayer, norm);
  const maxW = maxAbs(W.flat(2));
  const edgeCount = valuesByLayer.reduce((n, v) => n + v.length, 0);
  const a = result.layers.map((layer) => layer.a[s]);
  const fill = activationScale(a.slice(1).flat());
  return {
    sizes,
    W,
    dC_dW: G,
    a,
    z: result.layers.map((layer) => layer.z?.[s] ?? null),
    y: state.target[s],
    activations: state.network.layers.map((x) => x.activation),
    edgeValue: (l, i, j) => k * source[l - 1][i][j],
    colour: colours.colour,
    width: widthScale(maxW, edgeCount),
    fill,
    legend: { colorBy, norm, legends: colours.legends, maxW, fill },
  };
}

function render() {
  const t0 = performance.now();
  const { state, result } = good;
  const model = graphModel(state, result);
  performance.mark("bpv:model");
  graph.update(model);
  performance.mark("bpv:graph");
  graph.select(state.view.selected);
  legend.update(model.legend);
  player.setLayers(state.network.layers.length - 1);
  const t1 = performance.now();
  if (timings.firstDraw === null) {
    timings.firstDraw = t1;
    performance.mark("bpv:first-draw");
    document.body.dataset.ready = "true";
  }
  timings.lastRender = t1 - t0;
  renderHeader(state, result);
  renderControls();
  viewBar.update(state);
  detail.show({ state, result, sel: state.view.selected, key: `${good.seq}|${selKey(state.view.selected)}` });
  renderMode(state);
  writeHash(state);
}

/** Train mode: the settings under the network editor, the run and its charts on the right. */
function renderMode(state) {
  const train = state.view.mode === "train";
  document.body.dataset.mode = state.view.mode;
  for (const b of document.querySelectorAll("#mode button")) b.setAttribute("aria-pressed", String(b.dataset.mode === state.view.mode));
  $("#train-controls").hidden = !train;
  $("#side-tabs").hidden = !train;
  $("#training").hidden = !train || sideTab !== "training";
  $("#detail").hidden = train && sideTab !== "details";
  for (const b of document.querySelectorAll("#side-tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === sideTab));
  if (train) training.update(state);
}

function renderControls() {
  controls.update(draft);
}

const selKey = (s) => (s ? `${s.kind}${s.l}_${s.i}_${s.j ?? ""}` : "");

function renderHeader(state, result) {
  const out = $("#cost-value");
  out.textContent = fmt(result.loss, 6);
  out.dataset.value = String(result.loss);
  out.title = String(result.loss);
  const B = result.layers[0].a.length;
  $("#cost-kind").textContent = `${{ mse: "MSE", binary_cross_entropy: "binary cross-entropy", cross_entropy: "cross-entropy" }[state.loss] ?? state.loss}${B > 1 ? ` · mean of ${B} samples` : ""}`;
  const formula = costTex(state.loss, S.sizes(state).at(-1));
  const box = $("#cost-formula");
  if (box.dataset.tex !== formula) {
    tex(box, formula); // typesetting costs milliseconds: only when the formula changes
    box.dataset.tex = formula;
  }
}

// ---- training ----

/**
 * A live frame: the trained network, the whole batch's gradient on the edges, one sample on the
 * nodes. The state is taken at once (the next request starts from it); the drawing waits for the
 * browser's next frame, and frames that arrive before it are drawn only once.
 */
function trainFrame(res) {
  if (!good || !res.backprop || !res.gradients) return;
  const state = { ...good.state, network: res.network };
  const result = { network: res.network, loss: res.loss, layers: res.backprop.layers, gradients: res.gradients };
  good = { state, result, seq: good.seq, live: true };
  draft = state;
  if (!framePending) {
    framePending = true;
    requestAnimationFrame(drawLiveFrame);
  }
  liveSteps = res.optimizer_state.step;
}

let framePending = false;
let liveSteps = 0;

function drawLiveFrame() {
  framePending = false;
  if (!good?.live) return;
  const { state, result } = good;
  // the nodes show sample k: the model is drawn from that one sample's pass
  const k = Math.min(state.view.sample, state.input.length - 1);
  const probe = { ...state, input: [state.input[k]], target: [state.target[k]], view: { ...state.view, sample: 0 } };
  const model = graphModel(probe, result);
  graph.update(model);
  legend.update(model.legend);
  renderHeader(state, result);
  $("#cost-kind").textContent = `step ${liveSteps} · ${state.input.length} samples`;
}

/**
 * New training data: the network's input and output layers follow its shape. A preset brings
 * its own network, loss and view options too.
 */
async function loadData({ input, target, test, train, network, loss, view }) {
  let next = {
    ...good.state,
    train,
    network: network ?? good.state.network,
    loss: loss ?? good.state.loss,
    view: { ...good.state.view, ...view, mode: "train", sample: 0, selected: null },
  };
  const nIn = input[0].length;
  const nOut = target[0].length;
  const L = next.network.layers.length - 1;
  if (next.network.layers[0].size !== nIn) next = S.resize(next, 0, nIn);
  if (next.network.layers[L].size !== nOut) next = S.resize(next, L, nOut);
  const out = next.network.layers[L].activation;
  if (nOut > 1 && target.every((r) => r.every((v) => v === 0 || v === 1))) {
    next = S.setActivation(next, L, "softmax");
    next.loss = "cross_entropy";
  } else if (out === "softmax" || next.loss === "cross_entropy") {
    next = S.setActivation(next, L, nOut === 1 ? "sigmoid" : out);
    next.loss = "mse";
  }
  next = { ...next, input, target, test };
  showTab("training");
  return compute(next, { revert: true });
}

function setMode(mode) {
  if (!good || mode === good.state.view.mode) return;
  if (mode === "train" && !good.state.train) {
    training.newData(S.TRAIN_DEFAULTS);
    return;
  }
  training.pause().then(() => {
    if (mode === "explore" && good.live) compute(S.setView(good.state, { mode }), { keepRun: true });
    else setView({ mode });
  });
}

for (const b of document.querySelectorAll("#mode button")) b.addEventListener("click", () => setMode(b.dataset.mode));
for (const b of document.querySelectorAll("#side-tabs button")) {
  b.addEventListener("click", () => {
    showTab(b.dataset.tab);
    if (good) renderMode(good.state);
  });
}

// ---- the URL ----

function writeHash(state) {
  const hash = S.toFragment(state);
  if (hash !== location.hash) {
    lastHash = hash;
    history.replaceState(null, "", hash);
  }
}

function stateFromHash() {
  try {
    return S.fromFragment(location.hash);
  } catch (e) {
    banner.hidden = false;
    banner.textContent = `The link's #s= state could not be read (${e.message}); showing the default network.`;
    return null;
  }
}

window.addEventListener("hashchange", () => {
  if (location.hash === lastHash) return;
  const s = stateFromHash();
  if (s) compute(s, { revert: true, refusedPrefix: "The link's network was refused:" });
});

// ---- export, import, copy ----

function exportJson() {
  const blob = new Blob([JSON.stringify(good.state, null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "backprop-viz.json";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function importFile(file) {
  let state;
  try {
    const text = await file.text();
    let obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new Error(`it is not valid JSON (${e.message})`);
    }
    state = S.normalise(obj);
  } catch (e) {
    clearErrors(main, banner);
    banner.hidden = false;
    banner.textContent = `The file “${file.name}” was refused: ${e.message}. The current network is unchanged.`;
    return;
  }
  compute(state, { revert: true, refusedPrefix: `The file “${file.name}” was refused:` });
}

function showCode(kind) {
  const url = new URL(`${apiBase}/backprop`, location.href).href;
  const body = S.requestBody(good.state);
  const text = kind === "curl" ? asCurl(url, body) : asPython(url, body);
  const dialog = $("#code-dialog");
  $("#code-title").textContent = kind === "curl" ? "This request as curl" : "This request in Python (requests)";
  $("#code-text").textContent = text;
  dialog.dataset.kind = kind;
  dialog.showModal();
  copy(text, "Copied to the clipboard");
}

$("#code-copy").addEventListener("click", () => copy($("#code-text").textContent, "Copied to the clipboard"));
$("#code-close").addEventListener("click", () => $("#code-dialog").close());

async function copy(text, message) {
  try {
    await navigator.clipboard.writeText(text);
    toast(message);
  } catch {
    toast("Select the text and copy it (the clipboard is not available here)");
  }
}

function showNote(text) {
  const strip = $("#note");
  strip.hidden = !text;
  $("#note-text").textContent = text ?? "";
}
$("#note-close").addEventListener("click", () => showNote(null));

let toastTimer = null;
function toast(message, ms = 2500) {
  const t = $("#toast");
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), ms);
}

// ---- resize ----

let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => good && graph.resize());
}).observe($("#graph"));

// ---- a hook for the benchmark and for scripting the page ----

window.__bpv = {
  timings,
  state: () => good?.state,
  result: () => good?.result,
  /** Apply new gradients (scaled and sign-flipped copies) through the normal drawing path. */
  recolour(factor = -1.7) {
    const result = structuredClone(good.result);
    result.gradients.weights = result.gradients.weights.map((m) => m.map((r) => r.map((v) => v * factor)));
    const t0 = performance.now();
    good = { ...good, result };
    const model = graphModel(good.state, result);
    graph.update(model);
    legend.update(model.legend);
    const sync = performance.now() - t0;
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve({ sync, frame: performance.now() - t0 }), 0)));
  },
};

// ---- start ----
async function start() {
  const fromLink = stateFromHash();
  if (fromLink) await compute(fromLink, { refusedPrefix: "The link's network was refused:" });
  if (good) return;
  const message = banner.hidden ? "" : banner.textContent;
  await compute(S.defaultState());
  if (message) {
    banner.hidden = false;
    banner.textContent = `${message} Showing the default network instead.`.replace("unchanged. Showing", "unchanged; showing");
  }
}
start();
