import { test } from "node:test";
import assert from "node:assert/strict";
import { planeKey } from "../../../static/js/training/charts/plane.js";

const texts = (d) => planeKey(d).map((x) => x.text);

test("the plane's key follows the data: the classes present, test points only when held out, regression's scale", () => {
  const two = { input: [[0, 0], [1, 1]], target: [[0], [1]], testInput: [], testTarget: [], classes: 2, regression: false, oneInput: false, selected: 0 };
  assert.deepEqual(texts(two), ["class 0", "class 1", "the output, 0 → 1", "sample 1, shown in the graph"]);
  const three = { ...two, target: [[1, 0, 0], [0, 0, 1]], testInput: [[2, 2]], testTarget: [[0, 1, 0]], classes: 3 };
  const t3 = texts(three);
  assert.deepEqual(t3.slice(0, 3), ["class 0", "class 1", "class 2"]); // class 1 only among the test points: still present
  assert.ok(t3.includes("training, filled (2)") && t3.includes("test, held out: faint, outlined (1)"));
  // a table's class names (iris's species) name the classes
  assert.deepEqual(texts({ ...three, classNames: ["setosa", "versicolor", "virginica"] }).slice(0, 3), ["setosa", "versicolor", "virginica"]);
  const onlyOne = { ...three, target: [[1, 0, 0], [1, 0, 0]], testInput: [], testTarget: [] };
  assert.deepEqual(texts(onlyOne).filter((t) => t.startsWith("class")), ["class 0"]);
  const regression = { ...two, target: [[0.3], [2.5]], regression: true, targetRange: [0.3, 2.5] };
  assert.deepEqual(texts(regression).slice(0, 2), ["the output, 0.3 → 2.5", "samples"]); // the heatmap's own range
});
