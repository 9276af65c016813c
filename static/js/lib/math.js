// Typeset maths: TeX -> MathML through Temml, built as DOM nodes (never markup strings),
// so it runs under the page's strict CSP. Chromium renders MathML natively.
import temml from "../../vendor/temml.js";
import { pair } from "./format.js";

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

// The derivation's symbols, as TeX. W's indices take a comma when `wide` (lib/format.js isWide).
export const sym = {
  a: (i, l) => `a_{${i}}^{${l}}`,
  z: (i, l) => `z_{${i}}^{${l}}`,
  y: (i) => `y_{${i}}`,
  W: (i, j, l, wide = false) => `W_{${pair(i, j, wide)}}^{${l}}`,
  b: (i, l) => `b_{${i}}^{${l}}`,
  d: (num, den) => `\\frac{\\partial ${num}}{\\partial ${den}}`,
  sp: (i, l) => `\\sigma'(z_{${i}}^{${l}})`,
};

/** A parameter's name as the API writes it (W_01^2, W_29,24^3, b_1^2), as TeX; anything else as text. */
export function texOfName(name) {
  const m = /^([Wb])_([\d,]+)\^(\d+)$/.exec(name);
  return m ? `${m[1]}_{${m[2]}}^{${m[3]}}` : `\\text{${name.replace(/[^\w ,.-]/g, "")}}`;
}
