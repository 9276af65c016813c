// A lesson's locks, kept by the store as well as shown by the page: an intent on a control the lesson
// hides or locks does nothing (a keyboard shortcut, a click that reached it anyway). A lesson stays
// with the page through presets, imports and new data; only a new lesson link replaces it.
import { FIELDS } from "../training/settings.js";

/** The control each intent works, where it is one; for setView, its changes name it. */
const GUARDS = {
  resize: "network", addLayer: "network", removeLayer: "network", setActivation: "network",
  setLoss: "cost", setSample: "data", addSample: "data", removeSample: "data", reseed: "seed",
  editParameter: "edit-weight", askJacobians: "jacobian", setRadius: "curve-range",
  preset: "presets", copyLink: "link", exportJson: "export", importFile: "import", showCode: "code",
  togglePlay: "train-run", step: "train-run", reset: "train-run",
  newData: "train-data", uploadCsv: "train-data", downloadCsv: "train-data", trainPreset: "train-presets",
  setTool: "plane-tools", deriveNew: "derive-exercise",
};
const VIEW_CONTROLS = { colorBy: "color-by", eta: "color-by", norm: "scale", sample: "sample", matrix: "layout" };

/** Whether the state's lesson leaves control `name` free. */
export function free(state, name) {
  const lesson = state?.lesson;
  return !lesson || !(lesson.hide.includes(name) || lesson.lock.includes(name));
}

/** The controls an intent's call would work. */
function controlsOf(intent, args) {
  if (intent === "setView") return Object.keys(args[0] ?? {}).map((k) => VIEW_CONTROLS[k]).filter(Boolean);
  if (intent === "setMode") return [`mode-${args[0]}`];
  if (intent === "setting") return [`train-${FIELDS[args[0]]?.id}`];
  return GUARDS[intent] ? [GUARDS[intent]] : [];
}

/** The intents, each refusing what the lesson hides or locks. */
export function guarded(store, intents) {
  const out = {};
  for (const [name, fn] of Object.entries(intents)) {
    out[name] = (...args) => (controlsOf(name, args).every((c) => free(store.s.good?.state, c)) ? fn(...args) : undefined);
  }
  return out;
}

/** The next state keeps the page's lesson unless it brings its own. */
export function keepLesson(current, next) {
  return current?.lesson && !next.lesson ? { ...next, lesson: current.lesson } : next;
}
