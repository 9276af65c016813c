// The training section: data (a dataset, points clicked on the plane, a CSV file), the training
// controls, what each step did, and the three charts (cost, input plane, gradient norms).
// It receives its two containers and talks to the page through `page`; the network and the
// data live in the page's state, so the URL holds the whole training setup.
import { el, clear } from "./dom.js";
import { fmt } from "./format.js";
import * as D from "./data.js";
import { VIEW_DEFAULTS } from "./state.js";
import { createTrainer } from "./trainer.js";
import { createLossCurve } from "./losscurve.js";
import { createGradNorms } from "./gradnorms.js";
import { createPlane } from "./plane.js";

const GRID_N = 40; // the heatmap's resolution: 40 × 40 outputs per frame
const CURVE_N = 101; // points on the fitted curve for one input
const MAX_HISTORY = 4000; // steps kept for the charts (older ones thinned)

/** Training presets: the same deep network with sigmoid, then relu, on the circle. */
export const TRAIN_PRESETS = [
  {
    id: "vanishing-sigmoid",
    name: "Vanishing gradients: deep sigmoid",
    note: "Seven sigmoid layers: ‖∂C/∂W‖ shrinks layer by layer towards the input (σ′ ≤ ¼ at every step back), so the early layers barely learn.",
    hidden: "sigmoid",
  },
  {
    id: "vanishing-relu",
    name: "The same network with relu",
    note: "The same seven layers with relu: σ′ = 1 where a node is active, so the gradient reaches the early layers and they learn.",
    hidden: "relu",
  },
];

/**
 * @param {{controls: HTMLElement, charts: HTMLElement}} containers
 * @param {{
 *   api, state: () => object, setTrain: (changes) => void,
 *   loadData: ({input, target, test, train, network?, loss?, view?}) => Promise<boolean>,
 *   frame: (response) => void, inspect: (k) => void, restore: (network) => void,
 *   toast: (text) => void,
 * }} page
 */
