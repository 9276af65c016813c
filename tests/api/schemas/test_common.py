"""schemas/common.py: the shape rule, the one-sample parsing, the wording and the limits, without HTTP."""
import pytest
from pydantic import TypeAdapter
from pydantic_core import PydanticCustomError

from app.api.schemas.common import Samples, check_limit, check_shapes, shape

SIZES = [2, 3, 1]  # W^1 is 3×2, W^2 is 1×3
W = [[[0.0] * 2] * 3, [[0.0] * 3]]
B = [[0.0] * 3, [0.0]]


def broken(weights, biases, moment=None) -> tuple[str, str]:
    with pytest.raises(PydanticCustomError) as caught:
        check_shapes(SIZES, weights, biases, moment)
    assert caught.value.type == "learner"
    return caught.value.context["field"], caught.value.message()


def test_the_right_shapes_pass_and_missing_parameters_are_not_checked():
    check_shapes(SIZES, W, B)
    check_shapes(SIZES, None, None)
    check_shapes(SIZES, W, B, "optimizer_state.m")


@pytest.mark.parametrize("weights,biases,field,message", [
    (W[:1], B, "weights", "weights has 1 matrices but the network has 2 layers after the input: expected 2 (weights[l-1] is W^l)"),
    ([W[0], [[0.0] * 2]], B, "weights[1]", "weights[1] is 1×2, but layer 2 has 1 node and layer 1 has 3: expected 1×3"),
    ([[[0.0, 0.0], [0.0], [0.0, 0.0]], W[1]], B, "weights[0]",
     "weights[0] is 3×(ragged: rows of 1, 2), but layer 1 has 3 nodes and layer 0 has 2: expected 3×2"),
    ([[], W[1]], None, "weights[0]", "weights[0] is 0×0, but layer 1 has 3 nodes and layer 0 has 2: expected 3×2"),
    (W, B + [[0.0]], "biases", "biases has 3 vectors but the network has 2 layers after the input: expected 2 (biases[l-1] is b^l)"),
    (None, [[0.0], [0.0]], "biases[0]", "biases[0] has 1 value, but layer 1 has 3 nodes: expected 3"),
    (W[:1], B[:1], "weights", "weights has 1 matrices"),  # the weights are named first
])
def test_a_networks_parameters_are_refused_at_their_first_mismatch(weights, biases, field, message):
    got_field, got_message = broken(weights, biases)
    assert got_field == field
    assert got_message.startswith(message)


@pytest.mark.parametrize("weights,biases", [(W[:1], B), (W, B[:1]), ([W[0], [[0.0] * 2]], B), (W, [B[0], [0.0, 0.0]])])
def test_an_optimizer_moment_of_another_shape_gets_one_message(weights, biases):
    assert broken(weights, biases, "optimizer_state.v") == (
        "optimizer_state.v",
        "optimizer_state.v does not have the network's shape: it belongs to another network "
        "(leave optimizer_state out to start afresh)",
    )


@pytest.mark.parametrize("given,parsed", [
    ([0.5, 1], [[0.5, 1.0]]),  # one sample becomes a batch of one
    ([[0.5, 1], [2, 3]], [[0.5, 1.0], [2.0, 3.0]]),
    ([], []),  # left empty, for the schemas' "is empty" message
])
def test_samples_are_parsed_into_a_batch(given, parsed):
    assert TypeAdapter(Samples).validate_python(given) == parsed


def test_shape_words():
    assert shape([[1, 2, 3]] * 2) == "2×3"
    assert shape([[1], [1, 2], [1, 2]]) == "3×(ragged: rows of 1, 2)"
    assert shape([]) == "0×0"


def test_a_limit_names_its_setting(settings):
    settings(max_train_steps=10)
    check_limit("max_train_steps", "steps", 10, "steps")
    with pytest.raises(PydanticCustomError) as caught:
        check_limit("max_train_steps", "steps", 12_345, "steps")
    assert caught.value.message() == "steps is 12,345, over the limit of 10 (BACKPROP_MAX_TRAIN_STEPS)"
    assert caught.value.context == {"field": "steps", "limit": "max_train_steps"}
