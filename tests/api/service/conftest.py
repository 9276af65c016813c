"""Temml in node, to check that generated TeX parses: static/vendor/temml.js, as the page loads it."""
import json
import os
import shutil
import subprocess

import pytest

from app.settings import ROOT

TEMML = ROOT / "static/vendor/temml.js"
PARSE_ALL = """
import temml from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const failed = [];
for (const tex of JSON.parse(input)) {
  try { temml.renderToString(tex, { displayMode: true, throwOnError: true }); }
  catch (e) { failed.push([tex, String(e.message)]); }
}
process.stdout.write(JSON.stringify(failed));
"""


@pytest.fixture(scope="session")
def temml_errors():
    """temml_errors(list of TeX) -> [(tex, Temml's error)] for those that do not parse, in one node process."""
    node = shutil.which("node")
    if node is None or not TEMML.exists():
        missing = "node" if node is None else f"{TEMML.relative_to(ROOT)} (run `make assets`)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} is missing, and CI=true: the TeX must be checked")
        pytest.skip(f"{missing} is missing: the TeX is not checked with Temml")

    def parse(sources: list[str]) -> list[tuple[str, str]]:
        script = PARSE_ALL % json.dumps(TEMML.as_uri())
        done = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(sources),
                              capture_output=True, text=True, check=True, timeout=120)
        return [tuple(pair) for pair in json.loads(done.stdout)]

    return parse
