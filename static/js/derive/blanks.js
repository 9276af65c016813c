// The blanks of a derivation (POST /api/v1/exercises): their names in the notation, where each sits
// on the graph, and how far the learner has come. Pure: no DOM, so node --test imports it.
import { sym } from "../lib/math.js";
import { isWide } from "../lib/format.js";

export const QUANTITIES = ["z", "a", "C", "dC_da", "da_dz", "dC_dz", "dC_dW", "dC_db"];
const PER_SAMPLE = new Set(["z", "a", "dC_da", "da_dz", "dC_dz"]);
const MAX_ANSWERS = 2000;

/** What each diagnosis names, in a learner's words. */
export const MISTAKES = {
  missing_activation_derivative: "σ′(z) left out",
  derivative_at_a: "σ′ taken at a instead of z",
  missing_cost_factor: "the cost's factor 2/n_L",
  target_sign: "y − a instead of a − y",
  wrong_input: "the wrong input a^(l−1)",
  transposed_weight: "a transposed weight",
  missing_sum: "one term of the sum only",
  missing_batch_mean: "a sum over the samples, not their mean",
};

const index = (x) => x === undefined || (Number.isInteger(x) && x >= 0);

/** Answers from a link: a list of {quantity, layer?, i?, j?, sample?, value, revealed?, kept?}, nothing else. */
export function isAnswerList(v) {
  return Array.isArray(v) && v.length <= MAX_ANSWERS && v.every((a) => a && typeof a === "object" && QUANTITIES.includes(a.quantity) &&
    ["layer", "i", "j", "sample"].every((k) => index(a[k])) && typeof a.value === "number" && Number.isFinite(a.value) &&
    [a.revealed, a.kept].every((m) => m === undefined || typeof m === "boolean") &&
    Object.keys(a).every((k) => ["quantity", "layer", "i", "j", "sample", "value", "revealed", "kept"].includes(k)));
}

/** A blank's key: equal keys, the same number of the derivation. */
export const blankKey = (b) => [b.quantity, b.layer, b.i, b.j, b.sample].map((x) => x ?? "").join("|");

/** The blank as TeX, in the derivation's notation (∂C/∂W_{01}^{2}, σ'(z_0^1), …). */
export function blankTex(b, sizes) {
  const { quantity: q, layer: l, i } = b;
  if (q === "C") return "C";
  if (q === "z") return sym.z(i, l);
  if (q === "a") return sym.a(i, l);
  if (q === "da_dz") return sym.sp(i, l);
  if (q === "dC_da") return sym.d("C", sym.a(i, l));
  if (q === "dC_dz") return sym.d("C", sym.z(i, l));
  if (q === "dC_dW") return sym.d("C", sym.W(i, b.j, l, isWide(sizes, l)));
  return sym.d("C", sym.b(i, l));
}

/** Where the blank sits on the graph: its weight, its node (a bias on its node), the output for C. */
export function blankSelection(b, sizes) {
  if (b.quantity === "dC_dW") return { kind: "W", l: b.layer, i: b.i, j: b.j };
  if (b.quantity === "C") return { kind: "node", l: sizes.length - 1, i: 0 };
  return { kind: "node", l: b.layer, i: b.i };
}

/** The step of the derivation a blank belongs to, as a heading. */
export function stageOf(b, L) {
  if (b.quantity === "C") return "The cost";
  if (b.quantity === "z" || b.quantity === "a") return `Forward pass, layer ${b.layer}`;
  return b.layer === L ? `Backward pass, layer ${b.layer} (the output)` : `Backward pass, layer ${b.layer}`;
}

/**
 * A blank's state from the learner's answer and its check: todo, right, carried (right from an earlier
 * wrong answer), wrong, kept (wrong, and the learner went on with it) or revealed.
 */
export function stateOf(answer, result) {
  if (!answer) return "todo";
  if (answer.revealed) return "revealed";
  if (!result) return "checking";
  if (result.correct) return "right";
  if (result.carried) return "carried";
  return answer.kept ? "kept" : "wrong";
}

const DONE = new Set(["right", "carried", "revealed", "kept"]);

/**
 * Where the learner is: each blank's answer, result and state, the first blank not done yet
 * (blanks.length when all are), and how many are done.
 */
