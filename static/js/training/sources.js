// Where training data comes from: a dataset (its settings, a preset), a CSV file, points clicked on
// the plane; and where it goes: split into training and test samples, the network fitted to it.
import { download } from "../lib/files.js";
import { DATASETS } from "../app/vocabulary.js";
import { TRAIN_DEFAULTS, normaliseTrain } from "../app/url.js";
import { readCsv, chooseTargets, toCsv } from "./csv.js";
import { fromTable, plainTable, prepare } from "./dataset.js";
import { editPoints, editRows, planeTools } from "./points.js";
import { trainPreset } from "./presets.js";
import { farOutside } from "./fit.js";
import { fmt } from "../lib/format.js";
import { DATA_FIELDS, DEFAULT_NOISE } from "./settings.js";
import { forgetOptimizer, pause, trainedSteps } from "./run.js";

/**
 * Fetch the setup's dataset, split it, and train on it (with `also`: a preset's network, loss,
 * view). Resolves to whether the page now trains on it.
 */
export async function newData(run, setup = run.store.s.good.state.train ?? TRAIN_DEFAULTS, also = {}) {
  const { store } = run;
  if (setup.dataset === "custom") return false;
  await pause(run);
  const real = DATASETS[setup.dataset]?.real === true;
  let data;
  try {
    data = await store.api.dataset(setup.dataset, real ? {} : {
      samples: setup.samples, noise: setup.noise, seed: setup.dataSeed,
      classes: DATASETS[setup.dataset].multiclass ? setup.classes : 2,
    });
  } catch (e) {
    return refuse(store, e.message);
  }
  const prev = store.s.good.state.data;
  const same = prev?.name === setup.dataset;
  const table = real ? realTable(setup.dataset, data) : { ...plainTable(data.input, data.target), split: null };
  const described = fromTable(table, table.targets, {
    testFraction: setup.testFraction, seed: setup.dataSeed, name: setup.dataset,
    standardise: same ? prev.standardise : real, // measured data in its own units: standardised unless switched off
    extra: { features: prev?.features ?? [], ...(real ? { classes: data.classes, source: data.source, licence: data.licence, dropped: data.dropped } : {}) },
  });
  return setData(store, described, setup, also);
}

const LABEL_COLUMN = { iris: "species", penguins: "species" };

/** A real dataset's answer as a table: its named inputs, then its target columns or its class names in one label column. */
function realTable(name, { input, target, columns, classes }) {
  const label = LABEL_COLUMN[name] ?? "class";
  const rows = input.map((x, k) => [...x, ...(classes ? [classes[target[k].indexOf(Math.max(...target[k]))]] : target[k])]);
  const names = [...columns.input, ...(classes ? [label] : columns.target)];
  return { columns: names, rows, split: null, targets: names.map((_, k) => k).slice(columns.input.length) };
}

function refuse(store, message) {
  store.s.run.dataError = message;
  store.render(["messages"]);
  return false;
}

// Targets in their own units (miles per gallon) give gradients in the tens: a step of η = 1 diverges.
const REGRESSION_RATE = 0.01;

/**
 * Train on a data object (dataset.js): what the network sees is prepared from it; the network is
 * fitted to it. New data starts a run at step 0 (keep: a point added or removed, the run goes on).
 * Targets far outside [0, 1] bring the learning rate down to REGRESSION_RATE, said in the status.
 */
async function setData(store, data, setup, also = {}, { keep = false } = {}) {
  const p = prepare(data);
  store.s.run.dataError = null;
  const slow = farOutside(p.target) && setup.learning_rate > REGRESSION_RATE;
  const train = slow ? normaliseTrain({ ...setup, learning_rate: REGRESSION_RATE }) : setup;
  const ok = await store.loadData({ input: p.input, target: p.target, test: p.test, data: p.data, train, ...also }, { keep });
  if (!ok || keep) return ok;
  let text = newDataSaid(setup.dataset, p.input.length, p.test.input.length, !also.network);
  if (slow) {
    const values = p.target.flat();
    const name = data.targets.map((k) => data.columns[k]).join(", ");
    text += ` The learning rate is now ${REGRESSION_RATE}: the targets (${name}) run from ${fmt(Math.min(...values), 3)} to ` +
      `${fmt(Math.max(...values), 3)}, and errors that large make steps of η = ${fmt(setup.learning_rate, 3)} diverge.`;
  }
  say(store, text);
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

const refusal = (what, errors) => {
  const more = errors.length > 4 ? ` (and ${errors.length - 4} more)` : "";
  return `${what} was refused: ${errors.slice(0, 4).join("; ")}${more}. The data is unchanged.`;
};

export async function uploadCsv(run, file) {
  const { store } = run;
  const setup = store.s.good.state.train ?? TRAIN_DEFAULTS;
  const { data, errors, guessed } = readCsv(await file.text(), { testFraction: setup.testFraction, seed: setup.dataSeed, name: file.name });
  if (errors) return refuse(store, refusal(`“${file.name}”`, errors));
  await pause(run);
  const ok = await setData(store, data, custom(store));
  if (ok && guessed) {
    const target = data.columns[data.targets[0]];
    store.draw(store.s, ["toast"], { text: `No column is named as a target (y…, target, label), so “${target}” is the target. Change it with Columns….`, ms: 9000 });
  }
  return ok;
}

/** Other columns as the targets (the Columns dialog): refused with the reasons, or trained on. */
export async function setTargets(run, targets) {
  const { store } = run;
  const { data, errors } = chooseTargets(store.s.good.state.data, targets);
  if (errors) return refuse(store, refusal("That choice of targets", errors));
  await pause(run);
  return setData(store, data, custom(store));
}

/** A data switch (standardise, features) prepares the data again; the network's input layer follows. */
export async function setDataOption(run, changes) {
  const { store } = run;
  const data = store.s.good.state.data;
  if (!data) return false;
  await pause(run);
  return setData(store, { ...data, ...changes }, store.s.good.state.train ?? TRAIN_DEFAULTS);
}

/** The plane's axes or the held values changed: no request, a new grid. */
export function setPlane(run, changes) {
  const { store } = run;
  const data = store.s.good.state.data;
  if (!data) return;
  store.s.run.grid = null;
  store.changeView({}, { data: { ...data, ...changes } });
}

/** The data as CSV: the table as it was read (names, labels), training rows then test rows, with their split. */
export function downloadCsv({ store }) {
  const st = store.s.good.state;
  const data = st.data ?? (() => {
    const table = plainTable(st.input, st.target, st.test);
    return fromTable(table, table.targets, { standardise: false });
  })();
  const name = (data.name || "backprop-viz-data").replace(/\.csv$/i, "");
  download(new Blob([toCsv(data)], { type: "text/csv" }), `${name}.csv`);
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
  const st = store.s.good.state;
  const edited = st.data ? editRows(st.data, tool, click) : editPoints(st, tool, click);
  if (!edited) return;
  // the run goes on (its steps, curves and step 0 kept) on the weights it has reached; the plane's
  // extent may have changed with the data
  store.s.run.grid = null;
  const ok = st.data ? await setData(store, edited, custom(store), {}, { keep: true })
    : await store.loadData({ ...edited, train: custom(store) }, { keep: true });
  const now = store.s.good.state;
  if (ok) say(store, pointSaid(tool, trainedSteps(store.s.run), now.input.length, now.test?.input?.length ?? 0));
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
