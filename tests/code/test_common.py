"""code/common.py: the numbers as Python literals that read back as the same float64, and the header's facts."""
import ast

from app.code.common import WIDTH, Problem, header, literal, numbers

HAND = Problem(["sigmoid", "sigmoid"], [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], [[0.35, 0.35], [0.6]],
               [[0.05, 0.1]], [[0.01]], "mse")


def test_a_literal_reads_back_as_the_same_floats():
    awkward = [[0.1 + 0.2, -0.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1 / 3]]
    assert ast.literal_eval(literal(awkward)) == awkward
    assert repr(ast.literal_eval(literal(awkward))[0][1]) == "-0.0"


def test_a_long_matrix_gets_a_row_per_line_and_a_short_one_stays_on_one():
    assert literal([[0.15, 0.2], [0.25, 0.3]]) == "[[0.15, 0.2], [0.25, 0.3]]"
    long = [[1 / 3] * 4] * 3
    text = literal(long)
    assert len(repr(long)) > WIDTH and text.count("\n") == 4 and ast.literal_eval(text) == long


def test_the_numbers_are_named_as_the_notation_names_them():
    names: dict = {}
    exec(numbers(HAND), names)
    assert [names["W1"], names["W2"]] == HAND.weights and [names["b1"], names["b2"]] == HAND.biases
    assert (names["x"], names["y"]) == (HAND.x, HAND.y)


def test_the_header_says_which_network_loss_and_samples():
    text = header(HAND, "in numpy", "numpy", "backprop_numpy.py")
    assert "a 2-2-1 network (sigmoid, sigmoid), the mse loss, 1 sample." in text
    assert "python3 backprop_numpy.py" in text and ast.get_docstring(ast.parse(text))
