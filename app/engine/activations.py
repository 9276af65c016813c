"""Activations: name -> value, derivative, and the vector-Jacobian product backprop needs.

Every activation works on a batch (B, n) and never overflows or warns for finite z.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(-softplus(-z)) is exact in both tails; 1/(1+exp(-z)) overflows for z < -709.
    return np.exp(-np.logaddexp(0.0, -z))


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # shift by the max: no overflow
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[np.ndarray], np.ndarray]
    # σ'(z) elementwise; None when the Jacobian is not diagonal (softmax).
    df: Callable[[np.ndarray], np.ndarray] | None
    output_only: bool = False

    def vjp(self, z: np.ndarray, a: np.ndarray, dC_da: np.ndarray) -> np.ndarray:
        """dC/dz from dC/da: the chain rule through this activation. (B, n)"""
        if self.df is not None:
            return dC_da * self.df(z)
        # softmax: J = diag(a) - a aᵀ, so Jᵀg = a * (g - a·g)
        return a * (dC_da - np.sum(dC_da * a, axis=-1, keepdims=True))

    def jacobian(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """∂a/∂z for each sample. (B, n, n)"""
        if self.df is not None:
            d = self.df(z)
            return d[:, :, None] * np.eye(z.shape[1])
        return a[:, :, None] * np.eye(z.shape[1]) - a[:, :, None] * a[:, None, :]


def _sigmoid_df(z):
    return sigmoid(z) * sigmoid(-z)  # σ(1-σ), without the cancellation in 1-σ


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, _sigmoid_df),
    "tanh": Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(np.float64)),
    "leaky_relu": Activation(
        "leaky_relu", lambda z: np.where(z > 0, z, 0.01 * z), lambda z: np.where(z > 0, 1.0, 0.01)
    ),
    "linear": Activation("linear", lambda z: z.copy(), lambda z: np.ones_like(z)),
    "softmax": Activation("softmax", softmax, None, output_only=True),
}

# He initialisation for the rectifiers, Glorot for the rest.
HE_INIT = frozenset({"relu", "leaky_relu"})
