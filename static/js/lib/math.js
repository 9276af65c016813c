// Typeset maths: TeX -> MathML through Temml, built as DOM nodes (never markup strings),
// so it runs under the page's strict CSP. Chromium renders MathML natively.
import temml from "../../vendor/temml.js";

/** Render `tex` into `element`, replacing what it held. */
export function tex(element, source, display = false) {
  temml.render(source, element, { displayMode: display, throwOnError: false, annotate: false });
  return element;
}

/** A new element (default <span>) holding the rendered `source`. */
export function texElement(source, { display = false, tag = "span", className = "" } = {}) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  return tex(el, source, display);
}

// The derivation's symbols, as TeX.
export const sym = {
  a: (i, l) => `a_{${i}}^{${l}}`,
  z: (i, l) => `z_{${i}}^{${l}}`,
  y: (i) => `y_{${i}}`,
  W: (i, j, l) => `W_{${i}${j}}^{${l}}`,
  b: (i, l) => `b_{${i}}^{${l}}`,
  d: (num, den) => `\\frac{\\partial ${num}}{\\partial ${den}}`,
  sp: (i, l) => `\\sigma'(z_{${i}}^{${l}})`,
};
