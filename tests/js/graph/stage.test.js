import { test } from "node:test";
import assert from "node:assert/strict";
import { stageOf } from "../../../static/js/graph/stage.js";

test("a forward sweep greys the layers passed and holds back those ahead; a backward sweep the reverse", () => {
  const f = { phase: "forward", l: 1 };
  assert.deepEqual(stageOf(f, 1), { pending: false, current: true, uncoloured: true });
  assert.deepEqual(stageOf(f, 2), { pending: true, current: false, uncoloured: false });
  const b = { phase: "backward", l: 2 };
  assert.deepEqual(stageOf(b, 1), { pending: true, current: false, uncoloured: false });
  assert.deepEqual(stageOf(b, 2), { pending: false, current: true, uncoloured: false });
  assert.deepEqual(stageOf(null, 1), { pending: false, current: false, uncoloured: false });
  assert.equal(stageOf({ phase: "forward", l: 0 }, 0).current, false, "the input layer has no edges of its own");
});
