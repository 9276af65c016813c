"""metrics: classes and a confusion matrix, R² and MAE, on small cases worked out by hand."""
import numpy as np
import pytest

from app.engine.metrics import classification, first_not_class, labels, regression


def test_one_output_is_two_classes_split_at_one_half():
    y = np.array([[0], [0], [1], [1], [1]])
    a = np.array([[0.2], [0.5], [0.9], [0.49], [0.5]])  # predicted 0, 1, 1, 0, 1
    m = classification(a, y)
    assert m["confusion"] == [[1, 1], [1, 2]]
    assert m["accuracy"] == 3 / 5
    assert m["per_class"] == [{"class": 0, "samples": 2, "accuracy": 0.5}, {"class": 1, "samples": 3, "accuracy": 2 / 3}]


def test_one_hot_rows_are_classes_by_the_largest_output():
    y = np.eye(3)[[0, 1, 1, 2]]
    a = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.0, 0.1, 0.9]])  # predicted 0, 2, 1, 2
    m = classification(a, y)
    assert m["confusion"] == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert m["accuracy"] == 0.75 and [c["accuracy"] for c in m["per_class"]] == [1.0, 0.5, 1.0]


def test_a_class_without_samples_has_no_accuracy():
    m = classification(np.array([[0.9, 0.1, 0.0]]), np.array([[1.0, 0.0, 0.0]]))
    assert m["per_class"][1] == {"class": 1, "samples": 0, "accuracy": None} and m["confusion"][0] == [1, 0, 0]


def test_which_rows_are_classes():
    assert first_not_class(np.array([[0.0], [1.0], [1.0]])) is None
    assert first_not_class(np.array([[0.0], [1.0], [0.3]])) == 2
    assert first_not_class(np.eye(3)) is None
    assert first_not_class(np.array([[1.0, 0.0], [1.0, 1.0]])) == 1  # two 1s: not one-hot
    assert first_not_class(np.array([[0.5, 0.5]])) == 0
    assert labels(np.array([[0.5], [0.4999]])).tolist() == [1, 0]


def test_r2_and_mae_by_hand():
    y = np.array([[1.0], [2.0], [3.0], [4.0]])  # mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5
    a = np.array([[1.5], [2.0], [2.5], [5.0]])  # errors 0.5, 0, -0.5, 1: SS_res = 1.5, |e| sums to 2
    assert regression(a, y) == {"r2": pytest.approx(1 - 1.5 / 5, abs=1e-15), "mae": 0.5}


def test_r2_averages_the_columns_that_vary_and_is_none_when_none_does():
    y = np.array([[1.0, 7.0], [3.0, 7.0]])  # column 1 is constant
    a = np.array([[2.0, 7.0], [3.0, 9.0]])  # column 0: SS_res 1, SS_tot 2
    assert regression(a, y) == {"r2": 0.5, "mae": (1 + 0 + 0 + 2) / 4}
    assert regression(np.array([[0.3]]), np.array([[0.1]]))["r2"] is None  # one sample: nothing to explain
    assert regression(np.array([[1.0], [1.0]]), np.array([[0.1], [0.1]]))["r2"] is None  # equal targets, even in floats


def test_overflow_gives_none_never_nan():
    y = np.array([[1e308], [-1e308]])
    assert regression(np.array([[-1e308], [1e308]]), y) == {"r2": None, "mae": None}
    m = classification(np.array([[np.nan, 0.0], [np.inf, 0.0]]), np.eye(2))
    assert sum(map(sum, m["confusion"])) == 2 and 0 <= m["accuracy"] <= 1
