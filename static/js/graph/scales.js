// The colour scales: a diverging, colour-blind-safe scale centred at 0 with a symmetric domain
// (PuOr's ends, a neutral grey in the middle so that a zero edge is still seen on white),
// normalised over the network, per layer, or on a symmetric log; and the activation scale.
import * as d3 from "../../vendor/d3.js";

// PuOr: purple for negative, orange for positive. Safe for deuteranopia, protanopia and
// tritanopia (the two hues differ in lightness and on the blue–yellow axis).
const STOPS = [d3.interpolatePuOr(0.04), d3.interpolatePuOr(0.22), "#cfcac3", d3.interpolatePuOr(0.78), d3.interpolatePuOr(0.96)];
export const diverging = d3.piecewise(d3.interpolateLab, STOPS);

// A lookup table: a recolour of thousands of edges must not interpolate thousands of times.
const LUT_SIZE = 511;
const LUT = Array.from({ length: LUT_SIZE }, (_, k) => d3.color(diverging(k / (LUT_SIZE - 1))).formatHex());
export const lutIndex = (t) => Math.round(Math.min(1, Math.max(0, t)) * (LUT_SIZE - 1));
export const colourAt = (t) => LUT[lutIndex(t)];
// The same table as bytes, for a matrix's pixels: LUT_RGB[3k], [3k+1], [3k+2] are LUT[k]'s red, green, blue.
export const LUT_RGB = Uint8Array.from(LUT.flatMap((c) => {
  const { r, g, b } = d3.rgb(c);
  return [r, g, b];
}));
// How far a LUT colour lies from the neutral middle, 0..1: dense graphs draw strong colours last.
const STRENGTH = new Map(LUT.map((c, k) => [c, Math.abs((2 * k) / (LUT_SIZE - 1) - 1)]));
export const strength = (colour) => STRENGTH.get(colour) ?? 0;

/** max |v| over numbers, 0 when there are none. */
function largest(values) {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** max |v| over an array of numbers; 1 when they are all 0, so a domain is never empty. */
export const maxAbs = (values) => largest(values) || 1;

/** max |v| over a matrix's rows (W^l, ∂C/∂W^l), without copying them into one array; 0 when all are 0. */
export const largestIn = (rows) => rows.reduce((m, row) => Math.max(m, largest(row)), 0);

/** Where v falls in [0, 1] on a scale symmetric about 0 with domain [−m, m]; linear or symlog. */
export function position(v, m, symlog = false) {
  if (!symlog) return 0.5 + Math.max(-1, Math.min(1, v / m)) / 2;
  const c = m / 1000; // three decades of resolution below the largest value
  const f = (x) => Math.sign(x) * Math.log1p(Math.abs(x) / c);
  return 0.5 + Math.max(-1, Math.min(1, f(v) / f(m))) / 2;
}

/**
 * A colour model for values grouped by layer (valuesByLayer[l-1] holds layer l's values).
 * @param {"network"|"layer"|"symlog"} norm
 * @returns {{t(l, v): number, colour(l, v): string, legends: {label, l, m, symlog, ticks}[]}}
 */
export function colourModel(valuesByLayer, norm) {
  return colourModelOfMax(valuesByLayer.map((vs) => largest(vs)), norm);
}

/** The colour model from each layer's largest |value| (0 for an all-zero layer). */
export function colourModelOfMax(largestByLayer, norm) {
  const symlog = norm === "symlog";
  const perLayer = norm === "layer";
  const all = perLayer ? null : Math.max(0, ...largestByLayer) || 1;
  const ms = largestByLayer.map((m) => (perLayer ? m || 1 : all));
  const t = (l, v) => position(v, ms[l - 1], symlog);
  const ticksFor = (m) => (symlog ? [-m, -m / 100, 0, m / 100, m] : [-m, -m / 2, 0, m / 2, m]);
  const legends = perLayer
    ? ms.map((m, k) => ({ label: `layer ${k + 1}`, l: k + 1, m, symlog, ticks: ticksFor(m) }))
    : [{ label: "all layers", l: null, m: all, symlog, ticks: ticksFor(all) }];
  return { t, colour: (l, v) => colourAt(t(l, v)), legends, ms };
}

/**
 * Edge width by |W|: thinner when there are many edges, so a big network stays legible. Above
 * 2,000 edges at most 1 px: the canvas draws those as hairlines (alpha for width), several times
 * faster than wider strokes.
 */
export function widthScale(maxW, edgeCount) {
  const top = edgeCount > 2000 ? 1 : edgeCount > 300 ? 2.6 : edgeCount > 60 ? 4.5 : 7;
  return d3.scaleLinear().domain([0, maxW]).range([edgeCount > 2000 ? 0.25 : 0.6, top]).clamp(true);
}

/** Node fill by activation a, over [min(0, min a), max(1, max a)]. */
export function activationScale(values) {
  const lo = Math.min(0, d3.min(values) ?? 0);
  const hi = Math.max(1, d3.max(values) ?? 1);
  const interp = d3.interpolateLab("#f6f4f0", "#1f4e5f");
  const scale = d3.scaleLinear().domain([lo, hi]).range([0, 1]).clamp(true);
  const fill = (a) => interp(scale(a));
  fill.domain = [lo, hi];
  fill.interpolator = interp;
  fill.dark = (a) => scale(a) > 0.55; // text on the node turns white
  return fill;
}
