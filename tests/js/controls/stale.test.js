import { test } from "node:test";
import assert from "node:assert/strict";
import { isStale } from "../../../static/js/controls/stale.js";

test("the numbers are stale while a refused edit stays in the controls, not after a revert or an answer", () => {
  const good = { state: { loss: "mse" } };
  const refused = { loss: "cross_entropy" };
  assert.equal(isStale({ good, draft: refused, message: { error: {} } }), true);
  assert.equal(isStale({ good, draft: good.state, message: { text: "refused; unchanged", error: {} } }), false); // reverted
  assert.equal(isStale({ good, draft: good.state, message: null }), false);
  assert.equal(isStale({ good, draft: refused, message: null }), false); // under way, not refused
  assert.equal(isStale({ good: null, draft: refused, message: { error: {} } }), false);
});
