// The page and its URL: the state is written to the #s= fragment after every accepted change, a
// link's state is read at start (the default network when there is none, or it is refused), and an
// edited fragment loads like a link.
import { defaultState, parameterCount } from "./state.js";
import { afterPaint } from "../lib/dom.js";
import { normalise, lessonWarning } from "./url.js";
import { rawFragment, toFragment } from "./fragment.js";

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

/** The link's state, or null (with the reason in the banner when it could not be read). */
function readLink(store) {
  try {
    const raw = rawFragment(location.hash);
    const warning = raw === null ? null : lessonWarning(raw);
    if (warning) store.s.note = warning;
    return raw === null ? null : normalise(raw);
  } catch (e) {
    store.s.message = { text: `The link's #s= state could not be read (${e.message}); showing the default network.` };
    store.render(["messages"]);
    return null;
  }
}

const REFUSED = "The link's network was refused:";

/** Load the link's state, else the default network (saying why the link was not used). */
export async function start(store) {
  window.addEventListener("hashchange", () => {
    if (location.hash === lastHash) return;
    const state = readLink(store);
    if (state) store.compute(state, { revert: true, refusedPrefix: REFUSED, note: store.s.note });
  });
  const fromLink = readLink(store);
  const said = store.s.note;
  if (fromLink) await store.compute(fromLink, { refusedPrefix: REFUSED, note: said });
  if (store.s.good) return opened(store);
  const refused = store.s.message?.text ?? "";
  await store.compute(defaultState());
  if (refused && store.s.good) {
    store.s.message = { text: `${refused} Showing the default network instead.`.replace("unchanged. Showing", "unchanged; showing") };
    store.render(["messages"]);
  }
}

/** A lesson link opens on its panel. */
function opened(store) {
  const panel = store.s.good.state.lesson?.panel;
  if (!panel) return;
  store.s.tab = panel;
  store.render(["columns"]);
}
