"""datasets: shapes, balanced labels, seeded determinism, one-hot targets, the XOR truth table."""

import numpy as np
import pytest

from app.engine.datasets import DATASETS, MULTICLASS, make

TWO_D = ["xor", "circle", "spiral", "gaussians"]


def test_xor_with_four_samples_and_no_noise_is_the_truth_table(xor):
    x, y = xor
    np.testing.assert_array_equal(x, [[-1, -1], [-1, 1], [1, -1], [1, 1]])
    np.testing.assert_array_equal(y, [[0], [1], [1], [0]])  # 1 where the signs differ


@pytest.mark.parametrize("name", TWO_D)
def test_two_class_shapes_and_balance(name):
    x, y = make(name, 200, 0.1, 3)
    assert x.shape == (200, 2) and y.shape == (200, 1)
    assert x.dtype == y.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0}
    assert y.sum() == 100
    assert np.all(np.isfinite(x))


@pytest.mark.parametrize("name", sorted(MULTICLASS))
@pytest.mark.parametrize("classes", [3, 5])
def test_more_classes_give_balanced_one_hot_rows(name, classes):
    x, y = make(name, 30 * classes, 0.1, 0, classes)
    assert x.shape == (30 * classes, 2) and y.shape == (30 * classes, classes)
    assert set(np.unique(y)) == {0.0, 1.0}
    np.testing.assert_array_equal(y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(y.sum(axis=0), 30.0)


@pytest.mark.parametrize("name", list(DATASETS))
def test_same_seed_same_data_other_seed_other_data(name):
    x1, y1 = make(name, 50, 0.2, 11)
    x2, y2 = make(name, 50, 0.2, 11)
    x3, _ = make(name, 50, 0.2, 12)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(x1, x3)


def test_xor_clusters_sit_on_the_corners():
    x, y = make("xor", 400, 0.05, 0)
    signs_differ = (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(float)
    np.testing.assert_array_equal(signs_differ, y[:, 0])
    assert np.max(np.abs(np.abs(x) - 1)) < 0.5


def test_circle_without_noise_separates_by_radius():
    x, y = make("circle", 300, 0.0, 1)
    r = np.hypot(x[:, 0], x[:, 1])
    inside = y[:, 0] == 1
    assert np.all(r[inside] <= 0.5) and np.all((r[~inside] >= 0.7) & (r[~inside] <= 1.0))


def test_spiral_without_noise_stays_in_the_unit_disc():
    x, _ = make("spiral", 300, 0.0, 1, 3)
    r = np.hypot(x[:, 0], x[:, 1])
    assert np.all((r >= 0.05) & (r <= 1.0))


def test_gaussians_centre_each_class_on_its_own_point():
    x, y = make("gaussians", 4000, 0.0, 2, 4)
    angles = 2 * np.pi * np.arange(4) / 4 + np.pi / 4
    centres = 0.6 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    for k in range(4):
        np.testing.assert_allclose(x[y[:, k] == 1].mean(axis=0), centres[k], atol=0.02)


def test_sine_without_noise_is_the_curve():
    x, y = make("sine", 100, 0.0, 5)
    assert x.shape == y.shape == (100, 1)
    assert np.all(np.abs(x) <= 1)
    np.testing.assert_allclose(y, 0.5 + 0.4 * np.sin(np.pi * x), rtol=1e-15)
    assert np.all((y > 0) & (y < 1))  # a sigmoid output can fit it
