"""A classroom on this machine: learners training live and learners exploring, against two replicas behind nginx.

Two replicas of the app run as docker-compose.yml runs the image (uvicorn, one worker each, numpy's BLAS on
one thread, and compose's environment: no compression and no access log in the replicas, which nginx does)
behind Debian's nginx with deploy/nginx.conf. An asyncio client plays the class,
one keep-alive connection per learner:
  - N learners (default 30) train live as the page does (static/js/training/trainer.js): chained
    POST /api/v1/train frames, each carrying the network and optimizer_state the last one returned,
    with the body the page's own frameBody() builds for its defaults (bench/frame_body.mjs), sent
    again as soon as the answer is in (the page draws while the next frame is under way);
  - 10 learners explore: /backprop of their network and samples, then the selected weight's
    /cost-curve, with a think time of 0.5-1.5 s after each.
Every answer must be 200 (errors are counted; the run fails on any). The client shares the cores
with the servers, so what counts is the servers' CPU: both replicas' CPU time over the run
(/proc), per frame. It writes and reads its JSON with pydantic-core (as a browser does with its own
native JSON): with Python's json module it took more CPU per frame than a replica, and a process
that runs beside the servers on two cores makes each of them take more CPU for the same work (every
switch between processes costs them their caches). The headline:

    learners per server core at 20 frames/s = (frames / replicas' CPU seconds) / 20

that is, the frames one core-second of the servers' CPU answers, over the 20 frames a second each
learner is to get (target: at least 30), for each of --runs runs one after another (the same replicas),
and their median: the machine's speed moves from minute to minute. Also printed: frames per second per
learner, p50/p99 frame latency, the explorers' p99, nginx's and the client's CPU. Bounded: a few seconds
of warm-up, then --seconds of load, --runs times.

    .venv/bin/python bench/classroom.py [--learners 30] [--explorers 10] [--seconds 20] [--runs 3]   (make classroom)
"""
import argparse
import asyncio
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pydantic_core  # noqa: E402

from app.api.schemas.kept import SAMPLE_FIELDS  # noqa: E402
from bench.support import compose_env, free_port, nginx, process_tree_cpu, serve  # noqa: E402

FRAMES_PER_SECOND = 20  # what each learner training live is to get
TARGET = 30  # learners per server core at that rate
# As the image runs the server (Dockerfile CMD): one worker, log level info, proxy headers; with compose_env().
REPLICA_FLAGS = ("--workers", "1", "--proxy-headers", "--log-level", "info")
THINK = (0.5, 1.5)  # seconds an exploring learner looks at an answer


class Connection:
    """One learner's keep-alive HTTP/1.1 connection, as a browser tab holds one."""

    def __init__(self, host: str, port: int):
        self.host, self.port, self.reader, self.writer = host, port, None, None

    async def post(self, path: str, body: dict | bytes) -> tuple[int, dict | None]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        data = body if isinstance(body, bytes) else pydantic_core.to_json(body)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                f"Accept-Encoding: gzip\r\nContent-Length: {len(data)}\r\n\r\n")
        self.writer.write(head.encode() + data)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            raw = await self.reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            await self.reader.readuntil(b"\r\n")
            raw = b"".join(chunks)
        if headers.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        return status, pydantic_core.from_json(raw) if status == 200 else None

    def close(self):
        if self.writer is not None:
            self.writer.close()


class Class:
    """What the learners did: frame latencies, explore latencies, errors."""

    def __init__(self):
        self.frames: list[float] = []
        self.explores: list[float] = []
        self.errors: list[str] = []
        self.refused = 0  # frames whose data_key a replica did not hold, sent again with their samples
        self.counting = False

    def note(self, what: list[float], started: float, status: int, path: str):
        if status != 200:
            self.errors.append(f"{path}: {status}")
        elif self.counting:
            what.append(time.perf_counter() - started)


