// The state taken away and brought back: a link to copy, the state as a JSON file (export, import),
// the current request as curl or Python.
import { copyText, download } from "../lib/files.js";
import { requestBody } from "./state.js";
import { normalise } from "./url.js";
import { asCurl, asPython } from "./code.js";
import { trainRequest } from "../training/body.js";
import { linkState } from "../training/comparison.js";
import { trained, untrained } from "./link.js";

export async function copy(store, text, message = "Copied to the clipboard") {
  const ok = await copyText(text);
  store.draw(store.s, ["toast"], { text: ok ? message : "Select the text and copy it (the clipboard is not available here)" });
}

/** The state as its link holds it (trained networks with their step count), as a file. */
export function exportJson(store) {
  download(new Blob([JSON.stringify(linkState(store.s), null, 2)], { type: "application/json" }), "backprop-viz.json");
}

/** Load a state from a file; a file that is not a state is refused with a message and changes nothing. */
export async function importFile(store, file) {
  let state;
  try {
    const text = await file.text();
    let obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new Error(`it is not valid JSON (${e.message})`);
    }
    state = normalise(obj);
  } catch (e) {
    store.s.message = { text: `The file “${file.name}” was refused: ${e.message}. The current network is unchanged.` };
    store.render(["messages"]);
    return;
  }
  if (await store.compute(untrained(state), { revert: true, refusedPrefix: `The file “${file.name}” was refused:` })) trained(store, state.trained?.step);
}

/**
 * The request the page sends, as curl or Python, in the dialog and on the clipboard. Python comes in
 * three: calling the API (requests), and standalone scripts that rebuild the network and do both
 * passes themselves, in numpy or with PyTorch's autograd (POST /api/v1/code), which the dialog asks
 * for when the learner picks them.
 */
export function showCode(store, kind) {
  const state = store.s.good.state;
  if (state.view.mode === "train") return showTrainCode(store, kind, state);
  const url = new URL(`${store.api.base}/backprop`, location.href).href;
  const body = requestBody(state);
  const text = kind === "curl" ? asCurl(url, body) : asPython(url, body);
  const scripts = kind === "curl" ? null : {
    numpy: () => store.api.code({ ...body, language: "numpy" }),
    pytorch: () => store.api.code({ ...body, language: "pytorch" }),
  };
  store.draw(store.s, ["dialog"], { kind, text, scripts, title: kind === "curl" ? "This request as curl" : "This request in Python" });
  copy(store, text);
}

/**
 * In Train the page's request is POST /train, with the training's settings and data. The standalone
 * scripts (POST /api/v1/code) do one backward pass, not training: they are not offered here.
 */
function showTrainCode(store, kind, state) {
  const url = new URL(`${store.api.base}/train`, location.href).href;
  const body = trainRequest(state);
  const text = kind === "curl" ? asCurl(url, body) : asPython(url, body, "train");
  const note = `The POST /api/v1/train of one frame of this training: ${body.steps} steps of ${body.optimizer} from the network shown, ` +
    "with a fresh optimizer; the page's frames also ask for the plane's grid and the numbers the graph draws.";
  store.draw(store.s, ["dialog"], { kind, text, scripts: null, note, title: kind === "curl" ? "The training request as curl" : "The training request in Python" });
  copy(store, text);
}
