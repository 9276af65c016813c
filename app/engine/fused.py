"""The compiled kernel (fused.c): full-batch training steps of a small network, fused in one call, and its outputs on many points.

A small network's step is dozens of numpy calls, each costing more than its arithmetic (a live-training
frame of the page's defaults spent most of its server time there: bench/train.py). fused.c does what
training.train's full-batch loop does, operation for operation; the numpy engine stays the reference, and
the one path for everything fused.c does not take (minibatches, a loss through an output it is not fused
with, networks large enough for numpy's BLAS to win). tests/engine/test_fused.py holds the two together.

Built by scripts/build-kernel.sh (make deps, the Dockerfile). When the library is missing, LIB is None
and training runs in numpy alone: the same results, slower.
"""
import ctypes
from functools import lru_cache
from pathlib import Path

import numpy as np

from .backprop import Grads, Trace, forward
from .losses import LOSSES
from .network import Flat, Network

PATH = Path(__file__).with_name("_fused.so")
ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax")  # fused.c's enum, in order
LOSS_CODES = ("mse", "binary_cross_entropy", "cross_entropy")
OPTIMIZER_CODES = ("sgd", "momentum", "adam")
DIVERGED, NO_MEMORY = 1, 2
# fused.c takes a pass of at most MAX_WORK multiply-adds (samples × parameters) on a network of at most
# MAX_PARAMETERS: above, numpy's BLAS does a step's products faster than its plain loops. Measured on 2 cores,
# one BLAS thread, 10 steps with diagnostics and a test set: fused.c 2× faster at 34k–65k ([2,16,16,1] on 100
# samples, [2,3,1] on 5,000), even at 101k ([2,16,16,1] on 300), 2–4× slower from 650k ([4,32,32,3] on 500).
# So the work limits, calibrated on numpy (bench/limits.py), still bound every request.
MAX_WORK = 60_000
MAX_PARAMETERS = 4096

_double_p = ctypes.c_void_p  # an array's address (a.ctypes.data: half the cost of data_as, 15 arrays a frame)
_int_p = ctypes.POINTER(ctypes.c_int)


class Optimizer(ctypes.Structure):
    _fields_ = [("name", ctypes.c_int), ("lr", ctypes.c_double), ("l2", ctypes.c_double), ("mu", ctypes.c_double),
                ("beta1", ctypes.c_double), ("beta2", ctypes.c_double), ("eps", ctypes.c_double)]


class Extras(ctypes.Structure):
    """fused.c's Extras: what a live-training frame also draws, at θ after the last step (steps(): card, grid)."""
    _fields_ = [("Bk", ctypes.c_int), ("xk", _double_p), ("yk", _double_p), ("card", _double_p), ("G", ctypes.c_int),
                ("points", _double_p), ("outputs", _double_p), ("costs", _double_p)]


def _load() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL(str(PATH))
    except OSError:
        return None
    lib.bpv_train.restype = lib.bpv_predict.restype = ctypes.c_int
    lib.bpv_train.argtypes = [ctypes.c_int, _int_p, _int_p, ctypes.c_int, Optimizer, _double_p, _double_p, _double_p,
                              ctypes.POINTER(ctypes.c_long), _double_p, _double_p, ctypes.c_int, _double_p, _double_p,
                              ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, _double_p, _int_p, _int_p,
                              _double_p, _double_p, _double_p, _double_p, _double_p, ctypes.POINTER(Extras)]
    lib.bpv_predict.argtypes = [ctypes.c_int, _int_p, _int_p, _double_p, _double_p, ctypes.c_int, _double_p]
    lib.bpv_passes.restype = ctypes.c_int
    lib.bpv_passes.argtypes = [ctypes.c_int, _int_p, _int_p, ctypes.c_int, _double_p, _double_p, _double_p, ctypes.c_int,
                               _double_p, _double_p, _double_p, _double_p, _double_p, _double_p]
    return lib


LIB = _load()


def _p(a: np.ndarray | None) -> int | None:
    return None if a is None else a.ctypes.data


def _shape(net: Network) -> tuple:
    """n[0..L] and act[0..L] as C ints (act[0] unused), which fused.c only reads."""
    return _c_shape(tuple(net.sizes), tuple(net.activations))


@lru_cache(maxsize=256)
def _c_shape(sizes: tuple[int, ...], activations: tuple[str | None, ...]) -> tuple:
    return ((ctypes.c_int * len(sizes))(*sizes),
            (ctypes.c_int * len(sizes))(0, *(ACTIVATIONS.index(a) for a in activations[1:])))


