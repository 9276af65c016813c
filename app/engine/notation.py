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


def fmt(v: float, digits: int = 4) -> str:
    """v to `digits` significant digits, with a true minus sign: "0.304", "−1.312", "1.5e−7"."""
    if v is None or math.isnan(v):
        return "—"
    if v == 0:
        return "0"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        mantissa, exponent = format(Decimal(v), f".{digits - 1}e").split("e")
    if 1e-3 <= abs(v) < 1e5:
        s = _shortest(float(f"{mantissa}e{exponent}"))
    else:
        s = f"{_shortest(float(mantissa))}e{int(exponent)}"
    return s.replace("-", "−", 1)


def _shortest(x: float) -> str:
    """JavaScript's String(x) for a float Python writes positionally: no trailing ".0"."""
    s = repr(x)
    return s[:-2] if s.endswith(".0") else s


def tex_num(v: float, digits: int = 4) -> str:
    """The same number for TeX: scientific form as m·10^{e}, e.g. -9.15568\\cdot 10^{-6}."""
    s = fmt(v, digits).replace("−", "-")
    mantissa, e, exponent = s.partition("e")
    return f"{mantissa}\\cdot 10^{{{exponent}}}" if e else s


def tex_factor(v: float, digits: int = 4) -> str:
    """A factor in a product: negatives in parentheses."""
    return f"({tex_num(v, digits)})" if v < 0 else tex_num(v, digits)
