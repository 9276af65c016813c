"""schemas/responses.py against real answers: every endpoint's JSON is exactly its documented type.

Strict, and every type is closed: an answer with a key the type does not document, or without one it
requires, fails here (as does a non-finite number). The routes' response_model must be that same type.
"""
import pytest
from pydantic import TypeAdapter, ValidationError

from app.api import schemas as s
from app.api.schemas import exercises as x
from app.api.schemas.derivation import DerivationResponse
from app.main import create_app
from tests.api.examples import BODY, NET

XOR = {"network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1}], "seed": 1},
       "input": [[0, 0], [0, 1], [1, 0], [1, 1]], "target": [[0], [1], [1], [0]], "steps": 5}
EVERY_EXTRA = {**XOR, "diagnostics": True, "test_input": [[0.5, 0.5]], "test_target": [[1]], "grid": [[0, 0], [1, 1]],
               "gradients": True, "backprop": True, "backprop_samples": [1], "optimizer": "adam",
               "optimizer_state": {"step": 2}, "metrics": True, "remember_data": True}
DIVERGING = {"network": {"layers": [{"size": 1}, {"size": 4, "activation": "linear"}, {"size": 1, "activation": "linear"}]},
             "input": [[1e3], [-2e3]], "target": [[1], [0]], "learning_rate": 1e3, "steps": 200, "backprop": True}

# name: (method, path, body or query, status, documented type)
ANSWERS = {
    "forward": ("POST", "/api/v1/forward", {"network": NET, "input": [[0.05, 0.1], [1, 2]]}, 200, s.ForwardResponse),
    "backprop": ("POST", "/api/v1/backprop", BODY, 200, s.BackpropResponse),
    "backprop with jacobians": ("POST", "/api/v1/backprop", {**BODY, "jacobians": True}, 200, s.BackpropResponse),
    "backprop, softmax": ("POST", "/api/v1/backprop", {
        "network": {"layers": [{"size": 2}, {"size": 3, "activation": "softmax"}]}, "input": [1, 2],
        "target": [0, 1, 0], "loss": "cross_entropy"}, 200, s.BackpropResponse),
    "gradcheck": ("POST", "/api/v1/gradcheck", BODY, 200, s.GradcheckResponse),
    "cost-curve": ("POST", "/api/v1/cost-curve", {**BODY, "layer": 1, "i": 0, "j": 1, "points": 5}, 200, s.CostCurveResponse),
    "train, no extra": ("POST", "/api/v1/train", XOR, 200, s.TrainResponse),
    "train, every extra": ("POST", "/api/v1/train", EVERY_EXTRA, 200, s.TrainResponse),
    "train, grid as 16-bit codes": ("POST", "/api/v1/train", {**EVERY_EXTRA, "grid_format": "u16"}, 200, s.TrainResponse),
    "train, diverging": ("POST", "/api/v1/train", DIVERGING, 200, s.TrainResponse),
    "train, regression metrics": ("POST", "/api/v1/train", {**XOR, "target": [[0], [0.5], [1], [2]], "metrics": True,
                                                            "test_input": [[2, 2]], "test_target": [[3]]}, 200, s.TrainResponse),
    "datasets": ("GET", "/api/v1/datasets/spiral", {"samples": 9, "classes": 3}, 200, s.DatasetResponse),
    "datasets, real (needs `make assets`)": ("GET", "/api/v1/datasets/iris", None, 200, s.DatasetResponse),
    "datasets, real regression": ("GET", "/api/v1/datasets/cars", None, 200, s.DatasetResponse),
    "exercise, preset": ("POST", "/api/v1/exercises", {"preset": "batch", "seed": 3}, 200, x.ExerciseResponse),
    "exercise, a problem": ("POST", "/api/v1/exercises", BODY, 200, x.ExerciseResponse),
    "exercise check": ("POST", "/api/v1/exercises/check", {"exercise": BODY, "reveal": True, "answers": [
        {"quantity": "C", "value": 0.3}, {"quantity": "dC_dW", "layer": 2, "i": 0, "j": 1, "value": 0.2}]}, 200, x.CheckResponse),
    "derivation, json (markdown and latex are text: tests/api/routes/test_derivation.py)": (
        "POST", "/api/v1/derivation", {**BODY, "format": "json"}, 200, DerivationResponse),
    "derivation, a batch of 2": ("POST", "/api/v1/derivation", {
        **BODY, "input": [[0.05, 0.1], [1, 2]], "target": [[0.01], [0.99]], "format": "json"}, 200, DerivationResponse),
    "422 of /derivation": ("POST", "/api/v1/derivation", {**BODY, "format": "pdf"}, 422, s.ErrorResponse),
    "meta": ("GET", "/api/v1/meta", None, 200, s.MetaResponse),
    "healthz": ("GET", "/healthz", None, 200, s.HealthResponse),
    "422": ("POST", "/api/v1/backprop", {**BODY, "input": [1]}, 422, s.ErrorResponse),
    "422 of /code (its 200 is a script: tests/api/routes/test_code.py)": (
        "POST", "/api/v1/code", {**BODY, "language": "fortran"}, 422, s.ErrorResponse),
    "422 of a query": ("GET", "/api/v1/datasets/xor", {"classes": 3}, 422, s.ErrorResponse),
    "404": ("GET", "/api/v1/nowhere", None, 404, s.ErrorResponse),
}


