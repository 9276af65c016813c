import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { asCurl, asPython, toPython } from "../../../static/js/app/code.js";

const body = { network: { layers: [{ size: 1 }, { size: 1, activation: "sigmoid" }], seed: 0 }, input: [[0.5]], target: [[1]], loss: "mse", note: "it's", jacobians: false, x: null };

test("copy as curl: the shell gives back the exact JSON body", () => {
  const cmd = asCurl("http://127.0.0.1:8000/api/v1/backprop", body);
  // Replace curl by printf to see what the shell passes as -d.
  const script = cmd.replace(/^curl -s '[^']*' \\\n  -H 'content-type: application\/json' \\\n  -d /, "printf %s ");
  const out = execFileSync("bash", ["-c", script]).toString();
  assert.deepEqual(JSON.parse(out), body);
});

test("copy as Python: a literal Python reads as the same body", () => {
  assert.equal(toPython(body), '{"network": {"layers": [{"size": 1}, {"size": 1, "activation": "sigmoid"}], "seed": 0}, "input": [[0.5]], "target": [[1]], "loss": "mse", "note": "it\'s", "jacobians": False, "x": None}');
  const py = asPython("http://h/api/v1/backprop", body);
  assert.match(py, /^import requests/);
  assert.match(py, /requests\.post\("http:\/\/h\/api\/v1\/backprop", json=body\)/);
});

test("the training request in Python prints what /train answers", () => {
  const py = asPython("http://h/api/v1/train", { ...body, learning_rate: 1, steps: 10 }, "train");
  assert.match(py, /requests\.post\("http:\/\/h\/api\/v1\/train", json=body\)/);
  assert.match(py, /result\["optimizer_state"\]\["step"\]/);
  assert.doesNotMatch(py, /gradients/);
});
