"""The worksheet (/worksheet) in Debian's chromium: the learner's version has a box for every result and
no answer anywhere in the page; the key's numbers are /backprop's; printed on A4, no formula runs
past the edge; a network the API refuses shows its sentence. Screenshots in screenshots/worksheet-*.png."""
import json
import subprocess
import urllib.request

import numpy as np
import pytest

from bench.support import ROOT, fragment

SHOTS = ROOT / "screenshots"
A4_TEXT_WIDTH = 688  # px: 210 mm less the 14 mm margins of worksheet.css's @page, at 96 px per inch

HAND = {
    "network": {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
                "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], "biases": [[0.35, 0.35], [0.6]]},
    "input": [[0.05, 0.1]], "target": [[0.01]], "loss": "mse",
}
# 49 weights and biases, a layer of 12 (its weights' indices take a comma), a batch of 3
WIDE = {
    "network": {"layers": [{"size": 2}, {"size": 12, "activation": "tanh"}, {"size": 1, "activation": "sigmoid"}], "seed": 1},
    "input": [[0.5, -1], [2, 0.25], [-1.5, 1]], "target": [[1], [0], [1]], "loss": "binary_cross_entropy",
}


@pytest.fixture(scope="module", autouse=True)
def worksheet_bundle():
    """static/vendor/worksheet.js built from the current static/js (live_server checks app.js only)."""
    bundle = ROOT / "static/vendor/worksheet.js"
    sources = list((ROOT / "static/js").rglob("*.js"))
    if not bundle.exists() or max(p.stat().st_mtime for p in sources) > bundle.stat().st_mtime:
        if not (ROOT / "node_modules/.bin/esbuild").exists():
            pytest.fail("static/vendor/worksheet.js is missing or stale: run `make assets`")
        subprocess.run([str(ROOT / "scripts/build-assets.sh")], check=True)


def backprop(base: str, state: dict) -> dict:
    body = {k: state[k] for k in ("network", "input", "target", "loss")}
    req = urllib.request.Request(base + "/api/v1/backprop", data=json.dumps({**body, "jacobians": True}).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def expected(key: dict, bp: dict):
    """/backprop's number for a line's key (schemas/derivation.py's LineKey)."""
    q, l, scale = key["quantity"], key.get("layer"), key.get("scale", 1)
    i, j, k = key.get("i"), key.get("j"), key.get("sample")
    if q == "C":
        return bp["loss"]
    if q == "jacobians":
        J = bp["jacobians"][l][k]
        return J if i is None else J[i][j]
    if q in ("dC_dW", "dC_db"):
        if k is None:
            return bp["gradients"]["weights"][l - 1][i][j] if q == "dC_dW" else bp["gradients"]["biases"][l - 1][i]
        share = scale * bp["layers"][l]["dC_dz"][k][i]
        return share * bp["layers"][l - 1]["a"][k][j] if q == "dC_dW" else share
    return scale * bp["layers"][l][q][k][i]


def open_sheet(page, state: dict, key: bool = False):
    page.goto("/worksheet" + ("?key=1" if key else "") + fragment(state))
    page.wait_for_selector("body[data-ready]")


def overflowing(page) -> list[str]:
    """Formulas (and their parts) whose right edge is past the sheet's content box."""
    return page.evaluate("""() => {
      const sheet = document.getElementById('sheet');
      const box = sheet.getBoundingClientRect();
      const right = box.right - parseFloat(getComputedStyle(sheet).paddingRight) + 1;
      const wide = [...sheet.querySelectorAll('math, .line, .blank-matrix')]
        .filter((m) => m.getBoundingClientRect().right > right || m.scrollWidth > m.clientWidth + 1 && !m.matches('math'));
      return wide.map((m) => (m.closest('.line') || m).textContent.slice(0, 80));
    }""")


def test_the_learners_version_has_a_box_for_every_result_and_no_answer(page, live_server):
    open_sheet(page, HAND)
    asked = page.locator(".line.asked")
    assert asked.count() == 28  # z, a: 6; C; ∂C/∂a, σ', ∂C/∂z: 9; 9 weights and biases; 3 Jacobians
    assert page.locator(".line.asked > .tail > :is(.blank, .blank-matrix)").count() == 28
    assert page.eval_on_selector_all(".blank", "bs => bs.every((b) => b.textContent === '' && !b.children.length)")
    assert page.locator("[data-value], .result").count() == 0
    text = page.inner_text("#sheet")
    for answer in ("0.3775", "0.59327", "0.751365", "0.549622", "1.48273", "0.186816", "0.0267358", "0.165335", "0.0747262"):
        assert answer not in text, answer
    assert "0.15" in text and "0.05" in text  # the given numbers are there
    assert page.locator("#sheet math merror, #sheet .temml-error").count() == 0
    assert page.errors == []


@pytest.mark.parametrize("state", [HAND, WIDE], ids=["hand", "2-12-1, batch of 3"])
def test_the_keys_numbers_are_backprops(page, live_server, state):
    open_sheet(page, state, key=True)
    results = page.eval_on_selector_all(".result", "rs => rs.map((r) => [r.dataset.key || null, r.dataset.value])")
    assert len(results) == page.locator(".line.asked").count() > 0
    assert page.locator(".blank").count() == 0
    bp = backprop(live_server, state)
    keyed = [(json.loads(k), json.loads(v)) for k, v in results if k]
    assert len(keyed) > 0.9 * len(results)
    for key, value in keyed:
        np.testing.assert_allclose(value, expected(key, bp), rtol=1e-12, atol=0, err_msg=str(key))
    if state is HAND:
        assert page.eval_on_selector_all(".result", "rs => rs.map((r) => r.textContent)")[:2] == ["0.3775", "0.3925"]
    assert page.errors == []


@pytest.mark.parametrize("state,name", [(HAND, "hand"), (WIDE, "wide")])
@pytest.mark.parametrize("key", [False, True], ids=["learner", "key"])
def test_printed_on_a4_no_formula_runs_past_the_edge(browser, live_server, state, name, key):
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000}, base_url=live_server)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_sheet(page, state, key)
        page.emulate_media(media="print")
        assert page.locator(".toolbar").is_hidden()
        assert overflowing(page) == []
        SHOTS.mkdir(exist_ok=True)
        version = "key" if key else "learner"
        page.screenshot(path=str(SHOTS / f"worksheet-{name}-{version}-print.png"), full_page=True)
        page.pdf(path=str(SHOTS / f"worksheet-{name}-{version}.pdf"), prefer_css_page_size=True)
        assert errors == []
    finally:
        context.close()