def call(client, name: str) -> bytes:
    method, path, data, status, _ = ANSWERS[name]
    r = client.post(path, json=data) if method == "POST" else client.get(path, params=data)
    assert r.status_code == status, r.text[:300]
    return r.content


def keys(answer: dict, T) -> tuple[set, set]:
    """(keys T requires that the answer lacks, keys T may hold that the answer holds)."""
    return T.__required_keys__ - set(answer), T.__optional_keys__ & set(answer)


@pytest.mark.parametrize("name", ANSWERS)
def test_each_answer_is_its_documented_type(client, name):
    T = ANSWERS[name][-1]
    TypeAdapter(T).validate_json(call(client, name), strict=True)


def test_the_openapi_schema_documents_those_types():
    paths = create_app().openapi()["paths"]
    for method, path, _, status, T in ANSWERS.values():
        if status != 404:  # an unknown path has no operation to document it
            operation = paths[path.replace("spiral", "{name}").replace("xor", "{name}").replace("iris", "{name}")
                              .replace("cars", "{name}")][method.lower()]
            assert operation["responses"][str(status)]["content"]["application/json"]["schema"] == {
                "$ref": f"#/components/schemas/{T.__name__}"
            }, path


def test_keys_sent_only_sometimes_are_sent_when_asked_for_and_only_then(client):
    adapter = TypeAdapter(s.TrainResponse)
    every = adapter.validate_json(call(client, "train, every extra"), strict=True)
    none = adapter.validate_json(call(client, "train, no extra"), strict=True)
    # the grid's outputs come in one of two keys, as grid_format asks
    assert keys(every, s.TrainResponse) == (set(), s.TrainResponse.__optional_keys__ - {"grid_u16"})
    packed = adapter.validate_json(call(client, "train, grid as 16-bit codes"), strict=True)
    assert keys(packed, s.TrainResponse) == (set(), s.TrainResponse.__optional_keys__ - {"grid_output"})
    assert keys(none, s.TrainResponse) == (set(), set())
    assert keys(every["history"][0], s.StepOut) == (set(), s.StepOut.__optional_keys__)
    assert keys(none["history"][0], s.StepOut) == (set(), set())
    assert keys(every["backprop"], s.BackpropResponse) == (set(), set())  # no jacobians in a training frame
    with_jacobians = TypeAdapter(s.BackpropResponse).validate_json(call(client, "backprop with jacobians"))
    assert keys(with_jacobians, s.BackpropResponse) == (set(), {"jacobians"})
    toy, real = (TypeAdapter(s.DatasetResponse).validate_json(call(client, name), strict=True)
                 for name in ("datasets", "datasets, real (needs `make assets`)"))
    assert keys(toy, s.DatasetResponse) == (set(), set())  # a toy dataset's answer as it was
    assert keys(real, s.DatasetResponse) == (set(), s.DatasetResponse.__optional_keys__)
    forward = TypeAdapter(s.ForwardResponse).validate_json(call(client, "forward"))
    assert [keys(layer, s.LayerOut)[1] for layer in forward["layers"]] == [set(), {"z"}, {"z"}]


def test_an_undocumented_or_missing_key_fails(client):
    adapter = TypeAdapter(s.BackpropResponse)
    answer = adapter.validate_json(call(client, "backprop"), strict=True)
    for broken in ({**answer, "extra": 1}, {k: v for k, v in answer.items() if k != "loss"},
                   {**answer, "network": {**answer["network"], "layers": [{"size": 2, "colour": "red"}]}},
                   {**answer, "loss": float("nan")}):
        with pytest.raises(ValidationError):
            adapter.validate_python(broken, strict=True)
