"""Gradient descent: optimizers and the training loop.

The optimizer's state travels with the request and the response (the server keeps
nothing), and minibatches depend only on (seed, epoch), so training in several
requests of k steps gives the same run as one request of many steps.
"""
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import fused
from .backprop import Grads, Trace, backward, cost, forward
from .losses import LOSSES
from .network import Flat, Network

OPTIMIZERS = ("sgd", "momentum", "adam")
MOMENTUM = 0.9  # μ of classical momentum
BETA1, BETA2, ADAM_EPS = 0.9, 0.999, 1e-8  # Kingma & Ba's defaults
CONSTANTS = {"mu": MOMENTUM, "beta1": BETA1, "beta2": BETA2, "eps": ADAM_EPS}  # as fused.steps takes them


@dataclass
class OptimizerState:
    t: int = 0  # steps taken so far (also picks the minibatch)
    m: list[np.ndarray] | None = None  # momentum's velocity, or Adam's first moment; per parameter
    v: list[np.ndarray] | None = None  # Adam's second moment


@dataclass(frozen=True)
class TrainOptions:
    """What a training run does, apart from its data and the optimizer's state."""

    loss: str = "mse"  # the cost C, a key of losses.LOSSES
    learning_rate: float = 0.1  # η
    steps: int = 100  # gradient steps in this run
    optimizer: str = "sgd"  # one of OPTIMIZERS
    batch_size: int | None = None  # samples per step; None for the whole batch
    seed: int = 0  # with the epoch, seeds the minibatch order
    l2: float = 0.0  # λ: adds (λ/2)Σ‖W‖² to the cost, λW to dC/dW (never to the biases)
    record_every: int = 1  # keep every k-th step in the history (and the last)
    diagnostics: bool = False  # record ‖dC/dW^l‖ and the predicted vs actual change of C


@dataclass
class Step:
    """One recorded step; costs are taken before that step's update."""

    step: int
    loss: float
    test_loss: float | None = None
    grad_norms: list[float] | None = None  # ‖dC/dW^l‖ for l = 1..L
    bias_norms: list[float] | None = None  # ‖dC/db^l‖ for l = 1..L: a run can diverge through its biases alone
    predicted_change: float | None = None  # ∇C·Δθ, the first-order prediction
    actual_change: float | None = None  # C(θ+Δθ) - C(θ) on the same batch


@dataclass
class Divergence:
    step: int
    layer: int
    quantity: str  # "z", "a", "dC_dz", "W" or "b"


@dataclass
class TrainResult:
    net: Network
    state: OptimizerState
    history: list[Step] = field(default_factory=list)
    diverged: Divergence | None = None
    trace: Trace | None = None  # net's forward pass on the whole training set: the cost after the last step
    # dC/dW^l and dC/db^l of that pass (lists indexed by layer, 0 unused; no L2 term), when fused.c took the steps
    gradients: tuple[list, list] | None = None
    test_trace: Trace | None = None  # and its forward pass on the test set, when fused.c took the steps
    # When fused.c took every step, at the trained network: C on the training set and on the test set (NaN without
    # one), and what train() was asked for beside: the card's passes (fused.passes) and the grid's outputs (fused.outputs)
    costs: tuple[float, float] | None = None
    card: tuple[Trace, Grads] | None = None
    grid: np.ndarray | None = None


# σ'(z) at its largest: a unit is saturated when its mean σ'(z) over the samples is below 1 % of this.
_PEAK = {"sigmoid": 0.25, "softmax": 0.25}
SATURATED = 0.01


def saturation(net: Network, trace: Trace) -> list[float]:
    """For each layer l = 1..L, the share of its units that pass almost no gradient back: the mean over the
    samples of σ'(z_j^l) (softmax: a_j(1 − a_j), its Jacobian's diagonal) below 1 % of the activation's
    largest σ'. A sigmoid unit with |z| > 7 on every sample is saturated; a relu unit with z < 0 on every
    sample is dead; linear and leaky relu units never are."""
    L, sizes = net.L, net.sizes[1:]
    with np.errstate(all="ignore"):  # every layer's units side by side: a few numpy calls whatever the depth
        d = np.concatenate([trace.da_dz[l] if trace.da_dz[l] is not None else trace.a[l] * (1 - trace.a[l])
                            for l in range(1, L + 1)], axis=1)
        peaks, starts = _peaks(tuple(net.activations[1:]), tuple(sizes))
        mean = np.add.reduce(d, axis=0) / len(d) / peaks  # (Σn,): d.mean(axis=0), less its Python wrapper
    low = np.add.reduceat(mean < SATURATED, starts).tolist()
    finite = np.logical_and.reduceat(np.isfinite(mean), starts).tolist()
    return [k / n if ok else 1.0 for k, n, ok in zip(low, sizes, finite)]


