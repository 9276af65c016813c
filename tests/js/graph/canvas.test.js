import { test } from "node:test";
import assert from "node:assert/strict";
import { segmentDistance, nearestEdge, strokeBatches } from "../../../static/js/graph/canvas.js";
import { layout } from "../../../static/js/graph/layout.js";
import { colourAt, strength } from "../../../static/js/graph/scales.js";

const seg = { x1: 0, y1: 0, x2: 10, y2: 0 };

test("distance to a segment: perpendicular inside it, to the nearer end outside it", () => {
  assert.equal(segmentDistance(5, 3, seg), 3);
  assert.equal(segmentDistance(-3, 4, seg), 5);
  assert.equal(segmentDistance(13, -4, seg), 5);
  assert.equal(segmentDistance(2, 2, { x1: 1, y1: 1, x2: 1, y2: 1 }), Math.SQRT2);
});

function byLayerOf(sizes) {
  const g = layout(sizes, { width: 800, height: 500 });
  const byLayer = sizes.map(() => []);
  for (const e of g.edges) byLayer[e.l].push(e);
  return { ...g, byLayer };
}

test("the nearest edge to a point on an edge passes through it, as a search of every edge finds", () => {
  const { byLayer, columns, edges } = byLayerOf([8, 64, 64, 8]);
  for (const e of [edges[0], edges[777], edges[4321], edges.at(-1)]) {
    // a third of the way along: where few other edges cross
    const x = e.x1 + (e.x2 - e.x1) / 3;
    const y = e.y1 + (e.y2 - e.y1) / 3;
    const hit = nearestEdge(byLayer, columns, x, y, 5);
    assert.ok(segmentDistance(x, y, hit) < 1e-9, `${e.id}: ${hit.id} passes through the point too`);
    // brute force over every edge agrees
    const best = Math.min(...edges.map((f) => segmentDistance(x, y, f)));
    assert.equal(segmentDistance(x, y, hit), best);
  }
});

test("no edge beyond the slack, and only layers spanning x are searched", () => {
  const { byLayer, columns } = byLayerOf([2, 3, 1]);
  assert.equal(nearestEdge(byLayer, columns, columns[0] - 40, 10, 5), null);
  const e = byLayer[2][0];
  const hit = nearestEdge(byLayer, columns, (e.x1 + e.x2) / 2, (e.y1 + e.y2) / 2 + 3, 5);
  assert.equal(hit.l, 2);
  assert.equal(nearestEdge(byLayer, columns, (e.x1 + e.x2) / 2, (e.y1 + e.y2) / 2 + 300, 5), null);
});

test("stroke batches: every edge once, one colour and width each, strong colours last", () => {
  const { edges } = byLayerOf([8, 64, 64, 8]);
  const t = (e) => ((e.i * 7 + e.j * 13) % 101) / 100;
  const colourOf = (e) => colourAt(t(e));
  const widthOf = (e) => 0.25 + (e.j % 10) * 0.117;
  const batches = strokeBatches(edges, colourOf, widthOf, strength);
  assert.ok(batches.length < edges.length / 4, `${batches.length} strokes for ${edges.length} edges`);
  const seen = batches.flatMap((b) => b.edges);
  assert.equal(seen.length, edges.length);
  assert.equal(new Set(seen).size, edges.length);
  for (const b of batches) {
    for (const e of b.edges) {
      assert.equal(colourOf(e), b.colour);
      assert.ok(Math.abs(widthOf(e) - b.width) <= 1 / 16 + 1e-12);
    }
  }
  const ranks = batches.map((b) => strength(b.colour));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  assert.equal(strength(colourAt(0.5)), 0);
  assert.equal(strength(colourAt(0)), 1);
  assert.equal(strength(colourAt(1)), 1);
});