def test_on_screen_with_its_buttons(page, live_server):
    open_sheet(page, WIDE)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "worksheet-screen.png"))
    assert overflowing(page) == []
    page.click("text=Answer key")  # the same derivation, its key: no second request needed
    page.wait_for_selector(".result")
    assert "?key=1" in page.url and page.locator(".blank").count() == 0
    assert page.get_attribute("button.toggle", "aria-pressed") == "true"
    page.click("text=Learner's version")
    page.wait_for_selector(".blank")
    assert "?key=1" not in page.url and page.url.endswith(fragment(WIDE))
    assert page.get_attribute("a.back", "href") == "/" + fragment(WIDE)
    assert page.errors == []


@pytest.mark.parametrize("fmt,start", [("Markdown", "# Backpropagation by hand: a 2-2-1 network"), ("LaTeX", "\\documentclass")])
def test_the_downloads(page, live_server, fmt, start):
    open_sheet(page, HAND)
    with page.expect_download() as caught:
        page.click(f"text={fmt}")
    download = caught.value
    assert download.suggested_filename == f"derivation-2-2-1.{'md' if fmt == 'Markdown' else 'tex'}"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith(start) and "0.549622" in text
    assert page.errors == []


def test_a_network_over_the_limit_shows_the_apis_sentence(page, live_server):
    big = {**HAND, "network": {"layers": [{"size": 10}, {"size": 10}, {"size": 1}], "seed": 0}, "input": [[0] * 10]}
    open_sheet(page, big)
    assert page.inner_text(".error p") == (
        "the number of weights and biases to write out is 121, over the limit of 64 (BACKPROP_MAX_DERIVATION_PARAMETERS)")
    assert page.locator("h1").first.inner_text() == "This worksheet cannot be made"
    assert len(page.errors) == 1 and "status of 422" in page.errors[0]  # chromium logs the refused request


def test_a_broken_link_says_so(page, live_server):
    page.goto("/worksheet#s=bm90IGpzb24")  # "not json"
    page.wait_for_selector("body[data-ready]")
    assert page.inner_text(".error p").startswith("This link does not hold a network:")
    assert page.locator(".toolbar button:disabled").count() == 4
    assert page.errors == []
