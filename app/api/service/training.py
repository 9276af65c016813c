"""POST /train: gradient descent on the request's network, and what the page draws of the result."""
import base64
from dataclasses import fields
from functools import lru_cache

import numpy as np

from app.engine import backprop as bp
from app.engine import fused, metrics, training
from app.engine.losses import LOSSES
from app.engine.network import Network

from .. import schemas as s
from ..errors import ComputeError
from ..schemas import kept
from .common import QUANTITY, check_trace, finite, gradients_out, matrix, network_out, to_engine
from .passes import backprop_out, checked, checked_passes, examples

OPTIONS = tuple(f.name for f in fields(training.TrainOptions))  # the request's fields a run's options take


def _options(req: s.TrainRequest) -> training.TrainOptions:
    return training.TrainOptions(**{name: getattr(req, name) for name in OPTIONS})


def _moment_arrays(m: s.GradientsOut | None) -> list[np.ndarray] | None:
    if m is None:
        return None
    return [np.array(p, dtype=np.float64) for pair in zip(m["weights"], m["biases"]) for p in pair]


def _state(st: s.OptimizerState | None) -> training.OptimizerState:
    if st is None:
        return training.OptimizerState()
    return training.OptimizerState(st["step"], _moment_arrays(st["m"]), _moment_arrays(st["v"]))


def _moments(arrays: list[np.ndarray] | None) -> s.GradientsOut | None:
    if arrays is None:
        return None
    return {"weights": [a.tolist() for a in arrays[0::2]], "biases": [a.tolist() for a in arrays[1::2]]}


def _accuracy(output: str, a: np.ndarray, y: np.ndarray) -> float | None:
    """The share classified right: argmax for one-hot targets, 0.5 threshold for one 0/1 output."""
    # count_nonzero / n: np.mean's own bookkeeping costs more than a frame's comparison (the same float)
    if y.shape[1] > 1 and output == "softmax":
        return np.count_nonzero(a.argmax(axis=1) == y.argmax(axis=1)) / len(y)
    if y.shape[1] == 1 and output == "sigmoid":
        ones = y == 1
        if np.count_nonzero(ones) + np.count_nonzero(y == 0) == len(y):  # every target 0 or 1
            return np.count_nonzero((a >= 0.5) == ones) / len(y)
    return None


def _cost_and_accuracy(net: Network, x: np.ndarray, y: np.ndarray, loss: str, trace: bp.Trace | None = None,
                       C: float | None = None) -> tuple[float, float | None]:
    """C (non-finite when it overflowed; given when fused.c has taken it) and the accuracy, from the forward pass on
    x (taken when not given)."""
    with np.errstate(all="ignore"):
        trace = trace or bp.forward(net, x)
        if C is None:
            C = LOSSES[loss].cost(trace.z[-1], trace.a[-1], y)
    return C, _accuracy(net.activations[net.L], trace.a[-1], y)


def _metrics(task: str | None, train: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray] | None) -> s.Metrics:
    """How well the outputs a fit the targets y, for each (a, y) pair: the task's measures (s.TrainRequest.task)."""
    if task is None:
        classes = all(metrics.first_not_class(y) is None for _, y in (train, *([test] if test else [])))
        task = "classification" if classes else "regression"
    measure = metrics.classification if task == "classification" else metrics.regression
    return {"kind": task, "train": measure(*train), "test": None if test is None else measure(*test)}


def grid_points(x: list[float], y: list[float] | None, n: int) -> np.ndarray:
    """grid_extent's points as the page lays them out (static/js/training/grids.js), to the last bit: two inputs,
    grid2d's n × n cell centres row by row from the top; one input, grid1d's n points from lo to hi. (points, n_0)
    Read-only, and remembered: each of a learner's frames asks for the same grid."""
    return _grid_points(tuple(x), None if y is None else tuple(y), n)


@lru_cache(maxsize=64)  # at most 64 × 10,000 points (BACKPROP_MAX_POINTS) × 16 bytes: 10 MB
def _grid_points(x: tuple[float, float], y: tuple[float, float] | None, n: int) -> np.ndarray:
    (x0, x1), k = x, np.arange(n, dtype=np.float64)
    if y is None:
        points = (x0 + (k / (n - 1)) * (x1 - x0))[:, None]
    else:
        (y0, y1), c = y, (k + 0.5) / n
        points = np.column_stack([np.tile(x0 + c * (x1 - x0), n), np.repeat(y1 - c * (y1 - y0), n)])
    points.flags.writeable = False
    return points


