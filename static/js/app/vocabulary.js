// The API's vocabulary: activations, losses, optimizers and datasets, as /api/v1/meta reports them,
// with the words the page shows for each. A mirror, so that the page draws before any request;
// tests/js/app/vocabulary.test.js checks it against the real /api/v1/meta.

export const ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"];
export const OUTPUT_ONLY_ACTIVATIONS = ["softmax"];
export const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a) => !OUTPUT_ONLY_ACTIVATIONS.includes(a));

/** name -> {requires: the output activation it needs, label: in a list, short: in the header, long: in prose} */
export const LOSSES = {
  mse: { requires: null, label: "Mean squared error", short: "MSE", long: "mean squared error" },
  binary_cross_entropy: { requires: "sigmoid", label: "Binary cross-entropy", short: "binary cross-entropy", long: "binary cross-entropy" },
  cross_entropy: { requires: "softmax", label: "Cross-entropy", short: "cross-entropy", long: "cross-entropy" },
};

export const OPTIMIZERS = ["sgd", "momentum", "adam"];

/** name -> {multiclass: takes more than two classes (one-hot targets, a softmax output)} */
export const DATASETS = {
  xor: { multiclass: false },
  circle: { multiclass: false },
  spiral: { multiclass: true },
  gaussians: { multiclass: true },
  sine: { multiclass: false },
};

/** POST /api/v1/exercises's presets, with what each is. */
export const EXERCISE_PRESETS = {
  hand: "hand · 2-2-1 (seed 0: the hand derivation)",
  wide: "wide · 2-3-2",
  batch: "batch · 2-2-1, two samples",
  softmax: "softmax · 2-3-3, cross-entropy",
};

/** The part of /api/v1/meta this module mirrors, in its JSON shape. */
export const META = {
  activations: ACTIVATIONS,
  output_only_activations: OUTPUT_ONLY_ACTIVATIONS,
  losses: Object.fromEntries(Object.entries(LOSSES).map(([k, v]) => [k, { requires: v.requires }])),
  optimizers: OPTIMIZERS,
  datasets: DATASETS,
  exercise_presets: Object.keys(EXERCISE_PRESETS),
};
