"""The REST API: each endpoint's happy path, malformed bodies, strict JSON, the limits."""
import math

import numpy as np
import pytest

from tests.conftest import strict_json

# The 2-2-1 network of the hand derivation; the tests work its numbers out with plain math.
NET = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
}
BODY = {"network": NET, "input": [0.05, 0.1], "target": [0.01]}


def sig(z):
    return 1 / (1 + math.exp(-z))


def post(client, path, body):
    r = client.post(path, json=body)
    return r, strict_json(r.text)


def test_forward_matches_plain_math(client):
    r, d = post(client, "/api/v1/forward", {"network": NET, "input": [0.05, 0.1]})
    assert r.status_code == 200
    z1 = [0.15 * 0.05 + 0.2 * 0.1 + 0.35, 0.25 * 0.05 + 0.3 * 0.1 + 0.35]
    a1 = [sig(z) for z in z1]
    z2 = 0.4 * a1[0] + 0.45 * a1[1] + 0.6
    assert d["layers"][0] == {"a": [[0.05, 0.1]]}
    assert d["layers"][1]["z"][0] == pytest.approx(z1, rel=1e-12)
    assert d["layers"][1]["a"][0] == pytest.approx(a1, rel=1e-12)
    assert d["layers"][2]["a"][0][0] == pytest.approx(sig(z2), rel=1e-12)
    assert "dC_da" not in d["layers"][1]
    assert d["network"]["weights"] == NET["weights"]


def test_backprop_matches_the_hand_derivation(client):
    r, d = post(client, "/api/v1/backprop", BODY)
    assert r.status_code == 200
    z1 = [0.3775, 0.3925]
    a1 = [sig(z) for z in z1]
    aL = sig(0.4 * a1[0] + 0.45 * a1[1] + 0.6)
    C = (aL - 0.01) ** 2  # (1/n_L) Σ with n_L = 1
    dC_da2 = 2 * (aL - 0.01)
    dC_dz2 = dC_da2 * aL * (1 - aL)
    dC_da1 = [dC_dz2 * 0.4, dC_dz2 * 0.45]
    dC_dz1 = [g * a * (1 - a) for g, a in zip(dC_da1, a1)]
    assert d["loss"] == pytest.approx(C, rel=1e-12)
    out, hid = d["layers"][2], d["layers"][1]
    assert out["dC_da"][0][0] == pytest.approx(dC_da2, rel=1e-12)
    assert out["da_dz"][0][0] == pytest.approx(aL * (1 - aL), rel=1e-12)
    assert out["dC_dz"][0][0] == pytest.approx(dC_dz2, rel=1e-12)
    assert hid["dC_da"][0] == pytest.approx(dC_da1, rel=1e-12)
    assert hid["dC_dz"][0] == pytest.approx(dC_dz1, rel=1e-12)
    # ∂C/∂W_AB^l = ∂C/∂a_A^l · σ'(z_A^l) · a_B^(l-1)
    assert d["gradients"]["weights"][1][0] == pytest.approx([dC_dz2 * a1[0], dC_dz2 * a1[1]], rel=1e-12)
    assert d["gradients"]["weights"][0][1] == pytest.approx([dC_dz1[1] * 0.05, dC_dz1[1] * 0.1], rel=1e-12)
    assert d["gradients"]["biases"][0] == pytest.approx(dC_dz1, rel=1e-12)
    assert "jacobians" not in d


def test_backprop_jacobians_are_the_chain_of_sigma_prime_times_w(client):
    r, d = post(client, "/api/v1/backprop", {**BODY, "jacobians": True})
    J = d["jacobians"]
    assert [np.shape(j) for j in J] == [(1, 1, 2), (1, 1, 2), (1, 1, 1)]
    sp2 = d["layers"][2]["da_dz"][0][0]
    sp1 = np.array(d["layers"][1]["da_dz"][0])
    W1, W2 = np.array(NET["weights"][0]), np.array(NET["weights"][1])
    assert J[2][0] == [[1.0]]
    assert np.allclose(J[1][0], sp2 * W2)
    assert np.allclose(J[0][0], sp2 * W2 @ (sp1[:, None] * W1))


