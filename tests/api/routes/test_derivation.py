"""POST /derivation over HTTP: every number of the document is /backprop's, in each format; the limits."""
import re

import numpy as np
import pytest

from tests.api.derivations import PROBLEMS
from tests.api.examples import BODY, post

PATH = "/api/v1/derivation"


def expected(key: dict, bp: dict):
    """The number /backprop answers for a line's key (see LineKey)."""
    q, l, scale = key["quantity"], key.get("layer"), key.get("scale", 1)
    i, j, k = key.get("i"), key.get("j"), key.get("sample")
    layers = bp["layers"]
    if q == "C":
        return bp["loss"]
    if q == "jacobians":
        J = bp["jacobians"][l][k]
        return J if i is None else J[i][j]
    if q in ("dC_dW", "dC_db"):
        if k is None:
            return bp["gradients"]["weights"][l - 1][i][j] if q == "dC_dW" else bp["gradients"]["biases"][l - 1][i]
        share = scale * layers[l]["dC_dz"][k][i]  # the sample's share of the sum
        return share * layers[l - 1]["a"][k][j] if q == "dC_dW" else share
    return scale * layers[l][q][k][i]


def keyed_lines(doc: dict) -> list[dict]:
    return [ln for sec in doc["sections"] for ln in sec["lines"] if ln["key"] is not None]


@pytest.mark.parametrize("name", PROBLEMS)
def test_every_number_is_backprops(client, name):
    body = PROBLEMS[name]
    r, doc = post(client, PATH, {**body, "format": "json"})
    assert r.status_code == 200, r.text
    _, bp = post(client, "/api/v1/backprop", {**body, "jacobians": True})
    lines = keyed_lines(doc)
    for ln in lines:
        np.testing.assert_allclose(ln["value"], expected(ln["key"], bp), rtol=1e-12, atol=0, err_msg=str(ln))
    # every z, a, dC_dW, dC_db and C is there, and a Jacobian for every layer
    sizes = [layer["size"] for layer in bp["network"]["layers"]]
    B, L = len(bp["layers"][0]["a"]), len(sizes) - 1
    seen = {(ln["key"]["quantity"], ln["key"].get("layer"), ln["key"].get("i"), ln["key"].get("j"), ln["key"].get("sample"))
            for ln in lines}
    for l in range(1, L + 1):
        for i in range(sizes[l]):
            for k in range(B):
                assert {("z", l, i, None, k), ("a", l, i, None, k), ("dC_dz", l, i, None, k)} <= seen
            assert ("dC_db", l, i, None, None) in seen
            assert all(("dC_dW", l, i, j, None) in seen for j in range(sizes[l - 1]))
    assert ("C", None, None, None, None) in seen
    assert {q[1] for q in seen if q[0] == "jacobians"} == set(range(L + 1))


@pytest.mark.parametrize("name", ["hand", "relu, batch of 3", "softmax, mse", "a layer of 12"])
def test_the_documents_show_each_result_as_the_json_formats_it(client, name):
    body = PROBLEMS[name]
    _, doc = post(client, PATH, {**body, "format": "json"})
    md = client.post(PATH, json=body).text  # markdown is the default
    tex = client.post(PATH, json={**body, "format": "latex"}).text
    results = [ln["result"] for sec in doc["sections"] for ln in sec["lines"] if ln["result"] is not None]
    blocks = re.findall(r"^\$\$ (.*) \$\$$", md, re.M)
    displays = re.findall(r"^\\\[ (.*) \\\]$", tex, re.M)
    assert len(blocks) == len(displays) == sum(len(sec["lines"]) for sec in doc["sections"])
    shown = iter(zip(blocks, displays))
    for sec in doc["sections"]:
        assert f"## {sec['title']}" in md and f"\\section*{{{sec['title']}}}" in tex
        for ln in sec["lines"]:
            block, display = next(shown)
            assert block == display
            if ln["result"] is not None:  # the last step of the formula, whether on one line or aligned
                assert block.removesuffix("\\end{aligned}").endswith(f"= {ln['result']}"), block
    assert {"0.3775", "0.751365", "0.549622"} <= set(results) or name != "hand"


def test_the_formats_and_their_media_types(client):
    md = client.post(PATH, json=BODY)
    assert md.status_code == 200 and md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.text.startswith("# Backpropagation by hand: a 2-2-1 network\n")
    tex = client.post(PATH, json={**BODY, "format": "latex"})
    assert tex.headers["content-type"] == "application/x-latex; charset=utf-8"
    assert tex.text.startswith("\\documentclass") and tex.text.rstrip().endswith("\\end{document}")
    for needed in ("\\usepackage{amsmath}", "\\begin{document}", "\\maketitle"):
        assert needed in tex.text
    js = client.post(PATH, json={**BODY, "format": "json"})
    assert js.headers["content-type"] == "application/json"
    assert [s["title"] for s in js.json()["sections"]] == [
        "The network", "Forward pass: layer 1", "Forward pass: layer 2", "The cost", "Backward pass: layer 2",
        "Backward pass: layer 1", "Gradients of layer 2", "Gradients of layer 1", "The Jacobian chain"]


