import { test } from "node:test";
import assert from "node:assert/strict";
import { fitScale, applyScale, unscale } from "../../../static/js/training/standardise.js";
import { readCsv } from "../../../static/js/training/csv.js";
import { prepare, networkRow } from "../../../static/js/training/dataset.js";

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test("standardised columns have mean 0 and variance 1 on the rows they were fitted to", () => {
  const rows = [[1, 10, 5], [2, 20, 5], [6, 60, 5]];
  const scale = fitScale(rows);
  assert.deepEqual(scale.mean, [3, 30, 5]);
  close(scale.sd[0], Math.sqrt(14 / 3));
  assert.equal(scale.sd[2], 1); // a constant column is only shifted
  const z = applyScale(rows, scale);
  for (let j = 0; j < 2; j++) {
    close(z.reduce((s, r) => s + r[j], 0), 0);
    close(z.reduce((s, r) => s + r[j] ** 2, 0) / 3, 1);
  }
  assert.deepEqual(z.map((r) => r[2]), [0, 0, 0]);
  unscale(z[2], scale).forEach((v, j) => close(v, rows[2][j]));
  assert.equal(applyScale(rows, null), rows);
});

test("the training split's figures are applied to the test rows and to new points", () => {
  const csv = "a,b,y\n" + Array.from({ length: 20 }, (_, k) => `${k},${k * k},${k % 2}`).join("\n");
  const p = prepare(readCsv(csv, { testFraction: 0.25, seed: 2 }).data);
  const train = p.data.rows.train;
  const mean = train.reduce((s, r) => s + r[0], 0) / train.length;
  close(p.data.scale.mean[0], mean);
  const t = p.data.rows.test[0];
  close(p.test.input[0][0], (t[0] - mean) / p.data.scale.sd[0]);
  assert.deepEqual(networkRow(p.data, [t[0], t[1]]), p.test.input[0]);
  // not on: the data as it is
  const raw = prepare({ ...p.data, standardise: false });
  assert.deepEqual(raw.input[0], [train[0][0], train[0][1]]);
  assert.equal(raw.data.scale, null);
});
