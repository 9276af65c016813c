// The page's mirror of the API's vocabulary against the real /api/v1/meta (the app, in process).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { META, LOSSES, HIDDEN_ACTIVATIONS } from "../../../static/js/app/vocabulary.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const PY = `
import json
from fastapi.testclient import TestClient
from app.main import create_app
print(json.dumps(TestClient(create_app()).get("/api/v1/meta").json()))
`;

test("the mirror says what /api/v1/meta says", () => {
  const meta = JSON.parse(execFileSync(`${root}.venv/bin/python`, ["-c", PY], { cwd: root, encoding: "utf8" }));
  for (const key of Object.keys(META)) assert.deepEqual(META[key], meta[key], key);
});

test("every loss has its words, and no output-only activation is offered for a hidden layer", () => {
  for (const loss of Object.values(LOSSES)) assert.ok(loss.label && loss.short && loss.long);
  assert.ok(!HIDDEN_ACTIVATIONS.includes("softmax") && HIDDEN_ACTIVATIONS.includes("sigmoid"));
});
