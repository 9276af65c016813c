"""activations: values worked by hand, derivatives against finite differences, and the saturated tails."""

import math
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine.activations import ACTIVATIONS, HE_INIT

from .conftest import HIDDEN, KINKED, REF, fd, ref_act, rel_error

FAST = settings(max_examples=30, deadline=None)
BATCHES = arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=st.floats(-20, 20))


def act(name, z):
    return ACTIVATIONS[name].f(np.asarray(z, dtype=np.float64))


def sigma(t: float) -> float:
    """σ(t) in plain floats, in the form that cannot overflow."""
    return 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))


Z = [-2.0, -0.5, 0.0, 0.5, 3.0]


@pytest.mark.parametrize(
    "name,a,d",
    [
        ("sigmoid", [sigma(t) for t in Z], [sigma(t) * sigma(-t) for t in Z]),
        ("tanh", [math.tanh(t) for t in Z], [1 / math.cosh(t) ** 2 for t in Z]),
        ("relu", [0, 0, 0, 0.5, 3], [0, 0, 0, 1, 1]),
        ("leaky_relu", [-0.02, -0.005, 0, 0.5, 3], [0.01, 0.01, 0.01, 1, 1]),
        ("linear", Z, [1, 1, 1, 1, 1]),
    ],
)
def test_values_and_derivatives_by_hand(name, a, d):
    """At z = 0 the rectifiers take their left slope (0, 0.01): a convention, the kink has none."""
    got_a, got_d = act(name, [Z, Z])
    assert got_a.shape == got_d.shape == (2, 5)
    np.testing.assert_allclose(got_a, [a, a], rtol=1e-15, atol=1e-17)
    np.testing.assert_allclose(got_d, [d, d], rtol=1e-14, atol=1e-17)


@pytest.mark.parametrize("t", [20.0, -20.0, 400.0, -400.0])
def test_tanh_derivative_is_exact_in_the_tails(strict, t):
    """1 - tanh²(20) = 1.7e-17, not the 0 that 1 - a² rounds to once tanh(z) rounds to ±1."""
    e = math.exp(-2 * abs(t))
    a, d = act("tanh", [[t]])
    assert a[0, 0] == math.tanh(t)
    assert d[0, 0] == pytest.approx(4 * e / (1 + e) ** 2, rel=1e-14, abs=0)


def test_linear_returns_a_new_array():
    z = np.array([[1.0, -2.0]])
    a, _ = act("linear", z)
    a[0, 0] = 5.0
    assert z[0, 0] == 1.0  # the trace's a^l and z^l are separate arrays