def _blocks(net: Network, B: int, row: np.ndarray) -> list[np.ndarray | None]:
    """row's per-layer blocks in fused.c's layout (layer after layer, B × n_l each), indexed l = 0..L (0: None)."""
    out, cut = [None], 0
    for n in net.sizes[1:]:
        out.append(row[cut : cut + B * n].reshape(B, n))
        cut += B * n
    return out


def _trace(net: Network, x: np.ndarray, zad: np.ndarray) -> Trace:
    """The Trace whose z, a, σ' are zad's three rows (σ' None where the Jacobian is not diagonal: softmax)."""
    B = len(x)
    d = _blocks(net, B, zad[2])
    return Trace(_blocks(net, B, zad[0]), [x, *_blocks(net, B, zad[1])[1:]],
                 [None if act == "softmax" else block for act, block in zip(net.activations, d)])


def _parameters(net: Network) -> int:
    return sum(net.sizes[l] * (net.sizes[l - 1] + 1) for l in range(1, net.L + 1))


def takes(net: Network, loss: str, optimizer: str, full_batch: bool, samples: int = 1) -> bool:
    """Whether fused.c trains this: full batch, a loss and optimizer it knows, the loss fused with its output (or
    MSE), and a network it computes on this many samples."""
    requires = LOSSES[loss].requires
    return (full_batch and loss in LOSS_CODES and optimizer in OPTIMIZER_CODES
            and (requires is None or requires == net.activations[net.L]) and computes(net, samples))


def computes(net: Network, samples: int = 1) -> bool:
    """Whether fused.c computes this network's passes on this many samples: built, activations it knows, and small
    enough (MAX_PARAMETERS, MAX_WORK) to beat numpy."""
    P = _parameters(net)
    return (LIB is not None and all(a in ACTIVATIONS for a in net.activations[1:]) and P <= MAX_PARAMETERS
            and samples * P <= MAX_WORK)


def contiguous(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.float64)


def steps(net: Network, theta: np.ndarray, m: np.ndarray | None, v: np.ndarray | None, t: int, x: np.ndarray,
          y: np.ndarray, x_test: np.ndarray | None, y_test: np.ndarray | None, *, loss: str, optimizer: str,
          learning_rate: float, l2: float, steps: int, record_every: int, diagnostics: bool, constants: dict,
          card: tuple[np.ndarray, np.ndarray] | None = None, grid: np.ndarray | None = None) -> dict:
    """fused.c's steps from θ = theta (updated in place) and the moments m, v (updated in place; each given,
    zeros when the optimizer has none yet). Returns {"t", "done" (steps taken), "diverged" (the next step
    overflows), "records" (one row per recorded step: step, C, test C, predicted and actual change, ‖dC/dW^l‖,
    ‖dC/db^l‖; NaN where not taken)}; unless it diverged, also at θ after the last step: "trace" (the forward pass on x),
    "gradient" (dC/dθ of that pass, θ's layout, without the L2 term), "test_trace" (the forward pass on x_test; None
    without one), "costs" (C on x, on x_test: NaN without it); with card (x, y of a few samples), "card": passes() on
    them; with grid (points), "grid": outputs() on them."""
    x, y = contiguous(x), contiguous(y)
    B, L, S, P = len(x), net.L, sum(net.sizes[1:]), len(theta)
    Bt = 0 if x_test is None else len(x_test)
    xt = yt = xk = yk = points = None
    if Bt:
        xt, yt = contiguous(x_test), contiguous(y_test)
    Bk = G = 0
    if card is not None:
        xk, yk = contiguous(card[0]), contiguous(card[1])
        Bk = len(xk)
    if grid is not None:
        points = contiguous(grid)
        G = len(points)
    # Everything fused.c writes, in one array (one address to hand over, not ten): records, z/a/σ' on x and on x_test,
    # C on x, x_test and the card, dC/dθ, the card's five rows and dC/dθ, the grid's outputs.
    width, rows = 5 + 2 * L, steps // record_every + 2
    cut = np.cumsum([0, rows * width, 3 * B * S, 3 * Bt * S, 3, P, 5 * Bk * S + P * (Bk > 0), G * net.sizes[-1]]).tolist()
    buf = np.empty(cut[-1])
    at = buf.ctypes.data
    place = [at + 8 * c for c in cut]  # where each part starts
    sizes, acts = _shape(net)
    opt = Optimizer(OPTIMIZER_CODES.index(optimizer), learning_rate, l2, constants["mu"], constants["beta1"],
                    constants["beta2"], constants["eps"])
    extras = Extras(Bk, _p(xk), _p(yk), place[5] if Bk else None, G, _p(points), place[6] if G else None, place[3])
    tc, recorded, done = ctypes.c_long(t), ctypes.c_int(0), ctypes.c_int(0)
    zad = place[1]
    status = LIB.bpv_train(L, sizes, acts, LOSS_CODES.index(loss), opt, _p(theta), _p(m), _p(v), ctypes.byref(tc),
                           _p(x), _p(y), B, _p(xt), _p(yt), Bt, steps, record_every, int(diagnostics), place[0],
                           ctypes.byref(recorded), ctypes.byref(done), zad, zad + 8 * B * S, zad + 16 * B * S, place[4],
                           place[2] if Bt else None, ctypes.byref(extras))
    if status == NO_MEMORY:
        raise MemoryError("fused.c could not allocate its scratch")
    res = {"t": tc.value, "done": done.value, "diverged": status == DIVERGED,
           "records": buf[: recorded.value * width].reshape(-1, width)}
    if status == DIVERGED:
        return res
    part = [buf[a:b] for a, b in zip(cut, cut[1:])]
    res.update(trace=_trace(net, x, part[1].reshape(3, -1)), test_trace=_trace(net, xt, part[2].reshape(3, -1)) if Bt else None,
               costs=part[3], gradient=part[4])
    if Bk:
        k = 5 * Bk * S
        res["card"] = _passes(net, xk, yk, loss, part[5][:k].reshape(5, -1), part[5][k:], part[3][2])
    if G:
        res["grid"] = part[6].reshape(G, -1)
    return res


