import { test } from "node:test";
import assert from "node:assert/strict";
import { canvasStrokes } from "../../../static/js/graph/figure.js";
import { HALO, strokeBatches } from "../../../static/js/graph/canvas.js";
import { layout } from "../../../static/js/graph/layout.js";
import { colourAt, strength } from "../../../static/js/graph/scales.js";

const sizes = [3, 5, 2];
const edges = layout(sizes, { width: 600, height: 400 }).edges;
const colour = (e) => colourAt((e.i + e.j) / 8);
const width = (e) => 0.5 + e.l;
const batches = (es) => strokeBatches(es, colour, width, strength);

test("the canvas's strokes as lines: every weight once, with its batch's colour and width", () => {
  const groups = canvasStrokes([{ batches: batches(edges.filter((e) => e.l === 1)), alpha: 1 }, { batches: batches(edges.filter((e) => e.l === 2)), alpha: 1 }]);
  const drawn = groups.flatMap((g) => g.edges.map((e) => ({ e, g })));
  assert.equal(drawn.length, 3 * 5 + 5 * 2);
  assert.equal(new Set(drawn.map(({ e }) => e.id)).size, drawn.length);
  for (const { e, g } of drawn) {
    assert.equal(g.colour, colour(e));
    assert.equal(g.width, Math.max(1, Math.round(width(e) * 8)) / 8);
    assert.equal(g.opacity, 1);
  }
});

test("a selected weight is drawn once, in its mark over a halo; the rest keep the dimmed pass's alpha", () => {
  const picked = edges.find((e) => e.l === 2 && e.i === 1 && e.j === 3);
  const passes = [
    { batches: batches(edges.filter((e) => e.l === 1)), alpha: 0.28 },
    { batches: batches(edges.filter((e) => e.l === 2)), alpha: 0.28 },
    { batches: batches([picked]), alpha: 1, halo: true },
  ];
  const groups = canvasStrokes(passes);
  const lines = groups.filter((g) => !g.halo).flatMap((g) => g.edges.map((e) => ({ e, g })));
  assert.equal(lines.length, 25);
  const mine = lines.filter(({ e }) => e.id === picked.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].g.opacity, 1);
  assert.ok(lines.filter(({ e }) => e.id !== picked.id).every(({ g }) => g.opacity === 0.28));
  const halo = groups.filter((g) => g.halo);
  assert.equal(halo.length, 1);
  assert.deepEqual(halo[0].edges, [picked]);
  assert.equal(halo[0].colour, HALO);
  assert.equal(halo[0].width, mine[0].g.width + 3);
  assert.ok(groups.indexOf(halo[0]) < groups.indexOf(mine[0].g), "the halo under its line");
});
