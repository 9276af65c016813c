// The training run: play, pause, step and reset, and what each frame brings (history, the plane's
// output, the readouts). Not a view: it makes the requests, writes the run into the store's state
// (s.run) and asks for a draw. The server keeps nothing: the optimizer's state travels with each
// request (trainer.js).
import { TRAIN_DEFAULTS } from "../app/url.js";
import { createTrainer } from "./trainer.js";
import { frameBody, planeGrid } from "./body.js";
import { appendHistory } from "./history.js";

/** A run with nothing done yet. */
export function newRun(tool = "inspect") {
  return {
    history: [], // the steps kept for the charts
    startNetwork: null, // the network before the first step: what reset restores
    grid: null, // the network's output over the plane's grid
    gridPending: false,
    lastStep: null, // the last step's record (its predicted and measured ΔC)
    readout: null, // {steps, epoch, loss, testLoss, accuracy, testAccuracy, rate} after a frame
    status: { text: "", kind: "" },
    playing: false,
    tool, // what a click on the plane does
    dataError: null, // why the last data was refused
  };
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
    request: () => frameBody(store.s.good.state),
    onFrame: (res, info) => onFrame(run, res, info),
    onStop: (why) => onStop(run, why),
  });
  return run;
}

function onFrame({ store, trainer }, res, info) {
  const r = store.s.run;
  const st = store.s.good.state;
  if (!r.startNetwork) r.startNetwork = structuredClone(st.network);
  r.history = appendHistory(r.history, res.history);
  r.grid = res.grid_output ?? null;
  r.lastStep = res.history.at(-1) ?? r.lastStep;
  const t = st.train ?? TRAIN_DEFAULTS;
  const perEpoch = t.batch_size ? Math.ceil(st.input.length / t.batch_size) : 1;
  r.readout = {
    steps: info.steps, epoch: info.steps / perEpoch, loss: res.loss, testLoss: res.test_loss,
    accuracy: res.accuracy, testAccuracy: res.test_accuracy, rate: info.rate,
  };
  if (!res.diverged) r.status = said(trainer.running ? "Training…" : `Paused after ${info.steps} steps.`);
  store.frame(res);
}

function onStop({ store }, { divergence, error }) {
  const r = store.s.run;
  r.playing = false;
  if (divergence) r.status = said(`${divergence.message} Press reset to start again.`, "error");
  else if (error) r.status = said(`Training stopped: ${error.message}`, "error");
  store.render(["training"]);
}

/** Play; a page with no training data gets the setup's dataset first (`newData`). */
export async function play({ store, trainer }, newData) {
  if (!store.s.good.state.train && !(await newData())) return;
  const r = store.s.run;
  if (!r.startNetwork) r.startNetwork = structuredClone(store.s.good.state.network);
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
  store.s.run.status = said(`Paused after ${trainer.steps} steps.`);
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
  const start = store.s.run.startNetwork;
  if (start && !(await store.compute({ ...store.s.good.state, network: start }))) return;
  if (!start) restart(run);
  store.s.run.status = said("Reset: the network is back where training started.");
  store.render(["training"]);
}

/** A new run: history, counters and the optimizer's state cleared (the network and the status kept). */
export function restart({ store, trainer }) {
  trainer.reset();
  store.s.run = { ...newRun(store.s.run.tool), status: store.s.run.status };
}

/** The optimizer's state does not carry over to another optimizer: the next frame starts afresh. */
export function forgetOptimizer({ store, trainer }) {
  trainer.reset();
  store.s.run.playing = false;
  store.render(["training"]);
}

/** The plane's output for the current network without training (one forward pass over the grid). */
export async function ensureGrid({ store, trainer }) {
  const r = () => store.s.run;
  const st = store.s.good.state;
  const g = planeGrid(st);
  if (!g || r().grid || r().gridPending || trainer.running) return;
  r().gridPending = true;
  try {
    const res = await store.api.forward({ network: st.network, input: g.points });
    if (planeGrid(store.s.good.state) === g && !trainer.running) r().grid = res.layers.at(-1).a;
    store.render(["training"]);
  } catch {
    /* the network itself is refused elsewhere, beside its control */
  } finally {
    r().gridPending = false;
  }
}
