// The state a link or a file holds, read back: the view options and the training setup are one table
// of properties with their types and defaults (as TensorFlow Playground's state.ts), read by one
// normaliser; the request's own fields (network, input, target, loss) go through as they are, for
// the API to judge. Pure: no DOM, so node --test imports it as the browser does. (fragment.js writes
// it into the URL.)
import { DATASETS, EXERCISE_PRESETS, HIDDEN_ACTIVATIONS, OPTIMIZERS } from "./vocabulary.js";
import { isAnswerList } from "../derive/blanks.js";
import { NAMES } from "../controls/names.js";

export const MAX_TASK = 2000; // characters of a lesson's task: a paragraph or two
// Control characters but for the line break and the tab: a task is shown as text, and these have no place in it.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
import { isSelection } from "./selection.js";
import { isMatrixSetting } from "../graph/cells.js";
import { prepare, readData } from "../training/dataset.js";

export const MODES = ["explore", "train", "derive"];
export const COLOR_BY = ["gradient", "weight", "update"];
export const NORMS = ["network", "layer", "symlog"];

/**
 * Each group of the state and its properties: {type, default, ...bounds}. Types: "enum" (one of
 * `values`), "int" and "number" (within min/max, above `gt`, below `lt`; `nullable` lets null in),
 * "selection", "answers" (a derivation's answers, derive/blanks.js), "names" (controls a lesson hides
 * or locks: known names are kept, others dropped), "text" (up to `max` characters, control characters
 * taken out). Names that are fields of an API request (learning_rate, batch_size, …) keep the API's
 * spelling, since they are sent as they are; the page's own are camelCase.
 */
export const PROPS = {
  view: {
    colorBy: { type: "enum", values: COLOR_BY, default: "gradient" }, // dC/dW | W | −η·dC/dW
    norm: { type: "enum", values: NORMS, default: "network" }, // one scale | one per layer | symmetric log
    eta: { type: "number", gt: 0, default: 0.5 }, // η, for colorBy "update"
    sample: { type: "int", min: 0, default: 0 }, // the sample whose activations the nodes show
    selected: { type: "selection", default: null }, // see selection.js
    mode: { type: "enum", values: MODES, default: "explore" }, // one backward pass | gradient descent | derive it yourself
    matrix: { type: "matrix", default: "auto" }, // layers drawn as matrices: "auto" (by size) or a list of l (graph/cells.js)
  },
  derive: {
    preset: { type: "enum", values: ["editor", ...Object.keys(EXERCISE_PRESETS)], default: "editor" }, // where the exercise came from
    seed: { type: "int", min: 0, max: 2 ** 32 - 1, default: 0 }, // the preset's seed
    answers: { type: "answers", default: [] }, // what the learner typed, each naming its blank
  },
  lesson: {
    hide: { type: "names", default: [] }, // controls (data-control names, controls/names.js) the lesson hides
    lock: { type: "names", default: [] }, // … and those it shows but locks
    task: { type: "text", max: MAX_TASK, default: "" }, // what the learner is asked to do, shown as text
    mode: { type: "enum", values: ["", ...MODES], default: "" }, // the mode the lesson opens in
    panel: { type: "enum", values: ["", "training", "derive", "details"], default: "" }, // and the right column's tab
  },
  train: {
    dataset: { type: "enum", values: [...Object.keys(DATASETS), "custom"], default: "xor" }, // custom: edited or uploaded
    samples: { type: "int", min: 4, default: 200 },
    noise: { type: "number", min: 0, max: 10, default: 0.15 },
    dataSeed: { type: "int", min: 0, default: 0 }, // the dataset's own seed
    classes: { type: "int", min: 2, max: 10, default: 2 }, // multiclass datasets take 3+
    testFraction: { type: "number", min: 0, lt: 1, default: 0.2 }, // held out, never trained on
    learning_rate: { type: "number", gt: 0, default: 1 },
    batch_size: { type: "int", min: 1, nullable: true, default: null }, // null: the whole batch each step
    optimizer: { type: "enum", values: OPTIMIZERS, default: "sgd" },
    l2: { type: "number", min: 0, default: 0 },
    seed: { type: "int", min: 0, default: 0 }, // the minibatch order
    stepsPerFrame: { type: "int", min: 1, max: 1000, default: 10 },
  },
  // A network trained in the page: how many steps of training made its weights (a link made in Train).
  trained: {
    step: { type: "int", min: 0, default: 0 },
  },
  // Run B of a comparison (training/compare.js): A with one setting changed, each setting's value here.
  compare: {
    setting: { type: "enum", values: ["activation", "optimizer", "learning_rate", "weightSeed", "l2", "sizes"], default: "optimizer" },
    activation: { type: "enum", values: HIDDEN_ACTIVATIONS, default: "relu" }, // every hidden layer's
    optimizer: { type: "enum", values: OPTIMIZERS, default: "adam" },
    learning_rate: { type: "number", gt: 0, default: 0.1 },
    weightSeed: { type: "int", min: 0, max: 2 ** 32 - 1, default: 1 }, // the initial weights' seed
    l2: { type: "number", min: 0, default: 0.001 },
    sizes: { type: "sizes", min: 1, max: 256, maxLength: 14, default: [8] }, // the hidden layers' sizes: whole numbers in min..max
  },
};

