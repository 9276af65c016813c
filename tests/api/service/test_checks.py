"""service/checks.py: the gradient check and the cost curve on the hand derivation's network, without HTTP."""
import numpy as np
import pytest

from app.api import schemas as s
from app.api import service
from tests.api.examples import BODY
from tests.deploy import worked

X, Y = BODY["input"], BODY["target"][0]
WANT = worked.backprop(X, Y)


def test_gradcheck_puts_the_hand_gradients_beside_finite_differences():
    answer = service.gradcheck(s.GradcheckRequest.model_validate(BODY))
    assert worked.close(answer["analytic"]["weights"], WANT["weights"], rel=1e-12)
    assert worked.close(answer["numeric"]["weights"], WANT["weights"], rel=1e-6)
    assert worked.close(answer["numeric"]["biases"], WANT["biases"], rel=1e-6)
    assert answer["loss"] == pytest.approx(WANT["loss"], rel=1e-12) and answer["epsilon"] == 1e-6
    pairs = [(a, n) for kind in ("weights", "biases") for A, N in zip(answer["analytic"][kind], answer["numeric"][kind])
             for a, n in zip(np.ravel(A), np.ravel(N))]
    assert answer["max_abs_error"] == max(abs(a - n) for a, n in pairs)
    assert 0 < answer["max_rel_error"] < 1e-6 and answer["worst"].startswith(("W_", "b_"))


def cost_with_W1_10(v: float) -> float:
    """C with W_10^1 set to v, the rest as in the hand derivation."""
    W1 = [row[:] for row in worked.W1]
    W1[1][0] = v
    a1 = [worked.sig(W1[i][0] * X[0] + W1[i][1] * X[1] + worked.b1[i]) for i in range(2)]
    a2 = worked.sig(worked.W2[0][0] * a1[0] + worked.W2[0][1] * a1[1] + worked.b2[0])
    return (a2 - Y) ** 2


def test_cost_curve_is_the_cost_at_each_value_with_the_slope_at_the_middle():
    req = s.CostCurveRequest.model_validate({**BODY, "layer": 1, "i": 1, "j": 0, "radius": 0.5, "points": 5})
    answer = service.cost_curve(req)
    assert answer["parameter"] == "W_10^1" and answer["value"] == 0.25
    assert answer["values"] == pytest.approx([-0.25, 0.0, 0.25, 0.5, 0.75])
    assert answer["costs"] == pytest.approx([cost_with_W1_10(v) for v in answer["values"]], rel=1e-12)
    assert answer["cost"] == pytest.approx(WANT["loss"], rel=1e-12)
    assert answer["slope"] == pytest.approx(WANT["weights"][0][1][0], rel=1e-12)
    bias = service.cost_curve(s.CostCurveRequest.model_validate({**BODY, "layer": 2, "i": 0, "points": 3}))
    assert bias["parameter"] == "b_0^2" and bias["value"] == 0.6 and bias["slope"] == pytest.approx(WANT["biases"][1][0])
