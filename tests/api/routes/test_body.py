"""routes/body.py: a body read in one pass is accepted as FastAPI would accept it, and refused in the same words."""
import json
from unittest import mock

import fastapi.routing
import pytest
import starlette.requests
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from app.api import errors
from app.api import schemas as s
from app.api.routes.body import Lane, OnePassBody, is_json
from app.api.routes.reply import reply
from app.main import create_app
from app.middleware import BodyLimit, BodyTooLarge, on_body_too_large, route_path
from tests.api.examples import NET
from tests.api.test_hostile import HOSTILE

TRAIN = {"network": NET, "input": [[0, 0], [1, 1]], "target": [[0], [1]], "steps": 2}


def echo_app() -> FastAPI:
    """The same endpoint twice: read by FastAPI as usual, and in one pass; each answers what it was given."""
    app = FastAPI()
    errors.install(app)
    app.add_exception_handler(BodyTooLarge, on_body_too_large)
    usual, one_pass = APIRouter(), APIRouter(route_class=OnePassBody)

    def echo(req: s.TrainRequest):
        return reply(req.model_dump())

    usual.post("/usual")(echo)
    one_pass.post("/one-pass")(echo)
    app.include_router(usual)
    app.include_router(one_pass)
    app.add_middleware(BodyLimit, max_bytes=4 << 20)
    return app


BODIES = {name: (body, ctype) for name, (_, body, ctype, _, _) in HOSTILE.items()} | {
    "a good body": (json.dumps(TRAIN).encode(), "application/json"),
    "a good body, charset": (json.dumps(TRAIN).encode(), "application/json; charset=utf-8"),
    "a good body, +json": (json.dumps(TRAIN).encode(), "application/vnd.api+json"),
    "a good body, no content-type": (json.dumps(TRAIN).encode(), None),
    "a rule across fields": (json.dumps({**TRAIN, "target": [[0]]}).encode(), "application/json"),
    "steps as 2.0": (json.dumps({**TRAIN, "steps": 2.0}).encode(), "application/json"),
    "a key twice": (b'{"steps": 1, ' + json.dumps(TRAIN)[1:].encode(), "application/json"),
    "a byte-order mark": (b"\xef\xbb\xbf" + json.dumps(TRAIN).encode(), "application/json"),
    "UTF-16": (json.dumps(TRAIN).encode("utf-16"), "application/json"),
    "a lone surrogate": (json.dumps({**TRAIN, "loss": "\ud800"}).encode(), "application/json"),
    "NaN in a sample": (json.dumps(TRAIN).replace("[1, 1]", "[NaN, 1]").encode(), "application/json"),
}


@pytest.mark.parametrize("name", BODIES)
def test_the_one_pass_route_answers_as_fastapi_does(name):
    body, ctype = BODIES[name]
    client = TestClient(echo_app())
    headers = {"content-type": ctype} if ctype else {}
    usual = client.post("/usual", content=body, headers=headers)
    one_pass = client.post("/one-pass", content=body, headers=headers)
    assert (one_pass.status_code, one_pass.json()) == (usual.status_code, usual.json())


def test_a_good_body_is_never_parsed_by_json_loads():
    client = TestClient(create_app())
    with mock.patch.object(starlette.requests.Request, "json", side_effect=AssertionError("parsed twice")):
        assert client.post("/api/v1/train", json=TRAIN).status_code == 200


def test_json_media_types():
    assert is_json("application/json") and is_json("Application/JSON; charset=utf-8") and is_json("application/problem+json")
    assert not any(map(is_json, [None, "", "text/plain", "text/json", "application/x-www-form-urlencoded"]))


def lane_app(lane: bool) -> FastAPI:
    """echo_app's one-pass endpoint, at /train behind body.Lane (or not): the lane answers what it accepts, the app the rest."""
    app = echo_app()

    async def echo(req: s.TrainRequest):
        return reply(req.model_dump())

    if lane:
        app.add_middleware(Lane, routes={"/one-pass": echo})
    return app


@pytest.mark.parametrize("name", BODIES)
def test_the_lane_answers_as_the_route_behind_it(name):
    body, ctype = BODIES[name]
    headers = {"content-type": ctype} if ctype else {}
    behind = TestClient(lane_app(False)).post("/one-pass", content=body, headers=headers)
    lane = TestClient(lane_app(True)).post("/one-pass", content=body, headers=headers)
    assert (lane.status_code, lane.json()) == (behind.status_code, behind.json())


def test_a_training_frame_is_answered_by_the_lane_past_the_router():
    client = TestClient(create_app())
    with mock.patch.object(fastapi.routing.APIRoute, "handle", side_effect=AssertionError("routed")):
        res = client.post("/api/v1/train", json=TRAIN)
        assert res.status_code == 200 and res.json()["history"]
        assert res.headers["x-content-type-options"] == "nosniff"  # the middleware around the lane still adds its headers
        with pytest.raises(AssertionError, match="routed"):  # what the lane does not answer goes to the router
            client.post("/api/v1/train", json={**TRAIN, "steps": -1})
    refused = client.post("/api/v1/train", json={**TRAIN, "steps": -1})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "steps"


def test_an_error_in_the_lane_is_answered_by_the_app_behind():
    """The service refuses a grid whose outputs overflow: the lane hands the request on, and the app answers its 422."""
    client = TestClient(create_app())
    linear = {"layers": [{"size": 2}, {"size": 1, "activation": "linear"}], "weights": [[[1e10, 1e10]]], "biases": [[0]]}
    body = {**TRAIN, "network": linear, "learning_rate": 1e-30, "grid": [[0, 0], [1e300, 1e300]]}
    with mock.patch.object(fastapi.routing.APIRoute, "handle", autospec=True, side_effect=fastapi.routing.APIRoute.handle) as routed:
        res = client.post("/api/v1/train", json=body)
    assert routed.call_count == 1
    assert res.status_code == 422 and res.json()["errors"][0]["field"] == "grid"


def test_route_path_strips_the_root_path():
    assert route_path({"path": "/bp/api/v1/train", "root_path": "/bp"}) == "/api/v1/train"
    assert route_path({"path": "/api/v1/train", "root_path": ""}) == "/api/v1/train"
    assert route_path({"path": "/bpx/train", "root_path": "/bp"}) == "/bpx/train"
