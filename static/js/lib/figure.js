// Figures to take away: a drawing on the page as an SVG file of its own (the computed styles written
// on a copy as presentation attributes, generic font families, ids of its own, a white ground, no
// reference to the page), and as a PNG drawn from that SVG. Colours, fonts, ids and the XML are
// plain functions (node tests); the rest reads the page's layout and styles.

export const SVG_NS = "http://www.w3.org/2000/svg";
export const XLINK_NS = "http://www.w3.org/1999/xlink";

/** A computed colour as SVG paint: {value: "#rrggbb" | "none" | "url(#id)" | as given, alpha}. */
export function paint(css) {
  if (!css || css === "none" || css === "transparent") return { value: "none", alpha: 1 };
  const url = /url\(\s*["']?[^"')#]*#([^"')]+)["']?\s*\)/.exec(css);
  if (url) return { value: `url(#${url[1]})`, alpha: 1 };
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(css);
  if (!m) return { value: css, alpha: 1 };
  const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
  if (alpha === 0) return { value: "none", alpha: 1 };
  const hex = [m[1], m[2], m[3]].map((c) => Math.round(Number(c)).toString(16).padStart(2, "0")).join("");
  return { value: `#${hex}`, alpha };
}

/** A page's font stack as the generic family every viewer has: monospace, serif (math) or sans-serif. */
export function genericFamily(css) {
  const f = css.toLowerCase();
  if (/mono|consolas|menlo|courier/.test(f)) return "monospace";
  if (/math/.test(f) || (/serif/.test(f) && !/sans-serif/.test(f))) return "serif";
  return "sans-serif";
}

/** A weight every viewer draws: bold from 600 (Inkscape draws 650 as normal), else normal. */
export const fontWeight = (css) => (Number.isFinite(Number(css)) ? (Number(css) >= 600 ? "bold" : "normal") : css);

/** Lengths without their px ("1.2px" → "1.2"; a dash array "5px, 4px" → "5 4"). */
export const plain = (css) => css.replace(/px\b/g, "").replace(/\s*,\s*/g, " ").trim();

const elements = (root) => [root, ...Array.from(root.children ?? [], elements).flat()];
const URL_REF = /url\(\s*["']?([^"')]*)["']?\s*\)/g;
const PAINTS = new Set(["fill", "stroke"]);

/**
 * Prefix every id under root (each one unique), point url(#…) and href="#…" at the new ids, and
 * drop references to ids that are not inside root (a paint becomes "none"). Needs of each element
 * only children, attributes, getAttribute, setAttribute and removeAttribute.
 */
export function renameIds(root, prefix) {
  const all = elements(root);
  const ids = new Map();
  const taken = new Set();
  for (const el of all) {
    const id = el.getAttribute("id");
    if (id === null) continue;
    let next = `${prefix}-${id}`;
    for (let k = 2; taken.has(next); k++) next = `${prefix}-${id}-${k}`;
    taken.add(next);
    if (!ids.has(id)) ids.set(id, next);
    el.setAttribute("id", next);
  }
  const target = (ref) => (ref.includes("#") ? ids.get(ref.slice(ref.indexOf("#") + 1)) : undefined);
  for (const el of all) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (name === "id") continue;
      if (value.includes("url(")) {
        let outside = false;
        const v = value.replace(URL_REF, (_, ref) => {
          const id = target(ref);
          if (!id) outside = true;
          return `url(#${id})`;
        });
        if (!outside) el.setAttribute(name, v);
        else if (PAINTS.has(name)) el.setAttribute(name, "none");
        else el.removeAttribute(name);
      } else if ((name === "href" || name === "xlink:href") && !value.startsWith("data:")) {
        const id = target(value);
        if (id && value.startsWith("#")) el.setAttribute(name, `#${id}`);
        else el.removeAttribute(name);
      }
    }
  }
  return root;
}

const TEXTUAL = new Set(["text", "tspan", "textPath", "title", "desc"]);
const escape = (s, quote) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, quote ? "&quot;" : '"');

/** An element tree as XML: each attribute as it is named (xmlns, xlink:href), text escaped, one element a line outside text. */
export function toXml(node) {
  if (node.nodeType === 3) return escape(node.nodeValue, false);
  if (node.nodeType !== 1) return "";
  const name = node.tagName;
  const attrs = Array.from(node.attributes, (a) => ` ${a.name}="${escape(a.value, true)}"`).join("");
  const textual = TEXTUAL.has(name);
  const kids = Array.from(node.childNodes).filter((k) => k.nodeType === 1 || (k.nodeType === 3 && (textual || k.nodeValue.trim())));
  if (!kids.length) return `<${name}${attrs}/>`;
  const sep = textual ? "" : "\n";
  return `<${name}${attrs}>${sep}${kids.map(toXml).join(sep)}${sep}</${name}>`;
}

