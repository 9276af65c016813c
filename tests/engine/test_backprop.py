"""backprop: forward and backward passes against finite differences and against numbers worked by hand.

The finite differences come from tests/engine/conftest.py: an extended-precision
re-implementation of the forward pass, never the engine's own.
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.engine import backprop as bp
from app.engine.network import build

from .conftest import HIDDEN, OUTPUT_LOSS, REF, fd, problems, ref_cost_from_a, ref_cost_from_z, rel_error

FAST = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
TOL = 1e-6


def _grads(prob):
    trace = bp.forward(prob.net, prob.x)
    return trace, bp.backward(prob.net, trace, prob.y, prob.loss)


def _scale(C, grads) -> float:
    """The problem's scale: the largest of 1, |C| and any |dC/dW|, |dC/db|."""
    g = [np.max(np.abs(p)) for p in grads.dC_dW[1:] + grads.dC_db[1:]]
    return max(1.0, abs(C), *g)


def _usable(prob) -> bool:
    """Finite differences need |z| clear of the relu kinks, and outputs where the loss is finite."""
    if prob.min_kink_distance() <= 1e-3:
        return False
    _, a = prob.layers()
    return bool(np.all(np.isfinite(a[-1])))


# ---- dC/dW and dC/db ---------------------------------------------------------------


@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@pytest.mark.parametrize("hidden", HIDDEN + [None])
@FAST
@given(data=st.data())
def test_weight_and_bias_gradients_match_finite_differences(hidden, output, loss, data):
    """Every activation in a hidden layer (None: a mix, or no hidden layer) × every output and loss."""
    prob = data.draw(problems(hidden, output, loss))
    assume(_usable(prob))
    _, g = _grads(prob)
    W, b = prob.W(), prob.b()
    scale = _scale(g.C, g)
    assert rel_error(g.C, prob.cost(W, b)[0], scale) < TOL
    for l in range(1, prob.net.L + 1):
        num_W = fd(lambda P, l=l: prob.cost(W[:l] + [P] + W[l + 1 :], b), W[l])
        num_b = fd(lambda P, l=l: prob.cost(W, b[:l] + [P] + b[l + 1 :]), b[l])
        assume(num_W is not None and num_b is not None)
        assert g.dC_dW[l].shape == W[l].shape and g.dC_db[l].shape == b[l].shape
        assert rel_error(g.dC_dW[l], num_W, scale) < TOL, f"dC/dW^{l}"
        assert rel_error(g.dC_db[l], num_b, scale) < TOL, f"dC/db^{l}"


# ---- dC/dz, dC/da and the forward pass, layer by layer ------------------------------


@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@FAST
@given(data=st.data())
def test_per_layer_dC_dz_and_dC_da_match_finite_differences(output, loss, data):
    prob = data.draw(problems(None, output, loss))
    assume(_usable(prob))
    trace, g = _grads(prob)
    z, a = prob.layers()
    W, b = prob.W(), prob.b()
    y = prob.y.astype(REF)
    L = prob.net.L
    scale = _scale(g.C, g)
    for l in range(1, L + 1):
        assert rel_error(trace.z[l], z[l], scale) < TOL, f"z^{l}"
        assert rel_error(trace.a[l], a[l], scale) < TOL, f"a^{l}"

        def from_z(Z, l=l):
            zL, _, signs = prob.run(W, b, l, z_first=Z)
            return ref_cost_from_z(prob.loss, prob.acts[L], zL, y), signs

        num = fd(from_z, z[l])
        assume(num is not None)
        assert rel_error(g.dC_dz[l], num, scale) < TOL, f"dC/dz^{l}"

        if l < L:

            def from_a(A, l=l):
                zL, _, signs = prob.run(W, b, l + 1, a_prev=A)
                return ref_cost_from_z(prob.loss, prob.acts[L], zL, y), signs

            num = fd(from_a, a[l])
            assume(num is not None)
            assert rel_error(g.dC_da[l], num, scale) < TOL, f"dC/da^{l}"
        elif loss == "mse" or (a[L].min() > 1e-2 and (loss != "binary_cross_entropy" or a[L].max() < 1 - 1e-2)):
            # at the output, C as a function of a^L itself, where the probes (±2e-4) stay well inside
            # the logs' domain: log a has a fifth derivative ~1/a⁵ that the difference would feel
            num = fd(lambda A: (ref_cost_from_a(prob.loss, A, y), ()), a[L])
            assert rel_error(g.dC_da[L], num, max(scale, float(np.max(np.abs(num))))) < TOL, f"dC/da^{L}"


