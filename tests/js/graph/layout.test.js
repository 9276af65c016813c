import { test } from "node:test";
import assert from "node:assert/strict";
import { layout, edgeId, nodeId } from "../../../static/js/graph/layout.js";

const box = { width: 800, height: 500, margin: { top: 40, right: 60, bottom: 20, left: 60 } };

test("one node per unit and one edge per weight, with stable ids", () => {
  const sizes = [2, 3, 1];
  const g = layout(sizes, box);
  assert.equal(g.nodes.length, 6);
  assert.equal(g.edges.length, 2 * 3 + 3 * 1);
  assert.equal(new Set(g.edges.map((e) => e.id)).size, g.edges.length);
  assert.ok(g.edges.some((e) => e.id === edgeId(2, 0, 2) && e.l === 2 && e.i === 0 && e.j === 2));
  assert.deepEqual(layout(sizes, { ...box, width: 400 }).edges.map((e) => e.id), g.edges.map((e) => e.id));
});

test("layers run left to right; W_ij^l joins node j of layer l-1 to node i of layer l", () => {
  const g = layout([4, 16, 16, 4], box);
  const node = new Map(g.nodes.map((n) => [n.id, n]));
  for (const e of g.edges) {
    const from = node.get(nodeId(e.l - 1, e.j));
    const to = node.get(nodeId(e.l, e.i));
    assert.deepEqual([e.x1, e.y1, e.x2, e.y2], [from.x, from.y, to.x, to.y]);
  }
  assert.equal(g.columns[0], box.margin.left);
  assert.equal(g.columns.at(-1), box.width - box.margin.right);
  const xs = g.columns;
  assert.ok(xs.every((x, k) => k === 0 || x > xs[k - 1]));
});

test("nodes sit inside the box, centred per layer, without touching", () => {
  const g = layout([8, 64, 64, 64, 8], box);
  for (const n of g.nodes) {
    assert.ok(n.y - g.r >= box.margin.top - g.r && n.y <= box.height - box.margin.bottom, `${n.id} in the box`);
  }
  for (const l of [0, 1]) {
    const ys = g.nodes.filter((n) => n.l === l).map((n) => n.y);
    const mid = (ys[0] + ys.at(-1)) / 2;
    assert.ok(Math.abs(mid - (box.margin.top + (box.height - box.margin.top - box.margin.bottom) / 2)) < 1e-9);
    for (let k = 1; k < ys.length; k++) assert.ok(ys[k] - ys[k - 1] >= 2 * g.r, "no overlap");
  }
});
