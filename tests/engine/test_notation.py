"""engine/notation.py's numbers: the same digits as the page's static/js/lib/format.js, checked in node."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from app.engine.notation import fmt, tex_factor, tex_num
from app.settings import ROOT

FORMAT_JS = ROOT / "static/js/lib/format.js"


def test_numbers_for_people():  # format.test.js's cases
    assert fmt(0.30400612, 4) == "0.304"
    assert fmt(-1.312476, 4) == "−1.312"
    assert fmt(0) == "0" and fmt(-0.0) == "0"
    assert fmt(1.5e-7, 3) == "1.5·10⁻⁷" and fmt(123456, 3) == "1.23·10⁵"
    assert tex_num(-1.5e-7, 3) == "-1.5\\cdot 10^{-7}"
    assert tex_factor(-2) == "(-2)" and tex_factor(2) == "2"
    assert tex_num(-9.155681e-6, 6) == "-9.15568\\cdot 10^{-6}"
    assert [fmt(v, 6) for v in (100.0, 0.001, 123456.5, 2.5e-3)] == ["100", "0.001", "1.23457·10⁵", "0.0025"]


def values() -> list[float]:
    rng = np.random.default_rng(0)
    random = rng.normal(size=3000) * 10.0 ** rng.uniform(-12, 12, size=3000)
    edges = [1e-3, 9.99999e-4, 9.999995e-4, 99999.95, 99999.96, 1e5, 123456.5, 0.1234565, 1.25, 0.5, 2.675, 1e21, 5e-324,
             1.7976931348623157e308, 0.3775, 0.751365, 1.000005]
    return [*edges, *(-v for v in edges), *random.tolist()]


def test_the_same_digits_as_the_page(tmp_path):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is missing, and CI=true")
        pytest.skip("node is missing: the page's format.js is not compared")
    vs = values()
    script = (f"import {{ fmt, texNum, texFactor }} from {json.dumps(FORMAT_JS.as_uri())};\n"
              f"const vs = {json.dumps(vs)};\n"
              "process.stdout.write(JSON.stringify(vs.flatMap((v) => [4, 6].map((d) => [fmt(v, d), texNum(v, d), texFactor(v, d)]))));")
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True, timeout=60)
    page = json.loads(done.stdout)
    ours = [[fmt(v, d), tex_num(v, d), tex_factor(v, d)] for v in vs for d in (4, 6)]
    assert [(v, o) for v, o, p in zip([v for v in vs for _ in (4, 6)], ours, page) if o != p] == []
