"""Scale-out: two replicas of the app behind Debian's nginx, run with deploy/nginx.conf.

Each replica is its own uvicorn process on loopback, with docker-compose.yml's environment (nginx
compresses, not the replicas); nginx runs from a temporary prefix (root or not). A bounded mixed load
checks every answer's numbers, and nginx's access log shows both replicas served.
"""
import gzip
import json
import random
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from pathlib import Path

import pytest

from bench.support import compose_env, free_port, nginx, nginx_binary, serve

from . import worked
from .conftest import need

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 240


@pytest.fixture(scope="module")
def cluster():
    need(nginx_binary(), "nginx is missing (apt-get install nginx-light; make test does it as root)")
    ports = [free_port(), free_port()]
    replicas = []
    try:
        for p in ports:
            replicas.append(serve(port=p, env=compose_env())[0])
        try:
            with nginx(ports) as proxy:
                yield {"url": proxy["url"], "replicas": replicas, "ports": ports, "log": proxy["log"]}
        except RuntimeError as e:
            pytest.fail(str(e))
    finally:
        for r in replicas:
            r.terminate()
            r.wait(10)


def call(url: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, Message, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def one_request(base: str, k: int) -> str | None:
    """The k-th request of the mix; None when its answer is right, else what was wrong."""
    rng = random.Random(k)
    x, y = [rng.uniform(-2, 2), rng.uniform(-2, 2)], rng.uniform(0, 1)
    kind = ("backprop", "forward", "healthz", "static")[k % 4]
    if kind == "backprop":
        status, _, raw = call(base + "/api/v1/backprop", {"network": worked.NETWORK, "input": x, "target": [y]})
        right = status == 200 and worked.backprop_is_right(json.loads(raw), x, y)
    elif kind == "forward":
        status, _, raw = call(base + "/api/v1/forward", {"network": worked.NETWORK, "input": x})
        right = status == 200 and worked.forward_is_right(json.loads(raw), x)
    elif kind == "healthz":
        status, _, raw = call(base + "/healthz")
        right = status == 200 and json.loads(raw) == {"status": "ok"}
    else:
        status, headers, raw = call(base + "/static/js/docs.js")
        right = status == 200 and raw == (ROOT / "static/js/docs.js").read_bytes()
        right = right and headers["x-content-type-options"] == "nosniff"
    return None if right else f"{kind} #{k}: {status} {raw[:200]!r}"


def served_by(log: Path) -> dict[str, int]:
    """Requests per replica, from the access log: the last replica nginx tried is the one that answered."""
    counts: dict[str, int] = {}
    for tried in re.findall(r'upstream="([^"]*)"', log.read_text()):
        addr = tried.split(", ")[-1]
        counts[addr] = counts.get(addr, 0) + 1
    return counts


def test_mixed_load_is_answered_right_by_both_replicas(cluster):
    with ThreadPoolExecutor(8) as pool:
        wrong = [w for w in pool.map(lambda k: one_request(cluster["url"], k), range(REQUESTS)) if w]
    assert wrong == [], f"{len(wrong)} of {REQUESTS} answers were wrong: {wrong[:5]}"
    time.sleep(0.2)  # nginx writes the access log after the answer
    counts = served_by(cluster["log"])
    for p in cluster["ports"]:
        assert counts.get(f"127.0.0.1:{p}", 0) >= REQUESTS // 4, counts  # round-robin: about half each


def test_errors_and_headers_pass_through_the_proxy(cluster):
    status, headers, raw = call(cluster["url"] + "/api/v1/backprop", {"network": worked.NETWORK, "input": [1, 2]})
    assert status == 422 and json.loads(raw)["errors"][0]["field"] == "target"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    big = b'{"input": [' + b"0.5," * 1_200_000 + b"0.5]}"  # 4.8 MB: past the app's limit, within nginx's
    req = urllib.request.Request(cluster["url"] + "/api/v1/forward", data=big,
                                 headers={"content-type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=20)
    assert e.value.code == 413 and "BACKPROP_MAX_BODY_BYTES" in json.loads(e.value.read())["detail"]


def test_nginx_compresses_what_the_replicas_send_plain(cluster):
    """docker-compose.yml sets BACKPROP_GZIP=false: a replica answers plain, nginx compresses for clients that accept it."""
    path, gz = "/api/v1/datasets/spiral?samples=2000", {"accept-encoding": "gzip"}
    status, headers, plain = call(f"http://127.0.0.1:{cluster['ports'][0]}{path}", headers=gz)
    assert status == 200 and headers["content-encoding"] is None
    status, headers, raw = call(cluster["url"] + path, headers=gz)
    assert status == 200 and headers["content-encoding"] == "gzip" and len(raw) < len(plain) / 2
    assert gzip.decompress(raw) == plain
    assert call(cluster["url"] + path)[2] == plain, "plain to a client that does not ask"


def test_the_page_links_its_assets_at_the_address_the_browser_used(cluster):
    status, _, html = call(cluster["url"] + "/docs")
    links = re.findall(r'(?:src|href)="([^"]+)"', html.decode())
    assert status == 200 and links
    assert all(link.startswith((cluster["url"] + "/", "/")) for link in links), links
    for link in links:
        assert call(link if link.startswith("http") else cluster["url"] + link)[0] == 200


def test_a_replica_going_down_loses_no_request(cluster):
    """Run last: stops one replica; the other answers everything, as the app keeps no state."""
    down, up = cluster["replicas"][0], cluster["ports"][1]
    down.terminate()
    down.wait(10)
    before = served_by(cluster["log"]).get(f"127.0.0.1:{up}", 0)
    wrong = [w for w in (one_request(cluster["url"], k) for k in range(40)) if w]
    assert wrong == []
    time.sleep(0.2)
    assert served_by(cluster["log"]).get(f"127.0.0.1:{up}", 0) - before == 40
