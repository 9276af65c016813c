"""Hostile input, each with the answer it must get: refused fast and clearly (JSON, never a 500), or a finite answer.

The body limit is 4 MiB by default; the size limits are those of app/settings.py.
"""
import json
import time
import tracemalloc

import pytest

from tests.conftest import strict_json

NET = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
}
NET_JSON = json.dumps(NET).encode()
LINEAR = {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}], "weights": [[[1e308, 1e308]]], "biases": [[0]]}
GELU = {"layers": [{"size": 2}, {"size": 1, "activation": "gelu"}]}
# A gradient check of 2 × 4,876² parameters × 500 samples ≈ 2.4·10^10 multiply-adds (half a minute of work).
BIG_CHECK = {"network": {"layers": [{"size": 64}, {"size": 60}, {"size": 16}]},
             "input": [[0.5] * 64] * 500, "target": [[0.5] * 16] * 500}
# Jacobians of 500 samples × 200 outputs × 402 nodes: 40 million numbers from a 0.6 MB request.
BIG_JACOBIANS = {"network": {"layers": [{"size": 2}, {"size": 200}, {"size": 200}]},
                 "input": [[0.5, 0.5]] * 500, "target": [[0.5] * 200] * 500, "jacobians": True}


def forward_raw(input_literal: bytes) -> bytes:
    """A forward body whose input is written as raw JSON text (for literals json.dumps will not write)."""
    return b'{"network": ' + NET_JSON + b', "input": ' + input_literal + b"}"


def js(body) -> bytes:
    return json.dumps(body).encode()


