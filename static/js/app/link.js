// The page and its URL: the state is written to the #s= fragment after every accepted change, a
// link's state is read at start (the default network when there is none, or it is refused), and an
// edited fragment loads like a link.
import { defaultState, parameterCount } from "./state.js";
import { afterPaint } from "../lib/dom.js";
import { normalise, lessonWarning } from "./url.js";
import { rawFragment, toFragment } from "./fragment.js";

let lastHash = "";

// A link's text grows with the network's weights: at the API's limits (94,000) it is 2.6 MB, which
// takes over a second to encode and hand to the browser. Such a link is written after the next
// paint (the latest state, once), so that a click's card or a switch is seen first.
const LATER_ABOVE = 10000; // weights and biases
let waiting = null;

export function writeLink(state) {
  if (parameterCount(state) <= LATER_ABOVE) return write(state);
  if (waiting === null) {
    afterPaint(() => {
      const latest = waiting;
      waiting = null;
      write(latest);
    });
  }
  waiting = state;
}

function write(state) {
  const hash = toFragment(state);
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
