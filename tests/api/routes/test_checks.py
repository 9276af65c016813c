"""POST /gradcheck and /cost-curve over HTTP."""

import numpy as np
import pytest

from tests.api.examples import BODY, post


def test_gradcheck_agrees(client):
    body = {
        "network": {"layers": [{"size": 3}, {"size": 4, "activation": "tanh"}, {"size": 3, "activation": "softmax"}]},
        "input": [[0.1, -0.5, 2.0], [1, 1, 1]],
        "target": [[0.2, 0.3, 0.5], [1, 0, 0]],
        "loss": "cross_entropy",
    }
    r, d = post(client, "/api/v1/gradcheck", body)
    assert r.status_code == 200
    assert d["max_rel_error"] < 1e-5
    assert np.allclose(d["analytic"]["weights"][0], d["numeric"]["weights"][0], atol=1e-8)
    assert d["worst"].startswith(("W_", "b_"))


def test_cost_curve_passes_through_the_current_cost_with_its_slope(client):
    r, d = post(client, "/api/v1/cost-curve", {**BODY, "layer": 2, "i": 0, "j": 1, "radius": 1e-3, "points": 3})
    assert r.status_code == 200
    assert d["parameter"] == "W_01^2"
    assert d["value"] == 0.45
    assert d["costs"][1] == pytest.approx(d["cost"])
    slope = (d["costs"][2] - d["costs"][0]) / (d["values"][2] - d["values"][0])
    assert slope == pytest.approx(d["slope"], rel=1e-5)
    r, bias = post(client, "/api/v1/cost-curve", {**BODY, "layer": 1, "i": 1})
    assert bias["parameter"] == "b_1^1" and len(bias["values"]) == 41


def test_gradcheck_limit(limits):
    client = limits(max_gradcheck_parameters=5)
    r = client.post("/api/v1/gradcheck", json=BODY)
    assert r.status_code == 422 and "BACKPROP_MAX_GRADCHECK_PARAMETERS" in r.json()["detail"]
