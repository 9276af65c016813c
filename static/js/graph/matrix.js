// Layers drawn as matrices: per layer a <canvas class="matrix"> with one pixel per weight W_ij^l
// (n_l rows i, n_(l-1) columns j), scaled by CSS to the cells' size and coloured on the graph's
// diverging scale as the lines would be; in the SVG, its labels (W^l and its shape, i and j with
// their first and last index) and the outline of the selected and the hovered cell. A repaint is one
// putImageData per layer: 65,536 cells in about a millisecond, with no element per weight.
import * as d3 from "../../vendor/d3.js";
import { superscript } from "../lib/format.js";
import { cellBox } from "./cells.js";
import { LUT_RGB, lutIndex } from "./scales.js";
import { stageOf } from "./stage.js";

const UNCOLOURED = [0xb9, 0xb3, 0xaa]; // as the lines of a layer the forward sweep has passed (edges.js)
const MARK_MIN = 6; // px: an outline smaller than this is drawn this big, centred on its cell

/**
 * @param {HTMLElement} container the graph's; the canvases go under its SVG
 * @param {object} gLabels, gMarks d3 selections of SVG groups: the labels, and the outlines above the nodes
 */
export function createMatrices(container, gLabels, gMarks) {
  const layers = new Map(); // l -> {node, ctx, image, m}
  const hover = gMarks.append("rect").attr("class", "cell-hover").attr("hidden", "");
  const svg = container.querySelector("svg");

  /** New geometry: a canvas per matrix on its cells (kept for a layer that stays a matrix), and its labels. */
  function place(geometry) {
    const wanted = new Set(geometry.matrices.map((m) => m.l));
    for (const [l, c] of layers) {
      if (wanted.has(l)) continue;
      c.node.remove();
      layers.delete(l);
    }
    for (const m of geometry.matrices) {
      let c = layers.get(m.l);
      if (!c) {
        const node = document.createElement("canvas");
        node.className = "matrix";
        node.setAttribute("aria-hidden", "true");
        container.insertBefore(node, svg);
        c = { node, ctx: node.getContext("2d"), image: null };
        layers.set(m.l, c);
      }
      if (!c.image || c.image.width !== m.cols || c.image.height !== m.rows) {
        c.node.width = m.cols;
        c.node.height = m.rows;
        c.image = c.ctx.createImageData(m.cols, m.rows);
      }
      c.m = m;
      const s = c.node.style;
      s.left = `${m.x0}px`;
      s.top = `${m.y0}px`;
      s.width = `${m.cols * m.cw}px`;
      s.height = `${m.rows * m.ch}px`;
      // Cells narrower than a pixel are averaged, not dropped.
      s.imageRendering = m.cw >= 1 && m.ch >= 1 ? "pixelated" : "auto";
      Object.assign(c.node.dataset, {
        l: m.l, rows: m.rows, cols: m.cols, x0: m.x0, y0: m.y0, cellWidth: m.cw, cellHeight: m.ch,
      });
    }
    labels(gLabels, geometry.matrices);
  }

  /** Every cell's colour: d's colour scale, or the forward sweep's grey; a pending layer faint. */
  function paint(d, stage) {
    for (const [l, c] of layers) {
      const { pending, uncoloured } = stageOf(stage, l);
      const { rows, cols } = c.m;
      const px = c.image.data;
      for (let i = 0, p = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++, p += 4) {
          const k = uncoloured ? -1 : 3 * lutIndex(d.t(l, d.edgeValue(l, i, j)));
          px[p] = k < 0 ? UNCOLOURED[0] : LUT_RGB[k];
          px[p + 1] = k < 0 ? UNCOLOURED[1] : LUT_RGB[k + 1];
          px[p + 2] = k < 0 ? UNCOLOURED[2] : LUT_RGB[k + 2];
          px[p + 3] = 255;
        }
      }
      c.ctx.putImageData(c.image, 0, 0);
      c.node.style.opacity = pending ? "0.1" : "";
    }
  }

  /** The selected weight's cell, or a selected node's row of incoming weights, outlined. */
  function mark(s) {
    const m = s && layers.get(s.l)?.m;
    const boxes = !m ? [] : s.kind === "W" ? [cellBox(m, s.i, s.j)]
      : s.kind === "node" || s.kind === "b" ? [{ ...cellBox(m, s.i, 0), width: m.cols * m.cw }] : [];
    gMarks.selectAll("rect.cell-mark").data(boxes).join("rect").attr("class", "cell-mark").call(outline);
  }

  /** The cell under the pointer outlined (null: none). */
  function hovered(e) {
    const m = e && layers.get(e.l)?.m;
    hover.attr("hidden", m ? null : "");
    if (m) hover.datum(cellBox(m, e.i, e.j)).call(outline);
  }

  /** Where a weight's cell is, for the W_ij^l tag; null when its layer is not a matrix. */
  function centre(l, i, j) {
    const m = layers.get(l)?.m;
    if (!m) return null;
    const b = cellBox(m, i, j);
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }

  /** A figure of the graph (graph/figure.js): each matrix's cells as an image under its labels. */
  function intoFigure(svgCopy) {
    const under = svgCopy.querySelector(":scope > g.cells");
    for (const { node, m } of layers.values()) {
      const image = document.createElementNS(d3.namespaces.svg, "image");
      for (const [k, v] of Object.entries({ x: m.x0, y: m.y0, width: m.cols * m.cw, height: m.rows * m.ch, preserveAspectRatio: "none",
        "image-rendering": "optimizeSpeed", class: "matrix", "data-l": m.l, href: node.toDataURL() })) image.setAttribute(k, v);
      svgCopy.insertBefore(image, under);
    }
  }

  return { place, paint, mark, hovered, centre, intoFigure };
}