@pytest.mark.parametrize("output", HIDDEN + ["softmax"])
@FAST
@given(data=st.data())
def test_jacobians_match_finite_differences_of_the_output(output, data):
    """∂a^L/∂a^l for every layer l = 0..L and every sample: (B, n_L, n_l)."""
    prob = data.draw(problems(None, output, "mse"))
    assume(_usable(prob))
    trace = bp.forward(prob.net, prob.x)
    J = bp.jacobians(prob.net, trace)
    _, a = prob.layers()
    W, b = prob.W(), prob.b()
    L, B = prob.net.L, prob.x.shape[0]
    assert len(J) == L + 1
    np.testing.assert_array_equal(J[L], np.broadcast_to(np.eye(prob.net.sizes[L]), J[L].shape))
    for l in range(L):
        num = fd(lambda A, l=l: prob.run(W, b, l + 1, a_prev=A)[1:], a[l])  # (B, n_l, B, n_L)
        assume(num is not None)
        assert J[l].shape == (B, prob.net.sizes[L], prob.net.sizes[l])
        scale = max(1.0, float(np.max(np.abs(num))))
        for s in range(B):
            assert rel_error(J[l][s], num[s, :, s, :].T, scale) < TOL, f"∂a^L/∂a^{l}, sample {s}"
            others = np.delete(num[s], s, axis=1)  # one sample's input never moves another's output
            assert np.all(np.abs(others) < 1e-12)


# ---- the engine's own finite-difference check ---------------------------------------


@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_numeric_gradients_are_central_differences(output, loss, data):
    prob = data.draw(problems(None, output, loss))
    assume(_usable(prob))
    _, g = _grads(prob)
    nW, nb = bp.numeric_gradients(prob.net, prob.x, prob.y, prob.loss)
    W, b = prob.W(), prob.b()
    scale = _scale(g.C, g)
    before = [w.copy() for w in prob.net.W[1:]]
    for l in range(1, prob.net.L + 1):
        rW = fd(lambda P, l=l: prob.cost(W[:l] + [P] + W[l + 1 :], b), W[l])
        rb = fd(lambda P, l=l: prob.cost(W, b[:l] + [P] + b[l + 1 :]), b[l])
        assume(rW is not None and rb is not None)
        # eps = 1e-6 in float64: rounding leaves ~1e-10 of the cost's scale
        np.testing.assert_allclose(nW[l], rW.astype(np.float64), rtol=1e-6, atol=1e-8 * scale)
        np.testing.assert_allclose(nb[l], rb.astype(np.float64), rtol=1e-6, atol=1e-8 * scale)
    for w0, w in zip(before, prob.net.W[1:], strict=True):
        np.testing.assert_array_equal(w0, w)  # probes work on a copy


def test_cost_along_sets_one_parameter_at_a_time():
    net = build([2, 2, 1], [None, "tanh", "sigmoid"], seed=3)
    x, y = np.array([[0.5, -1.0]]), np.array([[1.0]])
    values = np.array([-1.0, 0.0, 2.0])
    for l, i, j in ((1, 1, 0), (2, 0, None)):
        got = bp.cost_along(net, x, y, "mse", l, i, j, values)
        for v, c in zip(values, got, strict=True):
            probe = net.copy()
            (probe.W[l] if j is not None else probe.b[l])[(i, j) if j is not None else (i,)] = v
            z = np.tanh(x @ probe.W[1].T + probe.b[1]) @ probe.W[2].T + probe.b[2]
            assert c == pytest.approx(float((1 / (1 + np.exp(-z[0, 0])) - 1.0) ** 2), rel=1e-12)


