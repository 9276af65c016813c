// Numbers and indices for people, one format everywhere (cards, tooltips, axes, exports): a few
// significant digits, a true minus sign, and where an exponent is needed m·10⁻⁶ (in TeX m\cdot 10^{-6}).
// A weight's indices run together, W_01, while both of its layers have fewer than ten nodes, and take
// a comma, W_29,24, once either has ten or more (as app/engine/notation.py writes them).

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** {mantissa, exponent}: the number to `digits` significant digits; exponent null when none is needed. */
function parts(v, digits) {
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return { mantissa: String(Number(v.toPrecision(digits))), exponent: null };
  const [m, e] = v.toExponential(digits - 1).split("e");
  return { mantissa: String(Number(m)), exponent: Number(e) };
}

const SUBSCRIPT = { 0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉" };

/** Plain text's x0, y12 with subscript indices, as the page writes them: x₀, y₁₂. */
export const subscriptIndices = (text) => text.replace(/([xy])(\d+)/g, (_, v, d) => v + d.replace(/\d/g, (c) => SUBSCRIPT[c]));

/** An integer in superscript digits, as in W² or 10⁻⁶. */
export const superscript = (n) => String(n).replace(/[-\d]/g, (c) => SUPERSCRIPT[c]);

/** An index in subscript digits, as in x₁ (counting from 0). */
export const subscript = (n) => String(n).replace(/\d/g, (c) => "₀₁₂₃₄₅₆₇₈₉"[c]);

export function fmt(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (v === 0) return "0";
  const { mantissa, exponent } = parts(v, digits);
  const e = exponent === null ? "" : `·10${superscript(exponent)}`;
  return (mantissa + e).replace("-", "−");
}

/** The same number for TeX: m\cdot 10^{e}. */
export function texNum(v, digits = 4) {
  if (v === 0) return "0";
  const { mantissa, exponent } = parts(v, digits);
  return exponent === null ? mantissa : `${mantissa}\\cdot 10^{${exponent}}`;
}

/** A factor in a product: negatives in parentheses. */
export const texFactor = (v, digits = 4) => (v < 0 ? `(${texNum(v, digits)})` : texNum(v, digits));

/** The digits a card or a tooltip shows a quantity with. */
export const DIGITS = 6;

export const WIDE = 10;

/** Whether W^l's indices take a comma: layer l or l-1 has ten or more nodes. */
export const isWide = (sizes, l) => Math.max(sizes[l], sizes[l - 1]) >= WIDE;

/** The indices i, j of a weight: "01", or "29,24" when wide. */
export const pair = (i, j, wide) => (wide ? `${i},${j}` : `${i}${j}`);

/** Tick labels for the ticks of a d3 scale: as many significant digits as tell its ticks apart (3 at least). */
export const tickFormat = (scale, count) => ticksFormat(scale.ticks(count));

/**
 * A format for these tick values: the fewest significant digits (3 at least, 15 at most) that write
 * each one as itself (to a thousandth of the step between neighbours), so that neighbours never read
 * the same (0.346, 0.346, 0.346 for ticks 2·10⁻⁹ apart) and 12500 is not written 13000.
 */
export function ticksFormat(values, least = 3) {
  const finite = values.filter(Number.isFinite);
  const steps = finite.slice(1).map((v, k) => Math.abs(v - finite[k])).filter((d) => d > 0);
  const step = steps.length ? Math.min(...steps) : Math.abs(finite[0] ?? 1) || 1;
  const exact = (d) => finite.every((v) => Math.abs(Number(v.toPrecision(d)) - v) <= step * 1e-3);
  let digits = least;
  while (digits < 15 && !exact(digits)) digits++;
  return (v) => fmt(v, digits);
}
