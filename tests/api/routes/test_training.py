"""POST /train over HTTP: learning, continuing a run, the extras a frame asks for, divergence, limits."""
import math

import numpy as np
import pytest

from tests.api.examples import NET, post
from tests.conftest import strict_json


def test_train_reduces_the_cost_and_can_continue(client):
    body = {
        "network": {"layers": [{"size": 2}, {"size": 4, "activation": "tanh"}, {"size": 1}], "seed": 1},
        "input": [[-1, -1], [-1, 1], [1, -1], [1, 1]],
        "target": [[0], [1], [1], [0]],
        "learning_rate": 0.5,
        "steps": 300,
        "optimizer": "momentum",
    }
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200
    assert not d["diverged"] and d["divergence"] is None
    assert len(d["history"]) == 300 and d["history"][0]["step"] == 0
    assert d["loss"] < d["history"][0]["loss"] / 10
    assert d["accuracy"] == 1.0
    assert d["optimizer_state"]["step"] == 300
    # 150 + 150 steps with the optimizer's state carried over = 300 steps at once
    half = post(client, "/api/v1/train", {**body, "steps": 150})[1]
    rest = post(
        client,
        "/api/v1/train",
        {**body, "steps": 150, "network": half["network"], "optimizer_state": half["optimizer_state"]},
    )[1]
    assert np.allclose(rest["network"]["weights"][0], d["network"]["weights"][0], rtol=1e-10)


def test_train_extras(client):
    body = {
        "network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}]},
        "input": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "target": [[0], [1], [1], [0]],
        "steps": 10,
        "record_every": 4,
        "diagnostics": True,
        "test_input": [[0.5, 0.5]],
        "test_target": [[0]],
        "grid": [[0, 0], [1, 1], [0.5, 0.2]],
        "backprop": True,
        "optimizer": "adam",
        "learning_rate": 0.01,
    }
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200
    assert [h["step"] for h in d["history"]] == [0, 4, 8, 9]
    h = d["history"][0]
    assert len(h["grad_norms"]) == 2 and "predicted_change" in h and "test_loss" in h
    assert np.shape(d["grid_output"]) == (3, 1)
    assert d["backprop"]["loss"] == pytest.approx(d["loss"])
    assert d["backprop"]["network"]["weights"] == d["network"]["weights"]


def test_train_that_diverges_says_where(client):
    body = {
        "network": {"layers": [{"size": 1}, {"size": 4, "activation": "linear"}, {"size": 1, "activation": "linear"}]},
        "input": [[1e3], [-2e3]],
        "target": [[1], [0]],
        "learning_rate": 1e3,
        "steps": 200,
    }
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200
    assert d["diverged"] is True
    div = d["divergence"]
    assert 0 < div["step"] < 200 and 1 <= div["layer"] <= 2
    assert f"step {div['step']}" in div["message"]
    assert len(d["history"]) == div["step"]
    assert all(math.isfinite(w) for m in d["network"]["weights"] for row in m for w in row)


def test_training_work_limits(limits):
    client = limits(max_train_steps=100)
    body = {"network": NET, "input": [1, 2], "target": [0], "steps": 10**9}
    r = client.post("/api/v1/train", json=body)
    assert r.status_code == 422 and r.json()["detail"] == "steps is 1,000,000,000, over the limit of 100 (BACKPROP_MAX_TRAIN_STEPS)"
    client = limits(max_train_steps=10**6, max_train_work=1000)
    r = client.post("/api/v1/train", json={**body, "steps": 200})
    assert r.status_code == 422 and "BACKPROP_MAX_TRAIN_WORK" in r.json()["detail"]


def close(mine, ref, path="") -> None:
    """The same structure and keys, and numbers equal to 12 digits."""
    if isinstance(ref, dict):
        assert mine.keys() == ref.keys(), path
        for k in ref:
            close(mine[k], ref[k], f"{path}.{k}")
    elif isinstance(ref, list):
        assert isinstance(mine, list) and len(mine) == len(ref), path
        for k, (m, r) in enumerate(zip(mine, ref)):
            close(m, r, f"{path}[{k}]")
    elif isinstance(ref, float):
        assert mine == pytest.approx(ref, rel=1e-12, abs=1e-300), path
    else:
        assert mine == ref, path


