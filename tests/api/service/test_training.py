"""service/training.py: a training step by hand, a run continued from its state, divergence, the answer's keys."""
import pytest

from app.api import schemas as s
from app.api import service
from app.api.service.common import QUANTITY
from tests.api.examples import BODY
from tests.deploy import worked

X, Y = BODY["input"], BODY["target"][0]


def train(**changes) -> dict:
    return service.train(s.TrainRequest.model_validate({**BODY, **changes}))


def test_one_sgd_step_moves_every_parameter_down_its_hand_gradient():
    lr = 0.5
    answer = train(learning_rate=lr, steps=1)
    g = worked.backprop(X, Y)
    stepped = [[[w - lr * d for w, d in zip(wr, dr)] for wr, dr in zip(W, D)] for W, D in zip([worked.W1, worked.W2], g["weights"])]
    assert worked.close(answer["network"]["weights"], stepped, rel=1e-12)
    assert worked.close(answer["network"]["biases"], [[b - lr * d for b, d in zip(bs, ds)]
                                                      for bs, ds in zip([worked.b1, worked.b2], g["biases"])], rel=1e-12)
    assert answer["history"] == [{"step": 0, "loss": pytest.approx(g["loss"], rel=1e-12)}]
    assert answer["optimizer_state"] == {"step": 1, "m": None, "v": None}
    assert answer["loss"] < g["loss"] and answer["accuracy"] is None  # 0.01 is not a class


def test_adam_continued_from_its_state_is_one_longer_run():
    whole = train(optimizer="adam", learning_rate=0.05, steps=6)
    first = train(optimizer="adam", learning_rate=0.05, steps=2)
    rest = train(optimizer="adam", learning_rate=0.05, steps=4, network=first["network"],
                 optimizer_state=first["optimizer_state"])
    assert worked.close(rest["network"]["weights"], whole["network"]["weights"], rel=1e-12)
    assert first["history"] + rest["history"] == whole["history"]
    assert rest["optimizer_state"]["step"] == 6 and rest["optimizer_state"]["v"] is not None


def test_every_extra_in_the_order_the_answer_has_always_sent_them():
    answer = train(steps=2, test_input=[[1, 1]], test_target=[[0.5]], grid=[[0, 0]], gradients=True, backprop=True)
    assert list(answer) == ["network", "history", "diverged", "divergence", "optimizer_state", "loss", "accuracy",
                            "test_accuracy", "test_loss", "grid_output", "gradients", "backprop"]
    assert answer["gradients"] == answer["backprop"]["gradients"]  # one sample: the same pass


def test_divergence_names_the_step_the_quantity_and_the_learning_rate():
    net = {"layers": [{"size": 1}, {"size": 4, "activation": "linear"}, {"size": 1, "activation": "linear"}]}
    answer = service.train(s.TrainRequest.model_validate(
        {"network": net, "input": [[1e3], [-2e3]], "target": [[1], [0]], "learning_rate": 1e3, "steps": 200, "gradients": True}
    ))
    d = answer["divergence"]
    assert answer["diverged"] and len(answer["history"]) == d["step"] == answer["optimizer_state"]["step"]
    assert d["message"] == (
        f"training diverged at step {d['step']}: {QUANTITY[d['quantity']].format(l=d['layer'])} overflowed at layer "
        f"{d['layer']}. The learning rate 1000 is probably too large; the network is returned as it was before that step."
    )
