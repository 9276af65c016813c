// The training run: play, pause, step and reset, and what each frame brings (history, the plane's
// output, the readouts, a snapshot of the network). Not a view: it makes the requests, writes the run
// into the store's state (s.run) and asks for a draw. The server keeps nothing: the optimizer's state
// travels with each request (trainer.js). A comparison (the state's compare group) trains run B
// beside A in lockstep (s.run.b); looking back at a snapshot is lookback.js's.
import { TRAIN_DEFAULTS } from "../app/url.js";
import { createTrainer } from "./trainer.js";
import { frameBody, gridOutput, planeGrid } from "./body.js";
import { compareBody, compareState } from "./compare.js";
import { appendHistory } from "./history.js";
import { keepSnapshot, snapshotAt, snapshotLimit } from "./snapshots.js";
import { parameterCount } from "../app/state.js";
import { blownUp, frozen, saturatedLayers, saturationSaid } from "./diagnosis.js";
import { frameMetrics, metricsRequest } from "./fitness.js";

/** A run with nothing done yet. */
export function newRun(tool = "inspect") {
  return {
    history: [], // the steps kept for the charts
    startNetwork: null, // the network before the first step: what reset restores
    grid: null, // the network's output over the plane's grid
    liveGrid: null, // the last frame's grid: the latest network's plane, for "Back to live"
    gridPending: false,
    lastStep: null, // the last step's record (its predicted and measured ΔC)
    readout: null, // {steps, epoch, loss, testLoss, accuracy, testAccuracy, rate, stepRate} after a frame
    status: { text: "", kind: "" },
    saturated: [], // the last frame's saturated or dead layers (diagnosis.js)
    warning: "", // what they and a frozen cost say, beside the status
    playing: false,
    tool, // what a click on the plane does
    dataError: null, // why the last data was refused
    snapshots: [], // [{step, network, b}]: the networks (A's, and B's when comparing) at kept steps (snapshots.js)
    scrub: null, // the step the history scrubber looks back at; null: live
    lookSeq: 0, // the latest look back (lookback.js): an older one landing late is dropped
    b: null, // run B of a comparison (newRunB)
    base: 0, // the steps of training behind the network the run starts from (a link made in Train: trainedFrom)
    carried: 0, // the steps the run took before its optimizer started afresh (another optimizer: forgetOptimizer)
    metrics: null, // how well the network fits (fitness.js): {network, kind, classes, train, test}
    metricsPending: false,
    metricsAt: null, // when a frame last asked for them
  };
}

/** Run B of a comparison: A's state with the state's change (compare.js); its network, history, plane, numbers. */
export function newRunB(state) {
  const network = compareState(state, state.compare).network;
  return { network, startNetwork: network, history: [], grid: null, gridPending: false, readout: null };
}

const said = (text, kind = "") => ({ text, kind });

/**
 * The run of a store: its trainer, and the store (s.run holds what the run did).
 * @param store {api, s, compute, render, schedule, frame(res)}
 */
export function createRun(store) {
  const run = { store };
  run.trainer = createTrainer({
    api: store.api,
    request: () => bodies(store.s, run.trainer.running),
    onFrame: (res, info, others) => onFrame(run, res, info, others),
    onStop: (why) => onStop(run, why),
  });
  return run;
}

/** A frame's bodies: run A's, and run B's beside it when comparing. */
function bodies({ good: { state }, run: r }, playing) {
  const a = { ...frameBody(state), ...metricsRequest(state, r, playing) };
  return r.b && state.compare ? [a, compareBody(state, state.compare, r.b.network)] : a;
}

/** Where the run started: the network before the first step, the history scrubber's first step. */
function begin(r, network) {
  if (r.startNetwork) return;
  r.startNetwork = structuredClone(network);
  r.snapshots = [{ step: r.base, network: r.startNetwork, b: r.b?.startNetwork ?? null }];
}

/** The steps before the optimizer's own count: the trained link's, and those before another optimizer took over. */
const before = (r) => r.base + r.carried;

/** The run's steps counted from the first step behind its network: the server counts from the optimizer's start. */
const counted = (r, history) => (before(r) ? history.map((h) => ({ ...h, step: h.step + before(r) })) : history);

