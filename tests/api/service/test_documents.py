"""service/documents.py: the derivation as markdown and LaTeX. Every piece of math in either, and every
part the page typesets on its own, parses with Temml; long formulas are set over aligned lines; and,
where a TeX installation exists, the LaTeX compiles without an overfull line."""
import re
import shutil
import subprocess

import numpy as np
import pytest

from app.api.schemas.derivation import DerivationRequest
from app.api.service.derivation import derivation
from app.api.service.documents import LINE_WIDTH, formula, latex, latex_text, markdown
from app.api.service.tex import width
from tests.api.derivations import PROBLEMS, random_problem

RANDOM = [random_problem(np.random.default_rng(seed)) for seed in range(40)]


def document(body: dict) -> dict:
    return derivation(DerivationRequest.model_validate(body))


def math_of_latex(text: str) -> list[str]:
    return re.findall(r"^\\\[ (.*) \\\]$", text, re.M) + re.findall(r"(?<!\\)\$([^$]+)\$", text)


def math_of_markdown(text: str) -> list[str]:
    blocks = re.findall(r"^\$\$ (.*) \$\$$", text, re.M)
    prose = [ln for ln in text.splitlines() if not ln.startswith("$$")]
    return blocks + [m for ln in prose for m in re.findall(r"\$([^$]+)\$", ln)]


def test_every_formula_parses_with_temml(temml_errors):
    sources = []
    for body in [*PROBLEMS.values(), *RANDOM]:
        doc = document(body)
        tex, md = latex(doc), markdown(doc)
        from_latex, from_markdown = math_of_latex(tex), math_of_markdown(md)
        lines = sum(len(sec["lines"]) for sec in doc["sections"])
        assert len(re.findall(r"^\\\[", tex, re.M)) == lines == len(re.findall(r"^\$\$", md, re.M))
        assert len(from_latex) == len(from_markdown) > lines  # the prose's inline math too
        # what the page typesets: each part on its own, and each result
        parts = [p for sec in doc["sections"] for ln in sec["lines"] for p in ln["parts"]]
        results = [ln["result"] for sec in doc["sections"] for ln in sec["lines"] if ln["result"]]
        sources += from_latex + from_markdown + parts + results
    sources = list(dict.fromkeys(sources))
    assert len(sources) > 5000
    assert temml_errors(sources) == []


def test_temml_does_report_an_error(temml_errors):
    assert [tex for tex, _ in temml_errors(["\\frac{1}{", "a + b", "\\begin{pmatrix}1 & 2"])] == [
        "\\frac{1}{", "\\begin{pmatrix}1 & 2"]


def test_a_long_formula_is_set_over_aligned_lines():
    doc = document(PROBLEMS["a layer of 12"])
    z = next(ln for sec in doc["sections"] for ln in sec["lines"] if ln["tex"].startswith("z_{0}^{2}"))
    assert width(z["tex"]) > LINE_WIDTH
    tex = formula(z)
    assert tex.startswith("\\begin{aligned}z_{0}^{2} &= \\sum_j") and tex.endswith(f"&= {z['result']}\\end{{aligned}}")
    rows = tex.removeprefix("\\begin{aligned}").removesuffix("\\end{aligned}").split(" \\\\ ")
    lhs = width(z["parts"][0])  # the lines after the first start after it
    assert width(rows[0]) <= LINE_WIDTH and all(lhs + width(row) <= LINE_WIDTH for row in rows[1:])
    assert [row.startswith("&\\quad +") for row in rows[2:-1]] == [True] * (len(rows) - 3)  # the sum goes on, indented
    short = next(ln for sec in doc["sections"] for ln in sec["lines"] if ln["tex"].startswith("\\sigma'(z_{0}^{2})"))
    assert formula(short) == f"{short['tex']} = {short['result']}"


def test_prose_is_escaped_for_latex_and_its_math_kept():
    assert latex_text("a_b & 50% of $x_{(1)}^2$ #1 {x}") == "a\\_b \\& 50\\% of $x_{(1)}^2$ \\#1 \\{x\\}"


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed (texlive-latex-base)")
@pytest.mark.parametrize("name", ["hand", "softmax, cross-entropy, batch of 3", "a layer of 12", "one layer, 7 by 8", "random"])
def test_the_latex_compiles_without_an_overfull_line(tmp_path, name):
    body = RANDOM[3] if name == "random" else PROBLEMS[name]
    (tmp_path / "d.tex").write_text(latex(document(body)))
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "d.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    log = (tmp_path / "d.log").read_text(errors="replace")
    assert done.returncode == 0, log[-2000:]
    assert "Overfull \\hbox" not in log
