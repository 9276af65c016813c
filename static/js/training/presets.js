// Training presets: the same deep network with sigmoid, then relu, on the circle. Pure.
import { TRAIN_DEFAULTS, VIEW_DEFAULTS, normaliseTrain } from "../app/url.js";

export const TRAIN_PRESETS = [
  {
    id: "vanishing-sigmoid",
    name: "Vanishing gradients: deep sigmoid",
    note: "Seven sigmoid layers: ‖∂C/∂W‖ shrinks layer by layer towards the input (σ′ ≤ ¼ at every step back), so the early layers barely learn.",
    hidden: "sigmoid",
  },
  {
    id: "vanishing-relu",
    name: "The same network with relu",
    note: "The same seven layers with relu: σ′ = 1 where a node is active, so the gradient reaches the early layers and they learn.",
    hidden: "relu",
  },
];

/**
 * A preset's explanation as long as it describes the network: {id, text, layers} (its layers'
 * sizes and activations) while the state's network has them, else null (edited away from the preset).
 */
export function presetNote(note, state) {
  if (!note) return null;
  const same = note.layers.length === state.network.layers.length &&
    note.layers.every((x, l) => x.size === state.network.layers[l].size && x.activation === state.network.layers[l].activation);
  return same ? note : null;
}

/** A preset's training setup, and what it brings besides the data: its network, loss and view. */
export function trainPreset(id) {
  const p = TRAIN_PRESETS.find((x) => x.id === id);
  const layers = [{ size: 2 }, ...Array.from({ length: 6 }, () => ({ size: 8, activation: p.hidden })), { size: 1, activation: "sigmoid" }];
  return {
    note: p.note,
    setup: normaliseTrain({ ...TRAIN_DEFAULTS, dataset: "circle", samples: 200, noise: 0.05, learning_rate: 0.5, optimizer: "sgd" }),
    also: { network: { layers, seed: 1 }, loss: "mse", view: { ...VIEW_DEFAULTS, norm: "layer" } },
  };
}