def _chosen_passes(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[bp.Trace, bp.Grads]:
    """The chosen samples' passes (a frame's card): fused.c's when it computes the network, else numpy's; checked
    as checked_passes checks them."""
    if not fused.computes(net, len(x)):
        return checked_passes(net, x, y, loss)
    return checked(net, *fused.passes(net, x, y, loss))


def u16(g: np.ndarray) -> s.GridU16:
    """Finite outputs as 16-bit codes over [lo, hi] (s.GridU16), rounded to the nearest code."""
    lo, hi = float(np.minimum.reduce(g, axis=None)), float(np.maximum.reduce(g, axis=None))  # g.min(), g.max() less their wrapper
    span = hi - lo
    if not 0 < span < np.inf:  # a flat output; or outputs near ±1e308, whose span overflows: halved, it does not
        scaled = np.zeros(g.size) if hi == lo else (g.ravel() / 2 - lo / 2) / (hi / 2 - lo / 2) * 65535
    else:
        scaled = (g.ravel() - lo) / span * 65535
    np.rint(scaled, out=scaled)
    codes = np.minimum(np.maximum(scaled, 0, out=scaled), 65535, out=scaled).astype("<u2")  # np.clip, less its wrapper
    return {"lo": lo, "hi": hi, "data": base64.b64encode(codes.tobytes()).decode("ascii")}


def _divergence(d: training.Divergence, learning_rate: float) -> s.Divergence:
    what = QUANTITY.get(d.quantity, d.quantity).format(l=d.layer)
    return {
        "step": d.step,
        "layer": d.layer,
        "quantity": d.quantity,
        "message": f"training diverged at step {d.step}: {what} overflowed at layer {d.layer}. "
        f"The learning rate {learning_rate:g} is probably too large; the network is returned as it was before that step.",
    }


def train(req: s.TrainRequest) -> s.TrainResponse:
    net = to_engine(req.network)
    x, y = examples(req)
    xt = yt = None
    if req.test_input is not None:
        xt, yt = matrix(req.test_input), matrix(req.test_target)
    key = req.data_key
    if req.remember_data and key is None:
        rows = {name: getattr(req, name) for name in kept.SAMPLE_FIELDS}
        key = kept.keep(rows, {"input": x, "target": y, "test_input": xt, "test_target": yt})
    e, k = req.grid_extent, req.backprop_samples
    points = None
    if req.grid is not None or e is not None:
        points = matrix(req.grid) if e is None else grid_points(e.x, e.y, e.n)
    card = (x[k], y[k]) if req.backprop and k is not None else None
    # fused.c, when it takes the steps, also computes the card's passes and the grid's outputs in the same call
    res = training.train(net, x, y, _options(req), state=_state(req.optimizer_state), x_test=xt, y_test=yt, card=card, grid=points)
    trained, costs = res.net, res.costs or (None, None)
    final, accuracy = _cost_and_accuracy(trained, x, y, req.loss, res.trace, costs[0])
    test_trace = None
    out: s.TrainResponse = {
        "network": network_out(trained),
        "history": [{k: v for k, v in vars(h).items() if v is not None} for h in res.history],
        "diverged": res.diverged is not None,
        "divergence": None if res.diverged is None else _divergence(res.diverged, req.learning_rate),
        "optimizer_state": {"step": res.state.t, "m": _moments(res.state.m), "v": _moments(res.state.v)},
        "loss": final,
        "accuracy": accuracy,
    }
    if key is not None:
        out["data_key"] = key
    if not np.isfinite(final):
        out["loss"] = None
        out["diverged"] = True
    if req.diagnostics and out["loss"] is not None:
        out["saturation"] = training.saturation(trained, res.trace)
    if xt is not None:
        test_trace = res.test_trace
        if test_trace is None:
            with np.errstate(all="ignore"):
                test_trace = bp.forward(trained, xt)
        tl, out["test_accuracy"] = _cost_and_accuracy(trained, xt, yt, req.loss, test_trace, costs[1])
        out["test_loss"] = tl if np.isfinite(tl) else None
    if req.metrics:  # from the passes above: the trained network's outputs on each set
        out["metrics"] = _metrics(req.task, (res.trace.a[-1], y), None if xt is None else (test_trace.a[-1], yt))
    if points is not None:
        g = res.grid if res.grid is not None else fused.outputs(trained, points)
        finite("grid", "the network's output overflowed on the grid: try smaller grid values", g)
        if req.grid_format == "u16":
            out["grid_u16"] = u16(g)
        else:
            if req.grid_digits is not None:
                g = g.round(req.grid_digits)
            out["grid_output"] = (g.ravel() if req.grid_flat else g).tolist()
    if (req.backprop or req.gradients) and out["loss"] is not None:
        try:
            whole = None
            if (req.backprop and req.backprop_samples is None) or (req.gradients and res.gradients is None):
                whole = checked_passes(trained, x, y, req.loss, res.trace)
            if req.gradients:
                if whole is None:  # the training's own last backward pass (fused.c): checked as checked_passes checks
                    check_trace(trained, res.trace, gradients=[*res.gradients[0][1:], *res.gradients[1][1:]])
                dW, db = res.gradients if whole is None else (whole[1].dC_dW, whole[1].dC_db)
                out["gradients"] = gradients_out(dW, db)
            if req.backprop:
                if k is None:
                    passes = whole
                else:
                    passes = checked(trained, *res.card) if res.card is not None else _chosen_passes(trained, *card, req.loss)
                out["backprop"] = backprop_out(trained, *passes)
        except ComputeError:
            out["gradients"] = out["backprop"] = None
    return out
