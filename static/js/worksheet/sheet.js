// The worksheet: its heading, then each section's title, prose and formulas. A view: it gets its
// container and the derivation, and draws; it never fetches.
import { el, clear } from "../lib/dom.js";
import { texElement } from "../lib/math.js";
import { formulaLine } from "./line.js";
import { splitProse } from "./model.js";

export function drawSheet(container, doc, key) {
  clear(container);
  container.dataset.version = key ? "key" : "learner";
  container.append(
    el("header", { class: "sheet-head" },
      el("h1", {}, doc.title),
      el("p", { class: "version" }, key ? "Answer key" : "Learner's version: fill in each box"),
      key ? null : el("p", { class: "name" }, el("span", {}, "Name"), el("span", {}, "Date"))),
    ...doc.sections.map((s) => section(s, key)));
}

function section(s, key) {
  return el("section", { class: "part" },
    el("h2", {}, s.title),
    el("p", { class: "prose" }, prose(s.text)),
    el("div", { class: "lines" }, s.lines.map((line) => formulaLine(line, key))));
}

const prose = (text) => splitProse(text).map((p) => (p.math ? texElement(p.text) : p.text));

export function drawError(container, title, error) {
  clear(container);
  container.dataset.version = "error";
  const more = (error.errors ?? []).filter((e) => e.message !== error.message);
  container.append(el("div", { class: "error", role: "alert" },
    el("h1", {}, title),
    el("p", {}, error.message),
    more.length ? el("ul", {}, more.map((e) => el("li", {}, e.message))) : null,
    el("p", { class: "muted" }, "Open the network on the main page, change it, and come back with its link.")));
}
