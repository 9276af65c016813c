import { test } from "node:test";
import assert from "node:assert/strict";
import { readCsv, chooseTargets, toCsv } from "../../../static/js/training/csv.js";
import { prepare, plainTable, fromTable } from "../../../static/js/training/dataset.js";

const IRIS_LIKE = "sepal length,sepal width,petal length,petal width,species\n" +
  ["5.1,3.5,1.4,0.2,setosa", "7,3.2,4.7,1.4,versicolor", "6.3,3.3,6,2.5,virginica", "4.9,3,1.4,0.2,setosa", "6.4,3.2,4.5,1.5,versicolor"].join("\n");

test("a CSV of four inputs and a text label: 4 inputs, 3 one-hot classes, names kept", () => {
  const { data, guessed } = readCsv(IRIS_LIKE, { testFraction: 0.2, seed: 0 });
  assert.equal(guessed, false); // "species" names the target
  assert.deepEqual(data.targets, [4]);
  assert.deepEqual(data.classes, ["setosa", "versicolor", "virginica"]);
  const p = prepare({ ...data, standardise: false });
  assert.equal(p.input[0].length, 4);
  assert.equal(p.target[0].length, 3);
  assert.equal(p.input.length + p.test.input.length, 5);
  p.target.forEach((t) => assert.equal(t.reduce((a, b) => a + b), 1));
});

test("targets are read from the names: y…, target, label; else a text column; else the last", () => {
  assert.deepEqual(readCsv("a,b,y0,y1\n1,2,3,4\n").data.targets, [2, 3]);
  assert.deepEqual(readCsv("target,a,b\n1,2,3\n").data.targets, [0]);
  assert.deepEqual(readCsv("a,label,b\n1,cat,3\n").data.targets, [1]);
  const guess = readCsv("a,kind,b\n1,cat,3\n");
  assert.deepEqual([guess.data.targets, guess.guessed], [[1], true]);
  assert.deepEqual(readCsv("a,b,c\n1,2,3\n").data.targets, [2]);
  assert.deepEqual(readCsv("x1,x2,y1\n1,2,0\n").data.targets, [2]); // the old header, counted from 1, still reads
});

test("every bad CSV row is named with its line, and nothing is read", () => {
  const { data, errors } = readCsv("x1,x2,y\n1,2,0\n1,2\n3,abc,1\n4,5,Infinity\n\n6,7,1\n");
  assert.equal(data, undefined);
  assert.equal(errors.length, 3);
  assert.match(errors[0], /^line 3 has 2 values, but the header has 3 columns/);
  assert.match(errors[1], /^line 4, column 2 \(x2\): “abc” is not a finite number/);
  assert.match(errors[2], /^line 5, column 3 \(y\)/);
});

test("a CSV whose header cannot be read is refused", () => {
  assert.match(readCsv("").errors[0], /empty/);
  assert.match(readCsv("x0,x1,y0\n").errors[0], /no samples/);
  assert.match(readCsv("a,a,y\n1,2,3\n").errors[0], /names “a” twice/);
  assert.match(readCsv("y\n1\n").errors[0], /one column/);
});

test("class names in two target columns, or an empty label, are refused", () => {
  assert.match(chooseTargets(readCsv(IRIS_LIKE).data, [3, 4]).errors[0], /“species” holds class names, so it must be the only target/);
  assert.match(readCsv("a,label\n1,cat\n2,\n3,dog\n").errors[0], /line 3, column 2 \(label\): is empty/);
  assert.match(chooseTargets(readCsv(IRIS_LIKE).data, [0, 1, 2, 3, 4]).errors[0], /every column is a target/);
});

test("choosing other targets keeps the split and the rows", () => {
  const { data } = readCsv("a,b,c,y0\n" + Array.from({ length: 10 }, (_, k) => `${k},${k * 2},${k % 3},${k % 2}`).join("\n"), { testFraction: 0.3, seed: 1 });
  const other = chooseTargets(data, [1, 3]).data;
  assert.deepEqual(other.rows, data.rows);
  const p = prepare({ ...other, standardise: false });
  assert.deepEqual(p.input[0], [data.rows.train[0][0], data.rows.train[0][2]]);
  assert.deepEqual(p.target[0], [data.rows.train[0][1], data.rows.train[0][3]]);
});

test("round trip: download then upload gives the same rows, the same split, the same names and labels", () => {
  const { data } = readCsv("\"length, cm\",width,species\n" + Array.from({ length: 20 }, (_, k) => `${k / 7},${-k / 3},${k % 3 ? "b" : "a \"x\""}`).join("\n"), { testFraction: 0.25, seed: 3 });
  const csv = toCsv(data);
  assert.match(csv.split("\n")[0], /^"length, cm",width,species,split$/);
  const back = readCsv(csv, { testFraction: 0.5, seed: 99 }).data; // the file's split wins over the setup's
  assert.deepEqual(back.rows, data.rows);
  assert.deepEqual(back.columns, data.columns);
  assert.deepEqual(back.classes, data.classes);
  assert.deepEqual(prepare(back), prepare(data));
  assert.equal(toCsv(back), csv);
});

test("plain arrays get the page's own names, counted from 0, and keep their split", () => {
  const table = plainTable([[0.1, 0.2]], [[1]], { input: [[0.3, 0.4]], target: [[0]] });
  assert.deepEqual(table.columns, ["x0", "x1", "y0"]);
  const data = fromTable(table, table.targets, { standardise: false });
  assert.equal(toCsv(data), "x0,x1,y0,split\n0.1,0.2,1,train\n0.3,0.4,0,test\n");
  const p = prepare(data);
  assert.deepEqual([p.input, p.target, p.test], [[[0.1, 0.2]], [[1]], { input: [[0.3, 0.4]], target: [[0]] }]);
});

test("a link's data is read back and prepared again; a broken one is dropped", async () => {
  const { normalise } = await import("../../../static/js/app/url.js");
  const { data } = readCsv(IRIS_LIKE, { testFraction: 0.2 });
  const p = prepare({ ...data, features: [] });
  const state = { network: {}, input: p.input, target: p.target, test: p.test, data: JSON.parse(JSON.stringify(p.data)) };
  const back = normalise(state);
  assert.deepEqual([back.input, back.target, back.test], [p.input, p.target, p.test]);
  assert.deepEqual(back.data.scale, p.data.scale);
  const broken = normalise({ ...state, data: { ...state.data, targets: [9] } });
  assert.equal(broken.data, undefined);
  assert.equal(broken.input, p.input);
});
