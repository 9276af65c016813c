// What is selected on the graph: {kind: "W", l, i, j} (a weight), {kind: "b", l, i} (a bias) or
// {kind: "node", l, i}. Pure.

const index = (x) => Number.isInteger(x) && x >= 0;

/** A selection with whole-number indices, and nothing else (a link may hold anything). */
export function isSelection(sel) {
  if (!sel || typeof sel !== "object" || !index(sel.l) || !index(sel.i)) return false;
  if (sel.kind === "W") return index(sel.j);
  return sel.kind === "b" || sel.kind === "node";
}

/** A short key naming the selection ("" for none): equal keys, same selection. */
export const selectionKey = (s) => (s ? `${s.kind}${s.l}_${s.i}_${s.j ?? ""}` : "");

/** The selection if the answer's network has it, else null. */
export function validSelection(sel, result) {
  if (!sel) return null;
  const L = result.layers.length - 1;
  const n = (l) => result.layers[l]?.a[0].length ?? 0;
  if (sel.l < 0 || sel.l > L || sel.i >= n(sel.l)) return null;
  if (sel.kind === "W" && (sel.l < 1 || sel.j >= n(sel.l - 1))) return null;
  return sel;
}

/** The parameter a selection's card explains: the weight itself, or a node's bias (none for an input). */
export function parameterOf(sel) {
  if (!sel) return null;
  if (sel.kind === "W" || sel.kind === "b") return sel;
  return sel.l > 0 ? { kind: "b", l: sel.l, i: sel.i } : null;
}
