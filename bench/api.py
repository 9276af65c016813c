"""POST /api/v1/backprop through the real app, against a no-op route measured in the same run.

Starts uvicorn (``--factory bench.noop_app:create_app``: the product's app plus a
no-op POST route) on a free loopback port, and drives each endpoint with the same
body ([2,8,8,1] with its weights, one sample) from a bounded number of keep-alive
connections for a fixed time, in alternating rounds. Prints requests/s, p50 and
p99 latency, the ratio backprop/no-op (target: at least 0.60), and where the time
of one backprop request goes, measured in-process. Uses wrk when it is installed
(``apt-get install wrk``), else a small asyncio client (which takes CPU from the
server on a small machine: the absolute figures are then lower).

    .venv/bin/python bench/api.py [--seconds 5] [--connections 16] [--rounds 2]
"""
import argparse
import asyncio
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.api import schemas, service  # noqa: E402
from app.api.routes.reply import StrictJSONResponse  # noqa: E402
from app.engine.network import build  # noqa: E402
from bench.noop_app import NOOP_ASYNC_PATH, NOOP_PATH, create_app  # noqa: E402
from bench.support import serve  # noqa: E402

BACKPROP_PATH = "/api/v1/backprop"
TARGET = 0.60
SIZES = [2, 8, 8, 1]


def body() -> bytes:
    """What the page sends: the whole network, weights included, and one sample."""
    net = build(SIZES, [None] + ["sigmoid"] * (len(SIZES) - 1), seed=0)
    return json.dumps(
        {
            "network": {
                "layers": [{"size": SIZES[0]}] + [{"size": n, "activation": "sigmoid"} for n in SIZES[1:]],
                "weights": [w.tolist() for w in net.W[1:]],
                "biases": [b.tolist() for b in net.b[1:]],
                "seed": 0,
            },
            "input": [0.5, -0.25],
            "target": [1.0],
            "loss": "mse",
        }
    ).encode()


def start_server(log, flags: tuple[str, ...] = ("--workers", "1", "--no-access-log", "--log-level", "warning")):
    """uvicorn serving the product's app plus the no-op routes; returns (process, port)."""
    proc, url = serve("bench.noop_app:create_app", flags, log)
    return proc, int(url.rsplit(":", 1)[1])


def check(port: int, path: str, data: bytes) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        out = r.read()
        assert r.status == 200, (path, r.status)
    json.loads(out)
    return len(out)


# ---- load generators: (requests/s, p50 s, p99 s, errors) ----------------------------------


