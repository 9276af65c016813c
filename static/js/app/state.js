// The page's state: the backprop request body (network with weights and biases, input, target,
// loss) plus the view options, and in train mode the training setup and held-out samples.
// Pure: no DOM, no d3, so node --test imports it as the browser does.
import { TRAIN_DEFAULTS, VIEW_DEFAULTS } from "./url.js";
import { LOSSES } from "./vocabulary.js";

/** The page with no fragment: a small sigmoid network with one sample. */
export function defaultState() {
  return {
    network: {
      layers: [{ size: 2 }, { size: 3, activation: "sigmoid" }, { size: 1, activation: "sigmoid" }],
      seed: 0,
    },
    input: [[0.6, -0.4]],
    target: [[1]],
    loss: "mse",
    view: { ...VIEW_DEFAULTS },
  };
}

/** The body of POST /api/v1/backprop (and of the endpoints that take it) for a state. */
export function requestBody(state, extra = {}) {
  return { network: state.network, input: state.input, target: state.target, loss: state.loss, ...extra };
}

export const sizes = (state) => state.network.layers.map((layer) => layer.size);

/** Weights and biases in the state's network: Σ n_l (n_(l-1) + 1). */
export function parameterCount(state) {
  const n = sizes(state);
  let count = 0;
  for (let l = 1; l < n.length; l++) count += n[l] * (n[l - 1] + 1);
  return count;
}

export function setView(state, changes) {
  return { ...state, view: { ...state.view, ...changes } };
}

/**
 * The η of the −η·∂C/∂W colouring. In Train there is one η, the training's learning rate (the step the
 * colouring shows is the one training takes); elsewhere the view bar's own.
 */
export function colourEta(state) {
  return state.view.mode === "train" ? (state.train ?? TRAIN_DEFAULTS).learning_rate : state.view.eta;
}

/** The loss needs an output activation the network's output layer lacks: {L, need, has}, else null. */
export function lossMismatch(state) {
  const need = LOSSES[state.loss]?.requires;
  const L = state.network.layers.length - 1;
  const has = state.network.layers[L]?.activation;
  return need && has !== need ? { L, need, has } : null;
}
