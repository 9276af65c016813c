// Derived input features for two-input data, as TensorFlow Playground has them: x₀², x₁², x₀x₁,
// sin x₀, sin x₁, each one more node in the input layer, after the data's own inputs (in this
// order, whichever was switched on first). Pure: no DOM, so node --test imports it as the browser does.

/** id -> {text: plain, tex: TeX, of(x): its value from the two raw inputs} */
export const FEATURES = {
  "x0^2": { text: "x0²", tex: "x_0^2", of: (x) => x[0] * x[0] },
  "x1^2": { text: "x1²", tex: "x_1^2", of: (x) => x[1] * x[1] },
  "x0x1": { text: "x0·x1", tex: "x_0 x_1", of: (x) => x[0] * x[1] },
  "sin x0": { text: "sin x0", tex: "\\sin x_0", of: (x) => Math.sin(x[0]) },
  "sin x1": { text: "sin x1", tex: "\\sin x_1", of: (x) => Math.sin(x[1]) },
};
export const FEATURE_IDS = Object.keys(FEATURES);

/** The known features among `ids`, in FEATURES's order, each once. */
export const cleanFeatures = (ids) => FEATURE_IDS.filter((id) => Array.isArray(ids) && ids.includes(id));

/** Rows of two raw inputs with the features appended: [x0, x1, …features]. Other widths: as they are. */
export function expand(rows, ids) {
  if (!ids.length) return rows;
  return rows.map((x) => (x.length === 2 ? [...x, ...ids.map((id) => FEATURES[id].of(x))] : x));
}
