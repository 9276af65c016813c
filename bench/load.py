"""A bounded load on loopback: [2,8,8,1] backprop at 32 concurrent clients against a no-op floor, memory, and
light requests beside the heaviest allowed ones.

Starts uvicorn as the image runs it (one worker, access log on, proxy headers), with the bench-only
no-op route of bench/noop_app.py. Measures the no-op floor, then backprop for --seconds while sampling
the server's RSS every second, then the floor again. Prints throughput, p50/p99 latency, errors,
the ratio backprop/floor (target >= 0.60) and RSS at start, end and max (target: flat). Checks the
backprop answer before and after the load (it must not change). Then light requests (the same backprop,
from a few connections) for 10 s while four of the heaviest requests the limits allow (bench/limits.py:
training, a gradient check, a cost curve, each about a second of CPU) run back to back: their p99
against 50 ms, beside the p99 of the same light load alone. Exits 1 on errors, a changed answer or
growing memory; a ratio or p99 under target is printed as a MISS, and fails only with --strict (both
move with whatever else the machine runs; bench/api.py shows where a request's time goes).

    .venv/bin/python bench/load.py [--seconds 60] [--connections 32] [--strict]     (make load)
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import body, run_asyncio, run_wrk, start_server  # noqa: E402
from bench.noop_app import NOOP_PATH  # noqa: E402

BACKPROP_PATH = "/api/v1/backprop"
RATIO_TARGET = 0.60
RSS_GROWTH_LIMIT = 0.10  # end of the run against its first sample, once warm
FLOOR_SECONDS = 10
HEADERS = {"Content-Type": "application/json"}
HEAVY_SECONDS, LIGHT_CONNECTIONS, LIGHT_P99_TARGET = 10, 4, 0.050
# The heaviest kinds bench/limits.py builds that hold the GIL most (many small passes): the worst for the others.
HEAVY = ("train [1,1]", "train 16 layers", "gradcheck 16 layers", "cost curve, 16 layers")


def answer(port: int, data: bytes) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{BACKPROP_PATH}", data, HEADERS)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class RssSampler(threading.Thread):
    """The server's resident memory, once a second, while the load runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.done = pid, [], threading.Event()

    def run(self):
        while not self.done.wait(1.0):
            self.samples.append(rss_mb(self.pid))


def heavy_phase(port: int, data: bytes, load) -> tuple[tuple, tuple, int]:
    """Light requests alone, then beside four heavy ones run back to back: (alone, beside, heavy answered)."""
    from bench.limits import worst_requests

    heavy = [next(c for c in worst_requests() if c[0].startswith(name)) for name in HEAVY]
    alone = load(port, BACKPROP_PATH, data, 5, LIGHT_CONNECTIONS, HEADERS)
    stop, answered = threading.Event(), []

    def hammer(path: str, body: dict):
        raw = json.dumps(body).encode()
        while not stop.is_set():
            req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", raw, HEADERS)
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    r.read()
                    answered.append(True)
            except OSError:  # urllib's HTTPError among them: a refusal is an error here
                answered.append(False)
                return

    threads = [threading.Thread(target=hammer, args=(path, body), daemon=True) for _, path, body in heavy]
    for t in threads:
        t.start()
    time.sleep(1.0)  # all four under way
    beside = load(port, BACKPROP_PATH, data, HEAVY_SECONDS, LIGHT_CONNECTIONS, HEADERS)
    stop.set()
    for t in threads:
        t.join(60)
    return alone, beside, sum(answered) if all(answered) else -1