def test_train_frame_gradients_and_one_sample_pass(client):
    body = {
        "network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "seed": 2},
        "input": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "target": [[0], [1], [1], [0]],
        "steps": 3,
        "gradients": True,
        "backprop": True,
        "backprop_samples": [2],
    }
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200
    full = post(client, "/api/v1/backprop", {"network": d["network"], "input": body["input"], "target": body["target"]})[1]
    one = post(client, "/api/v1/backprop", {"network": d["network"], "input": [1, 0], "target": [1]})[1]
    # the training's own last backward pass (fused.c) against /backprop's (numpy): the same to the last bits
    for part in ("weights", "biases"):
        for mine, ref in zip(d["gradients"][part], full["gradients"][part]):
            np.testing.assert_allclose(mine, ref, rtol=1e-12, atol=1e-300)
    close(d["backprop"]["layers"], one["layers"])  # the frame's card by fused.c, /backprop by numpy: to the last bits
    close(d["backprop"]["gradients"], one["gradients"])
    bad = client.post("/api/v1/train", json={**body, "backprop_samples": [4]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "backprop_samples[0]"


def test_training_in_frames_towards_divergence_never_sends_infinity(client):
    """Frames of 20 steps, as the page sends them, carried on until the run diverges."""
    body = {
        "network": {"layers": [{"size": 1}, {"size": 8, "activation": "relu"}, {"size": 1, "activation": "linear"}],
                    "seed": 0},
        "input": [[x / 10] for x in range(-10, 11)], "target": [[x / 10] for x in range(-10, 11)],
        "learning_rate": 50, "steps": 20, "diagnostics": True, "gradients": True, "backprop": True,
        "backprop_samples": [0], "grid": [[x / 50] for x in range(-50, 51)],
        "test_input": [[0.55]], "test_target": [[0.55]],
    }
    for _ in range(50):
        r = client.post("/api/v1/train", json=body)
        assert r.status_code == 200, r.text
        d = strict_json(r.text)
        if d["diverged"]:
            break
        body = {**body, "network": d["network"], "optimizer_state": d["optimizer_state"]}
    assert d["diverged"] and "diverged at step" in d["divergence"]["message"]


@pytest.mark.parametrize("sizes,extent", [([2, 3, 1], {"x": [-1.3, 1.2], "y": [-0.4, 2.5], "n": 7}), ([1, 4, 1], {"x": [-2, 3], "n": 11})])
def test_a_grid_extent_answers_as_its_points_would(client, sizes, extent):
    """grid_extent is the page's grid (grids.js lays it out the same way: tests/js/training/body.test.js checks)."""
    from app.api.service.training import grid_points

    body = {"network": {"layers": [{"size": n} for n in sizes], "seed": 1}, "input": [[0.5] * sizes[0]], "target": [[1]], "steps": 3}
    points = grid_points(extent["x"], extent.get("y"), extent["n"]).tolist()
    by_extent = post(client, "/api/v1/train", {**body, "grid_extent": extent})[1]
    assert by_extent == post(client, "/api/v1/train", {**body, "grid": points})[1]
    assert len(by_extent["grid_output"]) == extent["n"] ** (sizes[0])
    if sizes[0] == 2:  # row by row from the top: the first row at the highest y, x rising along it
        assert points[0][1] > points[-1][1] and points[0][0] < points[1][0] and points[1][1] == points[0][1]


def test_a_grid_rounded_and_flat_is_the_same_outputs(client):
    """grid_digits rounds the grid's outputs, grid_flat lays them out point by point in one list: what the page asks."""
    body = {"network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 2, "activation": "softmax"}], "seed": 1},
            "input": [[0.5, -1]], "target": [[1, 0]], "loss": "cross_entropy", "steps": 3,
            "grid_extent": {"x": [-1, 1], "y": [-2, 2], "n": 5}}
    full = post(client, "/api/v1/train", body)[1]
    slim = post(client, "/api/v1/train", {**body, "grid_digits": 4, "grid_flat": True})[1]
    assert np.shape(full["grid_output"]) == (25, 2) and np.shape(slim["grid_output"]) == (50,)
    assert slim["grid_output"] == np.round(np.ravel(full["grid_output"]), 4).tolist()
    assert all(len(repr(v)) <= 6 for v in slim["grid_output"])  # 0.1234 at most: the bytes saved
    assert {k: v for k, v in slim.items() if k != "grid_output"} == {k: v for k, v in full.items() if k != "grid_output"}
    assert post(client, "/api/v1/train", {**body, "grid_flat": True})[1]["grid_output"] == np.ravel(full["grid_output"]).tolist()


@pytest.mark.parametrize("sizes, acts", [([2, 3, 1], ["tanh", "sigmoid"]), ([1, 4, 2], ["relu", "linear"]), ([2, 3, 3], ["tanh", "softmax"])])
def test_grid_u16_codes_decode_to_the_outputs_within_half_a_code(client, sizes, acts):
    """grid_format u16: grid_u16 instead of grid_output, lo and hi the extremes, each code the nearest to its output."""
    import base64

    layers = [{"size": sizes[0]}] + [{"size": n, "activation": a} for n, a in zip(sizes[1:], acts)]
    target = [[1.0] + [0.0] * (sizes[-1] - 1)] * 2
    extent = {"x": [-2, 3], "n": 9} if sizes[0] == 1 else {"x": [-2, 3], "y": [-1, 1], "n": 9}
    body = {"network": {"layers": layers, "seed": 4}, "input": [[0.5] * sizes[0], [-1.0] * sizes[0]], "target": target,
            "steps": 2, "learning_rate": 0.5, "grid_extent": extent}
    full = np.array(post(client, "/api/v1/train", {**body, "grid_flat": True})[1]["grid_output"])
    r, d = post(client, "/api/v1/train", {**body, "grid_format": "u16"})
    assert r.status_code == 200 and "grid_output" not in d
    g = d["grid_u16"]
    assert (g["lo"], g["hi"]) == (full.min(), full.max())
    codes = np.frombuffer(base64.b64decode(g["data"]), dtype="<u2")
    assert len(codes) == full.size and codes.min() == 0 and codes.max() == 65535
    step = (g["hi"] - g["lo"]) / 65535
    assert np.max(np.abs(g["lo"] + codes * step - full)) <= step / 2 * (1 + 1e-9)


def test_grid_u16_of_a_flat_output_is_all_zero_codes_and_a_bad_format_is_named(client):
    body = {"network": {"layers": [{"size": 1}, {"size": 1, "activation": "linear"}], "weights": [[[0.0]]], "biases": [[0.25]]},
            "input": [[1.0]], "target": [[0.0]], "steps": 1, "learning_rate": 1e-300, "grid_extent": {"x": [0, 1], "n": 5},
            "grid_format": "u16"}
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200 and d["grid_u16"]["lo"] == d["grid_u16"]["hi"]
    assert set(d["grid_u16"]["data"].rstrip("=")) == {"A"}  # base64 of zero bytes
    r = client.post("/api/v1/train", json={**body, "grid_format": "png"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "grid_format"


# ---- metrics: how well the returned network fits ----

def confusion_from_forward(client, network, input, target):
    """The confusion matrix of the network's outputs, as /forward computes them, counted here with a loop."""
    a = post(client, "/api/v1/forward", {"network": network, "input": input})[1]["layers"][-1]["a"]
    k = max(2, len(target[0]))
    m = [[0] * k for _ in range(k)]
    for out, y in zip(a, target):
        t, p = (int(y[0]), int(out[0] >= 0.5)) if k == 2 and len(y) == 1 else (y.index(1), out.index(max(out)))
        m[t][p] += 1
    return m


def test_metrics_of_a_softmax_classifier_match_its_forward_pass(client):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(60, 3))
    labels = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5)  # three classes
    y = np.eye(3)[labels]
    body = {"network": {"layers": [{"size": 3}, {"size": 5, "activation": "tanh"}, {"size": 3, "activation": "softmax"}],
                        "seed": 2},
            "input": x[:40].tolist(), "target": y[:40].tolist(), "test_input": x[40:].tolist(), "test_target": y[40:].tolist(),
            "loss": "cross_entropy", "learning_rate": 0.5, "steps": 30, "metrics": True}
    r, d = post(client, "/api/v1/train", body)
    assert r.status_code == 200 and d["metrics"]["kind"] == "classification"
    for part, (xs, ys) in {"train": (x[:40], y[:40]), "test": (x[40:], y[40:])}.items():
        m = d["metrics"][part]
        assert m["confusion"] == confusion_from_forward(client, d["network"], xs.tolist(), ys.tolist())
        c = np.array(m["confusion"])
        assert m["accuracy"] == pytest.approx(np.trace(c) / len(xs), abs=1e-15)
        assert [p["samples"] for p in m["per_class"]] == np.bincount(ys.argmax(axis=1), minlength=3).tolist()
        for p in m["per_class"]:
            assert p["accuracy"] == (c[p["class"], p["class"]] / p["samples"] if p["samples"] else None)
    assert d["metrics"]["train"]["accuracy"] == pytest.approx(d["accuracy"], abs=1e-15)  # the existing key agrees


def test_metrics_of_one_sigmoid_output_split_at_one_half(client):
    body = {"network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1}], "seed": 1},
            "input": [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2]], "target": [[0], [1], [1], [0], [1]], "steps": 3,
            "metrics": True}
    d = post(client, "/api/v1/train", body)[1]
    m = d["metrics"]
    assert m["kind"] == "classification" and m["test"] is None and len(m["train"]["confusion"]) == 2
    assert m["train"]["confusion"] == confusion_from_forward(client, d["network"], body["input"], body["target"])


def test_metrics_of_a_regression_against_numpy(client):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (30, 2))
    y = np.column_stack([x[:, 0] * 2 + 0.3, x[:, 1] ** 2])
    body = {"network": {"layers": [{"size": 2}, {"size": 6, "activation": "tanh"}, {"size": 2, "activation": "linear"}],
                        "seed": 0},
            "input": x.tolist(), "target": y.tolist(), "steps": 50, "learning_rate": 0.05, "metrics": True,
            "test_input": x[:5].tolist(), "test_target": y[:5].tolist()}
    d = post(client, "/api/v1/train", body)[1]
    assert d["metrics"]["kind"] == "regression"
    for part, (xs, ys) in {"train": (x, y), "test": (x[:5], y[:5])}.items():
        a = np.array(post(client, "/api/v1/forward", {"network": d["network"], "input": xs.tolist()})[1]["layers"][-1]["a"])
        r2 = np.mean([1 - np.sum((a[:, j] - ys[:, j]) ** 2) / np.sum((ys[:, j] - ys[:, j].mean()) ** 2) for j in range(2)])
        assert d["metrics"][part] == {"r2": pytest.approx(r2, rel=1e-12), "mae": pytest.approx(np.abs(a - ys).mean(), rel=1e-12)}


