"""network: building, copying, and seeded initialisation (Glorot and He uniform, zero biases)."""

import math

import numpy as np
import pytest

from app.engine.network import build, init_weights

GLOROT = ["sigmoid", "tanh", "linear", "softmax"]
HE = ["relu", "leaky_relu"]


def test_build_shapes_and_zero_biases():
    net = build([3, 5, 2], [None, "tanh", "sigmoid"], seed=1)
    assert net.L == 2
    assert net.W[0] is None and net.b[0] is None
    assert net.W[1].shape == (5, 3) and net.W[2].shape == (2, 5)  # W^l is n_l × n_(l-1)
    assert net.W[1].dtype == np.float64
    np.testing.assert_array_equal(net.b[1], np.zeros(5))
    np.testing.assert_array_equal(net.b[2], np.zeros(2))


def test_build_takes_given_weights_and_biases_as_they_are():
    W = [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]]
    b = [[0.1, 0.2, 0.3], [0.4]]
    net = build([2, 3, 1], [None, "relu", "linear"], W, b, seed=5)
    np.testing.assert_array_equal(net.W[1], [[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(net.W[2], [[7, 8, 9]])
    np.testing.assert_array_equal(net.b[1], [0.1, 0.2, 0.3])
    assert net.W[1].dtype == np.float64
    assert net.seed == 5


def test_copy_is_deep_and_parameters_write_through():
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=0)
    clone = net.copy()
    clone.W[1][0, 0] += 1.0
    clone.b[2][0] += 1.0
    assert clone.W[1][0, 0] != net.W[1][0, 0] and net.b[2][0] == 0.0
    params = net.parameters()
    assert [p.shape for p in params] == [(3, 2), (3,), (1, 3), (1,)]  # W^1, b^1, W^2, b^2
    params[2] += 1.0
    assert net.W[2] is params[2]


def test_same_seed_same_weights_other_seed_other_weights():
    sizes, acts = [4, 6, 6, 2], [None, "relu", "tanh", "softmax"]
    a, b, c = build(sizes, acts, seed=7), build(sizes, acts, seed=7), build(sizes, acts, seed=8)
    for l in range(1, 4):
        np.testing.assert_array_equal(a.W[l], b.W[l])
        assert not np.any(a.W[l] == c.W[l])


def test_layers_draw_independently():
    """W^l depends on (seed, l, its shape, its rule) only: adding or resizing other layers never shifts it."""
    small = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=4)
    large = build([2, 3, 7, 7, 1], [None, "tanh", "relu", "relu", "sigmoid"], seed=4)
    np.testing.assert_array_equal(small.W[1], large.W[1])
    same_shape = build([3, 3, 3], [None, "tanh", "tanh"], seed=4)
    assert not np.any(same_shape.W[1] == same_shape.W[2])  # each layer its own stream


@pytest.mark.parametrize("activation", GLOROT + HE)
def test_initialisation_bounds(activation):
    """Glorot uniform ±√(6/(n_in + n_out)) for sigmoid, tanh, linear, softmax; He uniform ±√(6/n_in) for rectifiers."""
    n_out, n_in = 200, 300
    W = init_weights(n_out, n_in, activation, seed=0, l=1)
    bound = math.sqrt(6 / n_in) if activation in HE else math.sqrt(6 / (n_in + n_out))
    assert np.max(np.abs(W)) <= bound
    assert np.max(W) > 0.99 * bound and np.min(W) < -0.99 * bound  # 60,000 uniform draws fill the range
    assert abs(np.mean(W)) < 0.01 * bound
    assert np.var(W) == pytest.approx(bound**2 / 3, rel=0.03)  # the variance of U(-r, r)


def test_he_and_glorot_differ_on_the_same_layer():
    he = build([10, 10, 1], [None, "relu", "linear"], seed=0).W[1]
    glorot = build([10, 10, 1], [None, "tanh", "linear"], seed=0).W[1]
    assert np.max(np.abs(he)) > math.sqrt(6 / 20)  # beyond Glorot's bound of √(6/20)
    np.testing.assert_allclose(he / glorot, math.sqrt(2), rtol=1e-12)  # same draws, bounds in ratio √(20/10)
