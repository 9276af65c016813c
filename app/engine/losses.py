"""Losses: name -> cost C and its derivatives, for a batch of B samples.

C is the mean of the per-sample costs. Where a loss meets its activation (binary
cross-entropy on a sigmoid, cross-entropy on a softmax) C comes from z and dC/dz
from a - y, never through log(a) or 1/a, so both stay finite and exact when the
output saturates.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Arr = np.ndarray


@dataclass(frozen=True)
class Loss:
    name: str
    cost: Callable[[Arr, Arr, Arr], float]  # (z, a, y) -> C
    dC_da: Callable[[Arr, Arr, Arr], Arr]  # (z, a, y) -> (B, n_L)
    # (z, a, y) -> (B, n_L) in the stable fused form; None: go through the activation
    dC_dz: Callable[[Arr, Arr, Arr], Arr] | None = None
    # the output activation this loss needs, if any
    requires: str | None = None


def _mean(v: Arr) -> float:
    # np.mean's own bookkeeping costs more than a small batch's sum; the same sum divided: the same float
    return float(v.sum()) / v.size


def _mse_cost(z, a, y):
    d = a - y
    return _mean(d * d)


def _mse_dC_da(z, a, y):
    B, n = a.shape
    return (a - y) * (2.0 / (n * B))  # (2/n_L)(a^L - y), per sample, averaged over the batch


def _bce_cost(z, a, y):
    # -[y log σ(z) + (1-y) log(1-σ(z))] = softplus(z) - y z, exact for any z
    return _mean(np.logaddexp(0.0, z) - y * z)


def _bce_dC_dz(z, a, y):
    B, n = z.shape
    return (a - y) / (B * n)  # a = σ(z), exact in both tails; no 1/a or 1/(1-a) to blow up


def _bce_dC_da(z, a, y):
    B, n = z.shape
    with np.errstate(over="ignore", invalid="ignore"):
        inv_a = np.exp(np.logaddexp(0.0, -z))  # 1/σ(z) = 1 + e^-z
        inv_1ma = np.exp(np.logaddexp(0.0, z))  # 1/(1-σ(z)) = 1 + e^z
        g = np.where(y != 0, -y * inv_a, 0.0) + np.where(y != 1, (1 - y) * inv_1ma, 0.0)
    return g / (B * n)


def _log_softmax(z):
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def _ce_cost(z, a, y):
    return _mean(-(y * _log_softmax(z)).sum(axis=-1))


def _ce_dC_dz(z, a, y):
    B = z.shape[0]
    return (a * y.sum(axis=-1, keepdims=True) - y) / B


def _ce_dC_da(z, a, y):
    B = z.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        inv_a = np.exp(-_log_softmax(z))  # 1/a without dividing by an underflowed a
        g = np.where(y != 0, -y * inv_a, 0.0)
    return g / B


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", _mse_cost, _mse_dC_da),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", _bce_cost, _bce_dC_da, _bce_dC_dz, requires="sigmoid"
    ),
    "cross_entropy": Loss("cross_entropy", _ce_cost, _ce_dC_da, _ce_dC_dz, requires="softmax"),
}