def test_softmax_by_hand():
    e = [math.exp(1), math.exp(2), math.exp(3)]
    a, d = act("softmax", [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(a[0], [v / sum(e) for v in e], rtol=1e-15)
    np.testing.assert_allclose(a[1], [1 / 3] * 3, rtol=1e-15)
    assert d is None  # not elementwise: backprop goes through vjp


@pytest.mark.parametrize("name", HIDDEN)
@FAST
@given(z=BATCHES)
def test_derivative_matches_finite_differences(name, z):
    if name in KINKED:
        z = np.where(np.abs(z) > 1e-3, z, 0.5)  # off the kink by construction: filtering starves hypothesis
    num = fd(lambda Z: (ref_act(name, Z), ()), z)  # (B, n, B, n): only the diagonal is non-zero
    B, n = z.shape
    diag = num.reshape(B * n, B * n).diagonal().reshape(B, n)
    _, d = act(name, z)
    assert rel_error(d, diag, 1.0) < 1e-6
    np.testing.assert_allclose(
        act(name, z)[0], ref_act(name, z.astype(REF)).astype(np.float64), rtol=4e-15, atol=1e-300
    )


@pytest.mark.parametrize("name", HIDDEN + ["softmax"])
@FAST
@given(z=BATCHES, g=st.data())
def test_vjp_and_jacobian_match_finite_differences(name, z, g):
    """jacobian(a, σ') is ∂a/∂z per sample; vjp is its transpose applied to dC/da."""
    if name in KINKED:
        z = np.where(np.abs(z) > 1e-3, z, 0.5)  # off the kink by construction: filtering starves hypothesis
    B, n = z.shape
    dC_da = g.draw(arrays(np.float64, (B, n), elements=st.floats(-3, 3)))
    activation = ACTIVATIONS[name]
    a, d = activation.f(z)
    J = activation.jacobian(a, d)
    num = fd(lambda Z: (ref_act(name, Z), ()), z)  # num[b, j, b, i] = ∂a_i/∂z_j of sample b
    for s in range(B):
        assert rel_error(J[s], num[s, :, s, :].T, 1.0) < 1e-6
    expect = np.einsum("bij,bi->bj", J, dC_da)
    np.testing.assert_allclose(activation.vjp(a, d, dC_da), expect, rtol=1e-12, atol=1e-13)


# ---- the tails ------------------------------------------------------------------------


@contextmanager
def no_warnings():
    """Overflow, invalid and divide-by-zero raise; any warning is an error.

    Underflow stays ignored (numpy's default): σ(-800) ≈ 1e-348 is below the smallest
    float64, and rounding it to 0 is the correctly rounded result, not an error.
    """
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


@pytest.fixture
def strict():
    with no_warnings():
        yield


@pytest.mark.parametrize("t", [1e308, -1e308, 800.0, -800.0, 745.0, -745.0, 50.0, -50.0, 1e-300, 0.0])
def test_sigmoid_is_exact_in_both_tails(strict, t):
    a, d = act("sigmoid", [[t, -t]])
    assert a[0, 0] == pytest.approx(sigma(t), rel=1e-15, abs=0)
    assert a[0, 1] == pytest.approx(sigma(-t), rel=1e-15, abs=0)
    assert d[0, 0] == d[0, 1] == pytest.approx(sigma(t) * sigma(-t), rel=1e-14, abs=0)  # σ' is even
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


@settings(max_examples=200, deadline=None)
@given(z=arrays(np.float64, (3, 4), elements=st.floats(allow_nan=False, allow_infinity=False)))
def test_sigmoid_never_overflows_or_warns_for_any_finite_z(z):
    with no_warnings():
        a, d = act("sigmoid", z)
    assert np.all((a >= 0) & (a <= 1))
    assert np.all((d >= 0) & (d <= 0.25 * (1 + 1e-15)))  # σ′ ≤ ¼, up to rounding
    np.testing.assert_allclose(a + act("sigmoid", -z)[0], 1.0, rtol=1e-15)


@pytest.mark.parametrize("name", ["tanh", "relu", "leaky_relu", "linear"])
def test_other_activations_stay_finite_at_huge_z(strict, name):
    a, d = act(name, [[1e308, -1e308, 800.0, -800.0]])
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


def test_softmax_shifts_by_the_max(strict):
    a, _ = act("softmax", [[1000.0, -1000.0, 0.0], [1000.0, 1000.0, 999.0], [-1000.0, -1000.0, -1000.0]])
    np.testing.assert_allclose(a[0], [1.0, 0.0, 0.0], rtol=0, atol=1e-300)
    e = math.exp(-1)
    np.testing.assert_allclose(a[1], [1 / (2 + e), 1 / (2 + e), e / (2 + e)], rtol=1e-15)
    np.testing.assert_allclose(a[2], [1 / 3] * 3, rtol=1e-15)


@FAST
@given(z=BATCHES, shift=st.floats(-500, 500))
def test_softmax_is_shift_invariant(z, shift):
    a, _ = act("softmax", z)
    np.testing.assert_allclose(act("softmax", z + shift)[0], a, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-15)


def test_registry():
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"}
    assert [n for n, a in ACTIVATIONS.items() if a.output_only] == ["softmax"]
    assert HE_INIT == {"relu", "leaky_relu"}