async def train_live(host, port, frame: dict, room: Class, stop: asyncio.Event):
    """trainer.js's loop: the next frame as soon as the last one's answer is in, its network and state carried."""
    # As trainer.js sends them: the samples with remember_data, then their data_key; when a replica does not hold
    # the key, the frame again with its samples, and after the k-th refusal in a row the next 2^k frames whole.
    # What stays the same from frame to frame is written once (the page builds its body as a string anew): this
    # client's CPU is the servers' neighbour on these cores.
    samples = {k: frame[k] for k in SAMPLE_FIELDS if k in frame}
    rest = {k: v for k, v in frame.items() if k not in samples and k != "network"}
    whole = pydantic_core.to_json({**rest, **samples, "remember_data": True})[:-1]
    conn, network, state, key, keyed = Connection(host, port), frame["network"], None, None, b""
    sends_whole = misses = 0
    try:
        while not stop.is_set():
            t0 = time.perf_counter()
            with_key = bool(key) and sends_whole == 0
            sends_whole = max(0, sends_whole - (not with_key))
            head = keyed if with_key else whole
            body = head + b',"network":' + pydantic_core.to_json(network) + b',"optimizer_state":' + pydantic_core.to_json(state) + b"}"
            status, res = await conn.post("/api/v1/train", body)
            if status == 422 and with_key:  # this replica does not hold the samples: the frame again, with them
                room.refused += 1
                misses += 1
                sends_whole = 2**misses
                continue
            misses = 0 if with_key else misses
            room.note(room.frames, t0, status, "/api/v1/train")
            if res is None or res["diverged"]:
                network, state = frame["network"], None  # reset, as the page's reset does
            else:
                network, state = res["network"], res["optimizer_state"]
                if res.get("data_key") and res["data_key"] != key:
                    key = res["data_key"]
                    keyed = pydantic_core.to_json({**rest, "data_key": key})[:-1]
    except (OSError, asyncio.IncompleteReadError, ValueError) as e:
        room.errors.append(f"/api/v1/train: {e!r}")
    finally:
        conn.close()


async def explore(host, port, frame: dict, room: Class, stop: asyncio.Event, rng: random.Random):
    """Edits and clicks: the passes of the learner's network and samples, then C along one weight; a think between."""
    conn = Connection(host, port)
    network, samples = frame["network"], {"input": frame["input"][:4], "target": frame["target"][:4], "loss": frame["loss"]}
    try:
        while not stop.is_set():
            for path, extra in (("/api/v1/backprop", {}), ("/api/v1/cost-curve", {"layer": 1, "i": rng.randrange(3), "j": 0})):
                t0 = time.perf_counter()
                status, res = await conn.post(path, {"network": network, **samples, **extra})
                room.note(room.explores, t0, status, path)
                if path == "/api/v1/backprop" and res is not None:
                    network = res["network"]
                await asyncio.sleep(rng.uniform(*THINK))
    except (OSError, asyncio.IncompleteReadError, ValueError) as e:
        room.errors.append(f"explore: {e!r}")
    finally:
        conn.close()


async def run_class(url: str, frame: dict, learners: int, explorers: int, warmup: float, seconds: float, pids: list[int]):
    host, port = url.removeprefix("http://").split(":")
    room, stop, rng = Class(), asyncio.Event(), random.Random(0)
    tasks = [asyncio.create_task(train_live(host, int(port), frame, room, stop)) for _ in range(learners)]
    tasks += [asyncio.create_task(explore(host, int(port), frame, room, stop, random.Random(rng.random()))) for _ in range(explorers)]
    await asyncio.sleep(warmup)
    room.counting = True
    cpu0, client0, t0 = [process_tree_cpu(p) for p in pids], time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    room.counting = False
    cpu1, client1, t1 = [process_tree_cpu(p) for p in pids], time.process_time(), time.perf_counter()
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    return room, [b - a for a, b in zip(cpu0, cpu1)], client1 - client0, t1 - t0


