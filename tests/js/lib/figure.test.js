import { test } from "node:test";
import assert from "node:assert/strict";
import { fontWeight, genericFamily, paint, plain, renameIds, toXml } from "../../../static/js/lib/figure.js";

/** A DOM-less element: what renameIds and toXml read and write of one. */
class Node {
  constructor(tagName, attrs = {}, ...kids) {
    this.nodeType = 1;
    this.tagName = tagName;
    this.attributes = Object.entries(attrs).map(([name, value]) => ({ name, value: String(value) }));
    this.childNodes = kids.map((k) => (typeof k === "string" ? { nodeType: 3, nodeValue: k } : k));
  }
  get children() {
    return this.childNodes.filter((k) => k.nodeType === 1);
  }
  getAttribute(name) {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }
  setAttribute(name, value) {
    const a = this.attributes.find((x) => x.name === name);
    if (a) a.value = value;
    else this.attributes.push({ name, value });
  }
  removeAttribute(name) {
    this.attributes = this.attributes.filter((a) => a.name !== name);
  }
}
const n = (...args) => new Node(...args);

test("computed colours become SVG paints: hex, none, a local url, an alpha apart", () => {
  assert.deepEqual(paint("rgb(36, 33, 29)"), { value: "#24211d", alpha: 1 });
  assert.deepEqual(paint("rgb(255 255 255)"), { value: "#ffffff", alpha: 1 });
  assert.deepEqual(paint("rgba(20, 16, 10, 0.85)"), { value: "#14100a", alpha: 0.85 });
  assert.deepEqual(paint("rgba(0, 0, 0, 0)"), { value: "none", alpha: 1 });
  assert.deepEqual(paint("none"), { value: "none", alpha: 1 });
  assert.deepEqual(paint('url("#legend-gradient")'), { value: "url(#legend-gradient)", alpha: 1 });
  assert.deepEqual(paint('url("http://127.0.0.1:8000/#cc-clip")'), { value: "url(#cc-clip)", alpha: 1 });
  assert.deepEqual(paint("#5e3c99"), { value: "#5e3c99", alpha: 1 });
});

test("the page's font stacks become generic families, weights bold or normal, and lengths lose their px", () => {
  assert.equal(fontWeight("650"), "bold");
  assert.equal(fontWeight("550"), "normal");
  assert.equal(fontWeight("400"), "normal");
  assert.equal(genericFamily('Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif'), "sans-serif");
  assert.equal(genericFamily('"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace'), "monospace");
  assert.equal(genericFamily('"Noto Sans Math", math'), "serif");
  assert.equal(genericFamily("Georgia, serif"), "serif");
  assert.equal(plain("1.2px"), "1.2");
  assert.equal(plain("5px, 4px"), "5 4");
  assert.equal(plain("none"), "none");
});

test("ids get the figure's prefix, each unique, and every reference follows; references outside are dropped", () => {
  const grad = n("linearGradient", { id: "g" }, n("stop", { offset: "0%" }));
  const clip = n("clipPath", { id: "clip" }, n("rect"));
  const again = n("clipPath", { id: "clip" });
  const bar = n("rect", { fill: "url(#g)", stroke: "url(#elsewhere)" });
  const curve = n("path", { "clip-path": 'url("#clip")' });
  const away = n("path", { "clip-path": "url(#missing)", mask: "url(http://host/page#g)" });
  const use = n("use", { href: "#g", "xlink:href": "/static/img/logo.svg" });
  const img = n("image", { "xlink:href": "data:image/png;base64,AAAA" });
  const root = renameIds(n("svg", {}, n("defs", {}, grad, clip, again), bar, curve, away, use, img), "bpv-x");
  assert.equal(grad.getAttribute("id"), "bpv-x-g");
  assert.equal(clip.getAttribute("id"), "bpv-x-clip");
  assert.equal(again.getAttribute("id"), "bpv-x-clip-2");
  assert.equal(bar.getAttribute("fill"), "url(#bpv-x-g)");
  assert.equal(bar.getAttribute("stroke"), "none", "a paint from outside the figure: none");
  assert.equal(curve.getAttribute("clip-path"), "url(#bpv-x-clip)", "the first of two equal ids, as a browser takes it");
  assert.equal(away.getAttribute("clip-path"), null);
  assert.equal(away.getAttribute("mask"), "url(#bpv-x-g)", "a url's fragment names an id of the figure");
  assert.equal(use.getAttribute("href"), "#bpv-x-g");
  assert.equal(use.getAttribute("xlink:href"), null, "no reference to the app's files");
  assert.equal(img.getAttribute("xlink:href"), "data:image/png;base64,AAAA", "a data: URL stays: it is self-contained");
  assert.ok(!toXml(root).includes("/static"));
});

test("XML: attributes as named, text escaped, one element a line except inside text", () => {
  const svg = n("svg", { xmlns: "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink", width: 10 },
    "\n  ",
    n("g", { class: "edges", "data-note": 'a "b" & <c>' }, n("line", { class: "edge", "data-l": 1 })),
    n("text", { x: 2 }, n("tspan", { class: "var" }, "y"), n("tspan", { dy: "0.3em" }, "0"), " = 1 < 2 & 3 > 0\u0007"),
    n("linearGradient", { id: "g" }));
  assert.equal(toXml(svg), [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10">',
    '<g class="edges" data-note="a &quot;b&quot; &amp; &lt;c&gt;">',
    '<line class="edge" data-l="1"/>',
    "</g>",
    '<text x="2"><tspan class="var">y</tspan><tspan dy="0.3em">0</tspan> = 1 &lt; 2 &amp; 3 &gt; 0</text>',
    '<linearGradient id="g"/>',
    "</svg>",
  ].join("\n"));
});
