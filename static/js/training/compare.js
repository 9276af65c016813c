// Compare: run B is run A with one setting changed (the hidden layers' activation, the optimizer, the
// learning rate, the initial weights' seed, L2 or the hidden layers' sizes), trained in lockstep with
// A on the same data and the same minibatches (the same minibatch seed). The change is part of the
// state (the compare group of app/url.js); run B's network and each frame's body follow from A's
// state and the change. Pure: no DOM, so node --test imports it as the browser does.
import { PROPS, TRAIN_DEFAULTS, allows } from "../app/url.js";
import { HIDDEN_ACTIVATIONS, OPTIMIZERS } from "../app/vocabulary.js";
import { frameBody } from "./body.js";

/** setting -> how the form asks for it and the legend names it. */
export const COMPARE_SETTINGS = {
  activation: { label: "hidden activation", options: HIDDEN_ACTIVATIONS },
  optimizer: { label: "optimizer", options: OPTIMIZERS },
  learning_rate: { label: "learning rate η", attrs: { min: 0, step: "any" } },
  weightSeed: { label: "initial weights' seed", attrs: { min: 0, step: 1 } },
  l2: { label: "L2 λ", attrs: { min: 0, step: "any" } },
  sizes: { label: "hidden layers' sizes", placeholder: "e.g. 8, 8" },
};

const hidden = (network) => network.layers.slice(1, -1);

/** The value of `setting` in run A's state: what B changes. */
export function valueOf(state, setting) {
  const t = state.train ?? TRAIN_DEFAULTS;
  if (setting === "activation") return hidden(state.network)[0]?.activation ?? "sigmoid";
  if (setting === "weightSeed") return state.network.seed ?? 0;
  if (setting === "sizes") return hidden(state.network).map((l) => l.size);
  return t[setting];
}

/** What the form offers for a setting: another value than A's, one a teacher would try first. */
export function proposal(state, setting) {
  const a = valueOf(state, setting);
  switch (setting) {
    case "activation":
      return a === "relu" ? "tanh" : "relu";
    case "optimizer":
      return a === "adam" ? "sgd" : "adam";
    case "learning_rate":
      return a / 10;
    case "weightSeed":
      return a + 1;
    case "l2":
      return a ? 0 : 0.001;
    default:
      return a.length ? a.map((n) => Math.min(2 * n, PROPS.compare.sizes.max)) : [4];
  }
}

/**
 * Run B's state: A's with the one change. B keeps A's weights when they still fit (the activation,
 * the optimizer, η, L2), so the change is the only difference; a new seed or new sizes leave the
 * weights out, for the API to initialise from the seed.
 */
export function compareState(state, compare) {
  const { setting } = compare;
  const value = compare[setting];
  const net = state.network;
  const L = net.layers.length - 1;
  switch (setting) {
    case "activation":
      return { ...state, network: { ...net, layers: net.layers.map((layer, l) => (l === 0 || l === L ? layer : { ...layer, activation: value })) } };
    case "weightSeed":
      return { ...state, network: { layers: net.layers, seed: value } };
    case "sizes": {
      const activation = valueOf(state, "activation");
      const layers = [net.layers[0], ...value.map((size) => ({ size, activation })), net.layers[L]];
      return { ...state, network: { layers, seed: net.seed ?? 0 } };
    }
    default:
      return { ...state, train: { ...(state.train ?? TRAIN_DEFAULTS), [setting]: value } };
  }
}

/**
 * The body of run B's frame: A's frame with B's network and the change. B is drawn on its plane and
 * its charts only: no backward pass, no gradients.
 */
export function compareBody(state, compare, networkB) {
  const { backprop, gradients, backprop_samples, ...body } = frameBody({ ...compareState(state, compare), network: networkB });
  return body;
}

/** A value as the form's field shows it. */
export function valueText(setting, value) {
  return setting === "sizes" ? value.join(", ") : String(value);
}

/** The form's text as a value; undefined when it is not one the compare group allows. */
export function parseValue(setting, text) {
  let v = text;
  if (setting === "sizes") v = text.trim() === "" ? [] : text.split(/[\s,]+/).filter(Boolean).map(Number);
  else if (!COMPARE_SETTINGS[setting].options) v = text.trim() === "" ? NaN : Number(text);
  return allows(PROPS.compare[setting], v) ? v : undefined;
}

/** A run's name in the legends: "B: optimizer adam" (run B, `value` the change's), "A: optimizer sgd". */
export function compareLabel(compare, run = "B", value = compare[compare.setting]) {
  const { setting } = compare;
  const text = setting === "sizes" ? (value.length ? value.join("-") : "none") : String(value);
  const label = setting === "sizes" ? "hidden layers" : COMPARE_SETTINGS[setting].label;
  return `${run}: ${label} ${text}`;
}

/** Run A's name beside B's: the same setting, with A's value. */
export const labelA = (state, compare) => compareLabel(compare, "A", valueOf(state, compare.setting));
