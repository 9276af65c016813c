"""Activations: name -> a = σ(z) together with σ'(z), and the vector-Jacobian product backprop needs.

Every activation works on a batch (B, n) and never overflows or warns for finite z.
The derivative is computed beside the value in the forward step, so the backward
pass reuses it instead of evaluating σ again.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def _sigmoid(z):
    # One exp(-|z|) ≤ 1 gives both tails exactly; 1/(1+exp(-z)) overflows for z < -709,
    # and σ(1-σ) loses σ'(z) to cancellation once σ rounds to 1.
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)  # σ(|z|)
    e *= r  # σ(-|z|)
    a = np.where(z >= 0, r, e)
    e *= r  # σ(|z|)σ(-|z|) = σ'(z)
    return a, e


def _tanh(z):
    # 1 - tanh² = 4e/(1+e)² with e = exp(-2|z|) ≤ 1: exact in the tails, where 1 - a² cancels to 0
    e = np.exp(-np.abs(z))
    e *= e  # not exp(-2|z|): 2|z| overflows for |z| > 9e307
    return np.tanh(z), 4.0 * e / (1.0 + e) ** 2


def _relu(z):
    return np.maximum(z, 0.0), (z > 0).astype(np.float64)


def _leaky_relu(z):
    pos = z > 0
    return np.where(pos, z, 0.01 * z), np.where(pos, 1.0, 0.01)


def _linear(z):
    return z.copy(), np.ones_like(z)


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # shift by the max: no overflow
    return e / e.sum(axis=-1, keepdims=True), None


@dataclass(frozen=True)
class Activation:
    name: str
    # z -> (a, σ'(z)), each (B, n); σ'(z) is None when the Jacobian is not diagonal (softmax).
    f: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray | None]]
    output_only: bool = False

    def vjp(self, a: np.ndarray, da_dz: np.ndarray | None, dC_da: np.ndarray) -> np.ndarray:
        """dC/dz from dC/da: the chain rule through this activation. (B, n)"""
        if da_dz is not None:
            return dC_da * da_dz
        # softmax: J = diag(a) - a aᵀ, so Jᵀg = a * (g - a·g)
        return a * (dC_da - np.sum(dC_da * a, axis=-1, keepdims=True))

    def jacobian(self, a: np.ndarray, da_dz: np.ndarray | None) -> np.ndarray:
        """∂a/∂z for each sample. (B, n, n)"""
        eye = np.eye(a.shape[1])
        if da_dz is not None:
            return da_dz[:, :, None] * eye
        return a[:, :, None] * eye - a[:, :, None] * a[:, None, :]


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", _sigmoid),
    "tanh": Activation("tanh", _tanh),
    "relu": Activation("relu", _relu),
    "leaky_relu": Activation("leaky_relu", _leaky_relu),
    "linear": Activation("linear", _linear),
    "softmax": Activation("softmax", _softmax, output_only=True),
}

# He initialisation for the rectifiers, Glorot for the rest.
HE_INIT = frozenset({"relu", "leaky_relu"})
