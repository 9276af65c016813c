"""data_key: a frame names the samples an earlier answer kept instead of sending them again (app/api/schemas/kept.py)."""
import numpy as np
import pytest

from app.api.schemas import kept

from .test_training import post

NETWORK = {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1, "activation": "sigmoid"}], "seed": 3}
SAMPLES = {"input": [[0, 0], [0, 1], [1, 0], [1, 1]], "target": [[0], [1], [1], [0]],
           "test_input": [[0.9, 0.1]], "test_target": [[1]]}
FRAME = {"network": NETWORK, "steps": 3, "learning_rate": 0.5, "diagnostics": True, "gradients": True,
         "grid_extent": {"x": [0, 1], "y": [0, 1], "n": 4}, "grid_format": "u16"}


def without_samples(body: dict) -> dict:
    return {k: v for k, v in body.items() if k not in kept.SAMPLE_FIELDS}


def test_a_frame_by_data_key_is_the_frame_with_its_samples(client):
    r, whole = post(client, "/api/v1/train", {**FRAME, **SAMPLES, "remember_data": True})
    assert r.status_code == 200 and len(whole["data_key"]) == 32
    r, keyed = post(client, "/api/v1/train", {**FRAME, "data_key": whole["data_key"]})
    assert r.status_code == 200
    assert keyed == whole  # the same training on the same samples, to the last bit, and the key echoed
    r, plain = post(client, "/api/v1/train", {**FRAME, **SAMPLES})
    assert "data_key" not in plain and {**plain, "data_key": whole["data_key"]} == whole


def test_the_key_is_the_samples_values_whatever_their_spelling(client):
    one = post(client, "/api/v1/train", {**FRAME, **SAMPLES, "remember_data": True})[1]["data_key"]
    floats = {k: np.asarray(v, dtype=float).tolist() for k, v in SAMPLES.items()}
    assert post(client, "/api/v1/train", {**FRAME, **floats, "remember_data": True})[1]["data_key"] == one
    moved = {**SAMPLES, "target": [[0], [1], [1], [0.5]]}
    assert post(client, "/api/v1/train", {**FRAME, **moved, "remember_data": True})[1]["data_key"] != one
    no_test = {k: SAMPLES[k] for k in ("input", "target")}
    assert post(client, "/api/v1/train", {**FRAME, **no_test, "remember_data": True})[1]["data_key"] != one


@pytest.mark.parametrize("extra, field, words", [
    ({"data_key": "0" * 32}, "data_key", "does not hold"),
    ({"data_key": "not a key"}, "data_key", "data_key"),
    ({"data_key": 7}, "data_key", "data_key"),
])
def test_a_key_the_server_does_not_hold_is_refused_by_name(client, extra, field, words):
    r = client.post("/api/v1/train", json={**FRAME, **extra})
    assert r.status_code == 422, r.text
    d = r.json()
    assert d["errors"][0]["field"] == field and words in d["detail"]


def test_a_key_with_samples_beside_it_is_refused_naming_the_samples(client):
    key = post(client, "/api/v1/train", {**FRAME, **SAMPLES, "remember_data": True})[1]["data_key"]
    for name in kept.SAMPLE_FIELDS:
        r = client.post("/api/v1/train", json={**FRAME, "data_key": key, name: SAMPLES[name]})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == name and "not both" in r.json()["detail"]


def test_kept_samples_are_checked_against_the_network_they_come_with(client):
    key = post(client, "/api/v1/train", {**FRAME, **SAMPLES, "remember_data": True})[1]["data_key"]
    wider = {**FRAME, "network": {"layers": [{"size": 3}, {"size": 1}]}, "grid_extent": None, "data_key": key}
    r = client.post("/api/v1/train", json=wider)
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("input")
    bad = {**FRAME, "data_key": key, "backprop": True, "backprop_samples": [4]}
    r = client.post("/api/v1/train", json=bad)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "backprop_samples[0]"


def test_the_oldest_samples_go_first_when_the_budget_is_spent(client, monkeypatch):
    monkeypatch.setattr(kept, "MAX_NUMBERS", 30)  # SAMPLES hold 15 numbers: two data sets fit
    keys = []
    for k in range(3):
        shifted = {**SAMPLES, "input": [[x + k, y] for x, y in SAMPLES["input"]]}
        keys.append(post(client, "/api/v1/train", {**FRAME, **shifted, "remember_data": True})[1]["data_key"])
    assert kept.kept(keys[0]) is None and kept.kept(keys[1]) is not None and kept.kept(keys[2]) is not None
    r = client.post("/api/v1/train", json={**FRAME, "data_key": keys[0]})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data_key"
    big = {**SAMPLES, "input": [[9, 9]] * 20, "target": [[1]] * 20}
    key = post(client, "/api/v1/train", {**FRAME, **big, "remember_data": True})[1]["data_key"]
    assert kept.kept(key) is None, "samples over the whole budget are not kept (their key is refused later)"


def test_kept_arrays_cannot_be_changed_by_a_request(client):
    key = post(client, "/api/v1/train", {**FRAME, **SAMPLES, "remember_data": True})[1]["data_key"]
    rows = kept.kept(key)["input"]
    assert rows == SAMPLES["input"] and not rows.array.flags.writeable
