// The page's wiring: the API, the store, and each view in its container. Nothing else lives here:
// the state and its requests are app/store.js's (what views may ask, app/intents.js), the drawing app/render.js's.
import { createApi } from "./app/api.js";
import { createStore } from "./app/store.js";
import { createIntents } from "./app/intents.js";
import { start } from "./app/link.js";
import { createRenderer, timings } from "./app/render.js";
import { graphModel } from "./graph/model.js";
import { createGraph } from "./graph/view.js";
import { createLegend } from "./graph/legend.js";
import { createPlayer } from "./graph/player.js";
import { createDetail } from "./detail/card.js";
import { createControls } from "./controls/panel.js";
import { createViewBar } from "./controls/viewbar.js";
import { createHeader } from "./controls/header.js";
import { createColumns } from "./controls/columns.js";
import { createMessages } from "./controls/messages.js";
import { createCodeDialog } from "./controls/code-dialog.js";
import { createEmbedDialog } from "./controls/embed-dialog.js";
import { createTrainingView } from "./training/panel.js";
import { createDerivePanel } from "./derive/panel.js";
import { createLesson } from "./controls/lesson.js";
import { createLessonDialog } from "./controls/lesson-dialog.js";
import { createNumbersTable } from "./graph/table.js";

const $ = (id) => document.getElementById(id);
const views = {};
const store = createStore({ api: createApi(document.body.dataset.api), draw: createRenderer(views) });
const intents = createIntents(store);

views.graph = createGraph($("graph"), intents);
views.legend = createLegend($("legend"), intents);
views.player = createPlayer($("player"), (stage) => views.graph.setStage(stage));
views.detail = createDetail($("detail"), intents);
views.controls = createControls($("controls"), intents);
views.viewbar = createViewBar($("viewbar"), intents);
views.header = createHeader(document.querySelector("header.topbar"), intents);
views.columns = createColumns({
  body: document.body, trainControls: $("train-controls"), tabs: $("side-tabs"), training: $("training"), derive: $("derive"), detail: $("detail"),
  aside: document.querySelector("aside.detail"),
}, intents);
views.messages = createMessages({ root: $("app"), banner: $("banner"), note: $("note"), toast: $("toast") }, intents);
views.dialog = createCodeDialog($("code-dialog"), intents);
views.embed = createEmbedDialog($("embed-dialog"), intents);
views.training = createTrainingView({ controls: $("train-controls"), charts: $("training") }, intents);
views.derive = createDerivePanel($("derive"), intents);
views.lesson = createLesson({ root: document.body, task: $("task") });
views.lessonDialog = createLessonDialog($("lesson-dialog"), intents);
views.table = createNumbersTable($("numbers"), intents);

// A hook for the benchmark and for scripting the page.
window.__bpv = {
  timings,
  state: () => store.s.good?.state,
  result: () => store.s.good?.result,
  run: () => store.s.run, // the training run: history, snapshots, run B when comparing
  /** Weight W_ij^l as the graph draws it, {w, g, colour}: what a test reads for a matrix's cell, which has no element. */
  cell: (l, i, j) => views.graph.cell(l, i, j),
  /** New gradients (scaled, sign-flipped copies) through the normal drawing path. */
  /** The colour the graph's model gives each weight, [l-1][i][j]: what a figure's edges carry. */
  edgeColours() {
    const m = graphModel(store.s.good.state, store.s.good.result, { live: store.s.live !== null });
    return m.W.map((Wl, k) => Wl.map((row, i) => row.map((_, j) => m.colour(k + 1, m.edgeValue(k + 1, i, j)))));
  },
  recolour(factor = -1.7) {
    const t0 = performance.now();
    const result = structuredClone(store.s.good.result);
    result.gradients.weights = result.gradients.weights.map((m) => m.map((r) => r.map((v) => v * factor)));
    store.s.good = { ...store.s.good, result };
    store.render(["graph"]);
    const sync = performance.now() - t0;
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve({ sync, frame: performance.now() - t0 }), 0)));
  },
};

start(store);