def test_batch_gradient_is_the_mean_of_per_sample_gradients(client):
    samples = [([0.05, 0.1], [0.01]), ([1.0, -2.0], [0.9]), ([0.3, 0.7], [0.5])]
    singles = [post(client, "/api/v1/backprop", {"network": NET, "input": x, "target": y})[1] for x, y in samples]
    r, batch = post(
        client, "/api/v1/backprop", {"network": NET, "input": [s[0] for s in samples], "target": [s[1] for s in samples]}
    )
    assert batch["loss"] == pytest.approx(np.mean([s["loss"] for s in singles]))
    for l in range(2):
        mean = np.mean([s["gradients"]["weights"][l] for s in singles], axis=0)
        assert np.allclose(batch["gradients"]["weights"][l], mean, rtol=1e-12)
    assert np.shape(batch["layers"][1]["dC_dz"]) == (3, 2)


def test_missing_weights_are_seeded_and_returned(client):
    body = {"network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "seed": 7}, "input": [1, 2], "target": [0]}
    _, a = post(client, "/api/v1/backprop", body)
    _, b = post(client, "/api/v1/backprop", body)
    _, c = post(client, "/api/v1/backprop", {**body, "network": {**body["network"], "seed": 8}})
    assert a["network"]["weights"] == b["network"]["weights"]
    assert a["network"]["weights"] != c["network"]["weights"]
    assert a["network"]["biases"] == [[0.0, 0.0, 0.0], [0.0]]
    assert a["network"]["layers"][1]["activation"] == "sigmoid"  # the default, made explicit
    # the returned network can be fed straight back
    _, again = post(client, "/api/v1/backprop", {**body, "network": a["network"]})
    assert again["gradients"] == a["gradients"]


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


def test_datasets(client):
    r = client.get("/api/v1/datasets/xor", params={"samples": 4, "noise": 0})
    d = strict_json(r.text)
    assert d == {"input": [[-1, -1], [-1, 1], [1, -1], [1, 1]], "target": [[0], [1], [1], [0]]}
    spiral = client.get("/api/v1/datasets/spiral", params={"samples": 30, "classes": 3}).json()
    assert np.shape(spiral["input"]) == (30, 2) and np.shape(spiral["target"]) == (30, 3)
    sine = client.get("/api/v1/datasets/sine", params={"samples": 10, "seed": 3}).json()
    assert np.shape(sine["input"]) == (10, 1)
    assert client.get("/api/v1/datasets/sine", params={"samples": 10, "seed": 3}).json() == sine
    bad = client.get("/api/v1/datasets/moons")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "name"
    bad = client.get("/api/v1/datasets/xor", params={"classes": 3})
    assert bad.status_code == 422 and "two classes" in bad.json()["detail"]


def test_meta_and_health(client):
    m = client.get("/api/v1/meta").json()
    assert "softmax" in m["activations"] and m["output_only_activations"] == ["softmax"]
    assert m["losses"]["cross_entropy"]["requires"] == "softmax"
    assert set(m["optimizers"]) == {"sgd", "momentum", "adam"}
    assert set(m["datasets"]) == {"xor", "circle", "spiral", "gaussians", "sine"}
    assert m["limits"]["max_nodes"] == 256
    assert client.get("/healthz").json() == {"status": "ok"}


def with_net(**net):
    return {**BODY, "network": {**NET, **net}}


MALFORMED = [
    (
        with_net(weights=[[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.5]]]),
        "network.weights[1]",
        "weights[1] is 2×2, but layer 2 has 1 node and layer 1 has 2: expected 1×2",
    ),
    (
        with_net(layers=[{"size": 2}, {"size": 3}, {"size": 1}], biases=None),
        "network.weights[0]",
        "weights[0] is 2×2, but layer 1 has 3 nodes and layer 0 has 2: expected 3×2",
    ),
    ({**BODY, "target": [0.1, 0.2]}, "target", "target has 2 values but the output layer has 1 node"),
    (
        {"network": {"layers": [{"size": 2}, {"size": 2, "activation": "softmax"}, {"size": 1}]}, "input": [1, 2],
         "target": [1]},
        "network.layers[1].activation",
        "softmax is only allowed on the output layer",
    ),
    ({**BODY, "input": [0.05]}, "input", "input has 1 value but the input layer has 2 nodes"),
    ({**BODY, "input": [[1, 2], [3]]}, "input[1]", "input[1] has 1 value but the input layer has 2 nodes"),
    ({**BODY, "input": [[1, 2], [3, 4]]}, "target", "target has 1 samples but input has 2"),
    ({**BODY, "input": [1, "2"]}, "input[1]", "input[1] must be a number"),
    ({**BODY, "input": [1, True]}, "input[1]", "input[1] must be a number"),
    ({**BODY, "input": []}, "input", "input is empty"),
    ({**BODY, "loss": "hinge"}, "loss", "loss must be one of 'mse', 'binary_cross_entropy' or 'cross_entropy'"),
    ({**BODY, "loss": "cross_entropy"}, "loss", "cross_entropy needs a softmax output layer, but layer 2 is sigmoid"),
    ({**BODY, "loss": "binary_cross_entropy", "target": [2]}, "target[0]", "must lie between 0 and 1"),
    (with_net(layers=[{"size": 2}, {"size": 2, "activation": "swish"}, {"size": 1}]),
     "network.layers[1].activation", "must be one of 'sigmoid'"),
    (with_net(layers=[{"size": 2, "activation": "relu"}, {"size": 2}, {"size": 1}]),
     "network.layers[0].activation", "layers[0] is the input layer"),
    (with_net(layers=[{"size": 2}, {"size": 0}, {"size": 1}]), "network.layers[1].size", "must be at least 1"),
    (with_net(layers=[{"size": 2}, {"size": 2.5}, {"size": 1}]), "network.layers[1].size", "must be a whole number"),
    (with_net(layers=[{"size": 2}]), "network.layers", "needs at least 2"),
    (with_net(biases=[[0.35, 0.35]]), "network.biases", "biases has 1 vectors but the network has 2 layers"),
    (with_net(biases=[[0.35], [0.6]]), "network.biases[0]", "biases[0] has 1 value, but layer 1 has 2 nodes"),
    (with_net(weights=[[[0.15, 0.2], [0.25]], [[0.4, 0.45]]]), "network.weights[0]", "ragged"),
    (with_net(weights=[[0.15, 0.2], [[0.4, 0.45]]]), "network.weights[0][0]", "must be a list"),
    (with_net(seed=-1), "network.seed", "must be at least 0"),
    ({**BODY, "learning_rate": 0.1}, "learning_rate", "is not a field this endpoint knows"),
    ({"network": NET, "input": [0.05, 0.1]}, "target", "target is required"),
    ({**BODY, "network": "2-2-1"}, "network", "network must be a JSON object"),
]