const defaultsOf = (group) => Object.fromEntries(Object.entries(PROPS[group]).map(([k, p]) => [k, p.default]));
export const VIEW_DEFAULTS = Object.freeze(defaultsOf("view"));
export const TRAIN_DEFAULTS = Object.freeze(defaultsOf("train"));

/** Whether `v` is a value property `p` allows. */
export function allows(p, v) {
  if (v === null) return p.nullable === true;
  switch (p.type) {
    case "enum":
      return p.values.includes(v);
    case "selection":
      return isSelection(v);
    case "answers":
      return isAnswerList(v);
    case "matrix":
      return isMatrixSetting(v);
    case "names":
      return Array.isArray(v) && v.length <= 200 && v.every((x) => typeof x === "string");
    case "text":
      return typeof v === "string" && v.length <= p.max;
    case "sizes":
      return Array.isArray(v) && v.length <= p.maxLength && v.every((n) => Number.isInteger(n) && n >= p.min && n <= p.max);
    case "int":
    case "number":
      return typeof v === "number" && Number.isFinite(v) && (p.type === "number" || Number.isInteger(v)) &&
        v >= (p.min ?? -Infinity) && v <= (p.max ?? Infinity) && v > (p.gt ?? -Infinity) && v < (p.lt ?? Infinity);
    default:
      return false;
  }
}

/** One group read from anything (a link, a file): each known property if allowed, else its default. */
export function readGroup(group, obj) {
  const out = defaultsOf(group);
  if (!obj || typeof obj !== "object") return out;
  for (const [k, p] of Object.entries(PROPS[group])) if (k in obj && allows(p, obj[k])) out[k] = clean(p, obj[k]);
  return out;
}

/** The value as the state keeps it: a lesson's names those the page knows, its text without control characters. */
function clean(p, v) {
  if (p.type === "names") return [...new Set(v.filter((x) => NAMES.includes(x)))];
  if (p.type === "text") return v.replace(CONTROL_CHARACTERS, "");
  return v;
}

export const normaliseTrain = (obj) => readGroup("train", obj);

/** Why a link's lesson lost its task (too long, not text), for the banner; null when it did not. */
export function lessonWarning(obj) {
  const task = obj?.lesson?.task;
  if (task === undefined || task === null) return null;
  if (typeof task !== "string") return "The lesson's task was not text, so it is not shown.";
  if (task.length > MAX_TASK) {
    return `The lesson's task is ${task.length.toLocaleString("en")} characters, over the ${MAX_TASK.toLocaleString("en")} a task may have, so it is not shown.`;
  }
  return null;
}

/**
 * The properties of `obj`'s groups that could not be read (a wrong type, out of bounds), so that the
 * state has their defaults: ["view.eta", "train"]. A lesson's task is lessonWarning's.
 */
export function unreadProps(obj) {
  const out = [];
  for (const group of Object.keys(PROPS)) {
    if (!obj || typeof obj !== "object" || !(group in obj) || obj[group] === null) continue;
    const g = obj[group];
    if (typeof g !== "object" || Array.isArray(g)) {
      out.push(group);
      continue;
    }
    for (const [k, p] of Object.entries(PROPS[group])) {
      if (k in g && g[k] !== p.default && !allows(p, g[k]) && !(group === "lesson" && k === "task")) out.push(`${group}.${k}`);
    }
  }
  return out;
}

/**
 * A state from any JSON-like object (an imported file, a fragment). Throws an Error with a learner's
 * message when it is not even the right kind of object.
 */
export function normalise(obj) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
    throw new Error("it is not a JSON object with network, input and target");
  }
  for (const key of ["network", "input", "target"]) {
    if (!(key in obj)) throw new Error(`it has no "${key}" field`);
  }
  const isRow = (x) => Array.isArray(x) && !x.some(Array.isArray);
  const state = {
    network: obj.network,
    input: isRow(obj.input) ? [obj.input] : obj.input,
    target: isRow(obj.target) ? [obj.target] : obj.target,
    loss: obj.loss ?? "mse",
    view: readGroup("view", obj.view),
  };
  // The training setup and the held-out samples, when there are any (the API judges the samples).
  if (obj.train && typeof obj.train === "object") state.train = normaliseTrain(obj.train);
  if (obj.derive && typeof obj.derive === "object") state.derive = readGroup("derive", obj.derive);
  if (obj.compare && typeof obj.compare === "object") state.compare = readGroup("compare", obj.compare);
  if (obj.trained && typeof obj.trained === "object") state.trained = readGroup("trained", obj.trained);
  if (obj.lesson && typeof obj.lesson === "object") state.lesson = readGroup("lesson", obj.lesson);
  if (obj.test && Array.isArray(obj.test.input) && Array.isArray(obj.test.target)) {
    state.test = { input: obj.test.input, target: obj.test.target };
  }
  // The data as the learner gave it (training/dataset.js): what the network sees is made from it again.
  const data = readData(obj.data);
  if (data) {
    const p = prepare(data);
    Object.assign(state, { input: p.input, target: p.target, test: p.test, data: p.data });
  }
  return state;
}