/** An SVG element with attributes (null ones left out). */
export function svgEl(tag, attrs = {}) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  return el;
}

// What a figure needs of the computed style, and each value as a viewer starts with it: an element
// gets an attribute where its value differs from its parent's (or from this, at the top), or where
// it had one (the page's CSS may have overridden it). opacity is not inherited.
const INITIAL = {
  fill: "#000000", "fill-opacity": "1", stroke: "none", "stroke-opacity": "1", "stroke-width": "1",
  "stroke-dasharray": "none", "stroke-linecap": "butt", "stroke-linejoin": "miter",
  "font-family": null, "font-size": null, "font-weight": "normal", "font-style": "normal",
  "text-anchor": "start", "dominant-baseline": "auto", visibility: "visible", opacity: "1",
};
const DROP = /^(style|tabindex|role|focusable|aria-.*)$/;

function styleOf(cs) {
  const out = {};
  for (const prop of Object.keys(INITIAL)) {
    if (/^(fill|stroke)-opacity$/.test(prop)) continue; // written with its paint
    const v = cs.getPropertyValue(prop);
    if (PAINTS.has(prop)) {
      const p = paint(v);
      out[prop] = p.value;
      out[`${prop}-opacity`] = String(Number(cs.getPropertyValue(`${prop}-opacity`)) * p.alpha);
    } else {
      out[prop] = prop === "font-family" ? genericFamily(v) : prop === "font-weight" ? fontWeight(v) : plain(v);
    }
  }
  return out;
}

function copyStyles(src, dst, parent) {
  const cs = getComputedStyle(src);
  if (cs.display === "none") return dst.remove();
  const own = styleOf(cs);
  for (const [name, value] of Object.entries(own)) {
    const differs = name === "opacity" ? value !== INITIAL.opacity : parent[name] !== value;
    if (differs || dst.hasAttribute(name)) dst.setAttribute(name, value);
  }
  for (const { name } of Array.from(dst.attributes)) if (DROP.test(name)) dst.removeAttribute(name);
  if (dst.localName === "image" && dst.hasAttribute("href")) {
    dst.setAttribute("xlink:href", dst.getAttribute("href")); // SVG 1.1 viewers (older Inkscape) know only this one
    dst.removeAttribute("href");
  }
  if (dst.localName === "svg" && cs.overflow === "visible") dst.setAttribute("overflow", "visible");
  const copies = Array.from(dst.children);
  Array.from(src.children).forEach((k, n) => copyStyles(k, copies[n], own));
  return dst;
}

/** A copy of an SVG element of the page with its computed styles as attributes; what is not displayed is left out. */
export function inlined(source) {
  const copy = source.cloneNode(true);
  copyStyles(source, copy, INITIAL);
  return copy;
}

const place = (el, r, origin) => {
  el.setAttribute("x", round(r.left - origin.left));
  el.setAttribute("y", round(r.top - origin.top));
  el.setAttribute("width", round(r.width));
  el.setAttribute("height", round(r.height));
  return el;
};
const round = (v) => Math.round(v * 100) / 100;

