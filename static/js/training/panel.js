// The training view: the settings in the left column (data, gradient descent, presets), and beside
// the graph the run (play, step, reset, what it has done) and its three charts (the input plane, the
// cost, the gradient norms). It receives its two containers and the store's snapshot, and emits
// intents; the run itself (requests, data) is training/session.js's.
import { el, clear, setAttr, setText } from "../lib/dom.js";
import { DATASETS } from "../app/vocabulary.js";
import { TRAIN_DEFAULTS } from "../app/url.js";
import { createSettings } from "./settings.js";
import { createReadouts } from "./readouts.js";
import { TRAIN_PRESETS, presetNote } from "./presets.js";
import { createCharts } from "./charts/charts.js";
import { createScrubber } from "./scrubber.js";
import { createCompareForm } from "./compare-form.js";
import { createDataForm } from "./data-form.js";
import { createFitness } from "./charts/fitness.js";

/**
 * @param {{controls: HTMLElement, charts: HTMLElement}} containers
 * @param {{setting(key, value), newData(), uploadCsv(file), downloadCsv(), trainPreset(id), togglePlay(),
 *          step(), reset(), planeClick(click), setTool(tool), lookBack(step), backToLive(), compare(c), stopComparing(),
 *          dismissTrainNote()}} intents
 */
export function createTrainingView(containers, intents) {
  let last = null; // the snapshot drawn last: a refused setting puts its values back
  const settings = createSettings((key, value) => {
    if (typeof value === "number" && !Number.isFinite(value)) return last && update(last);
    intents.setting(key, value);
  });
  const readouts = createReadouts();
  const history = createScrubber(intents);
  const compare = createCompareForm(intents);
  const dataForm = createDataForm(intents);
  const fitness = createFitness();
  const button = (id, cls, label, on, attrs = {}) => el("button", { type: "button", id: `train-${id}`, class: cls, ...attrs, on: { click: on } }, label);
  const play = button("play", "primary play", "▶ Play", () => intents.togglePlay(), { "aria-keyshortcuts": "Shift+P" });
  // a preset's explanation, beside the run it explains: read at leisure, until dismissed or the network
  // is no longer the preset's
  const noteText = el("p", {});
  const note = el("div", { id: "train-note", class: "note-strip train-note", role: "status", hidden: true },
    noteText, el("button", { type: "button", class: "icon-button", "aria-label": "Dismiss the note", on: { click: () => intents.dismissTrainNote() } }, "×"));
  const csv = el("input", { id: "train-csv", type: "file", accept: ".csv,text/csv", class: "visually-hidden",
    on: { change: () => { const f = csv.files?.[0]; csv.value = ""; if (f) intents.uploadCsv(f); } } });

  clear(containers.controls).append(
    group("h-train-data", "Training data",
      settings.data,
      dataForm.el,
      el("div", { class: "row", dataset: { control: "train-data" } },
        button("new-data", "secondary", "New data", () => intents.newData()),
        el("label", { class: "button secondary", for: "train-csv", tabindex: 0 }, "Upload CSV"), csv,
        button("download", "secondary", "Download CSV", () => intents.downloadCsv())),
      el("p", { class: "muted small" }, "Click the plane to add or remove points. A CSV has a header row naming its columns; those named y…, target or label are the targets, the others the inputs."),
      el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "input target test_input test_target" } })),
    group("h-train-gd", "Gradient descent", settings.descent),
    group("h-train-presets", "Vanishing gradients",
      el("div", { class: "row", dataset: { control: "train-presets" } }, TRAIN_PRESETS.map((p) =>
        el("button", { type: "button", class: "secondary small-button", dataset: { preset: p.id }, on: { click: () => intents.trainPreset(p.id) } }, p.name)))));

  const charts = createCharts({ onPlaneClick: (click) => intents.planeClick(click), onTool: (tool) => intents.setTool(tool),
    onFigure: (which, format) => intents.exportFigure(which, format), onPlane: (changes) => intents.setPlane(changes) });
  clear(containers.charts).append(
    el("div", { class: "train-head" },
      el("div", { class: "row train-buttons", dataset: { control: "train-run" } }, play, button("step", "secondary", "Step", () => intents.step()), button("reset", "secondary", "Reset", () => intents.reset())),
      history.el,
      readouts.stats),
    compare.el,
    readouts.status,
    readouts.warning,
    note,
    charts.plane,
    charts.cost,
    el("figure", { class: "fitness-figure" }, el("figcaption", {}, "How well it fits"), fitness.el),
    readouts.change,
    readouts.stepNote,
    charts.gradNorms);

  // Keyboard: Shift+P plays or pauses, Shift+S steps (the pass player keeps the plain keys).
  document.addEventListener("keydown", (e) => {
    if (!e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName)) return;
    if (e.key === "P") {
      e.preventDefault();
      intents.togglePlay();
    } else if (e.key === "S") {
      e.preventDefault();
      intents.step();
    }
  });

  /** snapshot: {state, run, note} (note: a training preset's explanation, or null) */
  function update(snapshot) {
    last = snapshot;
    const { state, run } = snapshot;
    const said = presetNote(snapshot.note, state);
    note.hidden = !said;
    setText(noteText, said?.text ?? "");
    const t = state.train ?? TRAIN_DEFAULTS;
    settings.sync(t, DATASETS[t.dataset]?.multiclass === true, DATASETS[t.dataset]?.real === true);
    setText(play, run.playing ? "❚❚ Pause" : "▶ Play");
    setAttr(play, "aria-pressed", run.playing ? "true" : "false");
    containers.charts.classList.toggle("playing", run.playing);
    readouts.update(run, t.optimizer, t.batch_size ? Math.ceil(state.input.length / t.batch_size) : 1);
    history.update(run);
    compare.update(snapshot);
    dataForm.update(state);
    fitness.update(run.metrics);
    charts.update(state, run);
  }

  /** which: plane, cost or gradNorms, as a figure of its own (lib/figure.js), or null while it is not shown. */
  return { update, figure: (which) => charts.figure(which) };
}

function group(id, title, ...children) {
  return el("section", { class: "control-group train-controls", "aria-labelledby": id }, el("h2", { id }, title), ...children);
}
