// How well the network fits, beside the cost curve: for classification, the accuracy per class and
// the confusion matrices of the training and test samples (rows: the true class, columns: the
// predicted one; the diagonal is right); for regression, R² and the mean absolute error.
import { el, clear } from "../../lib/dom.js";
import { fmt } from "../../lib/format.js";

const pct = (v) => (v === null ? "—" : `${fmt(100 * v, 3)}%`);

export function createFitness() {
  const box = el("div", { class: "fitness", id: "train-fitness" });
  let drawn = null;
  /** @param metrics s.run.metrics (training/fitness.js), or null before any */
  function update(metrics) {
    if (metrics === drawn) return;
    drawn = metrics;
    if (!metrics) return clear(box).append(el("p", { class: "muted small" }, "Measured after a step, and every half second while training plays."));
    const splits = [["training", metrics.train], ["test", metrics.test]].filter(([, m]) => m);
    if (metrics.kind === "regression") {
      return clear(box).append(el("dl", { class: "fit-figures" }, splits.flatMap(([name, m]) => [
        el("div", { class: "stat", dataset: { split: name } },
          el("dt", {}, `${name}: R²`), el("dd", { class: "r2", dataset: { value: String(m.r2) } }, fmt(m.r2, 4))),
        el("div", { class: "stat", dataset: { split: name } },
          el("dt", {}, `${name}: mean |error|`), el("dd", { class: "mae", dataset: { value: String(m.mae) } }, fmt(m.mae, 4)))])));
    }
    const names = metrics.train.confusion.map((_, c) => metrics.classes?.[c] ?? `class ${c}`);
    clear(box).append(...splits.map(([name, m]) => confusionTable(name, m, names)));
  }
  return { el: box, update };
}

/** One split's confusion matrix, each row ending with its class's accuracy. */
function confusionTable(split, m, names) {
  const most = Math.max(1, ...m.confusion.flat());
  return el("table", { class: "confusion", dataset: { split } },
    el("caption", {}, `${split} samples: accuracy ${pct(m.accuracy)}`),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", class: "corner" }, "true ↓, predicted →"),
      names.map((n) => el("th", { scope: "col" }, n)),
      el("th", { scope: "col" }, "right"))),
    el("tbody", {}, m.confusion.map((row, t) => el("tr", {},
      el("th", { scope: "row" }, names[t]),
      row.map((count, p) => {
        const cell = el("td", { class: t === p ? "hit" : count ? "miss" : "", dataset: { true: String(t), predicted: String(p) } }, String(count));
        cell.style.setProperty("--share", String(count / most));
        return cell;
      }),
      el("td", { class: "class-accuracy" }, pct(m.per_class[t].accuracy))))));
}
