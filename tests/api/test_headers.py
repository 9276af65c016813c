"""Security headers on every response, GZip, CORS, root_path, the body-size limit (app/main.py, middleware.py);
framing: /embed only, from BACKPROP_FRAME_ANCESTORS's origins only."""
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.main import create_app
from app.settings import Settings, SettingsError
from tests.conftest import strict_json

NET = {"layers": [{"size": 2}, {"size": 1, "activation": "sigmoid"}], "weights": [[[0.1, 0.2]]], "biases": [[0.0]]}
JSON = {"content-type": "application/json"}
TOO_BIG = 5 * 1024 * 1024  # the default limit is 4 MiB


def chunks(total: int, size: int = 64 * 1024):
    """A body with no Content-Length: httpx sends it chunked."""
    for _ in range(total // size):
        yield b" " * size


# One of each kind of answer: page, embed, docs, static, API success and error, 404, 405, 413 both ways.
RESPONSES = {
    "page": lambda c: c.get("/"),
    "embed": lambda c: c.get("/embed"),
    "docs": lambda c: c.get("/docs"),
    "openapi": lambda c: c.get("/openapi.json"),
    "static": lambda c: c.get("/static/js/docs.js"),
    "healthz": lambda c: c.get("/healthz"),
    "api 200": lambda c: c.post("/api/v1/forward", json={"network": NET, "input": [1, 2]}),
    "api 422": lambda c: c.post("/api/v1/forward", json={"network": NET}),
    "404": lambda c: c.get("/nowhere"),
    "static 404": lambda c: c.get("/static/nothing.js"),
    "405": lambda c: c.get("/api/v1/forward"),
    "413 content-length": lambda c: c.post("/api/v1/forward", content=b" " * TOO_BIG, headers=JSON),
    "413 chunked": lambda c: c.post("/api/v1/forward", content=chunks(TOO_BIG), headers=JSON),
}
EXPECTED_STATUS = {"api 422": 422, "404": 404, "static 404": 404, "405": 405,
                   "413 content-length": 413, "413 chunked": 413}


def directives(r) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in r.headers["content-security-policy"].split(";"))


def assert_not_framed(r):
    assert directives(r)["frame-ancestors"] == "'none'" and r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_carries_the_security_headers(client, kind):
    r = RESPONSES[kind](client)
    assert r.status_code == EXPECTED_STATUS.get(kind, 200)
    csp = r.headers["content-security-policy"]
    d = directives(r)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert d["default-src"] == "'self'" and d["script-src"] == "'self'" and d["object-src"] == "'none'"
    assert_not_framed(r)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


SCHOOLS = "https://school.example http://127.0.0.1:8765"


@pytest.fixture
def framing(limits):
    """A client whose /embed the two SCHOOLS origins may frame."""
    return limits(frame_ancestors=SCHOOLS)


def test_embed_may_be_framed_by_the_configured_origins_only(framing, client):
    r = framing.get("/embed")
    assert r.status_code == 200 and 'data-embed="true"' in r.text
    assert directives(r)["frame-ancestors"] == SCHOOLS
    assert "x-frame-options" not in r.headers  # DENY would win over the CSP's list
    others = {k: v for k, v in directives(r).items() if k != "frame-ancestors"}
    assert others == {k: v for k, v in directives(client.get("/embed")).items() if k != "frame-ancestors"}
    assert directives(framing.get("/embed?x=1"))["frame-ancestors"] == SCHOOLS


@pytest.mark.parametrize("kind", [k for k in RESPONSES if k != "embed"])
def test_every_other_response_stays_unframeable_when_embedding_is_on(framing, kind):
    r = RESPONSES[kind](framing)
    assert r.status_code == EXPECTED_STATUS.get(kind, 200)
    assert_not_framed(r)


@pytest.mark.parametrize("path", ["/embed/", "/embed/x", "/static/embed", "/api/v1/embed", "/Embed"])
def test_only_the_embed_path_itself_is_framed(framing, path):
    assert_not_framed(framing.get(path, follow_redirects=False))


def test_embed_under_a_path_prefix(settings):
    settings(frame_ancestors=SCHOOLS)
    c = TestClient(create_app(), root_path="/backprop")
    r = c.get("/backprop/embed")
    assert r.status_code == 200 and directives(r)["frame-ancestors"] == SCHOOLS
    assert 'data-api="/backprop/api/v1"' in r.text and "/backprop/static/css/embed.css" in r.text
    assert_not_framed(c.get("/backprop/"))


def test_the_page_is_not_the_embed(client):
    page = client.get("/").text
    assert "data-embed" not in page and "embed.css" not in page


