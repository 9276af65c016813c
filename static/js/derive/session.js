// The store's side of Derive mode: the exercise's blanks (POST /exercises), each answer checked with
// all the answers before it (POST /exercises/check, so that a step done right from a wrong earlier
// answer is carried), a step shown, a generated exercise loaded. The answers live in the state
// (state.derive.answers), so a link holds the exercise and how far the learner got.
import { requestBody, setView } from "../app/state.js";
import { answerFor, blankKey, blankSelection, progress } from "./blanks.js";

/** What the store knows of the derivation beside the state: {key, blanks, results, error, attempts}. */
export const newDerivation = () => ({ key: null, blanks: null, results: [], error: null, attempts: [] });

const DERIVE_DEFAULTS = { preset: "editor", seed: 0, answers: [] };
const problemKey = (state) => JSON.stringify(requestBody(state));
const answersOf = (state) => state.derive?.answers ?? [];
const withoutAnswers = (state) => ({ ...state, derive: { ...DERIVE_DEFAULTS, ...state.derive, answers: [] } });

/** After a full draw in derive mode: the blanks of the problem on screen, asked once per problem. */
export function ensureExercise(store) {
  const { s } = store;
  const key = problemKey(s.good.state);
  if (s.derivation.key === key) return;
  // The answers belong to the problem they were typed for (a link's, the first one shown): the network
  // trained or edited in another mode is another problem, whose blanks they must not fill.
  if (s.derivation.key !== null && answersOf(s.good.state).length) {
    s.good = { ...s.good, state: withoutAnswers(s.good.state) };
    s.draft = { ...s.draft, derive: s.good.state.derive };
  }
  s.derivation = { ...newDerivation(), key };
  load(store, key);
}

async function load(store, key) {
  const { s } = store;
  try {
    const res = await store.api.exercise(requestBody(s.good.state));
    if (s.derivation.key !== key) return;
    s.derivation.blanks = res.blanks;
    s.derivation.results = await check(store, answersOf(s.good.state));
  } catch (e) {
    if (s.derivation.key === key) s.derivation.error = e.message;
  }
  store.render(["derive"]);
}

async function check(store, answers, reveal = false) {
  if (!answers.length) return [];
  const res = await store.api.checkAnswers({ exercise: requestBody(store.s.good.state), answers: answers.map(strip), reveal });
  return res.results;
}

/** An answer as the API takes it: "revealed" and "kept" are the page's own marks. */
const strip = ({ revealed: _r, kept: _k, ...a }) => a;

/** The state's answers with `answer` in its blank's place (or added). */
function withAnswer(state, answer) {
  const answers = answersOf(state).filter((a) => blankKey(a) !== blankKey(answer));
  return { ...state, derive: { ...DERIVE_DEFAULTS, ...state.derive, answers: [...answers, answer] } };
}

/** Keep the new answers, check them all, and move the graph's selection to the blank now due. */
async function record(store, next, blank) {
  const { s } = store;
  const key = s.derivation.key;
  s.good = { ...s.good, state: next };
  s.draft = next;
  try {
    s.derivation.results = await check(store, answersOf(next));
    s.derivation.error = null;
  } catch (e) {
    s.derivation.error = e.message;
  }
  if (s.derivation.key !== key) return;
  const k = answersOf(next).findIndex((a) => blankKey(a) === blankKey(blank));
  const code = s.derivation.results[k]?.diagnosis;
  if (code) s.derivation.attempts.push(code);
  const { rows, current } = progress(s.derivation.blanks, answersOf(next), s.derivation.results);
  const due = rows[current]?.blank;
  if (!due) return store.render(["derive", "url"]);
  const sizes = next.network.layers.map((x) => x.size);
  store.changeView({ selected: blankSelection(due, sizes), sample: due.sample ?? next.view.sample });
}

/** The learner's number for a blank. */
export function answer(store, blank, value) {
  return record(store, withAnswer(store.s.good.state, answerFor(blank, value)), blank);
}

/** Show a step: its value from the API, marked as shown, and its chain-rule card in the Details tab. */
export async function reveal(store, blank) {
  const { s } = store;
  const probe = [...answersOf(s.good.state).filter((a) => blankKey(a) !== blankKey(blank)), answerFor(blank, 0)];
  let expected;
  try {
    expected = (await check(store, probe, true)).at(-1).expected;
  } catch (e) {
    s.derivation.error = e.message;
    return store.render(["derive"]);
  }
  const next = withAnswer(s.good.state, answerFor(blank, expected, "revealed"));
  s.good = { ...s.good, state: next };
  s.draft = next;
  s.derivation.results = await check(store, answersOf(next)).catch(() => s.derivation.results);
  s.tab = "details";
  const sizes = next.network.layers.map((x) => x.size);
  store.changeView({ selected: blankSelection(blank, sizes), sample: blank.sample ?? next.view.sample });
}

/** Go on with a wrong number: what follows from it is marked as carried, as a human marker would. */
export function keep(store, blank) {
  const mine = answersOf(store.s.good.state).find((a) => blankKey(a) === blankKey(blank));
  if (!mine) return null;
  return record(store, withAnswer(store.s.good.state, answerFor(blank, mine.value, "kept")), blank);
}

/** A new exercise: the editor's network as it is, or a preset's numbers for a seed. */
export async function newExercise(store, preset, seed) {
  const { s } = store;
  const derive = { preset, seed, answers: [] };
  if (preset === "editor") {
    s.derivation = newDerivation();
    return store.changeView({ mode: "derive" }, { derive });
  }
  try {
    const { exercise } = await store.api.exercise({ preset, seed });
    const view = setView(s.good.state, { mode: "derive", selected: null, sample: 0 }).view;
    await store.compute({ ...s.good.state, ...exercise, view, derive });
  } catch (e) {
    s.derivation.error = e.message;
    store.render(["derive"]);
  }
}

/** Start again on the same exercise. */
export function restart(store) {
  const next = withoutAnswers(store.s.good.state);
  store.s.good = { ...store.s.good, state: next };
  store.s.draft = next;
  store.s.derivation = { ...store.s.derivation, results: [], attempts: [] };
  store.render(["derive", "url"]);
}

export { DERIVE_DEFAULTS };
