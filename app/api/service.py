"""Between the API and the engine: validated requests in, JSON-ready dicts out.

Every number that leaves here is finite: an overflow becomes a ComputeError (422)
naming the quantity, and training that diverges stops and says so.
"""
import numpy as np

from app.engine import backprop as bp
from app.engine import datasets, training
from app.engine.losses import LOSSES
from app.engine.network import Network, build

from . import schemas as s
from .errors import ComputeError

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
    return build(
        net.sizes,
        [None] + [layer.activation for layer in net.layers[1:]],
        net.weights,
        net.biases,
        net.seed or 0,
    )


def network_out(net: Network) -> dict:
    layers = [{"size": net.sizes[0]}] + [
        {"size": n, "activation": act} for n, act in zip(net.sizes[1:], net.activations[1:])
    ]
    return {
        "layers": layers,
        "weights": [w.tolist() for w in net.W[1:]],
        "biases": [b.tolist() for b in net.b[1:]],
        "seed": net.seed,
    }


def _all_finite(arrays) -> bool:
    # One test over all of them: a request's arrays are small, and each numpy call costs more than its
    # data. The .ravel method, not np.ravel: the module function's dispatch costs ten times the copy.
    return bool(np.isfinite(np.concatenate([np.asarray(a).ravel() for a in arrays])).all())


def _finite(field: str, message: str, *arrays) -> None:
    arrays = [a for a in arrays if a is not None]
    if arrays and not _all_finite(arrays):
        raise ComputeError(field, message)


def _check_trace(net: Network, trace: bp.Trace, grads: bp.Grads | None = None) -> None:
    arrays = trace.z[1:] + trace.a[1:] + net.W[1:] + net.b[1:]
    if grads is not None:
        arrays += grads.dC_da[1:] + grads.dC_dz[1:] + [grads.C]
    if _all_finite(arrays):
        return  # the usual case: the layer-by-layer search below only runs to name what overflowed
    where = training.first_overflow(net, trace, grads)
    if where is not None:
        l, q = where
        raise ComputeError(
            "input" if q in ("z", "a") else "target",
            f"{QUANTITY[q].format(l=l)} overflowed at layer {l}: the numbers are too large to represent "
            "(try smaller inputs or weights)",
        )


def _layers(net: Network, trace: bp.Trace, grads: bp.Grads | None) -> list[dict]:
    out = [{"a": trace.a[0].tolist()}]
    for l in range(1, net.L + 1):
        layer = {"z": trace.z[l].tolist(), "a": trace.a[l].tolist()}
        d = bp.da_dz(net, trace, l)
        if grads is not None:
            _finite("input", f"σ'(z^{l}) overflowed at layer {l}", d)
            layer["da_dz"] = None if d is None else d.tolist()
            layer["dC_da"] = grads.dC_da[l].tolist()
            layer["dC_dz"] = grads.dC_dz[l].tolist()
        out.append(layer)
    return out


def forward(req: s.ForwardRequest) -> dict:
    net = to_engine(req.network)
    with np.errstate(all="ignore"):
        trace = bp.forward(net, np.array(req.input, dtype=np.float64))
    _check_trace(net, trace)
    return {"network": network_out(net), "layers": _layers(net, trace, None)}


