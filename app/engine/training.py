"""Gradient descent: optimizers and the training loop.

The optimizer's state travels with the request and the response (the server keeps
nothing), and minibatches depend only on (seed, epoch), so training in several
requests of k steps gives the same run as one request of many steps.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from .backprop import Grads, Trace, backward, cost, forward
from .losses import LOSSES
from .network import Network

OPTIMIZERS = ("sgd", "momentum", "adam")
MOMENTUM = 0.9  # μ of classical momentum
BETA1, BETA2, ADAM_EPS = 0.9, 0.999, 1e-8  # Kingma & Ba's defaults


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


def _update(name: str, lr: float, g: list[np.ndarray], st: OptimizerState) -> list[np.ndarray]:
    """Δθ for each parameter, advancing the optimizer's state."""
    st.t += 1
    if name == "sgd":
        return [-lr * gi for gi in g]
    if st.m is None:
        st.m = [np.zeros_like(gi) for gi in g]
    if name == "momentum":
        st.m = [MOMENTUM * mi + gi for mi, gi in zip(st.m, g)]
        return [-lr * mi for mi in st.m]
    if st.v is None:
        st.v = [np.zeros_like(gi) for gi in g]
    st.m = [BETA1 * mi + (1 - BETA1) * gi for mi, gi in zip(st.m, g)]
    st.v = [BETA2 * vi + (1 - BETA2) * gi * gi for vi, gi in zip(st.v, g)]
    c1, c2 = 1 - BETA1**st.t, 1 - BETA2**st.t
    return [-lr * (mi / c1) / (np.sqrt(vi / c2) + ADAM_EPS) for mi, vi in zip(st.m, st.v)]


def _penalty(net: Network, l2: float) -> float:
    """(λ/2) Σ_l ‖W^l‖², the L2 term whose gradient λW is added to dC/dW."""
    return 0.5 * l2 * sum(float(np.sum(w * w)) for w in net.W[1:]) if l2 else 0.0


def train(
    net: Network,
    x: np.ndarray,
    y: np.ndarray,
    options: TrainOptions = TrainOptions(),
    *,
    state: OptimizerState | None = None,
    x_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
) -> TrainResult:
    """Train a copy of net from `state` (a fresh optimizer when None); stop at the first step whose values overflow.

    x_test, y_test: held-out samples whose cost each recorded step also takes. The result's trace is the
    trained network's forward pass on x, which the last step's measured change has already taken when it was full batch.
    """
    o = options
    net = net.copy()
    st = state or OptimizerState()
    res = TrainResult(net, st)
    n = x.shape[0]
    cost_of = LOSSES[o.loss].cost
    ahead = None  # net's forward pass on the whole training set, when a step has already taken it
    with np.errstate(all="ignore"):  # overflow is detected and reported, not warned about
        for s in range(o.steps):
            t = st.t
            idx = batch_indices(t, n, o.batch_size, o.seed)
            xb, yb = (x, y) if idx is None else (x[idx], y[idx])
            # The cost after a full-batch step is the cost at the start of the next: one forward pass serves both.
            trace = ahead if idx is None and ahead is not None else forward(net, xb)
            ahead = None
            grads = backward(net, trace, yb, o.loss)
            g = []
            for l in range(1, net.L + 1):
                g.append(grads.dC_dW[l] + o.l2 * net.W[l] if o.l2 else grads.dC_dW[l])
                g.append(grads.dC_db[l])
            # NaN and ∞ propagate into C and the gradient sums: one cheap test per step,
            # and the layer-by-layer search only once something overflowed.
            if not (math.isfinite(grads.C) and math.isfinite(sum(float(gi.sum()) for gi in g))):
                where = first_overflow(net, trace, grads) or (net.L, "dC_dz")
                res.diverged = Divergence(t, *where)
                break
            saved = (st.t, st.m, st.v)  # _update replaces these lists, never mutates them
            delta = _update(o.optimizer, o.learning_rate, g, st)
            new = [p + d for p, d in zip(net.parameters(), delta)]
            stepped = Network(net.sizes, net.activations, [None] + new[0::2], [None] + new[1::2], net.seed)
            if not math.isfinite(sum(float(p.sum()) for p in new)):
                st.t, st.m, st.v = saved
                res.diverged = Divergence(t, *(first_overflow(stepped, None, None) or (net.L, "W")))
                break
            keep, net = net, stepped  # keep: θ before this step
            if s % o.record_every == 0 or s == o.steps - 1:
                rec = Step(t, grads.C)
                if x_test is not None and len(x_test):
                    test_loss = cost(keep, x_test, y_test, o.loss)
                    rec.test_loss = test_loss if math.isfinite(test_loss) else None
                if o.diagnostics:
                    norms = [float(np.linalg.norm(grads.dC_dW[l])) for l in range(1, net.L + 1)]
                    rec.grad_norms = norms if all(map(math.isfinite, norms)) else None
                    predicted = float(sum(np.sum(gi * di) for gi, di in zip(g, delta)))
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
        res.trace = ahead if ahead is not None else forward(net, x)
    res.net = net
    return res
