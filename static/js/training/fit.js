// A network fitted to new training data: its input and output layers take the data's shape, and a
// one-hot target chooses a softmax output with cross-entropy (anything else, the plain output and
// MSE; a linear output when the targets lie far outside [0, 1], where a sigmoid cannot reach). Pure: no DOM, so node --test imports it as the browser does.
import { resize, setActivation } from "../app/edits.js";

/** Targets a sigmoid cannot come near (measured in their own units); noise around [0, 1] (the sine dataset's) it can. */
export const farOutside = (target) => target.some((r) => r.some((v) => v < -0.5 || v > 1.5));

/** One-hot rows: every value 0 or 1, more than one column. */
export const isOneHot = (target) => target[0].length > 1 && target.every((r) => r.every((v) => v === 0 || v === 1));

/**
 * The state that trains on `data`: {input, target, test, train} and, from a preset, its own
 * network, loss and view options. The page switches to train mode with the first sample selected.
 */
export function fitToData(state, { input, target, test, train, network, loss, view, data }) {
  let next = {
    ...state,
    train,
    network: network ?? state.network,
    loss: loss ?? state.loss,
    view: { ...state.view, ...view, mode: "train", sample: 0, selected: null },
  };
  const nIn = input[0].length;
  const nOut = target[0].length;
  const L = next.network.layers.length - 1;
  if (next.network.layers[0].size !== nIn) next = resize(next, 0, nIn);
  if (next.network.layers[L].size !== nOut) next = resize(next, L, nOut);
  const out = next.network.layers[L].activation;
  if (isOneHot(target)) {
    next = { ...setActivation(next, L, "softmax"), loss: "cross_entropy" };
  } else if (out === "softmax" || next.loss === "cross_entropy") {
    next = { ...setActivation(next, L, nOut === 1 ? "sigmoid" : out), loss: "mse" };
  }
  if (farOutside(target) && ["sigmoid", "softmax"].includes(next.network.layers[L].activation)) {
    next = { ...setActivation(next, L, "linear"), loss: "mse" };
  }
  const fitted = { ...next, input, target, test };
  if (data) fitted.data = data;
  else delete fitted.data;
  return fitted;
}