const readoutOf = (res) => ({ loss: res.loss, testLoss: res.test_loss, accuracy: res.accuracy, testAccuracy: res.test_accuracy });

function onFrame({ store, trainer }, res, info, [resB] = []) {
  const r = store.s.run;
  const st = store.s.good.state;
  begin(r, st.network);
  const steps = before(r) + info.steps;
  if (resB && r.b) {
    Object.assign(r.b, { network: resB.network, history: appendHistory(r.b.history, counted(r, resB.history)), grid: gridOutput(resB), readout: readoutOf(resB) });
    r.b.liveGrid = r.b.grid;
  }
  const parameters = parameterCount(st) + (resB ? parameterCount(resB) : 0);
  r.snapshots = keepSnapshot(r.snapshots, { step: steps, network: res.network, b: resB?.network ?? null }, snapshotLimit(parameters));
  r.history = appendHistory(r.history, counted(r, res.history));
  r.grid = r.liveGrid = gridOutput(res); // kept for "Back to live": the plane as the frame drew it
  r.lastStep = r.history.at(-1) ?? r.lastStep;
  const t = st.train ?? TRAIN_DEFAULTS;
  const perEpoch = t.batch_size ? Math.ceil(st.input.length / t.batch_size) : 1;
  r.readout = { steps, epoch: steps / perEpoch, ...readoutOf(res), rate: info.rate, stepRate: info.stepRate };
  r.saturated = saturatedLayers(res.saturation, st.network.layers);
  r.warning = warningOf(r);
  // a cost blown up a thousandfold is a divergence before anything overflows: the run stops and says where
  const blown = res.diverged ? null : blownUp(r.history, res.loss, steps, r.startNetwork, res.network, t.learning_rate);
  if (!res.diverged && !blown) r.status = said(trainer.running ? "Training…" : `Paused after ${steps} steps.`);
  frameMetrics(r, res, st, info.steps);
  store.frame(res);
  return blown ? { divergence: blown } : null;
}

const FROZEN_SPAN = 50;

/** The warning beside the status: the saturated layers, and a cost that has stopped moving. */
function warningOf(r) {
  const still = frozen(r.history, FROZEN_SPAN) ? `C has not moved in the last ${FROZEN_SPAN} steps.` : "";
  if (!r.saturated.length) return still ? `${still} The gradient is too small to change it: look at the gradient norms.` : "";
  return `${saturationSaid(r.saturated)}${still ? ` ${still}` : ""} A smaller learning rate and Reset, or another activation, let the gradient through.`;
}

function onStop({ store }, { divergence, error, run }) {
  const r = store.s.run;
  const who = run ? "Run B: " : "";
  r.playing = false;
  if (divergence) r.status = said(`${who}${divergence.message} Press reset to start again.`, "error");
  else if (error) r.status = said(`Training stopped: ${who}${error.message}`, "error");
  store.render(["training"]);
  // as a pause ends: the full backward pass of the network it stopped at (the graph leaves its live-frame
  // styling, the cards multiply out)
  if (store.s.live !== null) store.compute(store.s.good.state, { run: "keep" });
}

/** Play; a page with no training data gets the setup's dataset first (`newData`). */
export async function play(run, newData) {
  const { store, trainer } = run;
  if (!store.s.good.state.train && !(await newData())) return;
  const r = store.s.run;
  begin(r, store.s.good.state.network);
  r.playing = true;
  r.status = said("Training…");
  store.render(["training"]);
  trainer.play();
}

/** Stop after the request under way; then the full backward pass of the trained network is drawn. */
export async function pause({ store, trainer }) {
  if (!trainer.running) return;
  store.s.run.playing = false;
  store.render(["training"]);
  await trainer.pause();
  store.s.run.status = said(`Paused after ${before(store.s.run) + trainer.steps} steps.`);
  store.compute(store.s.good.state, { run: "keep" });
}

export async function step(run, newData) {
  const { store, trainer } = run;
  await pause(run);
  if (!store.s.good.state.train && !(await newData())) return;
  try {
    await trainer.step(1);
    store.compute(store.s.good.state, { run: "keep" });
  } catch (e) {
    store.s.run.status = said(`The step was refused: ${e.message}`, "error");
    store.render(["training"]);
  }
}

