"""The derivation's symbols and numbers in TeX, and how wide a formula prints.

Numbers have 6 significant digits (notation.tex_num, as the page's texNum); weights' indices follow
notation.tex_weight's rule. `width` estimates a formula's printed width in digit widths, so that
documents can break a long formula over lines and write a wide matrix entry by entry.
"""
import re
from functools import lru_cache

from app.engine.notation import tex_factor, tex_num

DIGITS = 6


def num(v: float) -> str:
    return tex_num(v, DIGITS)


def fac(v: float) -> str:
    """A factor in a product: negatives in parentheses."""
    return tex_factor(v, DIGITS)


def arg(v: float) -> str:
    """A number raised to a power or under a function: parentheses when negative or in m·10^e form."""
    n = num(v)
    return f"({n})" if v < 0 or "\\cdot" in n else n


def a(i, l) -> str:
    return f"a_{{{i}}}^{{{l}}}"


def z(i, l) -> str:
    return f"z_{{{i}}}^{{{l}}}"


def b(i, l) -> str:
    return f"b_{{{i}}}^{{{l}}}"


def y(i) -> str:
    return f"y_{{{i}}}"


def sp(i, l) -> str:
    """σ'(z_i^l)."""
    return f"\\sigma'({z(i, l)})"


def d(num_: str, den: str) -> str:
    """∂num/∂den."""
    return f"\\frac{{\\partial {num_}}}{{\\partial {den}}}"


def ds(num_: str, den: str) -> str:
    """∂num/∂den with a slash, for prose (an inline fraction prints too small)."""
    return f"\\partial {num_}/\\partial {den}"


def cost(k: int | None) -> str:
    """The cost a line differentiates: C, or C_(k) for sample k (counted from 1 on the page) of a batch."""
    return "C" if k is None else f"C_{{({k + 1})}}"


def matrix(rows: list[list[float]]) -> str:
    return "\\begin{pmatrix}" + " \\\\ ".join(" & ".join(num(v) for v in r) for r in rows) + "\\end{pmatrix}"


def row_vector(values: list[float]) -> str:
    """A column vector written as a transposed row: (…)^⊤."""
    return matrix([values]) + "^{\\top}"


# ---- width: digits count 1, operators with their spacing 2, scripts 0.7 of their content ----

WIDTHS = {"cdot": 1, "quad": 2, "qquad": 4, ";": 0.4, ",": 0.2, "!": 0, "sum": 2, "ln": 2, "tanh": 4.5, "max": 3,
          "sigma": 1, "partial": 1, "top": 1, "big": 0, "Big": 0, "bigl": 0, "bigr": 0, "left": 0, "right": 0, "le": 2}
_TOKEN = re.compile(r"\\([a-zA-Z]+|.)|([{}^_&])|\s|(.)")


@lru_cache(maxsize=16384)  # a document measures each part again for each of its lines and formats
def width(tex: str) -> float:
    """The printed width of `tex` in digit widths, roughly (an over-estimate rather than under)."""
    return _width(_parse(tex))


def _parse(tex: str) -> list:
    """TeX as nested lists: groups {…} become lists; commands stay "\\name"; other tokens as they are."""
    stack: list[list] = [[]]
    for cmd, special, char in _TOKEN.findall(tex):
        if special == "{":
            stack.append([])
        elif special == "}":
            group = stack.pop()
            stack[-1].append(group)
        elif cmd:
            stack[-1].append("\\" + cmd)
        elif special:
            stack[-1].append(special)
        elif char:
            stack[-1].append(char)
    while len(stack) > 1:  # unbalanced: close what is open
        group = stack.pop()
        stack[-1].append(group)
    return stack[0]


def _width(items: list) -> float:
    total, k = 0.0, 0
    while k < len(items):
        t = items[k]
        k += 1
        if isinstance(t, list):
            total += _width(t)
        elif t in ("^", "_"):
            if k < len(items):
                total += 0.7 * _width(items[k] if isinstance(items[k], list) else [items[k]])
                k += 1
        elif t == "\\frac" and k + 1 < len(items):
            total += max(_width(_group(items[k])), _width(_group(items[k + 1]))) + 0.4
            k += 2
        elif t == "\\begin" and k < len(items) and items[k] == ["p", "m", "a", "t", "r", "i", "x"]:
            end = next(e for e in range(k, len(items)) if items[e] == "\\end")
            total += _matrix_width(items[k + 1 : end]) + 2
            k = end + 2
        elif t in ("\\text", "\\operatorname") and k < len(items):
            total += len(_flat(_group(items[k]))) * 0.9
            k += 1
        elif t.startswith("\\"):
            total += WIDTHS.get(t[1:], 1)
        elif t in "+-=<>":
            total += 2
        elif t in "()[],.'|":
            total += 0.5
        elif t in "&":
            total += 0
        else:
            total += 1
    return total


def _matrix_width(body: list) -> float:
    rows, cell, row = [], [], []
    for t in body + ["\\\\"]:
        if t == "&" or t == "\\\\":
            row.append(_width(cell))
            cell = []
            if t == "\\\\":
                rows.append(row)
                row = []
        else:
            cell.append(t)
    return max(sum(r) + 2 * (len(r) - 1) for r in rows)


def _group(t) -> list:
    return t if isinstance(t, list) else [t]


def _flat(items: list) -> str:
    return "".join(_flat(t) if isinstance(t, list) else t for t in items)