export function createTraining(containers, page) {
  let history = [];
  let startNetwork = null; // the network before the first step: what reset restores
  let tool = "inspect";
  let lastGrid = null;
  let lastStep = null;

  const trainer = createTrainer({
    api: page.api,
    request: () => frameBody(page.state()),
    onFrame: (res, info) => onFrame(res, info),
    onStop: ({ divergence, error }) => {
      setPlaying(false);
      if (divergence) showStatus(`${divergence.message} Press reset to start again.`, "error");
      else if (error) showStatus(`Training stopped: ${error.message}`, "error");
    },
  });

  // ---- the DOM, built once; readouts change by textContent ----
  const ids = (k) => `train-${k}`;
  const field = (label, control) => el("label", { class: "tfield" }, el("span", { class: "tlabel" }, label), control);
  const num = (k, attrs) => el("input", { id: ids(k), type: "number", step: "any", class: "num-input", ...attrs });
  const select = (k, options) => el("select", { id: ids(k) }, options.map(([v, t]) => el("option", { value: v }, t)));

  const c = {
    dataset: select("dataset", [...D.DATASETS.map((d) => [d, d]), ["custom", "custom points"]]),
    samples: num("samples", { min: 4, step: 1 }),
    noise: num("noise", { min: 0, max: 10, step: 0.05 }),
    dataSeed: num("data-seed", { min: 0, step: 1 }),
    classes: num("classes", { min: 2, max: 10, step: 1 }),
    testFraction: num("test-percent", { min: 0, max: 90, step: 5 }),
    learning_rate: num("lr", { min: 0, step: "any" }),
    batch_size: num("batch", { min: 1, step: 1, placeholder: "all" }),
    optimizer: select("optimizer", D.OPTIMIZERS.map((o) => [o, o])),
    l2: num("l2", { min: 0, step: "any" }),
    seed: num("seed", { min: 0, step: 1 }),
    stepsPerFrame: num("spf", { min: 1, max: 1000, step: 1 }),
  };
  const csvInput = el("input", { id: ids("csv"), type: "file", accept: ".csv,text/csv", class: "visually-hidden" });
  const play = el("button", { type: "button", id: ids("play"), class: "primary play", "aria-keyshortcuts": "Shift+P" }, "▶ Play");
  const stepBtn = el("button", { type: "button", id: ids("step"), class: "secondary" }, "Step");
  const resetBtn = el("button", { type: "button", id: ids("reset"), class: "secondary" }, "Reset");
  const out = {
    step: el("output", { id: ids("steps"), class: "num" }, "0"),
    epoch: el("output", { id: ids("epoch"), class: "num" }, "0"),
    loss: el("output", { id: ids("loss"), class: "num" }, "—"),
    testLoss: el("output", { id: ids("test-loss"), class: "num" }, "—"),
    acc: el("output", { id: ids("accuracy"), class: "num" }, "—"),
    testAcc: el("output", { id: ids("test-accuracy"), class: "num" }, "—"),
    rate: el("output", { id: ids("rate"), class: "num" }, "—"),
    predicted: el("output", { id: ids("predicted"), class: "num" }, "—"),
    actual: el("output", { id: ids("actual"), class: "num" }, "—"),
  };
  const status = el("p", { id: ids("status"), class: "train-status", role: "status" });
  const dataError = el("p", { class: "field-error", role: "alert", hidden: true, dataset: { for: "input target test_input test_target" } });
  const stepNote = el("p", { class: "muted small step-note" });
  const tools = el("div", { class: "seg", role: "radiogroup", "aria-label": "Clicking the plane" });

  const planeBox = el("div", { class: "chart-box plane-box" });
  const lossBox = el("div", { class: "chart-box" });
  const normBox = el("div", { class: "chart-box" });

  // The settings go in the left column, the run and its charts beside the graph.
  clear(containers.controls).append(
    el("section", { class: "control-group train-controls", "aria-labelledby": "h-train-data" },
      el("h2", { id: "h-train-data" }, "Training data"),
      el("div", { class: "tfields" },
        field("dataset", c.dataset), field("samples", c.samples), field("noise", c.noise),
        field("data seed", c.dataSeed), field("classes", c.classes), field("test %", c.testFraction)),
      el("div", { class: "row" },
        el("button", { type: "button", id: ids("new-data"), class: "secondary" }, "New data"),
        el("label", { class: "button secondary", for: ids("csv"), tabindex: 0 }, "Upload CSV"), csvInput,
        el("button", { type: "button", id: ids("download"), class: "secondary" }, "Download CSV")),
      el("p", { class: "muted small" }, "Click the plane to add or remove points; a CSV has a header row, then the input columns and the target columns."),
      dataError),
    el("section", { class: "control-group train-controls", "aria-labelledby": "h-train-gd" },
      el("h2", { id: "h-train-gd" }, "Gradient descent"),
      el("div", { class: "tfields" },
        field("learning rate η", c.learning_rate), field("batch size", c.batch_size),
        field("optimizer", c.optimizer), field("L2 λ", c.l2), field("minibatch seed", c.seed), field("steps per frame", c.stepsPerFrame))),
    el("section", { class: "control-group train-controls", "aria-labelledby": "h-train-presets" },
      el("h2", { id: "h-train-presets" }, "Vanishing gradients"),
      el("div", { class: "row" }, TRAIN_PRESETS.map((p) =>
        el("button", { type: "button", class: "secondary small-button", dataset: { preset: p.id } }, p.name)))));
  clear(containers.charts).append(
    el("div", { class: "train-head" },
      el("div", { class: "row train-buttons" }, play, stepBtn, resetBtn),
      el("dl", { class: "train-stats" },
        stat("step", out.step), stat("epoch", out.epoch), stat("training C", out.loss), stat("test C", out.testLoss),
        stat("accuracy", out.acc), stat("test accuracy", out.testAcc), stat("updates/s", out.rate))),
    status,
    el("figure", {}, el("figcaption", {}, "Output over the input plane"), tools, planeBox),
    el("figure", {}, el("figcaption", {}, "Cost over steps"), lossBox),
    el("div", { class: "step-change" },
      el("span", {}, "last step: predicted ΔC ", out.predicted), el("span", {}, "measured ΔC ", out.actual)),
    stepNote,
    el("figure", {}, el("figcaption", {}, "Gradient norm per layer, ‖∂C/∂W", el("sup", {}, "l"), "‖ (log scale)"), normBox));

  function stat(label, output) {
    return el("div", { class: "stat" }, el("dt", {}, label), el("dd", {}, output));
  }

  const lossCurve = createLossCurve(lossBox);
  const gradNorms = createGradNorms(normBox);
  const plane = createPlane(planeBox, { onClick: (p) => planeClick(p) });

  // ---- wiring ----
  for (const [k, input] of Object.entries(c)) {
    input.addEventListener("change", () => settingChanged(k, input));
  }
  play.addEventListener("click", () => (trainer.running ? pause() : start()));
  stepBtn.addEventListener("click", () => oneStep());
  resetBtn.addEventListener("click", () => reset());
  containers.controls.querySelector(`#${ids("new-data")}`).addEventListener("click", () => newData());
  containers.controls.querySelector(`#${ids("download")}`).addEventListener("click", () => downloadCsv());
  csvInput.addEventListener("change", () => uploadCsv());
  containers.controls.querySelectorAll("[data-preset]").forEach((b) =>
    b.addEventListener("click", () => preset(TRAIN_PRESETS.find((p) => p.id === b.dataset.preset))));

  function settingChanged(k, input) {
    const t = page.state().train ?? D.TRAIN_DEFAULTS;
    let v = input.value;
    if (k === "batch_size") v = v.trim() === "" ? null : Math.max(1, Math.round(Number(v)));
    else if (k === "testFraction") v = Math.min(0.9, Math.max(0, Number(v) / 100));
    else if (!["dataset", "optimizer"].includes(k)) v = Number(v);
    if (typeof v === "number" && !Number.isFinite(v)) return sync(page.state());
    const next = D.normaliseTrain({ ...t, [k]: v });
    page.setTrain(next);
    if (["dataset", "samples", "noise", "dataSeed", "classes", "testFraction"].includes(k) && next.dataset !== "custom") newData(next);
    if (k === "optimizer") trainer.reset(); // another optimizer's state does not carry over
  }

  // ---- data ----

  /** Fetch the dataset of the setup, split it, and hand it to the page (with `also`: a network, view options). */
  async function newData(setup = page.state().train ?? D.TRAIN_DEFAULTS, also = {}) {
    if (setup.dataset === "custom") return;
    await pause();
    let data;
    try {
      data = await page.api.dataset(setup.dataset, {
        samples: setup.samples, noise: setup.noise, seed: setup.dataSeed,
        classes: ["spiral", "gaussians"].includes(setup.dataset) ? setup.classes : 2,
      });
    } catch (e) {
      showDataError(e.message);
      return;
    }
    await setData(data.input, data.target, setup, also);
  }

  async function setData(input, target, setup, also = {}) {
    const { train, test } = D.split(input, target, setup.testFraction, setup.dataSeed);
    dataError.hidden = true;
    const ok = await page.loadData({ input: train.input, target: train.target, test, train: setup, ...also });
    if (ok) restart();
    return ok;
  }

  function showDataError(message) {
    dataError.hidden = false;
    dataError.textContent = message;
  }

  async function uploadCsv() {
    const file = csvInput.files?.[0];
    csvInput.value = "";
    if (!file) return;
    const s = page.state();
    const sizes = s.network.layers.map((l) => l.size);
    const text = await file.text();
    const { input, target, errors } = D.parseCsv(text, sizes[0], sizes.at(-1));
    if (errors.length) {
      const more = errors.length > 4 ? ` (and ${errors.length - 4} more)` : "";
      showDataError(`“${file.name}” was refused: ${errors.slice(0, 4).join("; ")}${more}. The data is unchanged.`);
      return;
    }
    await pause();
    const setup = D.normaliseTrain({ ...(s.train ?? {}), dataset: "custom" });
    page.setTrain(setup);
    await setData(input, target, setup);
  }

  function downloadCsv() {
    const s = page.state();
    const input = [...s.input, ...(s.test?.input ?? [])];
    const target = [...s.target, ...(s.test?.target ?? [])];
    const a = el("a", { href: URL.createObjectURL(new Blob([D.toCsv(input, target)], { type: "text/csv" })), download: "backprop-viz-data.csv" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async function planeClick({ x, y, sample, split }) {
    const s = page.state();
    if (tool === "inspect") {
      if (sample >= 0 && split === "train") {
        await pause();
        page.inspect(sample);
      }
      return;
    }
    await pause();
    const input = s.input.map((r) => r.slice());
    const target = s.target.map((r) => r.slice());
    const test = { input: (s.test?.input ?? []).map((r) => r.slice()), target: (s.test?.target ?? []).map((r) => r.slice()) };
    const nOut = s.network.layers.at(-1).size;
    const oneInput = s.network.layers[0].size === 1;
    if (tool === "remove") {
      if (sample < 0) return;
      const from = split === "test" ? test : { input, target };
      if (split !== "test" && input.length <= 1) return;
      from.input.splice(sample, 1);
      from.target.splice(sample, 1);
    } else {
      const k = Number(tool.slice(3));
      input.push(oneInput ? [x] : [x, y]);
      target.push(oneInput ? [y] : nOut === 1 ? [k] : Array.from({ length: nOut }, (_, j) => (j === k ? 1 : 0)));
    }
    const setup = D.normaliseTrain({ ...(s.train ?? {}), dataset: "custom" });
    page.setTrain(setup);
    if (await page.loadData({ input, target, test, train: setup })) restart();
  }

  // ---- training ----

  function frameBody(s) {
    const t = s.train ?? D.TRAIN_DEFAULTS;
    const body = {
      network: s.network, input: s.input, target: s.target, loss: s.loss,
      learning_rate: t.learning_rate, steps: t.stepsPerFrame, optimizer: t.optimizer, seed: t.seed, l2: t.l2,
      record_every: 1, diagnostics: true, gradients: true, backprop: true,
      backprop_samples: [Math.min(s.view.sample ?? 0, s.input.length - 1)],
    };
    if (t.batch_size) body.batch_size = t.batch_size;
    if (s.test?.input?.length) {
      body.test_input = s.test.input;
      body.test_target = s.test.target;
    }
    const g = planeGrid(s);
    if (g) body.grid = g.points;
    return body;
  }

  /** The points where the plane shows the output; the same data gives the same grid (each frame asks twice). */
  let gridOf = { input: null, test: null, n0: 0, grid: null };
  function planeGrid(s) {
    const n0 = s.network.layers[0].size;
    if (gridOf.input === s.input && gridOf.test === s.test && gridOf.n0 === n0) return gridOf.grid;
    gridOf = { input: s.input, test: s.test, n0, grid: makeGrid(s, n0) };
    return gridOf.grid;
  }

  function makeGrid(s, n0) {
    if (n0 > 2) return null;
    const all = [...s.input, ...(s.test?.input ?? [])];
    const xDomain = D.extent(all.map((p) => p[0]));
    if (n0 === 1) return { points: D.grid1d(xDomain, CURVE_N), xDomain, n: CURVE_N };
    const yDomain = D.extent(all.map((p) => p[1]));
    return { points: D.grid2d(xDomain, yDomain, GRID_N), xDomain, yDomain, n: GRID_N };
  }

  function onFrame(res, info) {
    if (!startNetwork) startNetwork = structuredClone(page.state().network);
    append(res.history);
    lastGrid = res.grid_output ?? null;
    lastStep = res.history.at(-1) ?? lastStep;
    page.frame(res);
    lastRes = { res, info };
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(() => {
        drawPending = false;
        showNumbers(lastRes.res, lastRes.info);
        draw();
      });
    }
  }

  let drawPending = false;
  let lastRes = null;

  function append(steps) {
    history.push(...steps);
    if (history.length > MAX_HISTORY) history = history.filter((_, k) => k % 2 === 0 || k >= history.length - 200);
  }

  function showNumbers(res, info) {
    const s = page.state();
    const t = s.train ?? D.TRAIN_DEFAULTS;
    out.step.textContent = String(info.steps);
    out.step.dataset.value = String(info.steps);
    const per = t.batch_size ? Math.ceil(s.input.length / t.batch_size) : 1;
    out.epoch.textContent = fmt(info.steps / per, 3);
    setNum(out.loss, res.loss);
    setNum(out.testLoss, res.test_loss);
    out.acc.textContent = res.accuracy == null ? "—" : `${fmt(100 * res.accuracy, 3)}%`;
    out.testAcc.textContent = res.test_accuracy == null ? "—" : `${fmt(100 * res.test_accuracy, 3)}%`;
    out.rate.textContent = info.rate ? fmt(info.rate, 3) : "—";
    if (lastStep && lastStep.predicted_change !== undefined) {
      setNum(out.predicted, lastStep.predicted_change);
      setNum(out.actual, lastStep.actual_change);
      const p = lastStep.predicted_change;
      const a = lastStep.actual_change;
      stepNote.textContent = a > 0
        ? "The cost went up: this step overshot. The learning rate is too large for where the network is now."
        : Math.abs(a - p) > 0.5 * Math.abs(p)
          ? "The measured change is far from the first-order prediction ∇C·Δθ: the step is long for the curvature here."
          : `Close to the prediction ∇C·Δθ${t.optimizer === "sgd" ? " = −η‖∇C‖²" : ""}: the step is small enough for a straight-line view of C.`;
    }
    if (!res.diverged) showStatus(trainer.running ? "Training…" : `Paused after ${info.steps} steps.`);
  }

  function setNum(node, v) {
    node.textContent = v == null ? "—" : fmt(v, 4);
    node.dataset.value = v == null ? "" : String(v);
  }

  function showStatus(text, kind = "") {
    status.textContent = text;
    status.className = `train-status ${kind}`;
  }

  function setPlaying(on) {
    play.textContent = on ? "❚❚ Pause" : "▶ Play";
    play.setAttribute("aria-pressed", on ? "true" : "false");
    containers.charts.classList.toggle("playing", on);
  }

  function start() {
    const s = page.state();
    if (!s.train) {
      newData().then(() => start());
      return;
    }
    if (!startNetwork) startNetwork = structuredClone(s.network);
    setPlaying(true);
    showStatus("Training…");
    trainer.play();
  }

  async function pause() {
    if (!trainer.running) return;
    setPlaying(false);
    await trainer.pause();
    showStatus(`Paused after ${trainer.steps} steps.`);
    page.paused?.();
  }

  async function oneStep() {
    await pause();
    if (!page.state().train) await newData();
    try {
      await trainer.step(1);
      page.paused?.();
    } catch (e) {
      showStatus(`The step was refused: ${e.message}`, "error");
    }
  }

  /** Back to the network training started from, with a fresh optimizer. */
  async function reset() {
    await pause();
    trainer.reset();
    if (startNetwork) page.restore(startNetwork);
    restart();
    showStatus("Reset: the network is back where training started.");
  }

  /** A new run: history, counters and the optimizer's state cleared (the network is kept). */
  function restart() {
    trainer.reset();
    history = [];
    startNetwork = null;
    lastGrid = null;
    lastStep = null;
    for (const o of Object.values(out)) {
      o.textContent = "—";
      o.dataset.value = "";
    }
    out.step.textContent = "0";
    out.epoch.textContent = "0";
    stepNote.textContent = "";
    setPlaying(false);
    if (page.state()?.view.mode === "train") {
      draw(); // hidden charts are drawn when train mode shows them (update), not before
      refreshGrid();
    }
  }

  /** The plane's output for the current network without training: one step of η→0 is not allowed, so forward. */
  async function refreshGrid() {
    const s = page.state();
    const g = planeGrid(s);
    if (!g || !page.api.forward) return;
    try {
      const res = await page.api.forward({ network: s.network, input: g.points });
      lastGrid = res.layers.at(-1).a;
      draw();
    } catch {
      /* the network itself is refused elsewhere, beside its control */
    }
  }

  /** The deep circle network of a preset, its gradients shown per layer. */
  async function preset(p) {
    const layers = [{ size: 2 }, ...Array.from({ length: 6 }, () => ({ size: 8, activation: p.hidden })), { size: 1, activation: "sigmoid" }];
    const setup = D.normaliseTrain({ ...D.TRAIN_DEFAULTS, dataset: "circle", samples: 200, noise: 0.05, learning_rate: 0.5, optimizer: "sgd" });
    await newData(setup, { network: { layers, seed: 1 }, loss: "mse", view: { ...VIEW_DEFAULTS, norm: "layer" } });
    page.toast(p.note);
  }

  // ---- drawing ----

  function draw() {
    const s = page.state();
    if (!s) return;
    // every width first, then the writes: reading one after a write would force a layout
    const widths = [lossBox.clientWidth, normBox.clientWidth, planeBox.clientWidth];
    lossCurve.update(history, widths[0]);
    gradNorms.update(history, widths[1]);
    const g = planeGrid(s);
    if (!g) {
      planeBox.dataset.unavailable = "true";
      return;
    }
    planeBox.dataset.unavailable = "false";
    const nOut = s.network.layers.at(-1).size;
    const oneInput = s.network.layers[0].size === 1;
    const regression = oneInput || (nOut === 1 && !s.target.every((r) => r[0] === 0 || r[0] === 1));
    const allT = [...s.target, ...(s.test?.target ?? [])];
    plane.update({
      input: s.input, target: s.target, testInput: s.test?.input ?? [], testTarget: s.test?.target ?? [],
      xDomain: g.xDomain,
      yDomain: oneInput ? D.extent(allT.map((r) => r[0]).concat(lastGrid ? lastGrid.map((r) => r[0]) : [])) : g.yDomain,
      grid: g.points, gridN: g.n, gridOutput: lastGrid && lastGrid.length === g.points.length ? lastGrid : null,
      selected: s.view.sample ?? 0, classes: Math.max(2, nOut), regression, oneInput,
    }, widths[2]);
    drawTools(regression ? 1 : Math.max(2, nOut), regression);
  }

  /** The plane's click tools: inspect, add a point of each class (or one point for regression), remove. */
  function drawTools(classes, regression) {
    const options = [["inspect", "inspect"], ...Array.from({ length: classes }, (_, k) => [`add${k}`, regression ? "add point" : `add class ${k}`]), ["remove", "remove"]];
    if (!options.some(([v]) => v === tool)) tool = "inspect";
    const buttons = tools.querySelectorAll("button");
    if (buttons.length !== options.length) {
      clear(tools).append(...options.map(([v, label]) => el("button", {
        type: "button", class: "seg-button", role: "radio", dataset: { tool: v },
        on: { click: () => { tool = v; drawTools(classes, regression); } },
      }, label)));
    }
    tools.querySelectorAll("button").forEach((b) => b.setAttribute("aria-checked", b.dataset.tool === tool ? "true" : "false"));
  }

  /** Put the setup's values in the controls (after a link, a preset or a refused value). */
  function sync(s) {
    const t = s.train ?? D.TRAIN_DEFAULTS;
    for (const [k, input] of Object.entries(c)) {
      if (document.activeElement === input) continue;
      if (k === "testFraction") input.value = String(Math.round(t.testFraction * 100));
      else if (k === "batch_size") input.value = t.batch_size == null ? "" : String(t.batch_size);
      else input.value = String(t[k]);
    }
    c.classes.disabled = !["spiral", "gaussians"].includes(t.dataset);
  }

  // Keyboard: Shift+P plays or pauses, Shift+S steps (the pass player keeps the plain keys).
  document.addEventListener("keydown", (e) => {
    if (!e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName)) return;
    if (e.key === "P") {
      e.preventDefault();
      trainer.running ? pause() : start();
    } else if (e.key === "S") {
      e.preventDefault();
      oneStep();
    }
  });

  return {
    /** After the page's state changed by itself (an edit, a link): controls and charts follow. */
    update(s) {
      sync(s);
      if (trainer.running) return;
      draw();
      if (!lastGrid) refreshGrid();
    },
    /** The network changed outside training (an edit): the run starts over from it. */
    networkChanged() {
      if (trainer.running) return;
      restart();
    },
    get running() {
      return trainer.running;
    },
    pause,
    newData,
  };
}
