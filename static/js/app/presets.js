// Networks worth opening, each a full state (request body + view), with what it shows.
import { VIEW_DEFAULTS } from "./url.js";

const layers = (sizes, hidden, out) =>
  sizes.map((size, l) => (l === 0 ? { size } : { size, activation: l === sizes.length - 1 ? out : hidden }));

export const PRESETS = [
  {
    id: "hand",
    name: "Hand derivation: 2-2-1 sigmoid, MSE",
    note: "The network of the hand derivation: one sample, every number small enough to check on paper.",
    state: {
      network: {
        layers: layers([2, 2, 1], "sigmoid", "sigmoid"),
        weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
        biases: [[0.35, 0.35], [0.6]],
        seed: 0,
      },
      input: [[0.05, 0.1]],
      target: [[0.01]],
      loss: "mse",
    },
  },
  {
    id: "mazur",
    name: "Worked example: 2-2-2 sigmoid, MSE (Mazur)",
    note:
      "Matt Mazur's step-by-step example. His cost is ½Σ(y − a)²; ours is (1/n_L)Σ(a − y)², " +
      "which here (n_L = 2) is exactly his, so C and every gradient match his numbers.",
    state: {
      network: {
        layers: layers([2, 2, 2], "sigmoid", "sigmoid"),
        weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]],
        biases: [[0.35, 0.35], [0.6, 0.6]],
        seed: 0,
      },
      input: [[0.05, 0.1]],
      target: [[0.01, 0.99]],
      loss: "mse",
    },
  },
  {
    id: "softmax",
    name: "Classifier: 2-4-3 tanh, softmax, cross-entropy",
    note:
      "Three classes, a batch of four samples. Softmax's σ'(z) is a Jacobian, not elementwise, " +
      "so the panel shows ∂C/∂z = a − y directly. Each sample's share of dC/dW is listed beside the mean.",
    state: {
      network: { layers: layers([2, 4, 3], "tanh", "softmax"), seed: 3 },
      input: [[1, 0.5], [-0.8, 0.9], [0.2, -1], [-0.5, -0.4]],
      target: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]],
      loss: "cross_entropy",
    },
  },
  {
    id: "deep",
    name: "Deep sigmoid: 2-6-6-6-6-6-1",
    note:
      "Five sigmoid layers: σ'(z) ≤ ¼, so each layer back shrinks ∂C/∂a. Switch the normalisation " +
      "to per layer or symmetric log to see the early layers' gradients at all.",
    state: {
      network: { layers: layers([2, 6, 6, 6, 6, 6, 1], "sigmoid", "sigmoid"), seed: 7 },
      input: [[0.9, -0.6]],
      target: [[1]],
      loss: "mse",
    },
  },
];

export function presetState(id) {
  const p = PRESETS.find((x) => x.id === id);
  return structuredClone({ ...p.state, view: { ...VIEW_DEFAULTS } });
}
