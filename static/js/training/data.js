// Training data split into training and test samples, seeded.
// Pure: no DOM, no d3, so node --test imports it as the browser does.
import { rng } from "../lib/rng.js";

/**
 * Split samples into train and test: a seeded shuffle, the last ⌊f·N⌋ held out.
 * The same (data, fraction, seed) always gives the same split.
 */
export function split(input, target, fraction, seed) {
  const n = input.length;
  const order = Array.from({ length: n }, (_, k) => k);
  const random = rng(seed * 7919 + 17);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  const nTest = Math.min(n - 1, Math.floor(fraction * n));
  const pick = (idx) => ({ input: idx.map((k) => input[k]), target: idx.map((k) => target[k]) });
  return { train: pick(order.slice(0, n - nTest)), test: pick(order.slice(n - nTest)) };
}
