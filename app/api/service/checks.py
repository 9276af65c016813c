"""POST /gradcheck and /cost-curve: the gradients checked against finite differences, and C along one parameter."""
import numpy as np

from app.engine import backprop as bp
from app.engine import notation

from .. import schemas as s
from .common import finite, gradients_out, network_out
from .passes import examples, run


def gradcheck(req: s.GradcheckRequest) -> s.GradcheckResponse:
    net, trace, grads = run(req)
    x, y = examples(req)
    with np.errstate(all="ignore"):
        nW, nb = bp.numeric_gradients(net, x, y, req.loss, req.epsilon)
    finite("epsilon", "a finite difference overflowed: try a smaller epsilon", *nW[1:], *nb[1:])
    worst, max_abs, max_rel = "", 0.0, 0.0
    for l in range(1, net.L + 1):
        for name, A, N in (("W", grads.dC_dW[l], nW[l]), ("b", grads.dC_db[l], nb[l])):
            err = np.abs(A - N)
            rel = err / np.maximum(np.maximum(np.abs(A), np.abs(N)), 1e-12)
            max_abs = max(max_abs, float(err.max()))
            k = np.unravel_index(int(rel.argmax()), rel.shape)
            if float(rel[k]) >= max_rel:
                max_rel = float(rel[k])
                worst = notation.parameter(l, int(k[0]), int(k[1]) if name == "W" else None, net.sizes)
    return {
        "network": network_out(net),
        "loss": grads.C,
        "epsilon": req.epsilon,
        "analytic": gradients_out(grads.dC_dW, grads.dC_db),
        "numeric": gradients_out(nW, nb),
        "max_abs_error": max_abs,
        "max_rel_error": max_rel,
        "worst": worst,
    }


def cost_curve(req: s.CostCurveRequest) -> s.CostCurveResponse:
    net, trace, grads = run(req)
    l, i, j = req.layer, req.i, req.j
    value = float(net.W[l][i, j] if j is not None else net.b[l][i])
    slope = float(grads.dC_dW[l][i, j] if j is not None else grads.dC_db[l][i])
    values = np.linspace(value - req.radius, value + req.radius, req.points)
    x, y = examples(req)
    with np.errstate(all="ignore"):
        costs = bp.cost_along(net, x, y, req.loss, l, i, j, values)
    finite("radius", "the cost overflowed along this range: try a smaller radius", costs, values)
    return {
        "parameter": notation.parameter(l, i, j, net.sizes),
        "value": value,
        "cost": grads.C,
        "slope": slope,
        "values": values.tolist(),
        "costs": costs.tolist(),
    }
