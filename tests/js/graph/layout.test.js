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

test("a layer drawn as a matrix has no edges, and a cell per weight between its columns", () => {
  const big = { width: 582, height: 410, margin: { top: 58, right: 40, bottom: 40, left: 36 } };
  const sizes = [100, 256, 256, 10];
  const g = layout(sizes, { ...big, matrix: [1, 2] });
  assert.deepEqual([...new Set(g.edges.map((e) => e.l))], [3]);
  assert.equal(g.edges.length, 2560);
  assert.deepEqual(g.matrices.map((m) => [m.l, m.rows, m.cols]), [[1, 256, 100], [2, 256, 256]]);
  assert.equal(g.columns[0], big.margin.left);
  assert.ok(Math.abs(g.columns.at(-1) - (big.width - big.margin.right)) < 1e-9, "the columns fill the width");
  for (const m of g.matrices) {
    assert.ok(m.cw >= 1 && m.ch >= 1, "a pixel a cell at least");
    assert.ok(m.x0 - g.r > g.columns[m.l - 1] && m.x0 + m.cols * m.cw + g.r <= g.columns[m.l], "between its columns, clear of the nodes");
    const rowsOf = g.nodes.filter((n) => n.l === m.l);
    for (const n of [rowsOf[0], rowsOf[100], rowsOf.at(-1)]) {
      assert.ok(Math.abs(m.y0 + (n.i + 0.5) * m.ch - n.y) < 1e-9, "row i level with node i of layer l");
    }
  }
  assert.ok(g.columns[3] - g.columns[2] >= 48, "the layer of lines keeps room");
});

test("without matrices, the columns are evenly spaced as before; a small layer's matrix has square cells where there is room", () => {
  assert.deepEqual(layout([2, 3, 1], box).columns, layout([2, 3, 1], { ...box, matrix: [] }).columns);
  const wide = layout([2, 3, 1], { ...box, width: 1400, matrix: [1] });
  assert.equal(wide.matrices[0].cw, wide.matrices[0].ch);
  assert.equal(wide.edges.length, 3);
  const [m] = layout([2, 3, 1], { ...box, matrix: [1] }).matrices;
  assert.ok(m.cw < m.ch && m.cw > 1, "narrower cells in a narrower box");
});
