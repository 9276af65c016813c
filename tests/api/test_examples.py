"""Every example /docs shows answers 200: the request bodies' examples, and the examples of the models inside them."""
import pytest

from app.main import create_app

SCHEMA = create_app().openapi()
REF = "#/components/schemas/"


def bodies():
    """(operation, path, example) for each example of each operation's request body, and of its body's model."""
    for path, operations in SCHEMA["paths"].items():
        for method, op in operations.items():
            content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            examples = list(content.get("examples", {}).values())
            examples = [e.get("value", e) for e in examples] + ([content["example"]] if "example" in content else [])
            ref = content.get("schema", {}).get("$ref", "")
            if ref.startswith(REF):
                examples += SCHEMA["components"]["schemas"][ref[len(REF):]].get("examples", [])
            for k, example in enumerate(examples):
                yield pytest.param(method, path, example, id=f"{method} {path} #{k}")


# Models with examples that are not a request body themselves: a request that carries the example.
INSIDE = {"Network": lambda net: ("/api/v1/forward", {"network": net, "input": [0.5] * net["layers"][0]["size"]})}


@pytest.mark.parametrize("method, path, example", list(bodies()))
def test_each_request_example_answers_200(client, method, path, example):
    r = client.request(method, path, json=example)
    assert r.status_code == 200, r.text[:300]


def test_each_models_example_answers_200(client):
    bodied = {op["requestBody"]["content"]["application/json"]["schema"].get("$ref", "")[len(REF):]
              for ops in SCHEMA["paths"].values() for op in ops.values() if "requestBody" in op}
    inside = {name for name, schema in SCHEMA["components"]["schemas"].items() if "examples" in schema} - bodied
    assert inside <= set(INSIDE), f"say how to send an example of {inside - set(INSIDE)} in INSIDE"
    for name in inside:
        for example in SCHEMA["components"]["schemas"][name]["examples"]:
            path, body = INSIDE[name](example)
            r = client.post(path, json=body)
            assert r.status_code == 200, (name, r.text[:300])
