// Where training data comes from: a dataset (its settings, a preset), a CSV file, points clicked on
// the plane; and where it goes: split into training and test samples, the network fitted to it.
import { download } from "../lib/files.js";
import { DATASETS } from "../app/vocabulary.js";
import { TRAIN_DEFAULTS, normaliseTrain } from "../app/url.js";
import { sizes } from "../app/state.js";
import { parseCsv, toCsv } from "./csv.js";
import { split } from "./data.js";
import { editPoints, planeTools } from "./points.js";
import { trainPreset } from "./presets.js";
import { DATA_FIELDS, DEFAULT_NOISE } from "./settings.js";
import { forgetOptimizer, pause } from "./run.js";

/**
 * Fetch the setup's dataset, split it, and train on it (with `also`: a preset's network, loss,
 * view). Resolves to whether the page now trains on it.
 */
export async function newData(run, setup = run.store.s.good.state.train ?? TRAIN_DEFAULTS, also = {}) {
  const { store } = run;
  if (setup.dataset === "custom") return false;
  await pause(run);
  let data;
  try {
    data = await store.api.dataset(setup.dataset, {
      samples: setup.samples, noise: setup.noise, seed: setup.dataSeed,
      classes: DATASETS[setup.dataset].multiclass ? setup.classes : 2,
    });
  } catch (e) {
    return refuse(store, e.message);
  }
  return setData(store, data.input, data.target, setup, also);
}

function refuse(store, message) {
  store.s.run.dataError = message;
  store.render(["messages"]);
  return false;
}

async function setData(store, input, target, setup, also = {}) {
  const { train, test } = split(input, target, setup.testFraction, setup.dataSeed);
  store.s.run.dataError = null;
  const ok = await store.loadData({ input: train.input, target: train.target, test, train: setup, ...also });
  if (ok) say(store, newDataSaid(setup.dataset, train.input.length, test.input.length, !also.network));
  return ok;
}

/** The status after new data: what it is, and that the run starts again at step 0, from which weights. */
export function newDataSaid(dataset, nTrain, nTest, seeded) {
  const name = dataset === "custom" ? "your own data" : dataset;
  const from = seeded ? "the network's seeded weights" : "the preset's network";
  return `New data: ${name}, ${nTrain} training and ${nTest} test samples; the run starts at step 0 from ${from}.`;
}

function say(store, text, kind = "") {
  store.s.run.status = { text, kind };
  store.render(["training"]);
}

/** The setup marked custom: the data is the learner's own now. */
function custom(store) {
  const setup = normaliseTrain({ ...(store.s.good.state.train ?? {}), dataset: "custom" });
  store.setTrain(setup);
  return setup;
}

export async function uploadCsv(run, file) {
  const { store } = run;
  const n = sizes(store.s.good.state);
  const { input, target, errors } = parseCsv(await file.text(), n[0], n.at(-1));
  if (errors.length) {
    const more = errors.length > 4 ? ` (and ${errors.length - 4} more)` : "";
    return refuse(store, `“${file.name}” was refused: ${errors.slice(0, 4).join("; ")}${more}. The data is unchanged.`);
  }
  await pause(run);
  return setData(store, input, target, custom(store));
}

export function downloadCsv({ store }) {
  const st = store.s.good.state;
  const input = [...st.input, ...(st.test?.input ?? [])];
  const target = [...st.target, ...(st.test?.target ?? [])];
  download(new Blob([toCsv(input, target)], { type: "text/csv" }), "backprop-viz-data.csv");
}

/** A click on the plane: inspect a training point, or add or remove one (the data becomes custom). */
export async function planeClick(run, click) {
  const { store } = run;
  const tool = planeTools(store.s.good.state, store.s.run.tool).current;
  if (tool === "inspect") {
    if (click.sample < 0 || click.split !== "train") return;
    await pause(run);
    return store.inspect(click.sample);
  }
  await pause(run);
  const data = editPoints(store.s.good.state, tool, click);
  if (!data) return;
  // the run goes on (its steps, curves and step 0 kept) on the weights it has reached; the plane's
  // extent may have changed with the data
  store.s.run.grid = null;
  if (await store.loadData({ ...data, train: custom(store) }, { keep: true })) {
    say(store, pointSaid(tool, run.trainer.steps, data.input.length, data.test.input.length));
  }
}

/** The status after a point added or removed: the run goes on from where it was. */
export function pointSaid(tool, steps, nTrain, nTest) {
  const what = tool === "remove" ? "Point removed" : "Point added";
  const from = steps ? `the run goes on from step ${steps}` : "training will start from these weights";
  return `${what}: ${nTrain} training and ${nTest} test samples; ${from}.`;
}

/** A training setting changed: the data's settings fetch new data, another optimizer starts afresh. */
export function setting(run, key, value) {
  const { store } = run;
  // another dataset comes with the noise that shows its shape
  const noise = key === "dataset" && value in DEFAULT_NOISE ? { noise: DEFAULT_NOISE[value] } : {};
  const next = normaliseTrain({ ...(store.s.good.state.train ?? TRAIN_DEFAULTS), [key]: value, ...noise });
  store.setTrain(next);
  if (DATA_FIELDS.includes(key) && next.dataset !== "custom") newData(run, next);
  if (key === "optimizer") forgetOptimizer(run);
}

/** A preset's data and network; its explanation stays in the training panel until dismissed or the network changes. */
export async function preset(run, id) {
  const { note, setup, also } = trainPreset(id);
  if (!(await newData(run, setup, also))) return;
  run.store.s.trainNote = { id, text: note, layers: also.network.layers };
  run.store.render(["training"]);
}
