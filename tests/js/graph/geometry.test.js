import { test } from "node:test";
import assert from "node:assert/strict";
import { geometryFor } from "../../../static/js/graph/geometry.js";

test("edges grouped by layer, kept for the same sizes and box, new for another", () => {
  const box = { width: 800, height: 500 };
  const g = geometryFor([2, 3, 1], box, null);
  assert.deepEqual(g.byLayer.map((es) => es.length), [0, 6, 3]);
  assert.ok(g.byLayer[2].every((e) => e.l === 2));
  assert.equal(geometryFor([2, 3, 1], { ...box }, g), g);
  assert.notEqual(geometryFor([2, 4, 1], box, g), g);
  assert.ok(geometryFor([2, 3, 1], { width: 400, height: 500 }, g).narrow);
  assert.ok(g.r <= 26);
});

test("the matrix layers are part of the key; their layers have no edges", () => {
  const box = { width: 582, height: 410 };
  const lines = geometryFor([100, 256, 256, 10], box, null);
  const g = geometryFor([100, 256, 256, 10], box, lines, [1, 2]);
  assert.notEqual(g, lines);
  assert.equal(geometryFor([100, 256, 256, 10], box, g, [1, 2]), g);
  assert.deepEqual(g.byLayer.map((es) => es.length), [0, 0, 0, 2560]);
  assert.deepEqual(g.matrices.map((m) => m.l), [1, 2]);
  assert.deepEqual(lines.matrices, []);
});

test("the right margin holds the widest y_i = … label beside the outputs", async () => {
  const { targetLabelWidth } = await import("../../../static/js/graph/labels.js");
  const box = { width: 600, height: 400 };
  const short = targetLabelWidth([[1]]);
  const long = targetLabelWidth([[0.5, -0.0123]]);
  assert.ok(long > short);
  const g = geometryFor([2, 3, 2], box, null, [], long);
  const right = Math.max(...g.nodes.filter((n) => n.l === 2).map((n) => n.x)) + g.r;
  assert.ok(box.width - right >= 6 + long, `${box.width - right} px for a ${long} px label`);
  assert.notEqual(geometryFor([2, 3, 2], box, g, [], short), g); // another width, another geometry
  for (const narrow of [{ width: 380, height: 400 }, { width: 300, height: 300 }]) {
    const n = geometryFor([2, 3, 2], narrow, null, [], long);
    const end = Math.max(...n.nodes.filter((x) => x.l === 2).map((x) => x.x)) + n.r;
    assert.ok(narrow.width - end >= 6 + long, `narrow: ${narrow.width - end} px for ${long}`);
  }
});
