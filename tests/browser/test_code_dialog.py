"""The Python button offers the requests snippet, and the standalone numpy and PyTorch scripts of
POST /api/v1/code; the numpy script, run here, prints /backprop's loss and gradients."""
import json
import math
import subprocess
import sys

from tests.browser.test_page import api, body_of, fragment_state, ready, wait_until


def test_the_python_button_gives_a_script_that_prints_the_apis_gradients(page, live_server, tmp_path):
    ready(page)
    page.select_option("#preset", "hand")
    wait_until(page, "document.querySelectorAll('.edge').length === 6")
    page.click("#copy-python")
    assert "requests.post(" in page.locator("#code-text").text_content()
    page.click("#code-numpy")
    wait_until(page, "document.querySelector('#code-text').textContent.includes('import numpy')")
    with page.expect_download() as dl:
        page.click("#code-download")
    path = tmp_path / "backprop_numpy.py"
    dl.value.save_as(path)
    out = json.loads(subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True, cwd=tmp_path).stdout)
    res = api(live_server, "/backprop", body_of(fragment_state(page)))
    assert math.isclose(out["C"], res["loss"], rel_tol=1e-12)
    for got, want in zip(sum(sum(out["dC_dW"], []), []), sum(sum(res["gradients"]["weights"], []), [])):
        assert math.isclose(got, want, rel_tol=1e-12)
    page.click("#code-pytorch")
    wait_until(page, "document.querySelector('#code-text').textContent.includes('import torch')")
    assert "backward()" in page.locator("#code-text").text_content()
    page.click("#code-requests")
    assert "requests.post(" in page.locator("#code-text").text_content()
    assert page.errors == []
