// What the run has done: step, epoch, training and test cost and accuracy, frames and steps per second, the
// last step's predicted and measured cost change with a sentence on what they say, and the status.
import { el, setAttr, setText } from "../lib/dom.js";
import { fmt } from "../lib/format.js";

const ids = (k) => `train-${k}`;

/**
 * The sentence under the last step's ΔC: what the measured change says about the step. The first-order
 * reading ("close to the prediction") is said only when the measured change agrees with it.
 */
export function stepVerdict(predicted, actual, optimizer) {
  const known = (v) => typeof v === "number" && Number.isFinite(v);
  if (!known(predicted) || !known(actual)) return "The step's change of C could not be measured: its numbers overflowed.";
  if (actual > 0) return "The cost went up: this step overshot. The learning rate is too large for where the network is now.";
  if (predicted === 0 && actual === 0) return "C did not change: the gradient is zero, so the step moved nothing.";
  if (Math.abs(actual - predicted) > 0.5 * Math.abs(predicted)) {
    return "The measured change is far from the first-order prediction ∇C·Δθ: the step is long for the curvature here.";
  }
  return `Close to the prediction ∇C·Δθ${optimizer === "sgd" ? " = −η‖∇C‖²" : ""}: the step is small enough for a straight-line view of C.`;
}

export function createReadouts() {
  const out = Object.fromEntries([
    ["step", "steps"], ["epoch", "epoch"], ["loss", "loss"], ["testLoss", "test-loss"], ["acc", "accuracy"],
    ["testAcc", "test-accuracy"], ["rate", "rate"], ["stepRate", "step-rate"], ["predicted", "predicted"], ["actual", "actual"],
  ].map(([k, id]) => [k, el("output", { id: ids(id), class: "num" }, "—")]));
  const status = el("p", { id: ids("status"), class: "train-status", role: "status" });
  const warning = el("p", { id: ids("warning"), class: "train-status warn", role: "status", hidden: "" });
  const stepNote = el("p", { class: "muted small step-note" });
  const stat = (label, output) => el("div", { class: "stat" }, el("dt", {}, label), el("dd", {}, output));
  const setNum = (node, v) => {
    setText(node, v == null ? "—" : fmt(v, 4));
    setAttr(node, "data-value", v == null ? "" : String(v));
  };
  const percent = (v) => (v == null ? "—" : `${fmt(100 * v, 3)}%`);

  /** run: {readout: null | {steps, epoch, loss, testLoss, accuracy, testAccuracy, rate, stepRate}, lastStep, status, warning} */
  /** perEpoch: steps to an epoch, for the epoch of a trained link's network before any step here */
  function update({ readout, lastStep, status: said, warning: warn = "", base = 0 }, optimizer, perEpoch = 1) {
    if (!readout) {
      for (const o of Object.values(out)) setNum(o, null);
      // before the first frame: the steps behind the network (a link made in Train), else none
      setText(out.step, String(base));
      setAttr(out.step, "data-value", String(base));
      setText(out.epoch, fmt(base / perEpoch, 3));
      setText(stepNote, "");
    } else {
      setText(out.step, String(readout.steps));
      setAttr(out.step, "data-value", String(readout.steps));
      setText(out.epoch, fmt(readout.epoch, 3));
      setNum(out.loss, readout.loss);
      setNum(out.testLoss, readout.testLoss);
      setText(out.acc, percent(readout.accuracy));
      setText(out.testAcc, percent(readout.testAccuracy));
      // both measured over the last two seconds: a frame (one request) takes stepsPerFrame steps
      setText(out.rate, readout.rate ? fmt(readout.rate, 3) : "—");
      setText(out.stepRate, readout.stepRate ? fmt(readout.stepRate, 3) : "—");
      if (lastStep && lastStep.predicted_change !== undefined) {
        setNum(out.predicted, lastStep.predicted_change);
        setNum(out.actual, lastStep.actual_change);
        setText(stepNote, stepVerdict(lastStep.predicted_change, lastStep.actual_change, optimizer));
      }
    }
    setText(status, said.text);
    setAttr(status, "class", `train-status ${said.kind}`);
    setText(warning, warn);
    setAttr(warning, "hidden", warn ? null : "");
  }

  return {
    stats: el("dl", { class: "train-stats" },
      stat("step", out.step), stat("epoch", out.epoch), stat("training C", out.loss), stat("test C", out.testLoss),
      stat("accuracy", out.acc), stat("test accuracy", out.testAcc),
      stat("frames/s", out.rate), stat("steps/s", out.stepRate)),
    status,
    warning,
    change: el("div", { class: "step-change" },
      el("span", {}, "last step: predicted ΔC ", out.predicted), el("span", {}, "measured ΔC ", out.actual)),
    stepNote,
    update,
  };
}
