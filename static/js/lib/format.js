// Numbers for people: a few significant digits, a true minus sign, exponents only when needed.

export function fmt(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  let s;
  if (a >= 1e-3 && a < 1e5) {
    s = String(Number(v.toPrecision(digits)));
  } else {
    const [m, e] = v.toExponential(digits - 1).split("e");
    s = `${String(Number(m))}e${Number(e)}`;
  }
  return s.replace("-", "−");
}

/** The same number for TeX: scientific form as m·10^{e}. */
export function texNum(v, digits = 4) {
  const s = fmt(v, digits).replace("−", "-");
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  return m ? `${m[1]}\\cdot 10^{${m[2]}}` : s;
}

/** A factor in a product: negatives in parentheses. */
export const texFactor = (v, digits = 4) => (v < 0 ? `(${texNum(v, digits)})` : texNum(v, digits));
