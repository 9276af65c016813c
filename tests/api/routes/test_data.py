"""GET /datasets/{name}, /meta and /healthz."""

import numpy as np

from tests.conftest import strict_json


def test_datasets(client):
    r = client.get("/api/v1/datasets/xor", params={"samples": 4, "noise": 0})
    d = strict_json(r.text)
    assert d == {"input": [[-1, -1], [-1, 1], [1, -1], [1, 1]], "target": [[0], [1], [1], [0]]}
    spiral = client.get("/api/v1/datasets/spiral", params={"samples": 30, "classes": 3}).json()
    assert np.shape(spiral["input"]) == (30, 2) and np.shape(spiral["target"]) == (30, 3)
    sine = client.get("/api/v1/datasets/sine", params={"samples": 10, "seed": 3}).json()
    assert np.shape(sine["input"]) == (10, 1)
    assert client.get("/api/v1/datasets/sine", params={"samples": 10, "seed": 3}).json() == sine
    bad = client.get("/api/v1/datasets/moons")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "name"
    bad = client.get("/api/v1/datasets/xor", params={"classes": 3})
    assert bad.status_code == 422 and "two classes" in bad.json()["detail"]


def test_meta_and_health(client):
    m = client.get("/api/v1/meta").json()
    assert "softmax" in m["activations"] and m["output_only_activations"] == ["softmax"]
    assert m["losses"]["cross_entropy"]["requires"] == "softmax"
    assert set(m["optimizers"]) == {"sgd", "momentum", "adam"}
    assert set(m["datasets"]) == {"xor", "circle", "spiral", "gaussians", "sine"}
    assert m["limits"]["max_nodes"] == 256
    assert client.get("/healthz").json() == {"status": "ok"}