def test_the_hand_derivation_reads_as_written(client):
    tex = client.post(PATH, json=BODY).text
    for formula in (
        "z_{0}^{1} = \\sum_j W_{0j}^{1}\\, a_{j}^{0} + b_{0}^{1} = 0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35 = 0.3775",
        "\\frac{\\partial C}{\\partial a_{0}^{2}} = \\frac{2}{n_L}(a_{0}^{2} - y_{0}) = \\frac{2}{1}(0.751365 - 0.01) = 1.48273",
        "\\frac{\\partial C}{\\partial W_{01}^{2}} = \\frac{\\partial C}{\\partial a_{0}^{2}}\\, \\sigma'(z_{0}^{2})\\, a_{1}^{1}"
        " = 1.48273 \\cdot 0.186816 \\cdot 0.596884 = 0.165335",
    ):
        assert f"$$ {formula} $$" in tex


def test_a_wide_layer_puts_commas_between_a_weights_indices(client):
    _, doc = post(client, PATH, {**PROBLEMS["a layer of 12"], "format": "json"})
    tex = " ".join(ln["tex"] for sec in doc["sections"] for ln in sec["lines"])
    assert "W_{11,0}^{1}" in tex and "W_{0,11}^{2}" in tex and "W_{110}" not in tex


def test_a_batch_shows_each_samples_product_then_their_mean(client):
    _, doc = post(client, PATH, {**PROBLEMS["sigmoid, batch of 3"], "format": "json"})
    lines = [ln for sec in doc["sections"] if sec["title"] == "Gradients of layer 2" for ln in sec["lines"]]
    first = lines[:4]  # ∂C/∂W_00^2: three samples, then the mean
    assert [ln["key"].get("sample") for ln in first] == [0, 1, 2, None]
    assert all(ln["key"]["scale"] == 3 for ln in first[:3])
    assert first[0]["tex"].startswith("\\frac{\\partial C_{(1)}}{\\partial W_{00}^{2}}")
    assert first[3]["value"] == pytest.approx(sum(ln["value"] for ln in first[:3]) / 3, rel=1e-12)
    assert "\\frac{1}{B} \\sum_k" in first[3]["tex"]


@pytest.mark.parametrize("format", ["markdown", "latex", "json"])
def test_over_the_parameter_limit_is_a_422_in_the_apis_shape(client, format):
    big = {"network": {"layers": [{"size": 10}, {"size": 10}, {"size": 1}]}, "input": [0] * 10, "target": [1], "format": format}
    r, d = post(client, PATH, big)
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert d["errors"] == [{"field": "network.layers", "message": d["detail"]}]
    assert d["detail"] == ("the number of weights and biases to write out is 121, over the limit of 64 "
                           "(BACKPROP_MAX_DERIVATION_PARAMETERS)")


def test_over_the_sample_limit_and_a_bad_format(client):
    r, d = post(client, PATH, {**BODY, "input": [[0.05, 0.1]] * 5, "target": [[0.01]] * 5})
    assert r.status_code == 422 and d["errors"][0]["field"] == "input"
    assert d["detail"] == "the number of samples to write out is 5, over the limit of 4 (BACKPROP_MAX_DERIVATION_SAMPLES)"
    r, d = post(client, PATH, {**BODY, "format": "pdf"})
    assert r.status_code == 422
    assert d["errors"] == [{"field": "format", "message": "format must be one of 'markdown', 'latex' or 'json'"}]
    r, d = post(client, PATH, {**BODY, "jacobians": True})  # the derivation always has them: not a field of its own
    assert r.status_code == 422 and d["errors"][0]["field"] == "jacobians"


def test_the_limits_are_settings(limits):
    client = limits(max_derivation_parameters=9, max_derivation_samples=1)
    assert client.post(PATH, json=BODY).status_code == 200
    assert client.get("/api/v1/meta").json()["limits"]["max_derivation_parameters"] == 9
    r, d = post(client, PATH, {**BODY, "network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}]}})
    assert r.status_code == 422 and "13, over the limit of 9" in d["detail"]
    r, d = post(client, PATH, {**BODY, "input": [[0.05, 0.1]] * 2, "target": [[0.01]] * 2})
    assert r.status_code == 422 and d["errors"][0]["field"] == "input"


def test_a_number_too_large_to_write_is_a_422(client):
    # /backprop's softmax is shifted by its largest z; the document's Σ_m e^(z_m) is written as it is
    body = {"network": {"layers": [{"size": 1}, {"size": 2, "activation": "softmax"}], "weights": [[[800], [1]]]},
            "input": [1], "target": [1, 0], "loss": "cross_entropy"}
    assert client.post("/api/v1/backprop", json=body).status_code == 200
    r, d = post(client, PATH, body)
    assert r.status_code == 422
    assert d["errors"] == [{"field": "input", "message": "a number in the derivation overflowed: try smaller inputs or weights"}]