function outline(rect) {
  const grow = (b) => Math.max(0, MARK_MIN - b.width) / 2;
  const growY = (b) => Math.max(0, MARK_MIN - b.height) / 2;
  rect.attr("x", (b) => b.x - grow(b)).attr("y", (b) => b.y - growY(b))
    .attr("width", (b) => b.width + 2 * grow(b)).attr("height", (b) => b.height + 2 * growY(b));
}

/** Above each matrix its columns j (first, last), left of it its rows i, under it W^l and its shape. */
function labels(g, matrices) {
  const groups = g.selectAll("g.matrix-labels").data(matrices, (m) => m.l).join((enter) => {
    const e = enter.append("g").attr("class", "matrix-labels");
    for (const cls of ["j0", "j", "jn", "i0", "i", "in", "name"]) e.append("text").attr("class", `matrix-label ${cls}`);
    return e;
  });
  groups.attr("data-l", (m) => m.l).each(function (m) {
    const x1 = m.x0 + m.cols * m.cw;
    const y1 = m.y0 + m.rows * m.ch;
    const at = (cls, x, y, anchor, text) => d3.select(this).select(`.${cls}`)
      .attr("x", x).attr("y", y).attr("text-anchor", anchor).text(text);
    at("j0", m.x0, m.y0 - 4, "start", "0");
    at("j", (m.x0 + x1) / 2, m.y0 - 4, "middle", "j →");
    at("jn", x1, m.y0 - 4, "end", String(m.cols - 1));
    at("i0", m.x0 - 3, m.y0 + Math.max(7, m.ch / 2 + 3), "end", "0");
    at("i", m.x0 - 3, (m.y0 + y1) / 2 + 3, "end", "i ↓");
    at("in", m.x0 - 3, y1 - Math.max(0, m.ch / 2 - 3), "end", String(m.rows - 1));
    at("name", (m.x0 + x1) / 2, y1 + 13, "middle", `W${superscript(m.l)} · ${m.rows}×${m.cols}`);
  });
}