def _seconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def run_wrk(port, path, data, seconds, connections, headers):
    lua = f"wrk.method = 'POST'\nwrk.body = [==[{data.decode()}]==]\n"  # a Lua long string: no escapes
    lua += "".join(f"wrk.headers['{k}'] = '{v}'\n" for k, v in headers.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", f.name,
             f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=seconds + 30, check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _seconds(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _seconds(re.search(r"\s99%\s+(\S+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, p50, p99, errors


def run_asyncio(port, path, data, seconds, connections, headers):
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {len(data)}\r\n"
    request = (head + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode() + data
    latencies: list[float] = []
    errors = 0

    async def connection(deadline):
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - t0)
            errors += head[9:12] != b"200"
        writer.close()

    async def main():
        start = time.perf_counter()
        await asyncio.gather(*(connection(start + seconds) for _ in range(connections)))
        return time.perf_counter() - start

    elapsed = asyncio.run(main())
    q = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, q[49], q[98], errors


# ---- in this process: the app without sockets, and where a backprop request's time goes -----


def in_process(paths: list[str], data: bytes, number: int = 300, repeat: int = 7) -> list[float]:
    """Seconds per request through the ASGI app itself, one at a time (best of `repeat`)."""
    app = create_app()
    length = str(len(data)).encode()
    headers = [(b"host", b"bench"), (b"content-type", b"application/json"), (b"content-length", length)]

    async def call(path):
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
                 "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}
        sent = []

        async def receive():
            return {"type": "http.request", "body": data, "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        assert sent[0]["status"] == 200, (path, sent[0])

    async def best(path):
        for _ in range(50):
            await call(path)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            for _ in range(number):
                await call(path)
            times.append((time.perf_counter() - t0) / number)
        return min(times)

    async def run():
        return [await best(path) for path in paths]

    return asyncio.run(run())



def breakdown(data: bytes) -> list[tuple[str, float]]:
    parsed = json.loads(data)
    req = schemas.BackpropRequest.model_validate(parsed)
    content = service.backprop(req)
    rendered = StrictJSONResponse(content).body

    def per_call(fn) -> float:
        number = 2000
        return min(timeit.repeat(fn, number=number, repeat=5)) / number

    return [
        ("parse the JSON body", per_call(lambda: json.loads(data))),
        ("validate (pydantic BackpropRequest)", per_call(lambda: schemas.BackpropRequest.model_validate(parsed))),
        ("compute (service.backprop: engine + .tolist())", per_call(lambda: service.backprop(req))),
        ("encode the JSON response", per_call(lambda: StrictJSONResponse(content))),
        (f"gzip it, level 1 as the app does ({len(rendered)} B; only for Accept-Encoding: gzip)",
         per_call(lambda: gzip.compress(rendered, 1))),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="per endpoint and round")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    load = run_wrk if shutil.which("wrk") else run_asyncio
    seconds = max(1, int(args.seconds)) if load is run_wrk else args.seconds
    data = body()
    plain = {"Content-Type": "application/json"}
    rows = [
        ("no-op", NOOP_PATH, plain),
        ("no-op, async", NOOP_ASYNC_PATH, plain),
        ("backprop", BACKPROP_PATH, plain),
        ("backprop, gzip", BACKPROP_PATH, plain | {"Accept-Encoding": "gzip"}),
    ]
    with tempfile.NamedTemporaryFile("w+", prefix="bench-api-", suffix=".log", delete=False) as log:
        server, port = start_server(log)
        try:
            sizes = {path: check(port, path, data) for _, path, _ in rows[:3]}
            print(f"POST {BACKPROP_PATH}, {SIZES} with one sample: request {len(data)} B, "
                  f"response {sizes[BACKPROP_PATH]} B")
            load1 = os.getloadavg()[0]
            busy = f" — the machine is busy (load {load1:.1f} on {os.cpu_count()} CPUs): figures will scatter" \
                if load1 > (os.cpu_count() or 1) else ""
            print(f"uvicorn (1 worker, no access log) on 127.0.0.1:{port}{busy}; load: "
                  f"{'wrk -t1' if load is run_wrk else 'asyncio client'}, {args.connections} connections, "
                  f"{args.rounds} rounds of {seconds} s per endpoint\n")
            for _, path, headers in rows:  # warm up: imports, first-call caches
                load(port, path, data, 1, args.connections, headers)
            results: dict[str, list] = {name: [] for name, _, _ in rows}
            for _ in range(args.rounds):
                for name, path, headers in rows:
                    results[name].append(load(port, path, data, seconds, args.connections, headers))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{'endpoint':<16}{'requests/s':>12}{'p50':>10}{'p99':>10}{'errors':>8}")
    summary = {}
    for name, runs in results.items():
        rps = statistics.median(r[0] for r in runs)
        p50 = statistics.median(r[1] for r in runs)
        p99 = max(r[2] for r in runs)
        errors = sum(r[3] for r in runs)
        summary[name] = rps
        print(f"{name:<16}{rps:>12,.0f}{p50 * 1e3:>8.2f}ms{p99 * 1e3:>8.2f}ms{errors:>8}")
    ratio = summary["backprop"] / summary["no-op"]
    ok = ratio >= TARGET and all(r[3] == 0 for runs in results.values() for r in runs)
    print(f"\nbackprop / no-op throughput: {ratio:.2f}   target >= {TARGET:.2f}: {'PASS' if ok else 'MISS'}"
          "  (the no-op is a plain def route, FastAPI's usual kind: it pays a thread-pool hop, which a small")
    print("  backprop skips by running on the event loop; against an async no-op that skips it too: "
          f"{summary['backprop'] / summary['no-op, async']:.2f})")
    print(f"with gzip (as a browser asks):  {summary['backprop, gzip'] / summary['no-op']:.2f}")
    extra = 1 / summary["backprop"] - 1 / summary["no-op"]
    print(f"\nserver time per request under load: no-op {1e6 / summary['no-op']:.0f} µs, "
          f"backprop {1e6 / summary['backprop']:.0f} µs (+{extra * 1e6:.0f} µs)")
    noop, bp = in_process([NOOP_PATH, BACKPROP_PATH], data)
    print(f"the app alone (ASGI in this process, no sockets, one request at a time): no-op {noop * 1e6:.0f} µs, "
          f"backprop {bp * 1e6:.0f} µs, ratio {noop / bp:.2f}")
    print("where a backprop request's extra time goes, in this process:")
    for what, t in breakdown(data):
        print(f"  {t * 1e6:8.1f} µs  {what}")


if __name__ == "__main__":
    main()