@pytest.mark.parametrize("body,field,message", MALFORMED, ids=[m[2][:40] for m in MALFORMED])
def test_malformed_bodies_answer_422_naming_the_field(client, body, field, message):
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422, r.text
    d = strict_json(r.text)
    assert message in d["detail"]
    assert d["errors"][0]["field"] == field
    assert "input" not in d["errors"][0]  # never echoes the input back


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_refused(client, literal):
    raw = '{"network": {"layers": [{"size": 2}, {"size": 1}]}, "input": [' + literal + ', 1], "target": [1]}'
    r = client.post("/api/v1/backprop", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert strict_json(r.text)["detail"] == "input[0] must be a finite number: NaN and Infinity are not allowed"


@pytest.mark.parametrize("raw,detail", [
    ("{", "the request body is not valid JSON"),
    ("[1, 2]", "the request body must be a JSON object"),
    ("", "the request body must be a JSON object"),
])
def test_bodies_that_are_not_objects(client, raw, detail):
    r = client.post("/api/v1/backprop", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert detail in r.json()["detail"]


def test_overflow_is_a_clear_422_never_infinity(client):
    body = {"network": {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}]}, "input": [1e308, 1e308],
            "target": [0]}
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422
    assert "overflowed" in strict_json(r.text)["detail"]


def test_saturated_bce_output_stays_finite(client):
    body = {"network": {"layers": [{"size": 1}, {"size": 1}], "weights": [[[1.0]]], "biases": [[0.0]]},
            "input": [50], "target": [0], "loss": "binary_cross_entropy"}
    r, d = post(client, "/api/v1/backprop", body)
    assert r.status_code == 200
    assert d["loss"] == pytest.approx(50 + math.log1p(math.exp(-50)))
    assert d["layers"][1]["dC_dz"][0][0] == pytest.approx(1.0)  # σ(50) - 0


