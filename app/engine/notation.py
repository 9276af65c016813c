"""The notation's names, written the same way everywhere (the API's strings, hints, documents).

A weight's two indices are run together while both of its layers have fewer than ten nodes
(W_01^2: node 1 of layer 1 to node 0 of layer 2), and separated by a comma once either has ten or
more (W_29,24^3), so that W_1,10 and W_11,0 never read alike. The page writes them by the same
rule (static/js/lib/format.js).
"""
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

WIDE = 10  # a layer this wide, or wider, takes a comma between a weight's indices


def pair(i: int, j: int, n_rows: int, n_cols: int) -> str:
    """The indices of W_ij in a matrix of n_rows × n_cols: "01", or "29,24" when either side is wide."""
    return f"{i},{j}" if max(n_rows, n_cols) >= WIDE else f"{i}{j}"


def weight(i: int, j: int, l: int, sizes: list[int]) -> str:
    """W_ij^l as text, e.g. W_01^2 or W_29,24^3."""
    return f"W_{pair(i, j, sizes[l], sizes[l - 1])}^{l}"


def bias(i: int, l: int) -> str:
    return f"b_{i}^{l}"


def parameter(l: int, i: int, j: int | None, sizes: list[int]) -> str:
    """A weight W_ij^l, or the bias b_i^l when j is None."""
    return weight(i, j, l, sizes) if j is not None else bias(i, l)


def tex_weight(i: int | str, j: int | str, l: int | str, wide: bool) -> str:
    """W_{ij}^{l} for TeX; W_{i,j}^{l} when `wide`."""
    return f"W_{{{i},{j}}}^{{{l}}}" if wide else f"W_{{{i}{j}}}^{{{l}}}"


def is_wide(sizes: list[int], l: int) -> bool:
    """Whether W^l's indices take a comma."""
    return max(sizes[l], sizes[l - 1]) >= WIDE


# Numbers, written as static/js/lib/format.js writes them (fmt, texNum, texFactor): a few
# significant digits, positional between 1e-3 and 1e5, else m·10^e; rounded half away from zero,
# as JavaScript's toPrecision does, so the page and the documents show the same digits.

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _parts(v: float, digits: int) -> tuple[str, int | None]:
    """(mantissa, exponent) of v to `digits` significant digits; exponent None when none is needed."""
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        mantissa, exponent = format(Decimal(v), f".{digits - 1}e").split("e")
    if 1e-3 <= abs(v) < 1e5:
        return _shortest(float(f"{mantissa}e{exponent}")), None
    return _shortest(float(mantissa)), int(exponent)


def _shortest(x: float) -> str:
    """JavaScript's String(x) for a float Python writes positionally: no trailing ".0"."""
    s = repr(x)
    return s[:-2] if s.endswith(".0") else s


def fmt(v: float, digits: int = 4) -> str:
    """v to `digits` significant digits, with a true minus sign: "0.304", "−1.312", "1.5·10⁻⁷"."""
    if v is None or math.isnan(v):
        return "—"
    if v == 0:
        return "0"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    mantissa, exponent = _parts(v, digits)
    e = "" if exponent is None else "·10" + str(exponent).translate(SUPERSCRIPT)
    return (mantissa + e).replace("-", "−", 1)


def tex_num(v: float, digits: int = 4) -> str:
    """The same number for TeX: m\\cdot 10^{e} where an exponent is needed, e.g. -9.15568\\cdot 10^{-6}."""
    if v == 0:
        return "0"
    if math.isinf(v):
        return "\\infty" if v > 0 else "-\\infty"
    mantissa, exponent = _parts(v, digits)
    return mantissa if exponent is None else f"{mantissa}\\cdot 10^{{{exponent}}}"


def tex_factor(v: float, digits: int = 4) -> str:
    """A factor in a product: negatives in parentheses."""
    return f"({tex_num(v, digits)})" if v < 0 else tex_num(v, digits)