def row(name: str, r) -> str:
    rps, p50, p99, errors = r
    return f"{name:<22}{rps:>12,.0f}{p50 * 1e3:>9.2f} ms{p99 * 1e3:>9.2f} ms{errors:>8}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60, help="the backprop run, with RSS sampled every second")
    ap.add_argument("--connections", type=int, default=32, help="concurrent clients")
    ap.add_argument("--strict", action="store_true", help="also fail when the ratio misses its target")
    args = ap.parse_args()
    load = run_wrk if shutil.which("wrk") else run_asyncio
    data = body()
    with tempfile.NamedTemporaryFile("w+", prefix="bench-load-", suffix=".log", delete=False) as log:
        # the image's flags: access log on (to the log file), proxy headers, one worker
        server, port = start_server(log, ("--proxy-headers", "--workers", "1", "--log-level", "info"))
        try:
            before = answer(port, data)
            print(f"uvicorn (1 worker, access log on) pid {server.pid} on 127.0.0.1:{port}; load: "
                  f"{'wrk -t1' if load is run_wrk else 'asyncio client (install wrk for truer figures)'}, "
                  f"{args.connections} connections; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            for path in (NOOP_PATH, BACKPROP_PATH):  # warm up
                load(port, path, data, 2, args.connections, HEADERS)
            rss_start = rss_mb(server.pid)
            floor_1 = load(port, NOOP_PATH, data, FLOOR_SECONDS, args.connections, HEADERS)
            sampler = RssSampler(server.pid)
            sampler.start()
            bp = load(port, BACKPROP_PATH, data, args.seconds, args.connections, HEADERS)
            sampler.done.set()
            sampler.join()
            floor_2 = load(port, NOOP_PATH, data, FLOOR_SECONDS, args.connections, HEADERS)
            alone, beside, heavy = heavy_phase(port, data, load)
            after = answer(port, data)
            rss_end = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
        logged = sum(1 for line in Path(log.name).read_text().splitlines() if '" 200' in line)
    os.unlink(log.name)

    floor = statistics.mean([floor_1[0], floor_2[0]])
    ratio = bp[0] / floor
    samples = sampler.samples
    growth = (samples[-1] - samples[0]) / samples[0] if samples else 0.0
    errors = floor_1[3] + floor_2[3] + bp[3]
    print(f"\n{'endpoint':<22}{'requests/s':>12}{'p50':>12}{'p99':>12}{'errors':>8}")
    print(row(f"no-op ({FLOOR_SECONDS} s, before)", floor_1))
    print(row(f"backprop ({args.seconds} s)", bp))
    print(row(f"no-op ({FLOOR_SECONDS} s, after)", floor_2))
    print(f"\nbackprop / no-op throughput: {ratio:.2f} (target >= {RATIO_TARGET:.2f})")
    print(f"server RSS: {rss_start:.1f} MB before the load; during the {args.seconds} s backprop run "
          f"first {samples[0]:.1f}, last {samples[-1]:.1f}, max {max(samples):.1f} MB "
          f"({growth:+.1%}, target within {RSS_GROWTH_LIMIT:.0%}); {rss_end:.1f} MB at the end")
    print(f"access log: {logged:,} lines of 200 answers")
    print(f"\nlight requests ({LIGHT_CONNECTIONS} connections, {BACKPROP_PATH}) while four of the heaviest allowed requests "
          f"run back to back ({', '.join(HEAVY)}; {heavy} answered in {HEAVY_SECONDS} s):")
    print(row("light, alone (5 s)", alone))
    print(row(f"light, beside ({HEAVY_SECONDS} s)", beside))
    slow_light = beside[2] > LIGHT_P99_TARGET
    print(f"light p99 beside the heavy ones: {beside[2] * 1e3:.1f} ms (target < {LIGHT_P99_TARGET * 1e3:.0f} ms): "
          f"{'MISS' if slow_light else 'PASS'}")
    errors += alone[3] + beside[3] + (heavy < 0)
    failures = [f"{errors} errors"] if errors else []
    if after != before:
        failures.append("the backprop answer changed under load")
    if growth > RSS_GROWTH_LIMIT:
        failures.append(f"RSS grew {growth:.1%}")
    slow = ratio < RATIO_TARGET
    print(f"errors, answers, memory: {'FAIL: ' + '; '.join(failures) if failures else 'PASS'}")
    print(f"throughput ratio: {'MISS' if slow else 'PASS'}{' (not failing without --strict)' if slow else ''}")
    return 1 if failures or ((slow or slow_light) and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