export function progress(blanks, answers, results) {
  const byKey = new Map(answers.map((a, k) => [blankKey(a), { answer: a, result: results[k] }]));
  const rows = blanks.map((b) => {
    const { answer, result } = byKey.get(blankKey(b)) ?? {};
    return { blank: b, answer, result, state: stateOf(answer, result) };
  });
  const current = rows.findIndex((r) => !DONE.has(r.state));
  return { rows, current: current < 0 ? rows.length : current, done: rows.filter((r) => DONE.has(r.state)).length };
}

/**
 * What Derive mode may show of the passes: known(quantity, layer, i, j) is the learner's own number once
 * they have one (right, carried, revealed or kept) for the sample the nodes show, else null. A number
 * not derived yet stays off the graph and the header, and a carried or kept one shows as the learner has
 * it, not as the truth; the givens (x, y, W, b) always show. rows: progress()'s; null before the exercise has come.
 */
export function knownOf(rows, sample) {
  const done = new Map((rows ?? []).filter((r) => DONE.has(r.state)).map((r) => [blankKey(r.blank), r.answer.value]));
  return (quantity, layer, i, j) => {
    return done.get(blankKey({ quantity, layer, i, j, sample: PER_SAMPLE.has(quantity) ? sample : undefined })) ?? null;
  };
}

/** The rows shown: a few done before the current one, the current one, and a few to come. */
export function windowOf(rows, current, before = 3, after = 2) {
  return rows.slice(Math.max(0, current - before), Math.min(rows.length, current + after + 1));
}

/** How it went: right, carried, revealed, still wrong, and the mistakes named, by count. */
export function summary(rows, attempts) {
  const count = (s) => rows.filter((r) => r.state === s).length;
  const mistakes = {};
  for (const code of attempts) mistakes[code] = (mistakes[code] ?? 0) + 1;
  return {
    total: rows.length, right: count("right"), carried: count("carried"), revealed: count("revealed"),
    kept: count("kept"), wrong: count("wrong"), mistakes,
  };
}

/** The answer to send for blank b: its indices as the API names them (sample only where it has one). */
export function answerFor(b, value, mark = null) {
  const a = { quantity: b.quantity };
  for (const k of ["layer", "i", "j"]) if (b[k] !== undefined) a[k] = b[k];
  if (PER_SAMPLE.has(b.quantity) && b.sample !== undefined) a.sample = b.sample;
  a.value = value;
  if (mark) a[mark] = true; // "revealed" or "kept": the page's own marks, never sent to the API
  return a;
}

// An indexed symbol of a hint's plain-text notation (z_0^1, W_0j^1, W_10,2^3, a_j^(l-1), y_i, Σ_j): one
// letter not inside a word, a short subscript (two with a comma when wide), an optional superscript.
const SYMBOL = /(?<![\p{L}\d_])([\p{L}])_([\p{L}\d]{1,3}(?:,[\p{L}\d]{1,3})?)(?:\^(\([^()\s]{1,8}\)|[\p{L}\d]{1,3}))?(?![\p{L}\d_])/gu;

/**
 * A hint of /exercises/check (plain text in the seed's notation) as parts to show: {text} as it is, {tex}
 * for each indexed symbol, so that the page typesets z_0^1 as the cards do. Joined, the parts say the same.
 */
export function hintParts(hint) {
  const parts = [];
  let at = 0;
  for (const m of hint.matchAll(SYMBOL)) {
    if (m.index > at) parts.push({ text: hint.slice(at, m.index) });
    const [, base, lower, upper] = m;
    const b = base === "Σ" ? "\\sum" : base === "σ" ? "\\sigma" : base;
    const sup = upper === undefined ? "" : `^{${upper}}`;
    parts.push({ tex: `${b}_{${lower}}${sup}`, source: m[0] });
    at = m.index + m[0].length;
  }
  if (at < hint.length) parts.push({ text: hint.slice(at) });
  return parts;
}

/** A learner's typed number: "0.37", "−1.2", "3e-4", "1,5" (a decimal comma); NaN when it is not one. */
export function parseTyped(text) {
  const t = String(text).trim().replace(/\u2212/g, "-").replace(/^(-?\d+),(\d+)$/, "$1.$2");
  return t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? NaN : Number(t);
}
