"""service/common.py: the request's network in the engine and back, and the finite checks, without HTTP."""
import numpy as np
import pytest

from app.api import schemas as s
from app.api.errors import ComputeError
from app.api.service.common import check_trace, finite, network_out, to_engine
from app.engine import backprop as bp
from app.engine.network import build


def test_network_out_is_the_request_network_with_its_blanks_filled():
    net = s.Network.model_validate({"layers": [{"size": 2}, {"size": 3}, {"size": 1, "activation": "tanh"}], "seed": 5})
    out = network_out(to_engine(net))
    assert out["layers"] == [{"size": 2}, {"size": 3, "activation": "sigmoid"}, {"size": 1, "activation": "tanh"}]
    assert np.shape(out["weights"][0]) == (3, 2) and np.shape(out["weights"][1]) == (1, 3)
    assert out["biases"] == [[0.0, 0.0, 0.0], [0.0]] and out["seed"] == 5
    assert network_out(to_engine(s.Network.model_validate(out))) == out  # fed back, it is the same network


def test_finite_refuses_nan_and_infinity_naming_the_field():
    finite("grid", "the grid overflowed", np.ones(3), None)
    for bad in (np.inf, -np.inf, np.nan):
        with pytest.raises(ComputeError) as caught:
            finite("grid", "the grid overflowed", np.ones(3), np.array([[1.0, bad]]))
        assert (caught.value.field, caught.value.message) == ("grid", "the grid overflowed")


@pytest.mark.parametrize("x,y,field,message", [
    (1e308, 0.0, "input", "z^1 (the weighted inputs) overflowed at layer 1"),  # 2 × 1e308
    (1.0, 1e308, "target", "the cost C overflowed at layer 1"),  # (2 - 1e308)²
])
def test_check_trace_names_the_first_quantity_that_overflowed(x, y, field, message):
    net = build([1, 1], [None, "linear"], [[[2.0]]], [[0.0]])
    with np.errstate(all="ignore"):
        trace = bp.forward(net, np.array([[x]]))
        grads = bp.backward(net, trace, np.array([[y]]), "mse")
    with pytest.raises(ComputeError) as caught:
        check_trace(net, trace, grads)
    assert caught.value.field == field
    assert caught.value.message == f"{message}: the numbers are too large to represent (try smaller inputs or weights)"
    check_trace(net, bp.forward(net, np.array([[1.0]])))
