"""Exercises to derive by hand: small networks whose numbers a pocket calculator takes (weights with
two decimals, inputs and biases with one), seeded, with no gradient too small to check.

Presets (network, samples, loss):
- hand: 2-2-1 sigmoid, MSE, one sample. Seed 0 is the seed's own case, the hand derivation the
  product began with; other seeds draw new numbers of the same shape.
- wide: 2-3-2 sigmoid, MSE, one sample.
- batch: 2-2-1 sigmoid, MSE, two samples.
- softmax: 2-3-3, a sigmoid hidden layer and a softmax output, cross-entropy, one sample.
"""
from dataclasses import dataclass

import numpy as np

from . import backprop as bp
from .network import build


@dataclass(frozen=True)
class Preset:
    sizes: tuple[int, ...]
    activations: tuple[str, ...]  # layers 1..L
    samples: int
    loss: str


PRESETS = {
    "hand": Preset((2, 2, 1), ("sigmoid", "sigmoid"), 1, "mse"),
    "wide": Preset((2, 3, 2), ("sigmoid", "sigmoid"), 1, "mse"),
    "batch": Preset((2, 2, 1), ("sigmoid", "sigmoid"), 2, "mse"),
    "softmax": Preset((2, 3, 3), ("sigmoid", "softmax"), 1, "cross_entropy"),
}

# The hand derivation's own numbers (preset "hand", seed 0).
HAND = {
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
    "input": [[0.05, 0.1]],
    "target": [[0.01]],
}

SMALLEST_GRADIENT = 2e-3  # every dC/dW and dC/db at least this large: well above the check's tolerance
TRIES = 500


def _nonzero(rng: np.random.Generator, shape, low: float, high: float, decimals: int) -> np.ndarray:
    v = np.round(rng.uniform(low, high, size=shape), decimals)
    step = 10.0**-decimals
    return np.where(v == 0, step, v)


def _draw(p: Preset, rng: np.random.Generator) -> dict:
    s = p.sizes
    weights = [_nonzero(rng, (s[l], s[l - 1]), -0.9, 0.9, 2) for l in range(1, len(s))]
    biases = [np.round(rng.uniform(-0.5, 0.5, size=s[l]), 1) for l in range(1, len(s))]
    x = _nonzero(rng, (p.samples, s[0]), -1.0, 1.0, 1)
    if p.loss == "cross_entropy":
        y = np.eye(s[-1])[rng.integers(0, s[-1], size=p.samples)]
    else:
        y = np.round(rng.uniform(0.1, 0.9, size=(p.samples, s[-1])), 1)
    return {"weights": [w.tolist() for w in weights], "biases": [b.tolist() for b in biases],
            "input": x.tolist(), "target": y.tolist()}


def _checkable(p: Preset, numbers: dict) -> bool:
    net = build(list(p.sizes), [None, *p.activations], numbers["weights"], numbers["biases"])
    x, y = np.array(numbers["input"]), np.array(numbers["target"])
    g = bp.backward(net, bp.forward(net, x), y, p.loss)
    return all(np.all(np.abs(a) >= SMALLEST_GRADIENT) for l in range(1, net.L + 1) for a in (g.dC_dW[l], g.dC_db[l]))


def make(name: str, seed: int) -> dict:
    """The exercise {network, input, target, loss} of preset `name` for `seed` (the same every time)."""
    p = PRESETS[name]
    if name == "hand" and seed == 0:
        numbers = HAND
    else:
        rng = np.random.default_rng([seed, list(PRESETS).index(name)])
        numbers = next((n for n in (_draw(p, rng) for _ in range(TRIES)) if _checkable(p, n)), None)
        if numbers is None:  # never seen: the draws above are wide enough
            raise RuntimeError(f"no checkable numbers for {name} with seed {seed}")
    layers = [{"size": p.sizes[0]}] + [{"size": n, "activation": a} for n, a in zip(p.sizes[1:], p.activations)]
    return {
        "network": {"layers": layers, "weights": numbers["weights"], "biases": numbers["biases"], "seed": 0},
        "input": numbers["input"],
        "target": numbers["target"],
        "loss": p.loss,
    }
