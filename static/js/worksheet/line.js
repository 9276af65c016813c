// One formula of the worksheet: its parts as math that may wrap between them (a hanging indent
// holds the lines together), then "=" and the result: an empty box to fill, or in the key the number.
import { el } from "../lib/dom.js";
import { texElement } from "../lib/math.js";
import { blankShape, shownParts } from "./model.js";

const math = (source, className = "part") => texElement(`\\displaystyle ${source}`, { className });
// A part that begins with its operator gets an empty atom before it ({}), so that TeX spaces "= 3" and
// "+ 2" as it would inside the whole formula instead of as a sign.
const part = (source) => math(/^[=+-]/.test(source) ? `{}${source}` : source);

export function formulaLine(line, key) {
  const asked = line.result !== null;
  const node = el("div", { class: asked ? "line asked" : "line given" }, shownParts(line, key).map(part));
  if (asked) node.append(el("span", { class: "tail" }, part("={}"), key ? result(line) : blank(line.value)));
  return node;
}

function result(line) {
  const span = math(line.result, "result");
  span.dataset.value = JSON.stringify(line.value);
  if (line.key) span.dataset.key = JSON.stringify(line.key);
  return span;
}

// No number in the learner's version, not even hidden: a box, or a matrix of boxes.
function blank(value) {
  const shape = blankShape(value);
  if (shape === null) return el("span", { class: "blank", "aria-label": "your answer" });
  const [rows, cols] = shape;
  const grid = el("span", { class: "blank-matrix", "aria-label": `your answer: a ${rows} × ${cols} matrix` },
    Array.from({ length: rows * cols }, () => el("span", { class: "blank" })));
  grid.style.gridTemplateColumns = `repeat(${cols}, auto)`;
  return grid;
}
