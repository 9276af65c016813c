// What the worksheet shows, from the URL and POST /api/v1/derivation's JSON. Pure: no DOM, so
// node --test imports it as the browser does.
import { fromFragment } from "../app/fragment.js";
import { defaultState } from "../app/state.js";

/**
 * The worksheet's state and version from the location: the page's own #s= link, and ?key=1 for
 * the answer key. No fragment: the page's default network. A broken link throws an Error whose
 * message says why.
 */
export function readLocation(hash, search) {
  let state;
  try {
    state = fromFragment(hash);
  } catch (e) {
    throw new Error(`This link does not hold a network: ${e.message}`);
  }
  if (state === null && hash && hash !== "#") throw new Error("This link does not hold a network: it has no #s= part");
  return { state: state ?? defaultState(), key: new URLSearchParams(search).get("key") === "1" };
}

/** The query for a version: "?key=1" for the answer key, "" for the learner's. */
export const searchFor = (key) => (key ? "?key=1" : "");

/**
 * One line as the version shows it: the learner's version keeps the symbols and leaves out the
 * steps with numbers (they would give the answers away); the key shows every step and the result.
 */
export function shownParts(line, key) {
  return key || line.result === null ? line.parts : line.parts.slice(0, line.numbers_from);
}

/** Prose with $…$ math, as [{math, text}] pieces in order. */
export function splitProse(text) {
  return text.split(/(\$[^$]+\$)/).filter((s) => s !== "")
    .map((s) => (s.length > 1 && s.startsWith("$") && s.endsWith("$") ? { math: true, text: s.slice(1, -1) } : { math: false, text: s }));
}

/** The blank's shape: null for a number, [rows, columns] for a matrix. */
export const blankShape = (value) => (Array.isArray(value) ? [value.length, value[0].length] : null);

/** A download's file name: derivation-2-2-1.md */
export function fileName(state, format) {
  const sizes = state.network.layers.map((layer) => layer.size).join("-");
  return `derivation-${sizes}.${format === "latex" ? "tex" : "md"}`;
}
