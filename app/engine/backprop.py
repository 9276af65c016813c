"""Forward and backward passes, Jacobian chains and the finite-difference check.

Lists are indexed by layer l = 0..L; entries that do not exist for the input
layer (z, dC/dz, W, …) hold None at index 0.
"""
from dataclasses import dataclass

import numpy as np

from .losses import LOSSES
from .network import Network


@dataclass
class Trace:
    """The forward pass: z^l, a^l and σ'(z^l) for every layer, each (B, n_l)."""

    z: list[np.ndarray | None]
    a: list[np.ndarray]
    da_dz: list[np.ndarray | None]  # None for l = 0 and where the Jacobian is not diagonal (softmax)


@dataclass
class Grads:
    """The backward pass for the batch cost C (the mean of the per-sample costs)."""

    C: float
    dC_da: list[np.ndarray | None]  # (B, n_l); None for l = 0
    dC_dz: list[np.ndarray | None]  # (B, n_l)
    dC_dW: list[np.ndarray | None]  # (n_l, n_(l-1)), summed over the batch
    dC_db: list[np.ndarray | None]  # (n_l,)


def forward(net: Network, x: np.ndarray) -> Trace:
    """x: (B, n_0)."""
    z: list[np.ndarray | None] = [None]
    a = [x]
    d: list[np.ndarray | None] = [None]
    for l in range(1, net.L + 1):
        z.append(a[-1] @ net.W[l].T + net.b[l])  # (B, n_l) = (B, n_(l-1)) @ (n_(l-1), n_l)
        a_l, d_l = net.act(l).f(z[-1])
        a.append(a_l)
        d.append(d_l)
    return Trace(z, a, d)


def da_dz(net: Network, trace: Trace, l: int) -> np.ndarray | None:
    """σ'(z^l) where the activation is elementwise (B, n_l); None for softmax."""
    return trace.da_dz[l]


def backward(net: Network, trace: Trace, y: np.ndarray, loss: str = "mse", out: tuple[list, list] | None = None) -> Grads:
    """y: (B, n_L). out: the arrays to write dC/dW and dC/db into, as two lists indexed by layer (new arrays when None)."""
    L, lf = net.L, LOSSES[loss]
    zL, aL = trace.z[L], trace.a[L]
    dC_da = [None] * (L + 1)
    dC_dz = [None] * (L + 1)
    dC_dW, dC_db = out or ([None] * (L + 1), [None] * (L + 1))
    dC_da[L] = lf.dC_da(zL, aL, y)
    if lf.dC_dz is not None and lf.requires == net.activations[L]:
        dC_dz[L] = lf.dC_dz(zL, aL, y)  # fused, stable when the output saturates
    else:
        dC_dz[L] = net.act(L).vjp(aL, trace.da_dz[L], dC_da[L])
    for l in range(L, 0, -1):
        if l < L:
            dC_da[l] = dC_dz[l + 1] @ net.W[l + 1]  # Σ_i dC/dz_i^(l+1) W_ij^(l+1)   (B, n_l)
            dC_dz[l] = net.act(l).vjp(trace.a[l], trace.da_dz[l], dC_da[l])
        dC_dW[l] = np.matmul(dC_dz[l].T, trace.a[l - 1], out=dC_dW[l])  # Σ over samples of dC/dz ⊗ a^(l-1)
        dC_db[l] = dC_dz[l].sum(axis=0, out=dC_db[l])
    return Grads(lf.cost(zL, aL, y), dC_da, dC_dz, dC_dW, dC_db)


def jacobians(net: Network, trace: Trace) -> list[np.ndarray]:
    """∂a^L/∂a^l for l = 0..L, each (B, n_L, n_l): the product of σ'(z)·W along the chain."""
    L, B = net.L, trace.a[0].shape[0]
    J = [None] * (L + 1)
    J[L] = np.broadcast_to(np.eye(net.sizes[L]), (B, net.sizes[L], net.sizes[L])).copy()
    for l in range(L, 0, -1):
        step = net.act(l).jacobian(trace.a[l], trace.da_dz[l]) @ net.W[l]  # ∂a^l/∂a^(l-1): (B, n_l, n_(l-1))
        J[l - 1] = J[l] @ step
    return J


def cost(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> float:
    tr = forward(net, x)
    return LOSSES[loss].cost(tr.z[-1], tr.a[-1], y)


def numeric_gradients(
    net: Network, x: np.ndarray, y: np.ndarray, loss: str, eps: float = 1e-6
) -> tuple[list, list]:
    """Central differences (C(p+ε) - C(p-ε)) / 2ε for every weight and bias."""
    probe = net.copy()
    dW: list = [None]
    db: list = [None]
    for l in range(1, net.L + 1):
        for P, out in ((probe.W[l], dW), (probe.b[l], db)):
            g = np.empty_like(P)
            flat, gflat = P.reshape(-1), g.reshape(-1)  # views: writes go into probe
            for k in range(flat.size):
                keep = flat[k]
                flat[k] = keep + eps
                up = cost(probe, x, y, loss)
                flat[k] = keep - eps
                down = cost(probe, x, y, loss)
                flat[k] = keep
                gflat[k] = (up - down) / (2 * eps)
            out.append(g)
    return dW, db


def cost_along(
    net: Network, x: np.ndarray, y: np.ndarray, loss: str, l: int, i: int, j: int | None, values
) -> np.ndarray:
    """C as one parameter moves: W_ij^l (or b_i^l when j is None) set to each value."""
    probe = net.copy()
    P = probe.W[l] if j is not None else probe.b[l]
    idx = (i, j) if j is not None else (i,)
    out = np.empty(len(values))
    for k, v in enumerate(values):
        P[idx] = v
        out[k] = cost(probe, x, y, loss)
    return out
