"""service/passes.py: forward and backprop answers against the hand derivation and finite differences, without HTTP."""
import numpy as np

from app.api import schemas as s
from app.api import service
from tests.api.examples import BODY, NET
from tests.deploy import worked

X, Y = BODY["input"], BODY["target"][0]


def forward(x: list[float]) -> dict:
    return service.forward(s.ForwardRequest.model_validate({"network": NET, "input": x}))


def test_forward_is_the_hand_derivation():
    answer = forward(X)
    assert worked.forward_is_right(answer, X)
    assert answer["layers"][0] == {"a": [X]} and list(answer["layers"][1]) == ["z", "a"]
    assert answer["network"] == {**NET, "seed": 0}


def test_backprop_is_the_hand_derivation_and_each_layer_its_chain_rule():
    answer = service.backprop(s.BackpropRequest.model_validate(BODY))
    assert worked.backprop_is_right(answer, X, Y)
    assert answer["layers"][2]["dC_da"] == [[2 * (worked.forward(X)[1] - Y)]]  # C = (a^2 − y)²
    for layer in answer["layers"][1:]:  # dC/dz^l = dC/da^l ⊙ σ'(z^l)
        np.testing.assert_allclose(layer["dC_dz"], np.multiply(layer["dC_da"], layer["da_dz"]), rtol=1e-15)
    assert "jacobians" not in answer


def test_the_input_jacobian_is_the_finite_difference_of_the_output():
    x, h = np.array([0.3, -0.7]), 1e-6
    body = {"network": NET, "input": x.tolist(), "target": [0.5], "jacobians": True}
    J = service.backprop(s.BackpropRequest.model_validate(body))["jacobians"][0][0]  # ∂a^2/∂a^0 of sample 0: 1 × 2
    out = [[forward((x + h * e).tolist())["layers"][2]["a"][0][0] - forward((x - h * e).tolist())["layers"][2]["a"][0][0]
            for e in np.eye(2)]]
    np.testing.assert_allclose(J, np.array(out) / (2 * h), rtol=1e-7)
