// Colours shared by several views (the gradient's diverging scale lives in graph/scales.js).

// Okabe–Ito: distinguishable with every common colour-vision deficiency. One per layer in the
// gradient-norm chart, one per class on the input plane.
export const LAYER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Layer l's colour (l counts from 1). */
export const layerColour = (l) => LAYER_COLOURS[(l - 1) % LAYER_COLOURS.length];
