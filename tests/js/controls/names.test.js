import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CONTROLS, NAMES } from "../../../static/js/controls/names.js";

test("each name once, and each in the README's table", () => {
  assert.equal(new Set(NAMES).size, NAMES.length);
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  for (const [name, what] of CONTROLS) {
    assert.ok(/^[a-z][a-z0-9-]*$/.test(name), name);
    assert.ok(readme.includes(`| \`${name}\` | ${what} |`), `README lists ${name}`);
  }
});
