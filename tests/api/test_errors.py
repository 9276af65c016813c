"""Every error as a 422 (or 413, 404, 405) naming the field in a learner's words: malformed bodies, non-finite numbers, overflow, the limits."""

import pytest

from tests.api.examples import BODY, NET, with_net
from tests.conftest import strict_json

MALFORMED = [
    (
        with_net(weights=[[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.5]]]),
        "network.weights[1]",
        "weights[1] is 2×2, but layer 2 has 1 node and layer 1 has 2: expected 1×2",
    ),
    (
        with_net(layers=[{"size": 2}, {"size": 3}, {"size": 1}], biases=None),
        "network.weights[0]",
        "weights[0] is 2×2, but layer 1 has 3 nodes and layer 0 has 2: expected 3×2",
    ),
    ({**BODY, "target": [0.1, 0.2]}, "target", "target has 2 values but the output layer has 1 node"),
    (
        {"network": {"layers": [{"size": 2}, {"size": 2, "activation": "softmax"}, {"size": 1}]}, "input": [1, 2],
         "target": [1]},
        "network.layers[1].activation",
        "softmax is only allowed on the output layer",
    ),
    ({**BODY, "input": [0.05]}, "input", "input has 1 value but the input layer has 2 nodes"),
    ({**BODY, "input": [[1, 2], [3]]}, "input[1]", "input[1] has 1 value but the input layer has 2 nodes"),
    ({**BODY, "input": [[1, 2], [3, 4]]}, "target", "target has 1 samples but input has 2"),
    ({**BODY, "input": [1, "2"]}, "input[1]", "input[1] must be a number"),
    ({**BODY, "input": [1, True]}, "input[1]", "input[1] must be a number"),
    ({**BODY, "input": []}, "input", "input is empty"),
    ({**BODY, "loss": "hinge"}, "loss", "loss must be one of 'mse', 'binary_cross_entropy' or 'cross_entropy'"),
    ({**BODY, "loss": "cross_entropy"}, "loss", "cross_entropy needs a softmax output layer, but layer 2 is sigmoid"),
    ({**BODY, "loss": "binary_cross_entropy", "target": [2]}, "target[0]", "must lie between 0 and 1"),
    (with_net(layers=[{"size": 2}, {"size": 2, "activation": "swish"}, {"size": 1}]),
     "network.layers[1].activation", "must be one of 'sigmoid'"),
    (with_net(layers=[{"size": 2, "activation": "relu"}, {"size": 2}, {"size": 1}]),
     "network.layers[0].activation", "layers[0] is the input layer"),
    (with_net(layers=[{"size": 2}, {"size": 0}, {"size": 1}]), "network.layers[1].size", "must be at least 1"),
    (with_net(layers=[{"size": 2}, {"size": 2.5}, {"size": 1}]), "network.layers[1].size", "must be a whole number"),
    (with_net(layers=[{"size": 2}]), "network.layers", "needs at least 2"),
    (with_net(biases=[[0.35, 0.35]]), "network.biases", "biases has 1 vectors but the network has 2 layers"),
    (with_net(biases=[[0.35], [0.6]]), "network.biases[0]", "biases[0] has 1 value, but layer 1 has 2 nodes"),
    (with_net(weights=[[[0.15, 0.2], [0.25]], [[0.4, 0.45]]]), "network.weights[0]", "ragged"),
    (with_net(weights=[[0.15, 0.2], [[0.4, 0.45]]]), "network.weights[0][0]", "must be a list"),
    (with_net(seed=-1), "network.seed", "must be at least 0"),
    ({**BODY, "learning_rate": 0.1}, "learning_rate", "is not a field this endpoint knows"),
    ({"network": NET, "input": [0.05, 0.1]}, "target", "target is required"),
    ({**BODY, "network": "2-2-1"}, "network", "network must be a JSON object"),
]


@pytest.mark.parametrize("body,field,message", MALFORMED, ids=[m[2][:40] for m in MALFORMED])
def test_malformed_bodies_answer_422_naming_the_field(client, body, field, message):
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422, r.text
    d = strict_json(r.text)
    assert message in d["detail"]
    assert d["errors"][0]["field"] == field
    assert "input" not in d["errors"][0]  # never echoes the input back


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_refused(client, literal):
    raw = '{"network": {"layers": [{"size": 2}, {"size": 1}]}, "input": [' + literal + ', 1], "target": [1]}'
    r = client.post("/api/v1/backprop", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert strict_json(r.text)["detail"] == "input[0] must be a finite number: NaN and Infinity are not allowed"


@pytest.mark.parametrize("raw,detail", [
    ("{", "the request body is not valid JSON"),
    ("[1, 2]", "the request body must be a JSON object"),
    ("", "the request body must be a JSON object"),
])
def test_bodies_that_are_not_objects(client, raw, detail):
    r = client.post("/api/v1/backprop", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert detail in r.json()["detail"]


def test_overflow_is_a_clear_422_never_infinity(client):
    body = {"network": {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}]}, "input": [1e308, 1e308],
            "target": [0]}
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422
    assert "overflowed" in strict_json(r.text)["detail"]


LIMIT_CASES = [
    ({"max_nodes": 4}, with_net(layers=[{"size": 2}, {"size": 5}, {"size": 1}], weights=None, biases=None),
     "layers[1].size is 5, over the limit of 4 (BACKPROP_MAX_NODES)"),
    ({"max_layers": 3}, with_net(layers=[{"size": 2}, {"size": 2}, {"size": 2}, {"size": 1}], weights=None, biases=None),
     "the number of layers is 4, over the limit of 3 (BACKPROP_MAX_LAYERS)"),
    ({"max_parameters": 8}, BODY, "the number of weights and biases is 9, over the limit of 8 (BACKPROP_MAX_PARAMETERS)"),
    ({"max_samples": 1}, {**BODY, "input": [[1, 2], [3, 4]], "target": [[0], [1]]},
     "the number of samples in input is 2, over the limit of 1 (BACKPROP_MAX_SAMPLES)"),
]


@pytest.mark.parametrize("env,body,message", LIMIT_CASES)
def test_limits_are_set_by_environment_and_named(limits, env, body, message):
    client = limits(**env)
    r = client.post("/api/v1/backprop", json=body)
    assert r.status_code == 422
    assert r.json()["detail"] == message
    assert client.get("/api/v1/meta").json()["limits"][next(iter(env))] == next(iter(env.values()))


def test_huge_network_is_refused_before_anything_is_built(client):
    import tracemalloc

    body = {"network": {"layers": [{"size": 2}, {"size": 10**6}, {"size": 10**6}, {"size": 1}]}, "input": [1, 2],
            "target": [0]}
    tracemalloc.start()
    r = client.post("/api/v1/backprop", json=body)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.status_code == 422 and "BACKPROP_MAX_NODES" in r.json()["detail"]
    assert peak < 20 * 2**20  # a 10^6 × 10^6 matrix was never allocated


def test_body_limit_is_413_naming_the_limit(limits):
    client = limits(max_body_bytes=2048)
    r = client.post("/api/v1/backprop", json={**BODY, "input": [0.123456789] * 500})
    assert r.status_code == 413
    assert "BACKPROP_MAX_BODY_BYTES" in r.json()["detail"]


def test_unknown_paths_and_methods_answer_json(client):
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and "/api/v1" in r.json()["detail"]
    r = client.get("/api/v1/backprop")
    assert r.status_code == 405
