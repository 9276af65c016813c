"""Forward+backward time per call of the engine, against PyTorch autograd when installed.

Sigmoid layers, MSE, float64, one thread. Prints the best and the median of
several timeit repeats (each the mean over many calls), and the ratio engine/torch
on the medians, with the issue's targets: faster than torch on the two small
networks, within 1.5x on the large one. The engine's pass also keeps every z, a,
σ'(z), dC/da and dC/dz (the API returns them); torch's keeps what autograd needs.
Figures, not a pass/fail test: it exits 0 either way.

    .venv/bin/python bench/engine.py
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy loads its BLAS

import statistics  # noqa: E402
import sys  # noqa: E402
import timeit  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.engine import backprop as bp  # noqa: E402
from app.engine.network import build  # noqa: E402
from app.memory import keep_freed_memory  # noqa: E402

try:
    import torch
except ImportError:
    torch = None

# (sizes, batch, target ratio engine/torch: below it passes)
CASES = [([2, 8, 8, 1], 1, 1.0), ([4, 16, 16, 16, 4], 32, 1.0), ([64, 128, 128, 10], 256, 1.5)]
REPEATS = 7
SECONDS = 0.15  # per repeat, roughly: sets the number of calls in each


def engine_fn(sizes, x, y):
    net = build(sizes, [None] + ["sigmoid"] * (len(sizes) - 1), seed=0)

    def run():
        return bp.backward(net, bp.forward(net, x), y, "mse")

    return net, run


def torch_fn(net, x, y):
    W = [torch.tensor(w, requires_grad=True) for w in net.W[1:]]
    b = [torch.tensor(v, requires_grad=True) for v in net.b[1:]]
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    params = [p for pair in zip(W, b, strict=True) for p in pair]

    def run():
        a = tx
        for w, v in zip(W, b, strict=True):
            a = torch.sigmoid(a @ w.T + v)
        loss = torch.mean((a - ty) ** 2)
        return loss, torch.autograd.grad(loss, params)

    return run


def measure(fn) -> tuple[float, float]:
    """(best, median) seconds per call."""
    fn()
    per = timeit.Timer(fn).timeit(number=20) / 20
    number = max(10, int(SECONDS / per))
    times = [t / number for t in timeit.Timer(fn).repeat(repeat=REPEATS, number=number)]
    return min(times), statistics.median(times)


def us(t: float) -> str:
    return f"{t * 1e6:9.1f} µs"


def main() -> None:
    # The figures were measured with the app's malloc thresholds, which create_app() sets, not the engine.
    keep_freed_memory()
    if torch is not None:
        torch.set_num_threads(1)
    print(f"numpy {np.__version__}; torch {torch.__version__ if torch else 'not installed (ratios skipped)'}")
    load1 = os.getloadavg()[0]
    if load1 > (os.cpu_count() or 1):
        print(f"the machine is busy (load {load1:.1f} on {os.cpu_count()} CPUs): figures will scatter")
    print("forward+backward per call, sigmoid, MSE, float64, one thread; best / median of", REPEATS, "repeats\n")
    header = f"{'network':<22}{'B':>4}  {'engine best':>12} {'median':>12}"
    if torch is not None:
        header += f"  {'torch best':>12} {'median':>12}  {'ratio':>6}  target"
    print(header)
    for sizes, B, target in CASES:
        rng = np.random.default_rng(1)
        x = rng.uniform(-1, 1, (B, sizes[0]))
        y = rng.uniform(0, 1, (B, sizes[-1]))
        net, run = engine_fn(sizes, x, y)
        e_best, e_med = measure(run)
        line = f"{str(sizes):<22}{B:>4}  {us(e_best):>12} {us(e_med):>12}"
        if torch is not None:
            t_run = torch_fn(net, x, y)
            # same numbers, or the comparison means nothing
            loss, grads = t_run()
            ours = run()
            assert abs(loss.item() - ours.C) < 1e-12
            engine_grads = [p for l in range(1, net.L + 1) for p in (ours.dC_dW[l], ours.dC_db[l])]
            for g, e in zip(grads, engine_grads, strict=True):
                assert np.allclose(g.numpy(), e, rtol=1e-9, atol=1e-14)
            t_best, t_med = measure(t_run)
            ratio = e_med / t_med
            ok = ratio < target
            line += f"  {us(t_best):>12} {us(t_med):>12}  {ratio:6.2f}  < {target:g}x {'PASS' if ok else 'MISS'}"
        print(line)


if __name__ == "__main__":
    main()