/** Back to the network training started from, with a fresh optimizer. */
export async function reset(run) {
  const { store, trainer } = run;
  await pause(run);
  trainer.reset();
  const { startNetwork: start, base } = store.s.run;
  if (start && !(await store.compute({ ...store.s.good.state, network: start }))) return;
  if (!start) restart(run);
  store.s.run.base = base; // the network training started from is still that many steps trained
  store.s.run.status = said(base
    ? `Reset: back at step ${base}, the trained weights this run started from.`
    : "Reset: the run is at step 0 again, with the network training started from (a fresh optimizer).");
  store.render(["training"]);
}

/**
 * A new run: history, counters and the optimizer's state cleared (the network kept); the status says
 * so (what the old run said, "Paused after 480 steps", no longer describes it; the caller may say more);
 * when the state compares, run B starts beside it.
 */
export function restart({ store, trainer }) {
  trainer.reset();
  const st = store.s.good.state;
  store.s.run = { ...newRun(store.s.run.tool), status: said(NEW_RUN), b: st.compare ? newRunB(st) : null };
}

export const NEW_RUN = "A new run: step 0, on this network and data.";

/**
 * A link made in Train carries the trained weights and how many steps made them (the state's trained
 * group): the run goes on from that step, and the status says where the curves start.
 */
export function trainedFrom(store, step) {
  const r = store.s.run;
  if (!step || r.startNetwork) return;
  r.base = step;
  const optimizer = (store.s.good.state.train ?? TRAIN_DEFAULTS).optimizer;
  const fresh = optimizer === "sgd" ? "" : ` (${optimizer}'s running averages are not in a link: they start afresh)`;
  r.status = said(`Trained weights from step ${step} of a run${fresh}; the curves start here.`);
}

/** How many steps of training are behind the network the page shows, for its link. */
export const trainedSteps = (r) => r.readout?.steps ?? r.base;

/**
 * The optimizer's state does not carry over to another optimizer: the next frame starts afresh, and the
 * run counts on from the steps it has taken (the step counter, the history and the snapshots go on).
 */
export function forgetOptimizer({ store, trainer }) {
  store.s.run.carried += trainer.steps;
  trainer.reset();
  store.s.run.playing = false;
  store.render(["training"]);
}

/** The planes' output for the networks shown, without training (one forward pass over the grid each). */
export async function ensureGrid(run) {
  await Promise.all([gridA(run), gridB(run)]);
}

async function gridA({ store, trainer }) {
  const r = () => store.s.run;
  const st = store.s.good.state;
  const g = planeGrid(st);
  if (!g || r().grid || r().gridPending || trainer.running) return;
  r().gridPending = true;
  try {
    const res = await store.api.forward({ network: st.network, input: g.inputs ?? g.points });
    if (planeGrid(store.s.good.state) === g && !trainer.running) r().grid = res.layers.at(-1).a;
    store.render(["training"]);
  } catch {
    /* the network itself is refused elsewhere, beside its control */
  } finally {
    r().gridPending = false;
  }
  // the plane changed while this was asked (other axes, say): ask for the plane now shown
  if (planeGrid(store.s.good.state) !== g && !r().grid) gridA({ store, trainer });
}

/** Run B's network on its plane: the latest, or the snapshot's when looking back. */
export const shownB = (r) => (r.scrub === null ? r.b.network : snapshotAt(r.snapshots, r.scrub)?.b ?? r.b.network);

async function gridB({ store, trainer }) {
  const r = store.s.run;
  const b = r.b;
  const g = planeGrid(store.s.good.state);
  if (!b || !g || b.grid || b.gridPending || trainer.running) return;
  b.gridPending = true;
  const network = shownB(r);
  try {
    const res = await store.api.forward({ network, input: g.inputs ?? g.points });
    if (store.s.run.b === b && shownB(r) === network && planeGrid(store.s.good.state) === g && !trainer.running) b.grid = res.layers.at(-1).a;
  } catch (e) {
    // B's network is the change's (too many nodes, say): A's controls do not show it, the status does
    if (store.s.run.b === b) r.status = said(`Run B was refused: ${e.message}`, "error");
  } finally {
    b.gridPending = false;
  }
  store.render(["training"]);
}
