"""Training speed: server-side time for 1000 full-batch steps of a 2-4-1 network on xor.

Prints the engine's time per 1000 steps for each optimizer (best and median of several
runs), the time of the same run through POST /api/v1/train (in process, TestClient),
and the floor: 1000 bare forward+backward passes on the same network, measured in the
same run. Target: under 50 ms for 1000 steps (sgd), printed with PASS/MISS.
The page's live updates per second are measured by bench/page.py --training.

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
from app.engine import datasets, training  # noqa: E402
from app.engine.network import build  # noqa: E402

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
    for opt in ("sgd", "momentum", "adam"):
        lr = 0.05 if opt == "adam" else 0.5
        best, med = timed(lambda: training.train(net, x, y, "mse", lr, STEPS, opt))
        final = training.train(net, x, y, "mse", lr, STEPS, opt).history[-1].loss
        verdict = ""
        if opt == "sgd":
            ok = med < TARGET_MS
            missed |= not ok
            verdict = f"target < {TARGET_MS:.0f} ms: {'PASS' if ok else 'MISS'}"
        print(f"  {'engine, ' + opt:44s} {best:7.1f} / {med:7.1f} ms  x{med / fmed:4.2f} floor  C={final:.4f}  {verdict}")

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
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
