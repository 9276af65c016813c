"""What every service module uses: the request's network in the engine and back, and the finite checks.

Every number that leaves the service is finite: an overflow becomes a ComputeError (422)
naming the quantity, and training that diverges stops and says so.
"""
from itertools import chain

import numpy as np

from app.engine import backprop as bp
from app.engine.network import Network, build
from app.engine.training import first_overflow

from .. import schemas as s
from ..errors import ComputeError
from ..schemas.kept import Rows

QUANTITY = {
    "z": "z^{l} (the weighted inputs)",
    "a": "a^{l} (the activations)",
    "dC_da": "dC/da^{l}",
    "dC_dz": "dC/dz^{l}",
    "C": "the cost C",
    "W": "the weights W^{l}",
    "b": "the biases b^{l}",
}


def to_engine(net: s.Network) -> Network:
    return build(net.sizes, net.activations, net.weights, net.biases, net.seed or 0)


def matrix(rows: list[list[float]]) -> np.ndarray:
    """Validated rows, each of the same length, as a (B, n) float64 array: the same numbers as np.array(rows)
    in half its time on a frame's samples (np.fromiter need not discover the nesting)."""
    if isinstance(rows, Rows):  # kept samples (schemas/kept.py): made once, when they were sent
        return rows.array
    if not rows:
        return np.array(rows, dtype=np.float64)
    return np.fromiter(chain.from_iterable(rows), np.float64, len(rows) * len(rows[0])).reshape(len(rows), -1)


def network_out(net: Network) -> s.NetworkOut:
    layers: list[s.Layer] = [{"size": net.sizes[0]}] + [
        {"size": n, "activation": act} for n, act in zip(net.sizes[1:], net.activations[1:])
    ]
    return {
        "layers": layers,
        "weights": [w.tolist() for w in net.W[1:]],
        "biases": [b.tolist() for b in net.b[1:]],
        "seed": net.seed,
    }


def gradients_out(dW: list[np.ndarray], db: list[np.ndarray]) -> s.GradientsOut:
    """Per-layer arrays indexed l = 0..L (index 0 unused) as the JSON lists for l = 1..L."""
    return {"weights": [w.tolist() for w in dW[1:]], "biases": [b.tolist() for b in db[1:]]}


OVERFLOWED_GRADIENT = "a gradient dC/dW overflowed: the numbers are too large to represent"


def all_finite(arrays) -> bool:
    # One test over all of them: a request's arrays are small, and each numpy call costs more than its
    # data. The .ravel method, not np.ravel: the module function's dispatch costs ten times the copy.
    # count_nonzero, not .all(): the method's Python-level dispatch costs more than the test.
    if not arrays:
        return True
    values = np.concatenate([np.asarray(a).ravel() for a in arrays])
    return np.count_nonzero(np.isfinite(values)) == values.size


def finite(field: str, message: str, *arrays) -> None:
    """Raise ComputeError(field, message) when any of the arrays (None ones skipped) holds NaN or ±∞."""
    arrays = [a for a in arrays if a is not None]
    if arrays and not all_finite(arrays):
        raise ComputeError(field, message)


def check_trace(net: Network, trace: bp.Trace, grads: bp.Grads | None = None, gradients: list = ()) -> None:
    """A pass's values all finite, else a ComputeError naming the first quantity that overflowed; and its gradients
    (dC/dW^l, dC/db^l arrays) finite, else a ComputeError naming the target (OVERFLOWED_GRADIENT)."""
    arrays = trace.z[1:] + trace.a[1:] + net.W[1:] + net.b[1:]
    if grads is not None:
        arrays += grads.dC_da[1:] + grads.dC_dz[1:] + [grads.C]
    if all_finite(arrays + list(gradients)):
        return  # the usual case, in one test: the searches below only run to name what overflowed
    where = first_overflow(net, trace, grads)
    if where is not None:
        l, q = where
        raise ComputeError(
            "input" if q in ("z", "a") else "target",
            f"{QUANTITY[q].format(l=l)} overflowed at layer {l}: the numbers are too large to represent "
            "(try smaller inputs or weights)",
        )
    finite("target", OVERFLOWED_GRADIENT, *gradients)
