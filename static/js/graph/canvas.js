// Dense graphs' edges on one <canvas> under the SVG nodes. Thousands of SVG lines cost Chromium
// ~65 ms of style and paint per recolour; here a recolour is a few hundred strokes, one per
// (colour, width) batch. Hit-testing is by geometry: the nearest edge to the pointer.

/** Distance from (x, y) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance(x, y, { x1, y1, x2, y2 }) {
  const dx = x2 - x1, dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2)) : 0;
  return Math.hypot(x - x1 - t * dx, y - y1 - t * dy);
}

/**
 * The edge nearest to (x, y) within `slack` px, or null. byLayer[l] holds layer l's edges, which
 * all run between columns[l-1] and columns[l]; only the layers whose span holds x are searched.
 */
export function nearestEdge(byLayer, columns, x, y, slack) {
  let best = null;
  let bestD = slack;
  for (let l = 1; l < columns.length; l++) {
    if (x < columns[l - 1] - slack || x > columns[l] + slack) continue;
    for (const e of byLayer[l]) {
      const d = segmentDistance(x, y, e);
      if (d <= bestD) [best, bestD] = [e, d];
    }
  }
  return best;
}

/**
 * Edges grouped into strokes of one colour and one width (rounded to 1/8 px, which the eye cannot
 * tell apart at these widths), ordered by rank(colour) so that strong colours are drawn on top.
 * @returns {{colour: string, width: number, edges: object[]}[]}
 */
export function strokeBatches(edges, colourOf, widthOf, rank) {
  const batches = new Map();
  for (const e of edges) {
    const colour = colourOf(e);
    const width = Math.max(1, Math.round(widthOf(e) * 8)) / 8;
    const key = `${colour}|${width}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { colour, width, rank: rank(colour), edges: [] }));
    b.edges.push(e);
  }
  return [...batches.values()].sort((a, b) => a.rank - b.rank || a.width - b.width);
}

/** The ink of a selected edge's halo (a figure of the graph draws the same). */
export const HALO = "rgba(20, 16, 10, 0.85)";

/** The canvas layer; it takes the container's whole box, as the SVG above it does. */
export function createEdgeCanvas(container) {
  const canvas = document.createElement("canvas");
  canvas.className = "graph-canvas";
  canvas.setAttribute("aria-hidden", "true");
  canvas.hidden = true;
  container.prepend(canvas);
  const ctx = canvas.getContext("2d");
  let box = { width: 0, height: 0 };
  let drawn = []; // the passes on the canvas now: a figure of the graph draws them as lines

  return {
    node: canvas,
    /** Size the backing store for the box and the device's pixel ratio; clears the canvas. */
    resize({ width, height }) {
      const dpr = window.devicePixelRatio || 1;
      box = { width, height };
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    },
    /**
     * Clear, then draw passes in order: {batches, alpha, halo?}. A halo pass strokes each batch
     * first wider in a dark ink, as the SVG's drop-shadow marks a selected edge.
     */
    draw(passes) {
      drawn = passes;
      ctx.clearRect(0, 0, box.width, box.height);
      ctx.lineCap = "butt";
      for (const { batches, alpha, halo } of passes) {
        ctx.globalAlpha = alpha;
        for (const b of batches) {
          ctx.beginPath();
          for (const e of b.edges) {
            ctx.moveTo(e.x1, e.y1);
            ctx.lineTo(e.x2, e.y2);
          }
          if (halo) {
            ctx.strokeStyle = HALO;
            ctx.lineWidth = b.width + 3;
            ctx.stroke();
          }
          ctx.strokeStyle = b.colour;
          ctx.lineWidth = b.width;
          ctx.stroke();
        }
      }
      ctx.globalAlpha = 1;
    },
    show(on) {
      if (canvas.hidden !== !on) canvas.hidden = !on; // every frame of a sparse graph: written only when it changes
      if (on || !drawn.length) return;
      ctx.clearRect(0, 0, box.width, box.height);
      drawn = [];
    },
    drawn: () => drawn,
  };
}
