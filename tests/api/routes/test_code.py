"""POST /code over HTTP: a Python script for a /backprop body, its documented answer, the 422s naming their field."""
import pytest

from app.main import create_app
from tests.api.examples import BODY, NET, with_net
from tests.conftest import strict_json


def test_the_answer_is_a_python_script_for_each_language(client):
    for language, needs in (("numpy", "import numpy as np"), ("pytorch", "import torch")):
        r = client.post("/api/v1/code", json={**BODY, "language": language})
        assert r.status_code == 200 and r.headers["content-type"] == "text/x-python; charset=utf-8"
        assert r.text.startswith('"""Backpropagation') and needs in r.text
        compile(r.text, "backprop.py", "exec")


def test_numpy_is_the_default_and_a_backprop_body_is_taken_as_it_is(client):
    plain = client.post("/api/v1/code", json=BODY).text
    assert plain == client.post("/api/v1/code", json={**BODY, "language": "numpy"}).text
    assert client.post("/api/v1/code", json={**BODY, "jacobians": True}).text == plain


REFUSED = {
    "a language it does not write": ({**BODY, "language": "fortran"}, "language", "language must be one of 'numpy'"),
    "an unknown loss": ({**BODY, "loss": "hinge"}, "loss", "loss must be one of"),
    "a loss its output cannot take": ({**BODY, "loss": "cross_entropy"}, "loss", "cross_entropy needs a softmax output layer"),
    "a target of the wrong size": ({**BODY, "target": [0.1, 0.2]}, "target", "target has 2 values but the output layer has 1 node"),
    "an input of the wrong size": ({**BODY, "input": [1]}, "input", "input has 1 value but the input layer has 2 nodes"),
    "weights of the wrong shape": (with_net(weights=[[[1, 2]], [[1]]]), "network.weights[0]", "expected 2×2"),
    "an unknown field": ({**BODY, "langauge": "numpy"}, "langauge", "not a field this endpoint knows"),
    "numbers that overflow": ({"network": {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}],
                                           "weights": [[[1e308, 1e308]]]}, "input": [1e308, 1e308], "target": [0]},
                              "input", "overflowed"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_bad_request_is_a_422_naming_its_field(client, name):
    body, field, words = REFUSED[name]
    r = client.post("/api/v1/code", json=body)
    assert r.status_code == 422, r.text[:300]
    error = strict_json(r.text)["errors"][0]
    assert error["field"] == field and words in error["message"], error


def test_a_script_over_the_limit_is_refused_naming_the_limit_and_what_makes_it_large(limits):
    client = limits(max_code_bytes=4096)
    assert client.post("/api/v1/code", json=BODY).status_code == 200
    many = {**BODY, "input": [[0.123456789, 0.2]] * 200, "target": [[0.5]] * 200}
    big = with_net(layers=[{"size": 2}, {"size": 60}, {"size": 1}], weights=None, biases=None)
    for body, field in ((many, "input"), (big, "network.layers")):
        r = client.post("/api/v1/code", json=body)
        assert r.status_code == 422
        error = strict_json(r.text)["errors"][0]
        assert error["field"] == field
        assert "over the limit of 4,096 (BACKPROP_MAX_CODE_BYTES)" in error["message"], error
    assert client.get("/api/v1/meta").json()["limits"]["max_code_bytes"] == 4096


def test_the_openapi_schema_documents_a_python_script_and_an_example_that_answers_200(client):
    operation = create_app().openapi()["paths"]["/api/v1/code"]["post"]
    assert operation["responses"]["200"]["content"] == {"text/x-python": {"schema": {"type": "string"}}}
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    example = create_app().openapi()["components"]["schemas"][schema["$ref"].split("/")[-1]]["examples"][0]
    assert example["network"] == NET and example["language"] == "numpy"
    assert client.post("/api/v1/code", json=example).status_code == 200