@lru_cache(maxsize=256)
def _peaks(activations: tuple[str, ...], sizes: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's largest σ' (layers 1..L side by side), by which saturation() scales its mean σ', and where
    each layer's units start."""
    return np.repeat([_PEAK.get(a, 1.0) for a in activations], sizes), np.cumsum([0, *sizes[:-1]])


def first_overflow(net: Network, trace: Trace | None, grads: Grads | None) -> tuple[int, str] | None:
    """The first layer (forward order, then backward order) holding a non-finite value."""
    if trace is not None:
        for l in range(1, net.L + 1):
            for name, arr in (("z", trace.z[l]), ("a", trace.a[l])):
                if not np.all(np.isfinite(arr)):
                    return l, name
    if grads is not None:
        if not np.isfinite(grads.C):
            return net.L, "C"
        for l in range(net.L, 0, -1):
            for name, arr in (("dC_da", grads.dC_da[l]), ("dC_dz", grads.dC_dz[l])):
                if not np.all(np.isfinite(arr)):
                    return l, name
    for l in range(1, net.L + 1):
        for name, arr in (("W", net.W[l]), ("b", net.b[l])):
            if not np.all(np.isfinite(arr)):
                return l, name
    return None


def batch_indices(t: int, n: int, batch_size: int | None, seed: int) -> np.ndarray | None:
    """The samples of step t: None for the full batch, else a slice of epoch t // (n / batch_size)."""
    if batch_size is None or batch_size >= n:
        return None
    per_epoch = -(-n // batch_size)
    epoch, k = divmod(t, per_epoch)
    perm = np.random.default_rng([seed, epoch]).permutation(n)
    return perm[k * batch_size : (k + 1) * batch_size]


def _update(name: str, lr: float, g: np.ndarray, m: np.ndarray | None, v: np.ndarray | None, t: int):
    """Δθ for step t (counted from 1) and the optimizer's new moments (m, v), each a vector like θ."""
    if name == "sgd":
        return -lr * g, m, v
    if m is None:
        m = np.zeros_like(g)
    if name == "momentum":
        m = MOMENTUM * m + g
        return -lr * m, m, v
    if v is None:
        v = np.zeros_like(g)
    m = BETA1 * m + (1 - BETA1) * g
    v = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    return -lr * (m / c1) / (np.sqrt(v / c2) + ADAM_EPS), m, v


def _penalty(net: Network, l2: float) -> float:
    """(λ/2) Σ_l ‖W^l‖², the L2 term whose gradient λW is added to dC/dW."""
    return 0.5 * l2 * sum(float(np.sum(w * w)) for w in net.W[1:]) if l2 else 0.0


def _fused_steps(flat: Flat, theta, m, v, x, y, o: TrainOptions, x_test, y_test, res: TrainResult, card, grid):
    """fused.c's steps from θ = theta (in place), recorded into res.history as the numpy loop records them; the
    optimizer's state (res.state) counts on. Returns (steps taken, m, v). When all were taken, res.trace and
    res.gradients hold the forward and backward passes on x after them; otherwise the next step overflows, and
    the numpy loop takes it and says where."""
    net, st = res.net, res.state
    m0 = m if m is not None or o.optimizer == "sgd" else np.zeros_like(theta)
    v0 = v if v is not None or o.optimizer != "adam" else np.zeros_like(theta)
    out = fused.steps(net, theta, m0, v0, st.t, x, y, x_test, y_test, loss=o.loss, optimizer=o.optimizer,
                      learning_rate=o.learning_rate, l2=o.l2, steps=o.steps, record_every=o.record_every,
                      diagnostics=o.diagnostics, constants=CONSTANTS,
                      card=card if card is not None and fused.computes(net, len(card[0])) else None,
                      grid=grid if grid is not None and fused.computes(net, len(grid)) else None)
    if not out["diverged"]:
        g = flat.network(out["gradient"])
        res.trace, res.gradients, res.test_trace = out["trace"], (g.W, g.b), out["test_trace"]
        res.costs, res.card, res.grid = (float(out["costs"][0]), float(out["costs"][1])), out.get("card"), out.get("grid")
    history, L = res.history, net.L
    for row in out["records"]:
        rec = Step(int(row[0]), float(row[1]))
        if x_test is not None and len(x_test):
            rec.test_loss = _finite(row[2])
        if o.diagnostics:
            norms, bias = row[5 : 5 + L].tolist(), row[5 + L : 5 + 2 * L].tolist()
            rec.grad_norms = norms if all(map(math.isfinite, norms)) else None
            rec.bias_norms = bias if all(map(math.isfinite, bias)) else None
            rec.predicted_change, rec.actual_change = _finite(row[3]), _finite(row[4])
        history.append(rec)
    if out["t"] > st.t:  # a step was taken: the moments it started are the optimizer's now
        st.t, m, v = out["t"], m0, v0
    return out["done"], m, v


def _finite(value) -> float | None:
    return float(value) if math.isfinite(value) else None


def train(
    net: Network,
    x: np.ndarray,
    y: np.ndarray,
    options: TrainOptions = TrainOptions(),
    *,
    state: OptimizerState | None = None,
    x_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    card: tuple[np.ndarray, np.ndarray] | None = None,
    grid: np.ndarray | None = None,
) -> TrainResult:
    """Train a copy of net from `state` (a fresh optimizer when None); stop at the first step whose values overflow.

    x_test, y_test: held-out samples whose cost each recorded step also takes. The result's trace is the
    trained network's forward pass on x, which the last step's measured change has already taken when it was full batch.
    card (x, y of a few samples) and grid (points): when fused.c takes every step, it also computes their passes and
    outputs at the trained network in the same call (res.card, res.grid); otherwise they are left to the caller.
    """
    o = options
    st = state or OptimizerState()
    flat = Flat(net)
    theta = flat.vector(net.parameters())
    net = flat.network(theta)
    m = None if st.m is None else flat.vector(st.m)
    v = None if st.v is None else flat.vector(st.v)
    res = TrainResult(net, st)
    n = x.shape[0]
    cost_of = LOSSES[o.loss].cost
    ahead = None  # net's forward pass on the whole training set, when a step has already taken it
    start = 0  # the first step numpy takes: fused.c takes those before, when it takes the network
    if fused.takes(net, o.loss, o.optimizer, o.batch_size is None or o.batch_size >= n, samples=n):
        start, m, v = _fused_steps(flat, theta, m, v, x, y, o, x_test, y_test, res, card, grid)
    if start < o.steps:  # numpy's steps: θ, and the vector a step writes θ + Δθ into, swap after each step, so that
        # the network the step started from stays whole for its record, and for the result when the update overflows
        theta_next = np.empty(flat.cuts[-1])
        stepped = flat.network(theta_next)
        grad = np.empty(flat.cuts[-1])  # dC/dθ, written by the backward pass
        into = flat.network(grad)  # grad as per-layer arrays: dC/dW^l in .W[l], dC/db^l in .b[l]
    with np.errstate(all="ignore"):  # overflow is detected and reported, not warned about
        for s in range(start, o.steps):
            t = st.t
            idx = batch_indices(t, n, o.batch_size, o.seed)
            xb, yb = (x, y) if idx is None else (x[idx], y[idx])
            # The cost after a full-batch step is the cost at the start of the next: one forward pass serves both.
            trace = ahead if idx is None and ahead is not None else forward(net, xb)
            ahead = None
            grads = backward(net, trace, yb, o.loss, out=(into.W, into.b))
            g = grad
            if o.l2:  # dC/dW + λW; dC/db as it is
                g = grad.copy()
                for gW, W in zip(flat.views(g)[0::2], net.W[1:]):
                    gW += o.l2 * W
            # A non-finite value anywhere (tested value by value: a sum of finite values can overflow in one order
            # of adding and not in another, and fused.c must judge as this loop does); the layer-by-layer search
            # only once something overflowed.
            if not (math.isfinite(grads.C) and np.isfinite(g).all()):
                where = first_overflow(net, trace, grads) or (net.L, "dC_dz")
                res.diverged = Divergence(t, *where)
                break
            delta, m_next, v_next = _update(o.optimizer, o.learning_rate, g, m, v, t + 1)
            np.add(theta, delta, out=theta_next)
            if not np.isfinite(theta_next).all():
                res.diverged = Divergence(t, *(first_overflow(stepped, None, None) or (net.L, "W")))
                break
            st.t, m, v = t + 1, m_next, v_next
            keep, net, stepped = net, stepped, net  # keep: θ before this step
            theta, theta_next = theta_next, theta
            if s % o.record_every == 0 or s == o.steps - 1:
                rec = Step(t, grads.C)
                if x_test is not None and len(x_test):
                    test_loss = cost(keep, x_test, y_test, o.loss)
                    rec.test_loss = test_loss if math.isfinite(test_loss) else None
                if o.diagnostics:
                    norms = [float(np.linalg.norm(grads.dC_dW[l])) for l in range(1, net.L + 1)]
                    rec.grad_norms = norms if all(map(math.isfinite, norms)) else None
                    bias = [float(np.linalg.norm(grads.dC_db[l])) for l in range(1, net.L + 1)]
                    rec.bias_norms = bias if all(map(math.isfinite, bias)) else None
                    predicted = float(sum(np.sum(gi * di) for gi, di in zip(flat.views(g), flat.views(delta))))
                    if idx is None:
                        ahead = forward(net, x)
                        after = cost_of(ahead.z[-1], ahead.a[-1], y)
                    else:
                        after = cost(net, xb, yb, o.loss)
                    actual = after + _penalty(net, o.l2) - (grads.C + _penalty(keep, o.l2))
                    # a step towards overflow can make these ∞ before the values themselves are
                    rec.predicted_change = predicted if math.isfinite(predicted) else None
                    rec.actual_change = actual if math.isfinite(actual) else None
                res.history.append(rec)
        if res.trace is None:
            res.trace = ahead if ahead is not None else forward(net, x)
    if m is not None:
        st.m = flat.views(m)
    if v is not None:
        st.v = flat.views(v)
    res.net = net
    return res