def frame_body(url: str) -> dict:
    """The page's default frame: its dataset from the API, split and fitted by the page's modules, frameBody()'s body;
    its network's weights as the API fills them in (the page holds them after its first answer)."""
    import urllib.request

    with urllib.request.urlopen(f"{url}/api/v1/datasets/xor?samples=200&noise=0.15&seed=0&classes=2", timeout=10) as r:
        data = r.read()
    body = json.loads(subprocess.run(["node", str(ROOT / "bench/frame_body.mjs")], input=data, capture_output=True,
                                     check=True).stdout)
    req = urllib.request.Request(f"{url}/api/v1/forward", json.dumps({"network": body["network"], "input": body["input"][:1]}).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body["network"] = json.loads(r.read())["network"]
    return body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=30, help="learners training live")
    ap.add_argument("--explorers", type=int, default=10, help="learners exploring")
    ap.add_argument("--seconds", type=float, default=20.0, help="each measured run, after a few seconds of warm-up")
    ap.add_argument("--runs", type=int, default=3, help="runs, one after another: the headline is their median")
    args = ap.parse_args()
    ports, replicas = [free_port(), free_port()], []
    with tempfile.TemporaryDirectory(prefix="bench-classroom-") as tmp:
        try:
            for p in ports:
                replicas.append(serve(flags=REPLICA_FLAGS, port=p, log=open(Path(tmp) / f"replica-{p}.log", "w"),
                                      env=compose_env())[0])
            with nginx(ports) as proxy:
                frame = frame_body(proxy["url"])
                pids = [r.pid for r in replicas] + [proxy["pid"]]
                runs = [asyncio.run(run_class(proxy["url"], frame, args.learners, args.explorers, 3.0, args.seconds, pids))
                        for _ in range(args.runs)]
        finally:
            for r in replicas:
                r.terminate()
                r.wait(10)
    figures = []
    for k, run in enumerate(runs, 1):
        print(f"run {k} of {len(runs)}:")
        figures.append(report(args, frame, *run))
    middle = statistics.median(figures)
    print(f"learners per server core at {FRAMES_PER_SECOND} frames/s, the median of {len(figures)} runs: {middle:.1f} "
          f"(runs: {', '.join(f'{f:.1f}' for f in figures)}; this machine's speed moves them); target >= {TARGET}: "
          f"{'PASS' if middle >= TARGET else 'MISS'}")
    return 1 if any(room.errors for room, *_ in runs) else 0


def report(args, frame, room: Class, cpu: list[float], client_cpu: float, elapsed: float) -> float:
    """Prints a run's figures; returns its learners per server core at FRAMES_PER_SECOND."""
    frames, server_cpu = len(room.frames), sum(cpu[:-1])
    q = statistics.quantiles(room.frames, n=100) if frames > 1 else [float("nan")] * 99
    explore_p99 = statistics.quantiles(room.explores, n=100)[98] if len(room.explores) > 1 else float("nan")
    per_frame = server_cpu / frames
    per_core = frames / server_cpu
    learners_per_core = per_core / FRAMES_PER_SECOND
    sizes = [layer["size"] for layer in frame["network"]["layers"]]
    print(f"classroom: {args.learners} learners training live ({sizes} on {len(frame['input'])} xor samples + "
          f"{len(frame['test_input'])} test, {frame['steps']} steps a frame, the {frame['grid_extent']['n']}² grid) and "
          f"{args.explorers} exploring, {elapsed:.0f} s; two replicas behind nginx on {os.cpu_count()} cores "
          f"(load {os.getloadavg()[0]:.1f})")
    print(f"  frames: {frames:,} = {frames / elapsed / args.learners:.1f} per second per learner; latency p50 "
          f"{q[49] * 1e3:.0f} ms, p99 {q[98] * 1e3:.0f} ms")
    print(f"  exploring: {len(room.explores):,} requests, p99 {explore_p99 * 1e3:.0f} ms")
    print(f"  errors: {len(room.errors)}{' (' + '; '.join(room.errors[:3]) + ')' if room.errors else ''}; data_key refused "
          f"{room.refused} times (sent again with the samples: a replica learns a learner's samples once)")
    print(f"  CPU over the run: replicas {' + '.join(f'{c:.1f}' for c in cpu[:-1])} s, nginx {cpu[-1]:.1f} s, "
          f"this client {client_cpu:.1f} s (of {os.cpu_count() * elapsed:.0f} core-seconds)")
    print(f"  server CPU per frame: {per_frame * 1e3:.2f} ms (both replicas' CPU / frames; the explorers' requests "
          f"included); with nginx's, which compresses the answers: {(server_cpu + cpu[-1]) / frames * 1e3:.2f} ms")
    print(f"  learners per server core at {FRAMES_PER_SECOND} frames/s = (frames / replicas' CPU seconds) / "
          f"{FRAMES_PER_SECOND} = ({frames:,} / {server_cpu:.1f}) / {FRAMES_PER_SECOND} = {learners_per_core:.1f}; "
          f"target >= {TARGET}: {'PASS' if learners_per_core >= TARGET else 'MISS'}")
    return learners_per_core


if __name__ == "__main__":
    sys.exit(main())
