"""schemas/requests.py: each endpoint's rules, read back as the 422 answer's items, without HTTP."""
import pytest

from app.api import schemas as s
from tests.api.examples import BODY, NET

TRAIN = {"network": NET, "input": [[0, 0], [1, 1]], "target": [[0], [1]]}
STATE = {"step": 3, "m": {"weights": [[[0.1, 0.2]] * 2, [[0.3, 0.4]]], "biases": [[0.0, 0.0], [0.0]]}}


def test_one_sample_is_held_as_a_batch_of_one():
    req = s.BackpropRequest.model_validate(BODY)
    assert req.input == [[0.05, 0.1]] and req.target == [[0.01]]
    assert s.ForwardRequest.model_validate({"network": NET, "input": [[1, 2], [3, 4]]}).input == [[1.0, 2.0], [3.0, 4.0]]


BAD_SAMPLES = [
    ({"input": [0.05]}, ("input", "input has 1 value but the input layer has 2 nodes")),
    ({"input": [[1, 2], [3]]}, ("input[1]", "input[1] has 1 value but the input layer has 2 nodes")),
    ({"input": []}, ("input", "input is empty: give at least one sample")),
    ({"input": [[1, 2], [3, 4]]}, ("target", "target has 1 samples but input has 2: give one target per sample")),
    ({"target": [0.1, 0.2]}, ("target", "target has 2 values but the output layer has 1 node")),
    ({"loss": "cross_entropy"}, ("loss", "cross_entropy needs a softmax output layer, but layer 2 is sigmoid")),
    ({"loss": "binary_cross_entropy", "target": [2]}, ("target[0]", "target[0] must lie between 0 and 1 for binary_cross_entropy")),
]


@pytest.mark.parametrize("change,item", BAD_SAMPLES)
@pytest.mark.parametrize("model", [s.BackpropRequest, s.GradcheckRequest, s.TrainRequest])
def test_every_request_on_samples_checks_them_by_the_same_rules(refusal, model, change, item):
    assert refusal(model, {**BODY, **change}) == [item]


def test_forward_needs_no_target(refusal):
    assert s.ForwardRequest.model_validate({"network": NET, "input": [1, 2]}).input == [[1.0, 2.0]]
    assert refusal(s.ForwardRequest, {"network": NET, "input": [[1, 2], [3]]}) == [BAD_SAMPLES[1][1]]


def test_answer_size_limit_counts_the_jacobians(refusal, settings):
    settings(max_answer_numbers=100)
    body = {**BODY, "input": [[1, 2]] * 4, "target": [[0]] * 4}  # 4 samples × 5 nodes × 5 arrays = 100
    assert s.BackpropRequest.model_validate(body).jacobians is False
    assert refusal(s.BackpropRequest, {**body, "jacobians": True}) == [(
        "input",
        "samples × nodes × arrays per node (Jacobians included) is 120, over the limit of 100 (BACKPROP_MAX_ANSWER_NUMBERS)",
    )]


@pytest.mark.parametrize("change,item", [
    ({"layer": 3, "i": 0}, ("layer", "layer is 3, but the network's last layer is 2")),
    ({"layer": 2, "i": 1}, ("i", "i is 1, but layer 2 has 1 node (i counts from 0)")),
    ({"layer": 2, "i": 0, "j": 2}, ("j", "j is 2, but layer 1 has 2 nodes (j counts from 0)")),
])
def test_cost_curve_parameter_must_exist(refusal, change, item):
    assert refusal(s.CostCurveRequest, {**BODY, **change}) == [item]


@pytest.mark.parametrize("change,item", [
    ({"test_input": [[1, 1]]}, ("test_target", "give test_input and test_target together, or neither")),
    ({"test_input": [[1, 1]], "test_target": [[1], [0]]},
     ("test_target", "test_target has 2 samples but test_input has 1: give one target per sample")),
    ({"test_input": [1], "test_target": [1]}, ("test_input", "test_input has 1 value but the input layer has 2 nodes")),
    ({"grid": [[1, 2], [3]]}, ("grid[1]", "grid[1] has 1 value but the input layer has 2 nodes")),
    ({"backprop_samples": []}, ("backprop_samples", "backprop_samples is empty: leave it out for every sample")),
    ({"backprop_samples": [1, 2]}, ("backprop_samples[1]", "backprop_samples[1] is 2, but input has 2 samples (counted from 0)")),
    ({"optimizer_state": {"v": STATE["m"] | {"biases": [[0.0, 0.0]]}}}, (
        "optimizer_state.v",
        "optimizer_state.v does not have the network's shape: it belongs to another network "
        "(leave optimizer_state out to start afresh)",
    )),
    ({"optimizer_state": {"m": STATE["m"] | {"extra": 1}}}, (
        "optimizer_state.m.extra", "optimizer_state.m.extra is not a field this endpoint knows (check its spelling)"
    )),
])
def test_training_rules(refusal, change, item):
    assert refusal(s.TrainRequest, {**TRAIN, **change}) == [item]


ONE_INPUT = {"network": {"layers": [{"size": 1}, {"size": 1}]}, "input": [[0], [1]], "target": [[0], [1]]}


