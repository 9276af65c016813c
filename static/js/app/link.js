// The page and its URL: the state is written to the #s= fragment after every accepted change, a
// link's state is read at start (the default network when there is none, or it is refused), and an
// edited fragment loads like a link.
import { defaultState, parameterCount } from "./state.js";
import { afterPaint } from "../lib/dom.js";
import { readFragment, toFragment } from "./fragment.js";

let lastHash = "";

// A link's text grows with the network's weights: at the API's limits (94,000) it is 2.6 MB, more
// than Chromium keeps (2 MB: a reload would lose it), a third of a second to encode and as long again
// to hand to the browser. A large network whose weights the API drew from its seed is linked by its
// seed alone; another (edited, trained) is linked in full, after the next paint, so that a click's
// card or a switch is seen first.
const LONG_ABOVE = 10000; // weights and biases
const seeded = new WeakSet(); // answers' networks whose request had no weights or biases

/** The store's word that the API drew this network's weights and biases from its seed. */
export const drawnFromSeed = (network) => seeded.add(network);

/** The state as its link holds it: a large network drawn from its seed without its weights. */
export function linkOf(state) {
  if (!seeded.has(state.network) || parameterCount(state) <= LONG_ABOVE) return state;
  const network = { ...state.network };
  delete network.weights;
  delete network.biases;
  return { ...state, network };
}

/** fn() now, or once the next frame is painted when the state's link is long. */
export function whenLinkIsCheap(state, fn) {
  if (parameterCount(state) <= LONG_ABOVE || seeded.has(state.network)) fn();
  else afterPaint(fn);
}

let waiting = null; // the state to write: a later one replaces it before it is written

export function writeLink(state) {
  waiting = state;
  whenLinkIsCheap(state, () => {
    if (waiting !== null) write(waiting);
    waiting = null;
  });
}

function write(state) {
  const hash = toFragment(linkOf(state));
  if (hash !== location.hash) {
    lastHash = hash;
    history.replaceState(null, "", hash);
  }
}

/**
 * The link's state and what could not be read of it (fragment.js readFragment); an anchor of the page
 * (the skip link's #graph) is no state and says nothing.
 */
function readLink() {
  const hash = location.hash;
  if (/^#[\w-]+$/.test(hash) && document.getElementById(hash.slice(1))) return { state: null, said: null };
  return readFragment(hash);
}

const REFUSED = "The link's network was refused:";
const UNCHANGED = " The current network is unchanged.";

/** Load the link's state, else the default network, saying once why the link was not used, or not all of it. */
export async function start(store) {
  window.addEventListener("hashchange", () => {
    if (location.hash === lastHash) return;
    const { state, said } = readLink();
    if (state) store.compute(untrained(state), { revert: true, refusedPrefix: REFUSED, note: said }).then((ok) => ok && trained(store, state.trained?.step));
    else if (said) {
      store.s.message = { text: said + UNCHANGED };
      store.render(["messages"]);
    }
  });
  const { state: fromLink, said } = readLink();
  if (fromLink) await store.compute(untrained(fromLink), { refusedPrefix: REFUSED, note: said });
  if (store.s.good) return opened(store, fromLink.trained?.step);
  // the link's network refused (the store's sentence ends "The current network is unchanged.": there is none yet), or no state read
  const why = fromLink ? (store.s.message?.text ?? "").replace(UNCHANGED, "") : said;
  await store.compute(defaultState());
  if (why && store.s.good) {
    store.s.message = { text: `${why} Showing the default network instead.` };
    store.render(["messages"]);
  }
}

/** The state without its trained steps: they belong to the run (s.run.base), which an edit starts afresh. */
export const untrained = ({ trained, ...state }) => state;

/** A trained network opened (a link, a file): the run counts on from its step, and says so. */
export function trained(store, step) {
  if (!step) return;
  store.trainedFrom(step);
  store.render(["training", "url"]);
}

/** A lesson link opens on its panel; a trained network's link, on the step it was trained to. */
function opened(store, step) {
  trained(store, step);
  const panel = store.s.good.state.lesson?.panel;
  if (!panel) return;
  store.s.tab = panel;
  store.render(["columns"]);
}
