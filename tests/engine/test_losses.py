"""losses: costs and derivatives worked by hand, against finite differences, and saturated."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES

from .conftest import REF, fd, ref_act, ref_cost_from_a, ref_cost_from_z, rel_error

FAST = settings(max_examples=30, deadline=None)
F = np.float64


def parts(loss, z, act, y):
    """(C, dC/da, dC/dz) as backprop uses them: the fused dC/dz where the loss has one."""
    z, y = np.asarray(z, F), np.asarray(y, F)
    a, d = ACTIVATIONS[act].f(z)
    lf = LOSSES[loss]
    dC_da = lf.dC_da(z, a, y)
    dC_dz = lf.dC_dz(z, a, y) if lf.dC_dz is not None else ACTIVATIONS[act].vjp(a, d, dC_da)
    return lf.cost(z, a, y), dC_da, dC_dz


# ---- by hand ------------------------------------------------------------------------------


def test_mse_by_hand():
    """One sample, n_L = 2: C = ½[(0.2 - 0)² + (0.6 - 1)²] = ½(0.04 + 0.16) = 0.1; dC/da = (2/2)(a - y)."""
    lf = LOSSES["mse"]
    a, y = np.array([[0.2, 0.6]]), np.array([[0.0, 1.0]])
    assert lf.cost(a, a, y) == pytest.approx(0.1, rel=1e-15)
    np.testing.assert_allclose(lf.dC_da(a, a, y), [[0.2, -0.4]], rtol=1e-15)
    assert lf.dC_dz is None and lf.requires is None


def test_mse_batch_is_the_mean_of_the_samples():
    """Costs 0.1 and ½(1 + 1) = 1 → C = 0.55; dC/da = (2/n_L)(a - y)/B = (a - y)/2."""
    lf = LOSSES["mse"]
    a, y = np.array([[0.2, 0.6], [1.0, 1.0]]), np.array([[0.0, 1.0], [0.0, 0.0]])
    assert lf.cost(a, a, y) == pytest.approx(0.55, rel=1e-15)
    np.testing.assert_allclose(lf.dC_da(a, a, y), [[0.1, -0.2], [0.5, 0.5]], rtol=1e-15)


def test_binary_cross_entropy_by_hand():
    z, y = [[0.0, 2.0]], [[1.0, 0.25]]
    s = [0.5, 1 / (1 + math.exp(-2))]
    per = [-math.log(s[0]), -(0.25 * math.log(s[1]) + 0.75 * math.log(1 - s[1]))]
    C, dC_da, dC_dz = parts("binary_cross_entropy", z, "sigmoid", y)
    assert C == pytest.approx(sum(per) / 2, rel=1e-15)  # the mean over the n_L = 2 outputs
    np.testing.assert_allclose(dC_da, [[-1 / s[0] / 2, (-0.25 / s[1] + 0.75 / (1 - s[1])) / 2]], rtol=1e-14)
    np.testing.assert_allclose(dC_dz, [[(s[0] - 1) / 2, (s[1] - 0.25) / 2]], rtol=1e-14)
    assert LOSSES["binary_cross_entropy"].requires == "sigmoid"


def test_cross_entropy_by_hand():
    """z = (1, 2, 3), y = class 2: C = -log(e³ / (e + e² + e³)); dC/dz = a - y."""
    e = [math.exp(1), math.exp(2), math.exp(3)]
    a = [v / sum(e) for v in e]
    C, dC_da, dC_dz = parts("cross_entropy", [[1.0, 2.0, 3.0]], "softmax", [[0.0, 0.0, 1.0]])
    assert C == pytest.approx(-math.log(a[2]), rel=1e-15)
    np.testing.assert_allclose(dC_da, [[0.0, 0.0, -1 / a[2]]], rtol=1e-14)
    np.testing.assert_allclose(dC_dz, [[a[0], a[1], a[2] - 1]], rtol=1e-14)
    assert LOSSES["cross_entropy"].requires == "softmax"


# ---- against finite differences -----------------------------------------------------------

CASES = [("mse", a) for a in ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"]] + [
    ("binary_cross_entropy", "sigmoid"),
    ("cross_entropy", "softmax"),
]


@st.composite
def batches(draw, loss, act):
    B, n = draw(st.integers(1, 4)), draw(st.integers(2 if act == "softmax" else 1, 4))
    z = draw(arrays(F, (B, n), elements=st.floats(-8, 8)))
    if loss == "mse":
        y = draw(arrays(F, (B, n), elements=st.floats(-1, 1)))
    elif loss == "binary_cross_entropy":
        y = draw(arrays(F, (B, n), elements=st.floats(0, 1)))
    else:
        p = draw(arrays(F, (B, n), elements=st.floats(0.01, 1)))
        y = p / p.sum(axis=1, keepdims=True)
    return z, y


@pytest.mark.parametrize("loss,act", CASES)
@FAST
@given(data=st.data())
def test_derivatives_match_finite_differences(loss, act, data):
    z, y = data.draw(batches(loss, act))
    if act in ("relu", "leaky_relu"):
        z = np.where(np.abs(z) > 1e-3, z, 0.5)  # off the kink by construction: filtering starves hypothesis
    C, dC_da, dC_dz = parts(loss, z, act, y)
    Y = y.astype(REF)
    scale = max(1.0, abs(C), float(np.max(np.abs(dC_dz))))  # entries below 1e-8 of it are compared at it
    assert rel_error(C, ref_cost_from_z(loss, act, z.astype(REF), Y), scale) < 1e-10  # a - y may cancel
    num_z = fd(lambda Z: (ref_cost_from_z(loss, act, Z, Y), ()), z)
    assert rel_error(dC_dz, num_z, scale) < 1e-6
    a = ref_act(act, z.astype(REF))
    if loss == "mse" or (a.min() > 1e-2 and (loss != "binary_cross_entropy" or a.max() < 1 - 1e-2)):
        num_a = fd(lambda A: (ref_cost_from_a(loss, A, Y), ()), a)
        assert rel_error(dC_da, num_a, max(scale, float(np.max(np.abs(num_a))))) < 1e-6


@pytest.mark.parametrize("loss,act", CASES[-2:])
@FAST
@given(data=st.data())
def test_fused_dC_dz_is_the_chain_rule_through_the_activation(loss, act, data):
    """Away from saturation the stable form and dC/da pushed through σ' (or softmax's Jacobian) agree."""
    z, y = data.draw(batches(loss, act))
    a, d = ACTIVATIONS[act].f(z)
    lf = LOSSES[loss]
    chained = ACTIVATIONS[act].vjp(a, d, lf.dC_da(z, a, y))
    np.testing.assert_allclose(lf.dC_dz(z, a, y), chained, rtol=1e-9, atol=1e-15)


# ---- saturation -----------------------------------------------------------------------------


@pytest.fixture
def strict():
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("z", [50.0, -50.0, 800.0, -800.0, 1e308, -1e308])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_binary_cross_entropy_is_exact_when_the_sigmoid_saturates(strict, z, y):
    """C = softplus(z) - y z with softplus(z) = max(z, 0) + log1p(e^-|z|); dC/dz = σ(z) - y."""
    C, _, dC_dz = parts("binary_cross_entropy", [[z]], "sigmoid", [[y]])
    assert C == pytest.approx(max(z, 0.0) + math.log1p(math.exp(-abs(z))) - y * z, rel=1e-15)
    sigma = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    assert dC_dz[0, 0] == pytest.approx(sigma - y, rel=1e-15, abs=0)


@pytest.mark.parametrize("z", [50.0, -50.0])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_binary_cross_entropy_dC_da_stays_finite_at_z_50(strict, z, y):
    """dC/da = -y/σ + (1-y)/(1-σ) = -y(1 + e^-z) + (1-y)(1 + e^z): large (5e21) but finite."""
    _, dC_da, _ = parts("binary_cross_entropy", [[z]], "sigmoid", [[y]])
    assert dC_da[0, 0] == pytest.approx(-y * (1 + math.exp(-z)) + (1 - y) * (1 + math.exp(z)), rel=1e-14)


@pytest.mark.parametrize(
    "z,y,C",
    [
        ([1000.0, -1000.0], [1.0, 0.0], 0.0),
        ([1000.0, -1000.0], [0.0, 1.0], 2000.0),
        ([1000.0, -1000.0], [0.25, 0.75], 1500.0),
        ([-1000.0, -1000.0], [0.5, 0.5], math.log(2)),
    ],
)
def test_cross_entropy_is_exact_at_huge_logits(strict, z, y, C):
    cost, _, dC_dz = parts("cross_entropy", [z], "softmax", [y])
    assert cost == pytest.approx(C, rel=1e-15, abs=1e-300)
    m = max(z)
    a = np.exp(np.array(z) - m) / np.sum(np.exp(np.array(z) - m))
    np.testing.assert_allclose(dC_dz[0], a - np.array(y), rtol=1e-15, atol=0)


def test_cross_entropy_divides_by_the_batch_only():
    """C is the mean over samples of -Σ_i y_i log a_i (a sum over outputs, not a mean)."""
    z = np.array([[0.0, 0.0], [0.0, 0.0]])
    y = np.array([[1.0, 0.0], [0.5, 0.5]])
    C, _, dC_dz = parts("cross_entropy", z, "softmax", y)
    assert C == pytest.approx(math.log(2), rel=1e-15)
    np.testing.assert_allclose(dC_dz, (0.5 - y) / 2, rtol=1e-15)
