"""POST /forward and /backprop: every z and a, and dC/da, dC/dz, dC/dW, dC/db, as JSON-ready dicts."""
import numpy as np

from app.engine import backprop as bp
from app.engine.network import Network

from .. import schemas as s
from .common import all_finite, check_trace, finite, gradients_out, matrix, network_out, to_engine


def layers_out(net: Network, trace: bp.Trace, grads: bp.Grads | None) -> list[s.LayerOut]:
    out: list[s.LayerOut] = [{"a": trace.a[0].tolist()}]
    ds = [None] + [bp.da_dz(net, trace, l) for l in range(1, net.L + 1)]
    if grads is not None and not all_finite([d for d in ds if d is not None]):  # one test; the layer only when one overflowed
        for l in range(1, net.L + 1):
            finite("input", f"σ'(z^{l}) overflowed at layer {l}", ds[l])
    for l in range(1, net.L + 1):
        layer: s.LayerOut = {"z": trace.z[l].tolist(), "a": trace.a[l].tolist()}
        d = ds[l]
        if grads is not None:
            layer["da_dz"] = None if d is None else d.tolist()
            layer["dC_da"] = grads.dC_da[l].tolist()
            layer["dC_dz"] = grads.dC_dz[l].tolist()
        out.append(layer)
    return out


def forward(req: s.ForwardRequest) -> s.ForwardResponse:
    net = to_engine(req.network)
    with np.errstate(all="ignore"):
        trace = bp.forward(net, np.array(req.input, dtype=np.float64))
    check_trace(net, trace)
    return {"network": network_out(net), "layers": layers_out(net, trace, None)}


def checked_passes(net: Network, x: np.ndarray, y: np.ndarray, loss: str,
                   trace: bp.Trace | None = None) -> tuple[bp.Trace, bp.Grads]:
    """Forward (unless its trace is given) and backward on (x, y), every value checked finite (else a ComputeError)."""
    with np.errstate(all="ignore"):
        trace = trace or bp.forward(net, x)
        grads = bp.backward(net, trace, y, loss)
    return checked(net, trace, grads)


def checked(net: Network, trace: bp.Trace, grads: bp.Grads) -> tuple[bp.Trace, bp.Grads]:
    """The passes as they are when every value is finite; else a ComputeError naming the first that overflowed."""
    check_trace(net, trace, grads, grads.dC_dW[1:])
    return trace, grads


def examples(req: s.BackpropRequest | s.TrainRequest) -> tuple[np.ndarray, np.ndarray]:
    """The request's input and target: x (B, n_0) and y (B, n_L)."""
    return matrix(req.input), matrix(req.target)


def run(req: s.BackpropRequest) -> tuple[Network, bp.Trace, bp.Grads]:
    """The request's network, and its checked passes on the request's input and target."""
    net = to_engine(req.network)
    return net, *checked_passes(net, *examples(req), req.loss)


def backprop_out(net: Network, trace: bp.Trace, grads: bp.Grads, jacobians: bool = False) -> s.BackpropResponse:
    out: s.BackpropResponse = {
        "network": network_out(net),
        "loss": grads.C,
        "layers": layers_out(net, trace, grads),
        "gradients": gradients_out(grads.dC_dW, grads.dC_db),
    }
    if jacobians:
        with np.errstate(all="ignore"):
            J = bp.jacobians(net, trace)
        finite("jacobians", "a Jacobian ∂a^L/∂a^l overflowed: the weights are too large", *J)
        out["jacobians"] = [j.tolist() for j in J]
    return out


def backprop(req: s.BackpropRequest) -> s.BackpropResponse:
    return backprop_out(*run(req), req.jacobians)
