// The worksheet page (/worksheet): the page's network from its #s= link, its whole derivation from
// POST /api/v1/derivation, drawn as a printable sheet; ?key=1 shows the answer key.
import { download } from "../lib/files.js";
import { derivation } from "./api.js";
import { fileName, readLocation, searchFor } from "./model.js";
import { drawError, drawSheet } from "./sheet.js";
import { drawToolbar } from "./toolbar.js";

const base = document.body.dataset.api;
const sheet = document.getElementById("sheet");
const tools = document.getElementById("tools");
const back = `${base.replace(/\/api\/v1$/, "")}/${location.hash}`;
let view = { key: false, doc: null, state: null };

const on = {
  toggle() {
    view = { ...view, key: !view.key };
    history.replaceState(null, "", `${location.pathname}${searchFor(view.key)}${location.hash}`);
    draw();
  },
  async download(format) {
    try {
      const text = await derivation(base, view.state, format);
      download(new Blob([text], { type: format === "latex" ? "application/x-latex" : "text/markdown" }), fileName(view.state, format));
    } catch (e) {
      drawError(sheet, "The document could not be made", e);
    }
  },
  print: () => window.print(),
};

function draw() {
  drawToolbar(tools, { key: view.key, back, ready: view.doc !== null }, on);
  if (view.doc) {
    drawSheet(sheet, view.doc, view.key);
    document.title = `${view.key ? "Answer key" : "Worksheet"}: ${view.doc.title}`;
  }
}

async function start() {
  try {
    const { state, key } = readLocation(location.hash, location.search);
    view = { ...view, state, key };
    draw();
    view.doc = await derivation(base, state, "json");
    draw();
  } catch (e) {
    draw();
    drawError(sheet, "This worksheet cannot be made", e);
  }
  document.body.dataset.ready = "";
}

start();
