// The page and its URL: the state is written to the #s= fragment after every accepted change, a
// link's state is read at start (the default network when there is none, or it is refused), and an
// edited fragment loads like a link.
import { defaultState } from "./state.js";
import { fromFragment, toFragment } from "./fragment.js";

let lastHash = "";

export function writeLink(state) {
  const hash = toFragment(state);
  if (hash !== location.hash) {
    lastHash = hash;
    history.replaceState(null, "", hash);
  }
}

/** The link's state, or null (with the reason in the banner when it could not be read). */
function readLink(store) {
  try {
    return fromFragment(location.hash);
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
    if (state) store.compute(state, { revert: true, refusedPrefix: REFUSED });
  });
  const fromLink = readLink(store);
  if (fromLink) await store.compute(fromLink, { refusedPrefix: REFUSED });
  if (store.s.good) return;
  const said = store.s.message?.text ?? "";
  await store.compute(defaultState());
  if (said && store.s.good) {
    store.s.message = { text: `${said} Showing the default network instead.`.replace("unchanged. Showing", "unchanged; showing") };
    store.render(["messages"]);
  }
}