# ---- worked by hand ------------------------------------------------------------------


def test_2_2_1_sigmoid_mse_worked_by_hand():
    """x = (1, 2); W¹ = [[0.1, 0.2], [-0.3, 0.4]], b¹ = (0, -1); W² = [[1, -1]], b² = 0.25; y = 1.

    z¹ = (0.1·1 + 0.2·2 + 0, -0.3·1 + 0.4·2 - 1) = (0.5, -0.5)
    a¹ = (σ(0.5), σ(-0.5)) = (0.6224593312018546, 0.3775406687981454)      [σ(-t) = 1 - σ(t)]
    z² = a¹₀ - a¹₁ + 0.25 = 0.4949186624037092;  a² = σ(z²) = 0.6212644570557008
    C = (1/n_L)(a² - y)² with n_L = 1: (0.6212644570557008 - 1)² = 0.1434406114893131
    dC/da² = 2(a² - y) = -0.7574710858885985
    σ'(z²) = a²(1 - a²) = 0.23529493145498612
    dC/dz² = dC/da² σ'(z²) = -0.1782291072332917 = dC/db²
    dC/dW² = dC/dz² a¹ = (-0.11094037088913837, -0.06728873634415332)
    dC/da¹ = dC/dz² W² = (-0.1782291072332917, +0.1782291072332917)
    σ'(z¹) = a¹(1 - a¹) = (0.2350037122015945, 0.2350037122015945)
    dC/dz¹ = dC/da¹ σ'(z¹) = (-0.041884501822199605, +0.041884501822199605) = dC/db¹
    dC/dW¹ = dC/dz¹ ⊗ x = [[-0.041884501822199605, -0.08376900364439921],
                          [+0.041884501822199605, +0.08376900364439921]]
    (each line evaluated with plain floats and math.exp, not with the engine)
    """
    net = build(
        [2, 2, 1], [None, "sigmoid", "sigmoid"], [[[0.1, 0.2], [-0.3, 0.4]], [[1.0, -1.0]]], [[0.0, -1.0], [0.25]]
    )
    trace = bp.forward(net, np.array([[1.0, 2.0]]))
    g = bp.backward(net, trace, np.array([[1.0]]), "mse")
    close = dict(rel=1e-13, abs=1e-15)
    assert trace.z[1][0] == pytest.approx([0.5, -0.5], **close)
    assert trace.a[1][0] == pytest.approx([0.6224593312018546, 0.3775406687981454], **close)
    assert trace.z[2][0] == pytest.approx([0.4949186624037092], **close)
    assert trace.a[2][0] == pytest.approx([0.6212644570557008], **close)
    assert trace.da_dz[2][0] == pytest.approx([0.23529493145498612], **close)
    assert trace.da_dz[1][0] == pytest.approx([0.2350037122015945, 0.2350037122015945], **close)
    assert g.C == pytest.approx(0.1434406114893131, **close)
    assert g.dC_da[2][0] == pytest.approx([-0.7574710858885985], **close)
    assert g.dC_dz[2][0] == pytest.approx([-0.1782291072332917], **close)
    assert g.dC_dW[2] == pytest.approx(np.array([[-0.11094037088913837, -0.06728873634415332]]), **close)
    assert g.dC_db[2] == pytest.approx([-0.1782291072332917], **close)
    assert g.dC_da[1][0] == pytest.approx([-0.1782291072332917, 0.1782291072332917], **close)
    assert g.dC_dz[1][0] == pytest.approx([-0.041884501822199605, 0.041884501822199605], **close)
    assert g.dC_db[1] == pytest.approx([-0.041884501822199605, 0.041884501822199605], **close)
    assert g.dC_dW[1] == pytest.approx(
        np.array([[-0.041884501822199605, -0.08376900364439921], [0.041884501822199605, 0.08376900364439921]]), **close
    )


