"""An independent reference for the engine's tests: the same networks in extended precision.

Nothing here imports the engine's forward or backward pass. The reference redoes
the forward pass from the formulas of the notation in np.longdouble (64-bit
mantissa on x86-64), and differentiates it with the fourth-order central
difference (8[f(p+h) − f(p−h)] − [f(p+2h) − f(p−2h)]) / 12h. With h = 1e-4 its own
error is ~1e-15 of the cost's scale, far below the 1e-6 being tested.
"""

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine import datasets
from app.engine.network import Network, build

REF = np.longdouble
H = 1e-4
KINKED = frozenset({"relu", "leaky_relu"})  # finite differences are only valid away from z = 0
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
# (output activation, loss): mse on any output; each cross-entropy on the output it needs
OUTPUT_LOSS = [(a, "mse") for a in HIDDEN + ["softmax"]] + [
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "cross_entropy"),
]


def ref_act(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "linear":
        return z
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(name)


def ref_cost_from_a(loss: str, a: np.ndarray, y: np.ndarray):
    """C as a function of the output a^L (mean of the per-sample costs)."""
    B, n = a.shape
    if loss == "mse":
        return np.sum((a - y) ** 2) / (B * n)
    if loss == "binary_cross_entropy":
        return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / (B * n)
    if loss == "cross_entropy":
        return -np.sum(y * np.log(a)) / B
    raise ValueError(loss)


def ref_cost_from_z(loss: str, act: str, z: np.ndarray, y: np.ndarray):
    """C as a function of z^L; the cross-entropies in their log-free forms, so saturation is harmless."""
    B, n = z.shape
    if loss == "binary_cross_entropy":  # -[y log σ + (1-y) log(1-σ)] = softplus(z) - y z
        return np.sum(np.logaddexp(REF(0), z) - y * z) / (B * n)
    if loss == "cross_entropy":  # -Σ y log softmax(z)
        m = z.max(axis=1, keepdims=True)
        log_a = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
        return -np.sum(y * log_a) / B
    return ref_cost_from_a(loss, ref_act(act, z), y)


@dataclass
class Problem:
    """A network, a batch and a loss, as the engine takes them and in extended precision."""

    net: Network
    x: np.ndarray  # (B, n_0)
    y: np.ndarray  # (B, n_L)
    loss: str

    @property
    def acts(self) -> list[str | None]:
        return self.net.activations

    def W(self) -> list:
        return [None] + [w.astype(REF) for w in self.net.W[1:]]

    def b(self) -> list:
        return [None] + [v.astype(REF) for v in self.net.b[1:]]

    def run(self, W, b, first: int, a_prev=None, z_first=None):
        """Layers first..L from a^(first-1) (or with z^first given): (z^L, a^L, the sign pattern at the kinks)."""
        signs = []
        for l in range(first, self.net.L + 1):
            z = z_first if (l == first and z_first is not None) else a_prev @ W[l].T + b[l]
            a_prev = ref_act(self.acts[l], z)
            if self.acts[l] in KINKED:
                signs.append((z > 0).ravel())
        return z, a_prev, np.concatenate(signs) if signs else np.zeros(0, bool)

    def layers(self):
        """z^l and a^l of the unperturbed network, l = 0..L, in extended precision."""
        W, b = self.W(), self.b()
        z, a = [None], [self.x.astype(REF)]
        for l in range(1, self.net.L + 1):
            z.append(a[-1] @ W[l].T + b[l])
            a.append(ref_act(self.acts[l], z[-1]))
        return z, a

    def cost(self, W, b):
        zL, _, signs = self.run(W, b, 1, a_prev=self.x.astype(REF))
        return ref_cost_from_z(self.loss, self.acts[-1], zL, self.y.astype(REF)), signs

    def min_kink_distance(self) -> float:
        """The smallest |z| in a relu or leaky_relu layer (inf if there is none)."""
        z, _ = self.layers()
        d = [np.min(np.abs(z[l])) for l in range(1, self.net.L + 1) if self.acts[l] in KINKED]
        return float(min(d)) if d else np.inf


def fd(f, X: np.ndarray):
    """∂f/∂X by the fourth-order central difference; f(X) -> (value, kink signs).

    Returns an array of shape X.shape + value.shape, or None when a probe crossed a kink
    (the difference quotient would then straddle two linear pieces).
    """
    X = X.astype(REF)  # a copy: probes never touch the caller's array
    _, signs0 = f(X)
    out = None
    for idx in np.ndindex(X.shape):
        keep = X[idx]
        vals = []
        for k in (2, 1, -1, -2):
            X[idx] = keep + k * H
            v, signs = f(X)
            if not np.array_equal(signs, signs0):
                return None
            vals.append(np.array(v, REF))  # a copy: f may return X itself (linear)
        X[idx] = keep
        d = (8 * (vals[1] - vals[2]) - (vals[0] - vals[3])) / (12 * H)  # exactly 0 where f did not move
        if out is None:
            out = np.empty(X.shape + d.shape, REF)
        out[idx] = d
    return out


def rel_error(actual, expected, scale: float) -> float:
    """max |actual − expected| / max(|actual|, |expected|, 1e-8·scale).

    Entries below 1e-8 of the problem's scale are compared at that scale: float64
    backprop resolves such entries only absolutely (they are sums of larger terms).
    """
    actual, expected = np.asarray(actual, REF), np.asarray(expected, REF)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    if actual.size == 0:
        return 0.0
    denom = np.maximum(np.maximum(np.abs(actual), np.abs(expected)), 1e-8 * scale)
    return float(np.max(np.abs(actual - expected) / denom))


VALUES = st.floats(-2, 2, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw, hidden: str | None, output: str, loss: str, max_batch: int = 4):
    """A random network whose first hidden layer uses `hidden` (the others are drawn), with a batch."""
    n_hidden = draw(st.integers(1 if hidden else 0, 3))
    acts = [None]
    if n_hidden:
        acts += [hidden or draw(st.sampled_from(HIDDEN))]
        acts += draw(st.lists(st.sampled_from(HIDDEN), min_size=n_hidden - 1, max_size=n_hidden - 1))
    acts.append(output)
    sizes = draw(st.lists(st.integers(1, 4), min_size=n_hidden + 1, max_size=n_hidden + 1))
    sizes.append(draw(st.integers(2 if output == "softmax" else 1, 4)))
    B = draw(st.integers(1, max_batch))
    W = [draw(arrays(np.float64, (sizes[l], sizes[l - 1]), elements=VALUES)) for l in range(1, len(sizes))]
    b = [draw(arrays(np.float64, (sizes[l],), elements=VALUES)) for l in range(1, len(sizes))]
    x = draw(arrays(np.float64, (B, sizes[0]), elements=VALUES))
    shape = (B, sizes[-1])
    if loss == "mse":
        y = draw(arrays(np.float64, shape, elements=st.floats(-1, 1)))
    elif loss == "binary_cross_entropy":
        y = draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    else:  # class probabilities: rows that sum to 1
        p = draw(arrays(np.float64, shape, elements=st.floats(0.01, 1)))
        y = p / p.sum(axis=1, keepdims=True)
    return Problem(build(sizes, acts, W, b), x, y, loss)


@pytest.fixture
def xor():
    """The XOR truth table on (±1, ±1): x (4, 2), y (4, 1)."""
    return datasets.make("xor", 4, 0, 0)


@pytest.fixture
def numpy_engine(monkeypatch):
    """Training by the numpy engine alone, the reference: fused.c (app/engine/fused.py) set aside."""
    from app.engine import fused

    monkeypatch.setattr(fused, "LIB", None)