/** An <svg> of the page, inlined, where it lies relative to `origin` (a DOMRect). */
export function placed(svg, origin) {
  const copy = inlined(svg);
  const r = svg.getBoundingClientRect();
  if (!copy.hasAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${round(r.width)} ${round(r.height)}`);
  return place(copy, r, origin);
}

/** A text node's lines as the page laid them out: [{text, x, y (the line's middle)}]. */
function textLines(node) {
  const range = document.createRange();
  const lines = [];
  for (const w of node.nodeValue.matchAll(/\S+/g)) {
    range.setStart(node, w.index);
    range.setEnd(node, w.index + w[0].length);
    const r = range.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    const last = lines.at(-1);
    if (last && Math.abs(last.top - r.top) < r.height / 2) last.end = w.index + w[0].length;
    else lines.push({ start: w.index, end: w.index + w[0].length, x: r.left, top: r.top, height: r.height });
  }
  return lines.map((l) => ({ text: node.nodeValue.slice(l.start, l.end).replace(/\s+/g, " "), x: l.x, y: l.top + l.height / 2 }));
}

/** An HTML element's text style as a <text>'s attributes (those at their initial value left out). */
function fontAttrs(cs) {
  const fill = paint(cs.color);
  const weight = fontWeight(cs.fontWeight);
  return {
    "font-family": genericFamily(cs.fontFamily), "font-size": plain(cs.fontSize),
    "font-weight": weight === "normal" ? null : weight, "font-style": cs.fontStyle === "normal" ? null : cs.fontStyle,
    fill: fill.value, "fill-opacity": fill.alpha === 1 ? null : fill.alpha,
  };
}

/** A line swatch drawn as a ::before with a top border (the charts' keys), at the start of its element. */
function beforeLine(el, origin) {
  const b = getComputedStyle(el, "::before");
  const w = parseFloat(b.borderTopWidth);
  if (b.content === "none" || b.borderTopStyle === "none" || !(w > 0)) return null;
  const r = el.getBoundingClientRect();
  const y = round(r.top + r.height / 2 - origin.top);
  const x = round(r.left - origin.left);
  return svgEl("line", {
    x1: x, x2: round(x + parseFloat(b.width)), y1: y, y2: y, stroke: paint(b.borderTopColor).value, "stroke-width": w,
    "stroke-dasharray": b.borderTopStyle === "dashed" ? `${2 * w} ${1.5 * w}` : null,
  });
}

/** A canvas of the page as an <image> of its pixels where it lies (the input plane's heatmap). */
function canvasImage(canvas, origin) {
  // xlink:href: SVG 1.1 viewers (older Inkscape) know only this one
  const image = svgEl("image", { preserveAspectRatio: "none", "xlink:href": canvas.toDataURL("image/png") });
  return place(image, canvas.getBoundingClientRect(), origin);
}

const LEFT_OUT = "math, button, input, select, textarea, .figure-buttons"; // MathML, and the page's controls

/**
 * A block of the page as SVG, where the page laid it out relative to `origin`: each line of text in
 * its font and colour, each coloured box as a rect, each inner <svg> inlined, each canvas as an
 * image. MathML and the controls are left out.
 */
export function htmlAsSvg(block, origin) {
  if (block.localName === "svg") return placed(block, origin);
  const g = svgEl("g");
  (function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === 3 && child.nodeValue.trim()) {
        const attrs = fontAttrs(getComputedStyle(node));
        for (const line of textLines(child)) {
          const text = svgEl("text", { x: round(line.x - origin.left), y: round(line.y - origin.top), dy: "0.35em", ...attrs });
          text.textContent = line.text;
          g.append(text);
        }
      }
      if (child.nodeType !== 1 || child.matches(LEFT_OUT)) continue;
      const cs = getComputedStyle(child);
      if (cs.display === "none" || cs.visibility === "hidden") continue;
      if (child.localName === "svg") {
        g.append(placed(child, origin));
        continue;
      }
      if (child.localName === "canvas") {
        g.append(canvasImage(child, origin));
        continue;
      }
      const bg = paint(cs.backgroundColor);
      if (bg.value !== "none") {
        const rect = place(svgEl("rect", { rx: parseFloat(cs.borderTopLeftRadius) || null, fill: bg.value }), child.getBoundingClientRect(), origin);
        g.append(rect);
      }
      const swatch = beforeLine(child, origin);
      if (swatch) g.append(swatch);
      walk(child);
    }
  })(block);
  return g;
}

/**
 * The figure: an <svg> root with its namespaces, size and viewBox, a white ground, then `parts`;
 * ids prefixed with `name`. @returns {{svg, width, height, name}}
 */
export function standalone(parts, { width, height }, name) {
  width = Math.ceil(width);
  height = Math.ceil(height);
  // xml:space: a text's spaces as the page shows them (" = 1" after y_0; Inkscape drops them otherwise)
  const svg = svgEl("svg", { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, "xml:space": "preserve" });
  svg.append(svgEl("rect", { class: "background", width, height, fill: "#ffffff" }), ...parts);
  if (svg.querySelector("image")) svg.setAttribute("xmlns:xlink", XLINK_NS);
  renameIds(svg, `bpv-${name}`);
  return { svg, width, height, name };
}

/** A block of the page (an element, or an <svg>) as a figure of its own size. */
export function blockFigure(block, name) {
  const box = block.getBoundingClientRect();
  if (!box.width || !box.height) return null;
  return standalone([htmlAsSvg(block, box)], box, name);
}

/** The figure's SVG file text. */
export const svgText = (figure) => `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(figure.svg)}\n`;

/** The SVG drawn on a canvas `scale` times its size, as a PNG. */
export async function svgToPng(text, width, height, scale = 2) {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