def test_task_forces_the_kind_and_refuses_targets_that_are_not_classes(client):
    body = {"network": {"layers": [{"size": 1}, {"size": 2}, {"size": 1}]}, "input": [[0], [1]], "target": [[0], [1]],
            "steps": 1, "metrics": True}
    assert post(client, "/api/v1/train", body)[1]["metrics"]["kind"] == "classification"
    forced = post(client, "/api/v1/train", {**body, "task": "regression"})[1]["metrics"]
    assert forced["kind"] == "regression" and set(forced["train"]) == {"r2", "mae"}
    numbers = {**body, "target": [[0], [0.25]]}
    assert post(client, "/api/v1/train", numbers)[1]["metrics"]["kind"] == "regression"
    r, d = post(client, "/api/v1/train", {**numbers, "task": "classification"})
    assert r.status_code == 422 and d["errors"][0]["field"] == "target[1]" and "0 or 1" in d["detail"]
    r, d = post(client, "/api/v1/train", {**body, "test_input": [[2]], "test_target": [[2]], "task": "classification"})
    assert r.status_code == 422 and d["errors"][0]["field"] == "test_target[0]"
    r, d = post(client, "/api/v1/train", {**body, "task": "sorting"})
    assert r.status_code == 422 and d["errors"][0]["field"] == "task"


def test_no_metrics_unless_asked_and_none_that_are_not_finite(client):
    body = {"network": {"layers": [{"size": 1}, {"size": 2, "activation": "linear"}, {"size": 1, "activation": "linear"}]},
            "input": [[1e150], [-1e150]], "target": [[1e150], [0]], "steps": 1, "learning_rate": 1e-9}
    assert "metrics" not in post(client, "/api/v1/train", body)[1]
    r, d = post(client, "/api/v1/train", {**body, "metrics": True})  # post() parses strictly: no NaN, no Infinity
    assert r.status_code == 200 and d["loss"] is None  # its outputs overflowed
    assert d["metrics"] == {"kind": "regression", "train": {"r2": None, "mae": None}, "test": None}
    one = post(client, "/api/v1/train", {**body, "input": [[1]], "target": [[3]], "metrics": True})[1]["metrics"]
    assert one["train"]["r2"] is None and one["train"]["mae"] >= 0  # one sample: no variance to explain