@pytest.mark.parametrize("body,item", [
    ({**TRAIN, "grid_extent": {"x": [0, 1], "y": [0, 1], "n": 3}, "grid": [[0, 0]]},
     ("grid_extent", "give grid or grid_extent, not both")),
    ({**TRAIN, "grid_extent": {"x": [1, 1], "y": [0, 1], "n": 3}}, ("grid_extent.x", "grid_extent.x is [1, 1]: give [lo, hi] with lo < hi")),
    ({**TRAIN, "grid_extent": {"x": [0, 1], "n": 3}}, ("grid_extent.y", "grid_extent.y is required: the input layer has 2 nodes")),
    ({**TRAIN, "grid_extent": {"x": [0, 1], "y": [0, 1, 2], "n": 3}}, ("grid_extent.y", "grid_extent.y takes at most 2 item(s)")),
    ({**TRAIN, "grid_extent": {"x": [0, 1], "y": [0, 1], "n": 101}},
     ("grid_extent.n", "the number of grid points is 10,201, over the limit of 10,000 (BACKPROP_MAX_POINTS)")),
    ({**ONE_INPUT, "grid_extent": {"x": [0, 1], "y": [0, 1], "n": 3}},
     ("grid_extent.y", "grid_extent.y is given, but the input layer has 1 node: leave y out")),
    ({**ONE_INPUT, "grid_extent": {"x": [0, 1], "n": 1}},
     ("grid_extent.n", "grid_extent.n must be at least 2 for one input: the points run from lo to hi")),
    ({"network": {"layers": [{"size": 3}, {"size": 1}]}, "input": [[0, 0, 0]], "target": [[0]], "grid_extent": {"x": [0, 1], "n": 3}},
     ("grid_extent", "grid_extent spans one or two inputs, but the input layer has 3 nodes: list the points in grid")),
])
def test_a_grid_extent_spans_the_inputs_the_network_has(refusal, body, item):
    assert refusal(s.TrainRequest, body) == [item]


def test_training_rules_run_after_the_samples_rules(refusal, settings):
    settings(max_train_steps=10)
    assert refusal(s.TrainRequest, {**TRAIN, "steps": 11}) == [
        ("steps", "steps is 11, over the limit of 10 (BACKPROP_MAX_TRAIN_STEPS)")
    ]
    assert refusal(s.TrainRequest, {**TRAIN, "steps": 11, "target": [[1]]})[0][0] == "target"


def test_optimizer_state_fills_in_what_it_leaves_out():
    req = s.TrainRequest.model_validate({**TRAIN, "optimizer_state": {"m": STATE["m"]}})
    assert req.optimizer_state == {"step": 0, "m": STATE["m"] | {"biases": [[0.0, 0.0], [0.0]]}, "v": None}
    assert s.TrainRequest.model_validate(TRAIN).optimizer_state is None


def test_a_dataset_request_joins_the_name_and_the_query(refusal, settings):
    settings(max_samples=100)
    assert s.DatasetRequest(name="spiral", samples=100, classes=3).noise == 0.1
    assert refusal(s.DatasetRequest, {"name": "xor", "samples": 101, "classes": 3}) == [
        ("samples", "samples is 101, over the limit of 100 (BACKPROP_MAX_SAMPLES)")
    ]
    assert refusal(s.DatasetRequest, {"name": "xor", "samples": 10, "classes": 3}) == [
        ("classes", "xor has two classes; only gaussians and spiral take more")
    ]
    assert s.DatasetQuery.model_validate({"samples": "5", "other": "ignored"}).samples == 5  # as a query string gives them


def test_training_work_counts_each_steps_cost_per_layer_and_the_test_set(refusal, settings):
    """Steps of a tiny deep network cost their numpy calls, not their few multiply-adds; a test set is a pass per record."""
    from app.api.schemas.requests import NODE_WORK, RECORD_WORK, STEP_WORK

    deep = {"network": {"layers": [{"size": 1}] * 16, "seed": 0}, "input": [[0.5]], "target": [[0.5]], "record_every": 1000}
    per_sample = 15 * 2 + NODE_WORK * 15  # parameters + 100 × nodes
    work = 1000 * (per_sample + STEP_WORK * 16) + 2 * RECORD_WORK * 16 + per_sample * 2  # steps 0 and 999 recorded
    settings(max_train_work=work)
    assert s.TrainRequest.model_validate({**deep, "steps": 1000}).work == work
    ((field, message),) = refusal(s.TrainRequest, {**deep, "steps": 1001})
    assert field == "steps" and message.startswith("the training's work, steps × (samples per step × (parameters + 100 × nodes)")
    assert message.endswith(f"over the limit of {work:,} (BACKPROP_MAX_TRAIN_WORK)")
    settings(max_train_work=10 * work)
    tested = s.TrainRequest.model_validate({**deep, "steps": 1000, "test_input": [[0.5]] * 10, "test_target": [[0.5]] * 10})
    assert tested.work == work + per_sample * 10 * 3  # the test set: at the two records, and once trained
