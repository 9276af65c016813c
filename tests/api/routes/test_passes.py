"""POST /forward and /backprop over HTTP: the hand derivation's numbers, batches, seeded weights, event loop or thread pool."""
import math

import numpy as np
import pytest

from tests.api.examples import BODY, NET, post, sig


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


def test_saturated_bce_output_stays_finite(client):
    body = {"network": {"layers": [{"size": 1}, {"size": 1}], "weights": [[[1.0]]], "biases": [[0.0]]},
            "input": [50], "target": [0], "loss": "binary_cross_entropy"}
    r, d = post(client, "/api/v1/backprop", body)
    assert r.status_code == 200
    assert d["loss"] == pytest.approx(50 + math.log1p(math.exp(-50)))
    assert d["layers"][1]["dC_dz"][0][0] == pytest.approx(1.0)  # σ(50) - 0


def test_small_passes_on_the_event_loop_and_large_ones_in_the_thread_pool_agree(client, monkeypatch):
    from app.api.routes import passes

    bodies = [BODY, {"network": {"layers": [{"size": 16}, {"size": 64}, {"size": 4}], "seed": 2},
                     "input": [[k / 10] * 16 for k in range(40)], "target": [[0.5] * 4] * 40}]
    for body in bodies:
        answers = []
        for inline in (0, 10**9):  # everything to the thread pool, then everything inline
            monkeypatch.setattr(passes, "INLINE_WORK", inline)
            answers.append(client.post("/api/v1/backprop", json=body).json())
        assert answers[0] == answers[1] and "gradients" in answers[0]