# name: (path, body, content-type, status, words the message must hold)
HOSTILE = {
    "5 MB of spaces": ("/api/v1/forward", b" " * (5 << 20), "application/json", 413, "BACKPROP_MAX_BODY_BYTES"),
    "5 MB of valid JSON": ("/api/v1/forward", forward_raw(b"[" + b"0.5," * 1_300_000 + b"0.5]"),
                           "application/json", 413, "4,194,304 bytes"),
    "arrays nested 10,000 deep": ("/api/v1/forward", forward_raw(b"[" * 10_000 + b"1" + b"]" * 10_000),
                                  "application/json", 422, "nested too deeply"),
    "arrays nested 100 deep": ("/api/v1/forward", forward_raw(b"[" * 100 + b"1" + b"]" * 100),
                               "application/json", 422, "input"),
    "ragged input": ("/api/v1/forward", js({"network": NET, "input": [[1, 2], [1]]}), "application/json", 422,
                     "input[1] has 1 value but the input layer has 2 nodes"),
    "ragged weights": ("/api/v1/forward", js({"network": {**NET, "weights": [[[0.1, 0.2], [0.3]], [[0.4, 0.45]]]},
                                              "input": [1, 2]}), "application/json", 422, "ragged"),
    # 1e308 passes the input layer, but W·a overflows: a clear 422 naming z, never inf or NaN in JSON.
    "1e308 weights and input": ("/api/v1/backprop", js({"network": LINEAR, "input": [1e308, 1e308], "target": [0]}),
                                "application/json", 422, "overflowed"),
    "1e308 target": ("/api/v1/backprop", js({"network": {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}]},
                                             "input": [1, 1], "target": [1e308]}), "application/json", 422,
                     "overflowed"),
    "1e999 literal": ("/api/v1/forward", forward_raw(b"[1e999, 1]"), "application/json", 422, "finite"),
    "NaN literal": ("/api/v1/forward", forward_raw(b"[NaN, 1]"), "application/json", 422, "NaN and Infinity"),
    "Infinity literal": ("/api/v1/forward", forward_raw(b"[-Infinity, 1]"), "application/json", 422, "finite"),
    "10^400 integer": ("/api/v1/forward", forward_raw(b"[1" + b"0" * 400 + b", 1]"), "application/json", 422,
                       "input[0]"),
    "10^5000 integer": ("/api/v1/forward", forward_raw(b"[1" + b"0" * 5000 + b", 1]"), "application/json", 422,
                        "too many digits"),
    "10^400 layer size": ("/api/v1/forward", b'{"network": {"layers": [{"size": 1' + b"0" * 400 + b'}, {"size": 1}]},'
                          b' "input": [1]}', "application/json", 422, "BACKPROP_MAX_NODES"),
    "string for a number": ("/api/v1/forward", js({"network": NET, "input": ["1", 2]}), "application/json", 422,
                            "input[0] must be a number"),
    "boolean for a number": ("/api/v1/forward", js({"network": NET, "input": [True, 2]}), "application/json", 422,
                             "input[0] must be a number"),
    "boolean for a size": ("/api/v1/forward", js({"network": {"layers": [{"size": True}, {"size": 1}]}, "input": [1]}),
                           "application/json", 422, "layers[0].size must be a whole number"),
    "number for a boolean": ("/api/v1/backprop", js({"network": NET, "input": [1, 2], "target": [0], "jacobians": 1}),
                             "application/json", 422, "jacobians must be true or false"),
    "negative size": ("/api/v1/forward", js({"network": {"layers": [{"size": -2}, {"size": 1}]}, "input": [1]}),
                      "application/json", 422, "layers[0].size must be at least 1"),
    "unknown activation": ("/api/v1/forward", js({"network": GELU, "input": [1, 2]}), "application/json", 422,
                           "must be one of 'sigmoid'"),
    "unknown loss": ("/api/v1/backprop", js({"network": NET, "input": [1, 2], "target": [0], "loss": "hinge"}),
                     "application/json", 422, "loss must be one of"),
    "10^6 nodes": ("/api/v1/forward", js({"network": {"layers": [{"size": 2}, {"size": 10**6}, {"size": 1}]},
                                          "input": [1, 2]}), "application/json", 422,
                   "1,000,000, over the limit of 256 (BACKPROP_MAX_NODES)"),
    "10^9 training steps": ("/api/v1/train", js({"network": NET, "input": [1, 2], "target": [0.5], "steps": 10**9}),
                            "application/json", 422, "steps is 1,000,000,000, over the limit of 20,000"),
    "half a minute of gradient check": ("/api/v1/gradcheck", js(BIG_CHECK), "application/json", 422,
                                  "BACKPROP_MAX_EVAL_WORK"),
    "Jacobians of 40M numbers": ("/api/v1/backprop", js(BIG_JACOBIANS), "application/json", 422,
                                 "BACKPROP_MAX_ANSWER_NUMBERS"),
    "not JSON": ("/api/v1/forward", b"network=1", "application/json", 422, "not valid JSON"),
    "not UTF-8": ("/api/v1/forward", b'{"input": "\xff\xfe"}', "application/json", 422, "not UTF-8"),
    "JSON sent as text/plain": ("/api/v1/forward", js({"network": NET, "input": [1, 2]}), "text/plain", 422,
                                "must be a JSON object"),
    "form content-type": ("/api/v1/forward", b"input=1", "application/x-www-form-urlencoded", 422,
                          "must be a JSON object"),
    "empty body": ("/api/v1/forward", b"", "application/json", 422, "must be a JSON object"),
    "null body": ("/api/v1/forward", b"null", "application/json", 422, "must be a JSON object"),
    "array body": ("/api/v1/forward", b"[1, 2]", "application/json", 422, "must be a JSON object"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_gets_its_answer(client, name):
    path, body, ctype, status, words = HOSTILE[name]
    started = time.perf_counter()
    r = client.post(path, content=body, headers={"content-type": ctype})
    assert time.perf_counter() - started < 5, "refusing should be fast"
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"] == "application/json"
    answer = strict_json(r.text)
    assert words in answer["detail"], answer["detail"]
    assert answer["errors"] and all(e["field"] and e["message"] for e in answer["errors"])


def test_1e308_input_with_small_weights_gives_a_finite_answer(client):
    """W·a stays under the float maximum (0.35e308) and the sigmoid saturates: nothing overflows, so 200."""
    r = client.post("/api/v1/backprop", json={"network": NET, "input": [1e308, 1e308], "target": [0.5]})
    assert r.status_code == 200
    d = strict_json(r.text)
    assert d["layers"][1]["a"] == [[1.0, 1.0]]
    assert d["layers"][0]["a"] == [[1e308, 1e308]]


def test_huge_network_is_refused_without_building_it(client):
    body = {"network": {"layers": [{"size": 1000}, {"size": 10**6}, {"size": 10**6}, {"size": 1}]}, "input": [1]}
    raw = js(body)
    tracemalloc.start()
    r = client.post("/api/v1/forward", content=raw, headers={"content-type": "application/json"})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.status_code == 422 and "BACKPROP_MAX_NODES" in r.json()["detail"]
    assert peak < 5_000_000  # a 10^6 × 10^6 weight matrix would be 8 TB; refusing takes a few hundred KB


@pytest.mark.parametrize("path, body", [
    ("/api/v1/forward", {"network": {"layers": [{"size": 2}, {"size": 1, "activation": "<script>alert(1)</script>"}]},
                         "input": [1, 2]}),
    ("/api/v1/backprop", {"network": NET, "input": [1, 2], "target": [0], "loss": "<img src=x onerror=alert(1)>"}),
    ("/api/v1/forward", {"network": NET, "input": [1, 2], "<b>bold</b>": 1}),
])
def test_markup_in_a_request_never_comes_back_as_html(client, path, body):
    """Names we know are listed instead of echoed; an unknown field's name comes back only inside JSON,
    which browsers never run as a page (application/json with nosniff)."""
    r = client.post(path, json=body)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json" and r.headers["x-content-type-options"] == "nosniff"
    detail = strict_json(r.text)["detail"]
    assert "<script" not in detail and "<img" not in detail


def test_markup_in_a_path_is_not_reflected_as_html(client):
    r = client.get("/<script>alert(1)</script>")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