def _passes(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[bp.Trace, bp.Grads]:
    """Forward and backward on (x, y), every value checked finite (else a ComputeError)."""
    with np.errstate(all="ignore"):
        trace = bp.forward(net, x)
        grads = bp.backward(net, trace, y, loss)
    _check_trace(net, trace, grads)
    _finite("target", "a gradient dC/dW overflowed: the numbers are too large to represent", *grads.dC_dW[1:])
    return trace, grads


def _run(req: s.BackpropRequest) -> tuple[Network, bp.Trace, bp.Grads]:
    net = to_engine(req.network)
    trace, grads = _passes(net, np.array(req.input, dtype=np.float64), np.array(req.target, dtype=np.float64), req.loss)
    return net, trace, grads


def _gradients(dW, db) -> dict:
    return {"weights": [w.tolist() for w in dW[1:]], "biases": [b.tolist() for b in db[1:]]}


def _backprop_out(net: Network, trace: bp.Trace, grads: bp.Grads, jacobians: bool = False) -> dict:
    out = {
        "network": network_out(net),
        "loss": grads.C,
        "layers": _layers(net, trace, grads),
        "gradients": _gradients(grads.dC_dW, grads.dC_db),
    }
    if jacobians:
        with np.errstate(all="ignore"):
            J = bp.jacobians(net, trace)
        _finite("jacobians", "a Jacobian ∂a^L/∂a^l overflowed: the weights are too large", *J)
        out["jacobians"] = [j.tolist() for j in J]
    return out


def backprop(req: s.BackpropRequest) -> dict:
    return _backprop_out(*_run(req), req.jacobians)


def gradcheck(req: s.GradcheckRequest) -> dict:
    net, trace, grads = _run(req)
    x, y = np.array(req.input, dtype=np.float64), np.array(req.target, dtype=np.float64)
    with np.errstate(all="ignore"):
        nW, nb = bp.numeric_gradients(net, x, y, req.loss, req.epsilon)
    _finite("epsilon", "a finite difference overflowed: try a smaller epsilon", *nW[1:], *nb[1:])
    worst, max_abs, max_rel = "", 0.0, 0.0
    for l in range(1, net.L + 1):
        for name, A, N in (("W", grads.dC_dW[l], nW[l]), ("b", grads.dC_db[l], nb[l])):
            err = np.abs(A - N)
            rel = err / np.maximum(np.maximum(np.abs(A), np.abs(N)), 1e-12)
            max_abs = max(max_abs, float(err.max()))
            k = np.unravel_index(int(rel.argmax()), rel.shape)
            if float(rel[k]) >= max_rel:
                max_rel = float(rel[k])
                worst = f"{name}_{''.join(str(int(i)) for i in k)}^{l}"
    return {
        "network": network_out(net),
        "loss": grads.C,
        "epsilon": req.epsilon,
        "analytic": _gradients(grads.dC_dW, grads.dC_db),
        "numeric": _gradients(nW, nb),
        "max_abs_error": max_abs,
        "max_rel_error": max_rel,
        "worst": worst,
    }


def cost_curve(req: s.CostCurveRequest) -> dict:
    net, trace, grads = _run(req)
    l, i, j = req.layer, req.i, req.j
    value = float(net.W[l][i, j] if j is not None else net.b[l][i])
    slope = float(grads.dC_dW[l][i, j] if j is not None else grads.dC_db[l][i])
    values = np.linspace(value - req.radius, value + req.radius, req.points)
    with np.errstate(all="ignore"):
        costs = bp.cost_along(
            net, np.array(req.input, dtype=np.float64), np.array(req.target, dtype=np.float64), req.loss, l, i, j, values
        )
    _finite("radius", "the cost overflowed along this range: try a smaller radius", costs, values)
    name = f"W_{i}{j}^{l}" if j is not None else f"b_{i}^{l}"
    return {
        "parameter": name,
        "value": value,
        "cost": grads.C,
        "slope": slope,
        "values": values.tolist(),
        "costs": costs.tolist(),
    }


def _moments(net: Network, arrays: list[np.ndarray] | None) -> dict | None:
    if arrays is None:
        return None
    return {"weights": [a.tolist() for a in arrays[0::2]], "biases": [a.tolist() for a in arrays[1::2]]}


def _moment_arrays(m: s.GradientsOut | None) -> list[np.ndarray] | None:
    if m is None:
        return None
    return [np.array(p, dtype=np.float64) for pair in zip(m.weights, m.biases) for p in pair]


def _accuracy(output: str, a: np.ndarray, y: np.ndarray) -> float | None:
    """The share classified right: argmax for one-hot targets, 0.5 threshold for one 0/1 output."""
    if y.shape[1] > 1 and output == "softmax":
        return float(np.mean(a.argmax(axis=1) == y.argmax(axis=1)))
    if y.shape[1] == 1 and output == "sigmoid" and np.all((y == 0) | (y == 1)):
        return float(np.mean((a >= 0.5) == (y == 1)))
    return None


def _cost_and_accuracy(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[float, float | None]:
    """One forward pass: C (non-finite when it overflowed) and the accuracy."""
    with np.errstate(all="ignore"):
        trace = bp.forward(net, x)
        C = LOSSES[loss].cost(trace.z[-1], trace.a[-1], y)
    return C, _accuracy(net.activations[net.L], trace.a[-1], y)


def train(req: s.TrainRequest) -> dict:
    net = to_engine(req.network)
    x, y = np.array(req.input, dtype=np.float64), np.array(req.target, dtype=np.float64)
    xt = yt = None
    if req.test_input is not None:
        xt, yt = np.array(req.test_input, dtype=np.float64), np.array(req.test_target, dtype=np.float64)
    st = req.optimizer_state
    state = training.OptimizerState(
        st.step if st else 0, _moment_arrays(st.m) if st else None, _moment_arrays(st.v) if st else None
    )
    options = training.TrainOptions(
        loss=req.loss, learning_rate=req.learning_rate, steps=req.steps, optimizer=req.optimizer,
        batch_size=req.batch_size, seed=req.seed, l2=req.l2, record_every=req.record_every, diagnostics=req.diagnostics,
    )
    res = training.train(net, x, y, options, state=state, x_test=xt, y_test=yt)
    trained = res.net
    final, accuracy = _cost_and_accuracy(trained, x, y, req.loss)
    out: dict = {
        "network": network_out(trained),
        "history": [
            {k: v for k, v in vars(h).items() if v is not None} for h in res.history
        ],
        "diverged": res.diverged is not None,
        "divergence": None,
        "optimizer_state": {"step": res.state.t, "m": _moments(trained, res.state.m), "v": _moments(trained, res.state.v)},
        "loss": final,
        "accuracy": accuracy,
    }
    if res.diverged:
        d = res.diverged
        what = QUANTITY.get(d.quantity, d.quantity).format(l=d.layer)
        out["divergence"] = {
            "step": d.step,
            "layer": d.layer,
            "quantity": d.quantity,
            "message": f"training diverged at step {d.step}: {what} overflowed at layer {d.layer}. "
            f"The learning rate {req.learning_rate:g} is probably too large; the network is returned as it was before that step.",
        }
    if not np.isfinite(final):
        out["loss"] = None
        out["diverged"] = True
    if xt is not None:
        tl, out["test_accuracy"] = _cost_and_accuracy(trained, xt, yt, req.loss)
        out["test_loss"] = tl if np.isfinite(tl) else None
    if req.grid is not None:
        with np.errstate(all="ignore"):
            g = bp.forward(trained, np.array(req.grid, dtype=np.float64)).a[-1]
        _finite("grid", "the network's output overflowed on the grid: try smaller grid values", g)
        out["grid_output"] = g.tolist()
    if (req.backprop or req.gradients) and out["loss"] is not None:
        try:
            if req.gradients:
                grads = _passes(trained, x, y, req.loss)[1]
                out["gradients"] = _gradients(grads.dC_dW, grads.dC_db)
            if req.backprop:
                k = req.backprop_samples
                xs, ys = (x, y) if k is None else (x[k], y[k])
                out["backprop"] = _backprop_out(trained, *_passes(trained, xs, ys, req.loss))
        except ComputeError:
            out["gradients"] = out["backprop"] = None
    return out


def dataset(name: str, samples: int, noise: float, seed: int, classes: int) -> dict:
    x, y = datasets.make(name, samples, noise, seed, classes)
    return {"input": x.tolist(), "target": y.tolist()}


def losses_meta() -> dict:
    return {name: {"requires": loss.requires} for name, loss in LOSSES.items()}
