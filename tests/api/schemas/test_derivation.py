"""schemas/derivation.py: the request's rules and messages without HTTP, and the documented answer
(strict and closed, as tests/api/schemas/test_responses.py checks the other endpoints')."""
import pytest
from pydantic import TypeAdapter

from app.api.schemas.derivation import DerivationRequest, DerivationResponse
from app.main import create_app
from tests.api.derivations import PROBLEMS
from tests.api.examples import BODY

PATH = "/api/v1/derivation"


def test_it_takes_backprops_body_and_a_format():
    req = DerivationRequest.model_validate(BODY)
    assert req.format == "markdown" and req.loss == "mse" and req.input == [[0.05, 0.1]]


def test_the_refusals(refusal):
    big = {**BODY, "network": {"layers": [{"size": 2}, {"size": 20}, {"size": 1}]}}
    assert refusal(DerivationRequest, big) == [("network.layers", "the number of weights and biases to write out is 81, "
                                                "over the limit of 64 (BACKPROP_MAX_DERIVATION_PARAMETERS)")]
    many = {**BODY, "input": [[0, 0]] * 5, "target": [[0]] * 5}
    assert refusal(DerivationRequest, many) == [("input", "the number of samples to write out is 5, over the limit of 4 "
                                                 "(BACKPROP_MAX_DERIVATION_SAMPLES)")]
    assert refusal(DerivationRequest, {**BODY, "format": "html"}) == [
        ("format", "format must be one of 'markdown', 'latex' or 'json'")]
    assert refusal(DerivationRequest, {**BODY, "target": [0.01, 1]}) == [
        ("target", "target has 2 values but the output layer has 1 node")]  # /backprop's own rules


@pytest.mark.parametrize("name", ["hand", "softmax, cross-entropy, batch of 3", "a layer of 12", "one layer, 7 by 8"])
def test_each_answer_is_its_documented_type(client, name):
    r = client.post(PATH, json={**PROBLEMS[name], "format": "json"})
    assert r.status_code == 200
    TypeAdapter(DerivationResponse).validate_json(r.content, strict=True)


def test_the_openapi_schema_documents_json_and_the_two_documents(client):
    operation = create_app().openapi()["paths"][PATH]["post"]
    content = operation["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/DerivationResponse"}
    assert content["text/markdown"]["schema"] == content["application/x-latex"]["schema"] == {"type": "string"}
    assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}
    example = create_app().openapi()["components"]["schemas"]["DerivationRequest"]["examples"][0]
    r = client.post(PATH, json=example)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