def test_mazur_2_2_2_example():
    """Matt Mazur, "A Step by Step Backpropagation Example" (2015), his numbers to 9 decimals.

    His cost is E = Σ ½(a - y)²; ours is C = (1/n_L) Σ (a - y)², so C = E · 2/n_L = E for
    n_L = 2, and every derivative agrees the same way. He updates with η = 0.5, so each
    ∂E/∂w is (w - w⁺)/0.5 from his updated weights. w1..w4 are W¹ row by row (w1: i1→h1,
    w2: i2→h1, w3: i1→h2, w4: i2→h2); w5..w8 likewise W² (w5: h1→o1 is W²₀₀).
    """
    net = build(
        [2, 2, 2],
        [None, "sigmoid", "sigmoid"],
        [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]],
        [[0.35, 0.35], [0.6, 0.6]],
    )
    trace = bp.forward(net, np.array([[0.05, 0.10]]))
    g = bp.backward(net, trace, np.array([[0.01, 0.99]]), "mse")
    close = dict(abs=6e-10, rel=0)
    assert trace.z[1][0] == pytest.approx([0.3775, 0.3925], **close)
    assert trace.a[1][0] == pytest.approx([0.593269992, 0.596884378], **close)
    assert trace.z[2][0] == pytest.approx([1.105905967, 1.224921404], **close)
    assert trace.a[2][0] == pytest.approx([0.75136507, 0.772928465], **close)
    assert g.C == pytest.approx(0.298371109, **close)  # E_total = 0.274811083 + 0.023560026
    assert g.dC_dW[2][0, 0] == pytest.approx(0.082167041, **close)  # ∂E/∂w5
    eta = 0.5
    w_new = {"w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121}
    w_new |= {"w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229}
    expect_W2 = [
        [(0.4 - w_new["w5"]) / eta, (0.45 - w_new["w6"]) / eta],
        [(0.5 - w_new["w7"]) / eta, (0.55 - w_new["w8"]) / eta],
    ]
    expect_W1 = [
        [(0.15 - w_new["w1"]) / eta, (0.2 - w_new["w2"]) / eta],
        [(0.25 - w_new["w3"]) / eta, (0.3 - w_new["w4"]) / eta],
    ]
    assert g.dC_dW[2] == pytest.approx(np.array(expect_W2), abs=2e-8)  # his w⁺ carry 8-9 decimals
    assert g.dC_dW[1] == pytest.approx(np.array(expect_W1), abs=2e-8)


# ---- batches -------------------------------------------------------------------------


BATCH_TOL = 1e-6  # the batch and the samples one by one round differently; a wrong mean is off by a factor


@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_batch_cost_and_gradients_are_means_over_samples(output, loss, data):
    prob = data.draw(problems(None, output, loss, max_batch=5))
    B = prob.x.shape[0]
    _, g = _grads(prob)
    singles = [
        bp.backward(prob.net, bp.forward(prob.net, prob.x[s : s + 1]), prob.y[s : s + 1], loss) for s in range(B)
    ]
    scale = _scale(g.C, g)
    with np.errstate(all="ignore"):
        assert rel_error(g.C, np.mean([s.C for s in singles]), scale) < BATCH_TOL
        for l in range(1, prob.net.L + 1):
            assert rel_error(g.dC_dW[l], np.mean([s.dC_dW[l] for s in singles], axis=0), scale) < BATCH_TOL
            assert rel_error(g.dC_db[l], np.mean([s.dC_db[l] for s in singles], axis=0), scale) < BATCH_TOL
            # per-sample rows are derivatives of the batch cost: each sample's own, divided by B
            assert rel_error(g.dC_dz[l], np.concatenate([s.dC_dz[l] for s in singles]) / B, scale) < BATCH_TOL
            if np.all(np.isfinite(g.dC_da[l])):
                rows = np.concatenate([s.dC_da[l] for s in singles]) / B
                assert rel_error(g.dC_da[l], rows, max(scale, float(np.max(np.abs(rows))))) < BATCH_TOL


# ---- saturation, end to end ----------------------------------------------------------


def _one_unit(z, activation="sigmoid"):
    """A [1, n] network whose output layer sees exactly z (one sample): W = z as a column, x = 1."""
    z = np.atleast_1d(np.asarray(z, dtype=np.float64))
    return build([1, z.size], [None, activation], [z[:, None].tolist()], [[0.0] * z.size]), np.array([[1.0]])


@pytest.mark.parametrize("z", [50.0, -50.0])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_binary_cross_entropy_on_a_saturated_sigmoid_is_exact(z, y):
    net, x = _one_unit(z)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        trace = bp.forward(net, x)
        g = bp.backward(net, trace, np.array([[y]]), "binary_cross_entropy")
    softplus = max(z, 0.0) + math.log1p(math.exp(-abs(z)))  # -log(1-σ(z)); -log σ(z) = softplus(z) - z
    assert g.C == pytest.approx(softplus - y * z, rel=1e-15)
    sigma = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    assert g.dC_dz[1][0, 0] == pytest.approx(sigma - y, rel=1e-14, abs=0)
    assert g.dC_dW[1][0, 0] == pytest.approx(sigma - y, rel=1e-14, abs=0)  # x = 1
    assert np.all(np.isfinite(g.dC_dz[1]))


def test_binary_cross_entropy_divides_by_batch_and_outputs():
    """dC/dz = (σ(z) - y) / (B n) for B = 2 samples of n = 2 outputs, saturated ones included."""
    net = build([1, 2], [None, "sigmoid"], [[[1.0], [-1.0]]], [[0.0, 0.0]])
    x = np.array([[50.0], [-2.0]])  # z = (50, -50) and (-2, 2)
    y = np.array([[1.0, 0.0], [0.3, 0.6]])
    g = bp.backward(net, bp.forward(net, x), y, "binary_cross_entropy")
    z = np.array([[50.0, -50.0], [-2.0, 2.0]])
    sigma = np.array([[1 / (1 + math.exp(-v)) for v in row] for row in z])
    np.testing.assert_allclose(g.dC_dz[1], (sigma - y) / 4, rtol=1e-14, atol=0)
    softplus = np.array([[max(v, 0) + math.log1p(math.exp(-abs(v))) for v in row] for row in z])
    assert g.C == pytest.approx(float(np.mean(softplus - y * z)), rel=1e-14)


@pytest.mark.parametrize(
    "z,y,C",
    [
        ([1000.0, -1000.0, 0.0], [0.2, 0.5, 0.3], 1300.0),  # log a = (0, -2000, -1000)
        ([1000.0, -1000.0, 0.0], [1.0, 0.0, 0.0], 0.0),
        ([1000.0, 1000.0, -1000.0], [0.0, 1.0, 0.0], math.log(2)),
    ],
)
def test_cross_entropy_on_softmax_at_huge_logits_is_exact(z, y, C):
    net, x = _one_unit(z, "softmax")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        trace = bp.forward(net, x)
        g = bp.backward(net, trace, np.array([y]), "cross_entropy")
    a = np.exp(np.array(z) - max(z)) / np.sum(np.exp(np.array(z) - max(z)))
    assert g.C == pytest.approx(C, rel=1e-15, abs=1e-300)
    np.testing.assert_allclose(g.dC_dz[1][0], a - np.array(y), rtol=1e-15, atol=0)
    assert np.all(np.isfinite(trace.a[1]))


@pytest.mark.parametrize("z", [800.0, -800.0, 1e308, -1e308])
def test_mse_on_a_saturated_sigmoid_gives_zero_slope_not_nan(z):
    net, x = _one_unit(z)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        g = bp.backward(net, bp.forward(net, x), np.array([[0.5]]), "mse")
    assert g.C == 0.25
    assert g.dC_dz[1][0, 0] == 0.0 and g.dC_dW[1][0, 0] == 0.0
