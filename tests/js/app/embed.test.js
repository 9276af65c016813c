import { test } from "node:test";
import assert from "node:assert/strict";
import { embedSnippet, embedTitle, frameSize, FRAME } from "../../../static/js/app/embed.js";
import { decode } from "../../../static/js/app/fragment.js";
import { defaultState, setView } from "../../../static/js/app/state.js";

const attrs = (html) => Object.fromEntries([...html.matchAll(/ ([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const unescape = (text) => text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

test("the snippet frames /embed with the state's own fragment, 800×500 by default, borderless", () => {
  const state = setView(defaultState(), { selected: { kind: "weight", l: 2, i: 0, j: 1 } });
  const html = embedSnippet("https://viz.example/backprop", state);
  assert.match(html, /^<iframe [^<>]*><\/iframe>$/);
  const a = attrs(html);
  assert.ok(a.src.startsWith("https://viz.example/backprop/embed#s="));
  assert.deepEqual(decode(a.src.slice(a.src.indexOf("#s=") + 3)), state);
  assert.equal(a.width, "800");
  assert.equal(a.height, "500");
  assert.equal(a.style, "border:0");
  assert.equal(a.title, "backprop-viz: the chain rule in a 2-3-1 network");
});

test("the title names the mode, or the lesson's task, shortened and escaped", () => {
  const state = defaultState();
  assert.equal(embedTitle(setView(state, { mode: "train" })), "backprop-viz: training a 2-3-1 network");
  assert.equal(embedTitle(setView(state, { mode: "derive" })), "backprop-viz: derive the gradients of a 2-3-1 network");
  assert.equal(embedTitle({ ...state, lesson: { task: "  Find\nthe  weight " } }), "backprop-viz: Find the weight");
  const long = embedTitle({ ...state, lesson: { task: "word ".repeat(40) } });
  assert.ok(long.length <= "backprop-viz: ".length + 80 && long.endsWith("word…"), long);
  const html = embedSnippet("http://127.0.0.1:8000", { ...state, lesson: { task: `"><script>alert(1)</script> & more` } });
  assert.doesNotMatch(html, /<script|& more/);
  assert.equal(html.match(/<iframe /g).length, 1);
  assert.equal(unescape(attrs(html).title), `backprop-viz: "><script>alert(1)</script> & more`);
});

test("a typed size becomes whole pixels within the bounds; nonsense falls back to the default", () => {
  assert.equal(frameSize("640.4", 800, FRAME.minWidth), 640);
  assert.equal(frameSize("100", 800, FRAME.minWidth), FRAME.minWidth);
  assert.equal(frameSize("1e9", 800, FRAME.minWidth), FRAME.max);
  for (const bad of ["", "abc", "-5", "0", "NaN", "Infinity"]) assert.equal(frameSize(bad, 800, FRAME.minWidth), 800, bad);
  const a = attrs(embedSnippet("http://x.example", defaultState(), { width: "1024", height: "abc" }));
  assert.deepEqual([a.width, a.height], ["1024", "500"]);
});
