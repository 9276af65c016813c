"""Training speed: server-side time for 1000 full-batch steps of a 2-4-1 network on xor.

Prints the engine's time per 1000 steps for each optimizer (best and median of several
runs), the time of the same run through POST /api/v1/train (in process, TestClient),
and the floor: 1000 bare forward+backward passes on the same network, measured in the
same run. Target: under 50 ms for 1000 steps (sgd), printed with PASS/MISS.

Then the page's live updates per second for its defaults: a real uvicorn, headless Debian
chromium, the default page switched to training (its 2-3-1 sigmoid network on 200 xor samples,
20% held out, 10 steps a frame, the 40×40 grid), play pressed, frames counted over three runs of
a few seconds (the median, and each run: the machine is noisy). Target: at least 30 updates a
second. A frame's time, split: the request (the browser's fetch), the server's CPU (its process's
CPU time over the run / frames, from /proc), the drawing (the page's own bpv:live-draw measure),
and the page's whole main thread: its tasks' time (Chromium's counters: script, style and layout,
the rest) and its CPU time (from /proc: less noisy, a busy machine stretches the tasks' time, not
this). Then, in the same run and on the same network, one-sample /backprop requests from the page:
the server's CPU per frame over that per request, target at most 5×. Skipped when chromium is missing.

    .venv/bin/python bench/train.py
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.engine import backprop as bp  # noqa: E402
from app.engine import datasets, fused, training  # noqa: E402
from app.engine.network import build  # noqa: E402

GRID_N = 40  # the page's heatmap resolution (static/js/training/body.js)

STEPS = 1000
RUNS = 9
TARGET_MS = 50.0


def timed(fn) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times), statistics.median(times)


def main() -> int:
    x, y = datasets.make("xor", 4, 0.0, 0)
    net = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=1)

    def floor():
        for _ in range(STEPS):
            bp.backward(net, bp.forward(net, x), y, "mse")

    fbest, fmed = timed(floor)
    print(f"1000 steps of a 2-4-1 network on xor (4 samples, full batch), best / median of {RUNS} runs")
    print(f"  {'floor: 1000 forward+backward passes':44s} {fbest:7.1f} / {fmed:7.1f} ms")
    missed = False
    lib = fused.LIB
    print(f"  (engine: fused.c's steps{'' if lib else ' — NOT BUILT: run make deps'}; numpy: the reference engine alone)")
    for opt in ("sgd", "momentum", "adam"):
        lr = 0.05 if opt == "adam" else 0.5
        options = training.TrainOptions(learning_rate=lr, steps=STEPS, optimizer=opt)
        best, med = timed(lambda options=options: training.train(net, x, y, options))
        final = training.train(net, x, y, options).history[-1].loss
        fused.LIB = None
        try:
            nbest, nmed = timed(lambda options=options: training.train(net, x, y, options))
        finally:
            fused.LIB = lib
        verdict = ""
        if opt == "sgd":
            ok = med < TARGET_MS
            missed |= not ok
            verdict = f"target < {TARGET_MS:.0f} ms: {'PASS' if ok else 'MISS'}"
        print(f"  {'engine, ' + opt:44s} {best:7.1f} / {med:7.1f} ms  x{med / fmed:4.2f} floor  C={final:.4f}  {verdict}")
        print(f"  {'  numpy alone, ' + opt:44s} {nbest:7.1f} / {nmed:7.1f} ms  x{nmed / fmed:4.2f} floor  "
              f"(fused.c: {nmed / med:.1f}x faster)")

    from fastapi.testclient import TestClient

    from app.main import create_app

    client = TestClient(create_app())
    body = {
        "network": {"layers": [{"size": 2}, {"size": 4, "activation": "tanh"}, {"size": 1}], "seed": 1},
        "input": x.tolist(),
        "target": y.tolist(),
        "learning_rate": 0.5,
        "steps": STEPS,
        "record_every": STEPS,
    }
    best, med = timed(lambda: client.post("/api/v1/train", json=body).raise_for_status())
    print(f"  {'POST /api/v1/train (sgd, in process)':44s} {best:7.1f} / {med:7.1f} ms  x{med / fmed:4.2f} floor")
    missed |= page_rate()
    print("targets:", "all met" if not missed else "some missed (see MISS above)")
    return 0  # figures, not a pass/fail: the machine's load moves them


# In the page: collect each /train fetch's time (Resource Timing) and each live draw's (render.js's
# bpv:live-draw), through observers, since the page clears its measures and the resource buffer fills.
OBSERVE = """() => {
  window.__bench = { fetches: [], draws: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.endsWith("/api/v1/train")) window.__bench.fetches.push(e.duration);
  }).observe({ type: "resource" });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "bpv:live-draw") window.__bench.draws.push(e.duration);
  }).observe({ type: "measure" });
}"""
# One-sample /backprop requests on the page's current network, sent by the page's own fetch, one after another.
BACKPROPS = """async (n) => {
  const s = window.__bpv.state();
  const body = JSON.stringify({ network: s.network, input: [s.input[0]], target: [s.target[0]], loss: s.loss });
  for (let k = 0; k < n; k++) {
    const r = await fetch("/api/v1/backprop", { method: "POST", headers: { "content-type": "application/json" }, body });
    await r.json();
  }
}"""
RATE_TARGET, CPU_RATIO_TARGET = 30.0, 5.0
# The page's main thread, from Chromium's own counters (CDP Performance.getMetrics): the time its tasks
# took (wall clock: a busy machine stretches it), of which script, style and layout.
MAIN_THREAD = ("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration")


def descendants(pid: int) -> list[int]:
    """Process `pid` and every live process under it."""
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            out += descendants(int(child))
    return out


def renderers_main_cpu() -> dict[int, float]:
    """CPU seconds of the main thread of each Chromium renderer under this process (the browser Playwright started):
    the page's main thread, unlike its tasks' wall-clock time, counts no time spent waiting for a core."""
    out = {}
    for pid in descendants(os.getpid()):
        try:
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return out


def metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def played(page, cdp, server_pid: int, seconds: float) -> dict:
    """Training plays for `seconds`: its frames, their fetches and draws, and the CPU and main-thread time they took."""
    from bench.support import process_tree_cpu

    page.evaluate("window.__bench.fetches.length = 0; window.__bench.draws.length = 0")
    m0, main0, cpu0, t0 = metrics(cdp), renderers_main_cpu(), process_tree_cpu(server_pid), time.perf_counter()
    page.wait_for_timeout(seconds * 1000)
    got = page.evaluate("window.__bench")
    m1, main1, cpu1, t1 = metrics(cdp), renderers_main_cpu(), process_tree_cpu(server_pid), time.perf_counter()
    frames = len(got["fetches"])
    per_frame = {k: (m1[k] - m0[k]) * 1e3 / frames for k in MAIN_THREAD}
    main = max(main1[pid] - main0.get(pid, 0.0) for pid in main1)  # the page's renderer: the one that worked
    return {"rate": frames / (t1 - t0), "fetch": statistics.median(got["fetches"]), "draw": statistics.median(got["draws"]),
            "server": (cpu1 - cpu0) / frames * 1e3, "main_cpu": main / frames * 1e3, **per_frame}


def page_rate(seconds: float = 4.0, runs: int = 3, backprops: int = 600) -> bool:
    """The page's live updates per second for its defaults, and where a frame's time goes; True when a target is missed."""
    from bench.support import CHROMIUM_ARGS, chromium_path, poll, process_tree_cpu, serve

    path = chromium_path()
    if path is None:
        print("page: chromium is not installed, skipped")
        return False
    from playwright.sync_api import sync_playwright

    server, base = serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{base}/")
            page.wait_for_selector("body[data-ready]")
            page.click("#mode button[data-mode=train]")  # the default setup: xor, 200 samples, 20 % held out
            poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 200)
            state = page.evaluate("window.__bpv.state()")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.evaluate(OBSERVE)
            page.click("#train-play")
            page.wait_for_timeout(1500)  # warm up
            got = [played(page, cdp, server.pid, seconds) for _ in range(runs)]
            shown = page.evaluate("document.querySelector('#train-rate').textContent")
            page.click("#train-play")
            page.wait_for_timeout(500)  # the frame under way lands
            page.evaluate(BACKPROPS, 50)  # warm up
            cpu2 = process_tree_cpu(server.pid)
            page.evaluate(BACKPROPS, backprops)
            cpu3 = process_tree_cpu(server.pid)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    med = {k: statistics.median(g[k] for g in got) for k in got[0]}
    rates = sorted(g["rate"] for g in got)
    backprop_ms = (cpu3 - cpu2) / backprops * 1e3
    sizes = [layer["size"] for layer in state["network"]["layers"]]
    t = state["train"]
    print(f"\npage, its defaults: {sizes} {state['network']['layers'][-1]['activation']} on {t['dataset']} "
          f"({len(state['input'])} training + {len(state['test']['input'])} test samples), {t['stepsPerFrame']} steps a frame, "
          f"{t['optimizer']}, the {GRID_N}×{GRID_N} grid; {os.cpu_count()} cores")
    ok_rate = med["rate"] >= RATE_TARGET
    print(f"  live updates: {med['rate']:5.1f} per second, the median of {runs} runs of {seconds:g} s "
          f"({', '.join(f'{r:.1f}' for r in rates)}; the page shows {shown}); target >= {RATE_TARGET:.0f}: {'PASS' if ok_rate else 'MISS'}")
    print(f"  a frame, medians of the runs: request {med['fetch']:.1f} ms (the browser's fetch, the server's time included), "
          f"server CPU {med['server']:.2f} ms, drawing {med['draw']:.1f} ms (render.js, the live parts)")
    rest = med["TaskDuration"] - med["ScriptDuration"] - med["RecalcStyleDuration"] - med["LayoutDuration"]
    print(f"  the page's main thread, per frame: busy {med['TaskDuration']:.1f} ms (script {med['ScriptDuration']:.1f}, "
          f"style and layout {med['RecalcStyleDuration'] + med['LayoutDuration']:.1f}, the rest {rest:.1f}: paint, compositing, "
          f"the network), of which CPU {med['main_cpu']:.1f} ms; {RATE_TARGET:.0f} updates a second leave {1e3 / RATE_TARGET:.1f} ms a frame")
    ratio = med["server"] / backprop_ms
    ok_ratio = ratio <= CPU_RATIO_TARGET
    print(f"  server CPU per frame / one-sample /backprop on the same network ({backprop_ms:.2f} ms, {backprops} from the page): "
          f"{ratio:.1f}×; target <= {CPU_RATIO_TARGET:.0f}×: {'PASS' if ok_ratio else 'MISS'}")
    return not (ok_rate and ok_ratio)


if __name__ == "__main__":
    sys.exit(main())