LIMIT_CASES = [
    ({"max_nodes": 4}, with_net(layers=[{"size": 2}, {"size": 5}, {"size": 1}], weights=None, biases=None),
     "layers[1].size is 5, over the limit of 4 (BACKPROP_MAX_NODES)"),
    ({"max_layers": 3}, with_net(layers=[{"size": 2}, {"size": 2}, {"size": 2}, {"size": 1}], weights=None, biases=None),
     "the number of layers is 4, over the limit of 3 (BACKPROP_MAX_LAYERS)"),
    ({"max_parameters": 8}, BODY, "the number of weights and biases is 9, over the limit of 8 (BACKPROP_MAX_PARAMETERS)"),
    ({"max_samples": 1}, {**BODY, "input": [[1, 2], [3, 4]], "target": [[0], [1]]},
     "the number of samples in input is 2, over the limit of 1 (BACKPROP_MAX_SAMPLES)"),
]


@pytest.mark.parametrize("env,body,message", LIMIT_CASES)
def test_limits_are_set_by_environment_and_named(limits, env, body, message):
    client = limits(**env)
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422
    assert r.json()["detail"] == message
    assert client.get("/api/v1/meta").json()["limits"][next(iter(env))] == next(iter(env.values()))


def test_huge_network_is_refused_before_anything_is_built(client):
    import tracemalloc

    body = {"network": {"layers": [{"size": 2}, {"size": 10**6}, {"size": 10**6}, {"size": 1}]}, "input": [1, 2],
            "target": [0]}
    tracemalloc.start()
    r = client.post("/api/v1/backprop", json=body)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.status_code == 422 and "BACKPROP_MAX_NODES" in r.json()["detail"]
    assert peak < 20 * 2**20  # a 10^6 × 10^6 matrix was never allocated


def test_training_work_limits(limits):
    client = limits(max_train_steps=100)
    body = {"network": NET, "input": [1, 2], "target": [0], "steps": 10**9}
    r = client.post("/api/v1/train", json=body)
    assert r.status_code == 422 and r.json()["detail"] == "steps is 1,000,000,000, over the limit of 100 (BACKPROP_MAX_TRAIN_STEPS)"
    client = limits(max_train_steps=10**6, max_train_work=1000)
    r = client.post("/api/v1/train", json={**body, "steps": 200})
    assert r.status_code == 422 and "BACKPROP_MAX_TRAIN_WORK" in r.json()["detail"]


def test_gradcheck_limit(limits):
    client = limits(max_gradcheck_parameters=5)
    r = client.post("/api/v1/gradcheck", json=BODY)
    assert r.status_code == 422 and "BACKPROP_MAX_GRADCHECK_PARAMETERS" in r.json()["detail"]


def test_body_limit_is_413_naming_the_limit(limits):
    client = limits(max_body_bytes=2048)
    r = client.post("/api/v1/backprop", json={**BODY, "input": [0.123456789] * 500})
    assert r.status_code == 413
    assert "BACKPROP_MAX_BODY_BYTES" in r.json()["detail"]


def test_unknown_paths_and_methods_answer_json(client):
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and "/api/v1" in r.json()["detail"]
    r = client.get("/api/v1/backprop")
    assert r.status_code == 405


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
    assert d["gradients"] == full["gradients"]
    assert d["backprop"]["layers"] == one["layers"] and d["backprop"]["gradients"] == one["gradients"]
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


def test_strict_json_response_never_sends_nan():
    from app.api.errors import ComputeError
    from app.api.routes import reply

    values = [0.1, 1e308, -2.5e-300, 1 / 3, 5e-324]
    assert strict_json(reply({"x": values}).body) == {"x": values}  # every float round-trips exactly
    assert reply({"message": "NaN is not a number; Infinity neither"}).body.startswith(b'{"message"')
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ComputeError):
            reply({"x": [1.0, bad]})


def test_small_passes_on_the_event_loop_and_large_ones_in_the_thread_pool_agree(client, monkeypatch):
    from app.api import routes

    bodies = [BODY, {"network": {"layers": [{"size": 16}, {"size": 64}, {"size": 4}], "seed": 2},
                     "input": [[k / 10] * 16 for k in range(40)], "target": [[0.5] * 4] * 40}]
    for body in bodies:
        answers = []
        for inline in (0, 10**9):  # everything to the thread pool, then everything inline
            monkeypatch.setattr(routes, "INLINE_WORK", inline)
            answers.append(client.post("/api/v1/backprop", json=body).json())
        assert answers[0] == answers[1] and "gradients" in answers[0]
