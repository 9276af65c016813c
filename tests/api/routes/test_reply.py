"""How the routes answer: strict JSON, never NaN or Infinity."""

import pytest

from tests.conftest import strict_json


def test_strict_json_response_never_sends_nan():
    from app.api.errors import ComputeError
    from app.api.routes.reply import reply

    values = [0.1, 1e308, -2.5e-300, 1 / 3, 5e-324]
    assert strict_json(reply({"x": values}).body) == {"x": values}  # every float round-trips exactly
    assert reply({"message": "NaN is not a number; Infinity neither"}).body.startswith(b'{"message"')
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ComputeError):
            reply({"x": [1.0, bad]})


def test_work_is_placed_on_the_loop_in_the_pool_or_one_at_a_time():
    from app.api.routes.reply import IN_POOL, ON_LOOP, ONE_AT_A_TIME, place

    assert [place(w, 10, 100) for w in (0, 10, 11, 99, 100)] == [ON_LOOP, ON_LOOP, IN_POOL, IN_POOL, ONE_AT_A_TIME]


def test_a_heavy_request_answers_from_its_own_process_as_it_would_here(client, monkeypatch):
    """Answers and refusals (a ComputeError raised there) come back the same, word for word."""
    from app.api.routes import passes, reply, training
    from tests.api.examples import BODY

    train = {**BODY, "steps": 20, "diagnostics": True, "grid_extent": {"x": [0, 1], "y": [0, 1], "n": 3}}
    overflow = {"network": {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}], "weights": [[[1e308, 1e308]]],
                            "biases": [[0]]}, "input": [1e308, 1e308]}
    here = [client.post("/api/v1/train", json=train), client.post("/api/v1/forward", json=overflow)]
    for route in (training, passes):
        monkeypatch.setattr(route, "INLINE_WORK", -1)
        monkeypatch.setattr(route, "HEAVY_WORK", 0)
    there = [client.post("/api/v1/train", json=train), client.post("/api/v1/forward", json=overflow)]
    assert reply._heavy is not None, "the heavy process answered"
    assert [(r.status_code, r.content) for r in there] == [(r.status_code, r.content) for r in here]
    assert there[0].status_code == 200 and there[1].status_code == 422 and "overflowed" in there[1].json()["detail"]