def passes(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[Trace, Grads]:
    """backprop.forward and backward on (x, y) by fused.c (computes(net, len(x)) must hold; a loss fused with its output,
    or MSE): the same Trace and Grads, to the last few bits. Non-finite values pass through."""
    x, y = contiguous(x), contiguous(y)
    B, S, L = len(x), sum(net.sizes[1:]), net.L
    buf = np.empty((5, B * S))  # z, a, σ', dC/dz, dC/da
    grad = np.empty(_parameters(net))
    sizes, acts = _shape(net)
    status = LIB.bpv_passes(L, sizes, acts, LOSS_CODES.index(loss), _p(Flat(net).vector(net.parameters())),
                            _p(x), _p(y), B, *(_p(row) for row in buf), _p(grad))
    if status == NO_MEMORY:
        raise MemoryError("fused.c could not allocate its scratch")
    return _passes(net, x, y, loss, buf, grad)


def _passes(net: Network, x: np.ndarray, y: np.ndarray, loss: str, buf: np.ndarray, grad: np.ndarray,
            C: float | None = None) -> tuple[Trace, Grads]:
    """The Trace and Grads whose z, a, σ', dC/dz, dC/da are buf's five rows (fused.c's layout) and dC/dθ grad; C, the
    cost, when fused.c has taken it."""
    B, L = len(x), net.L
    trace, dC_dz, dC_da = _trace(net, x, buf[:3]), _blocks(net, B, buf[3]), _blocks(net, B, buf[4])
    lf = LOSSES[loss]
    with np.errstate(all="ignore"):
        if C is None:
            C = lf.cost(trace.z[L], trace.a[L], y)
        if lf.dC_dz is not None:  # fused: dC/da^L as backprop.backward gives it, beside dC/dz
            dC_da[L] = lf.dC_da(trace.z[L], trace.a[L], y)
    g = Flat(net).network(grad)  # dC/dW^l, dC/db^l as views of grad
    return trace, Grads(float(C), dC_da, dC_dz, g.W, g.b)


def outputs(net: Network, x: np.ndarray) -> np.ndarray:
    """a^L on each row of x (B, n_L): by fused.c one sample at a time when it computes the network on these
    points (a grid of a small network's outputs), else numpy's forward pass. Non-finite values pass through."""
    if not computes(net, len(x)):
        with np.errstate(all="ignore"):
            return forward(net, x).a[-1]
    x = contiguous(x)
    theta = Flat(net).vector(net.parameters())
    out = np.empty((len(x), net.sizes[-1]))
    sizes, acts = _shape(net)
    if LIB.bpv_predict(net.L, sizes, acts, _p(theta), _p(x), len(x), _p(out)) == NO_MEMORY:
        raise MemoryError("fused.c could not allocate its scratch")
    return out
