"""The derivation's structure (derivation.py) as a document: markdown with $$ … $$ display math, or
a LaTeX article with \\[ … \\]. A formula wider than a line is set over aligned lines, cut where its
parts allow: a new step (=) starts a line, and a long sum goes on after an indent."""
import re

from ..schemas.derivation import DerivationResponse, Line
from .tex import width

LINE_WIDTH = 64  # digit widths on a line: an A4 page's text width in 10-11 pt math, with room to spare


def formula(ln: Line) -> str:
    """The line's TeX, its result included, over aligned lines when it is too wide for one."""
    parts = ln["parts"] + ([f"= {ln['result']}"] if ln["result"] is not None else [])
    widths = [width(p) for p in parts]  # a formula's width is its parts' sum: each part is whole TeX
    if sum(widths) <= LINE_WIDTH:
        return " ".join(parts)
    relation = len(parts) > 1 and parts[1].startswith("=")
    first = 2 if relation else 1
    # lines after the first start where the first's "=" is; a sum going on is indented by a \quad (2)
    rows, room = [parts[:first]], LINE_WIDTH - sum(widths[:first])
    indent = widths[0] if relation else 0
    for p, w in zip(parts[first:], widths[first:]):
        if p.startswith("=") or w > room:
            rows.append([p])
            room = LINE_WIDTH - indent - w - (0 if p.startswith("=") or not relation else 2)
        else:
            rows[-1].append(p)
            room -= w
    out = []
    for r, row in enumerate(rows):
        text = " ".join(row)
        if r == 0:
            out.append(f"{row[0]} &{' '.join(row[1:])}" if relation else f"&{text}")
        elif text.startswith("=") or not relation:
            out.append(f"&{text}")
        else:
            out.append(f"&\\quad {text}")
    return "\\begin{aligned}" + " \\\\ ".join(out) + "\\end{aligned}"


def markdown(doc: DerivationResponse) -> str:
    out = [f"# {doc['title']}", ""]
    for sec in doc["sections"]:
        out += [f"## {sec['title']}", "", sec["text"], ""]
        for ln in sec["lines"]:
            out += [f"$$ {formula(ln)} $$", ""]
    return "\n".join(out)


PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath}
\setcounter{MaxMatrixCols}{20}
\setlength{\parindent}{0pt}
\allowdisplaybreaks
"""

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
            "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "$": r"\$"}


def latex_text(text: str) -> str:
    """Prose for LaTeX: its $…$ math kept, every other special character escaped."""
    pieces = re.split(r"(\$[^$]*\$)", text)
    return "".join(p if p.startswith("$") and p.endswith("$") and len(p) > 1
                   else "".join(_SPECIAL.get(c, c) for c in p) for p in pieces)


def latex(doc: DerivationResponse) -> str:
    out = [PREAMBLE, f"\\title{{{latex_text(doc['title'])}}}", "\\date{}", "", "\\begin{document}", "\\maketitle", ""]
    for sec in doc["sections"]:
        out += [f"\\section*{{{latex_text(sec['title'])}}}", latex_text(sec["text"]), ""]
        for ln in sec["lines"]:
            out += [f"\\[ {formula(ln)} \\]"]
        out.append("")
    out.append("\\end{document}")
    return "\n".join(out) + "\n"