def test_frame_ancestors_are_read_as_space_separated_origins():
    s = Settings(frame_ancestors="  https://school.example   http://127.0.0.1:8765 http://[::1]:8000 HTTPS://Example.ORG\n")
    assert s.frame_ancestors == ["https://school.example", "http://127.0.0.1:8765", "http://[::1]:8000", "HTTPS://Example.ORG"]
    assert Settings(frame_ancestors="").frame_ancestors == [] and Settings().frame_ancestors == []


@pytest.mark.parametrize("value", [
    "https://school.example/lessons", "https://school.example/", "school.example", "'self'", "*", "https://*.school.example",
    "https://school.example; script-src *", "https://school.example;", 'https://school.example"', "https://a.example\tb.example",
    "https://a.example\nhttps://b.example", "https://a.example,https://b.example", "https://a.example:99999",
    "https://a.example:0", "javascript:alert(1)", "data:", "https://user@a.example", "https://a.example?x", "https://a.example#x",
    "https://a.example\u00a0https://b.example", "ftp://a.example",
])
def test_frame_ancestors_refuse_anything_but_an_origin(value):
    with pytest.raises(ValidationError, match="BACKPROP_FRAME_ANCESTORS: .* is not an origin") as e:
        Settings(frame_ancestors=f"https://fine.example {value}")
    assert repr(value.split(" ")[0]) in str(e.value) and "https://school.example or http://127.0.0.1:8765" in str(e.value)


def test_a_bad_frame_ancestor_stops_the_app_at_start_up(settings):
    settings(frame_ancestors="https://school.example/embed")
    with pytest.raises(SettingsError, match="BACKPROP_FRAME_ANCESTORS=.*'https://school.example/embed' is not an origin"):
        create_app()


@pytest.mark.parametrize("kind", ["413 content-length", "413 chunked"])
def test_body_over_the_limit_is_refused_before_parsing(client, kind):
    r = RESPONSES[kind](client)
    body = strict_json(r.text)
    assert r.status_code == 413
    assert "4,194,304 bytes" in body["detail"] and "BACKPROP_MAX_BODY_BYTES" in body["detail"]
    assert body["errors"] == [{"field": "body", "message": "too large"}]


def test_body_limit_follows_the_setting(limits):
    c = limits(max_body_bytes=2048)
    small = {"network": NET, "input": [1, 2]}
    assert c.post("/api/v1/forward", json=small).status_code == 200
    r = c.post("/api/v1/forward", content=chunks(4096, 512), headers=JSON)
    assert r.status_code == 413 and "2,048 bytes" in r.json()["detail"]


def test_large_json_is_gzipped_and_small_is_not(client):
    big = client.get("/api/v1/datasets/spiral?samples=2000", headers={"accept-encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) < len(big.content) / 2  # httpx decoded it; the wire held less
    assert len(strict_json(big.text)["input"]) == 2000
    small = client.get("/healthz", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_no_cors_by_default(client):
    body = {"network": NET, "input": [1, 2]}
    r = client.post("/api/v1/forward", json=body, headers={"origin": "https://elsewhere.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/api/v1/forward", headers={"origin": "https://elsewhere.example",
                                                      "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_for_the_origins_set(limits):
    c = limits(cors_origins="https://school.example, https://other.example")
    ok = c.post("/api/v1/forward", json={"network": NET, "input": [1, 2]}, headers={"origin": "https://school.example"})
    assert ok.headers["access-control-allow-origin"] == "https://school.example"
    pre = c.options("/api/v1/backprop", headers={"origin": "https://other.example",
                                                 "access-control-request-method": "POST",
                                                 "access-control-request-headers": "content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://other.example"
    assert "POST" in pre.headers["access-control-allow-methods"]
    stranger = c.get("/healthz", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in stranger.headers


def test_root_path_behind_a_proxy_prefix():
    """A proxy serves the app under /backprop and strips it; the server (uvicorn --root-path, from
    BACKPROP_ROOT_PATH) puts it back as root_path, as TestClient(root_path=...) does here."""
    c = TestClient(create_app(), root_path="/backprop")
    assert c.get("/backprop/healthz").json() == {"status": "ok"}
    assert c.get("/backprop/static/js/docs.js").status_code == 200
    assert c.post("/backprop/api/v1/forward", json={"network": NET, "input": [1, 2]}).status_code == 200
    assert c.get("/backprop/openapi.json").json()["servers"] == [{"url": "/backprop"}]
    docs = c.get("/backprop/docs").text
    assert 'data-openapi="/backprop/openapi.json"' in docs
    assert "/backprop/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert 'data-api="/backprop/api/v1"' in c.get("/backprop/").text
