"""The networks whose scripts both languages' tests run, and how a script's printed JSON is held against /backprop.

Every activation (hidden and output), each loss on the output it needs, batches of 1 and 3, a network
with three hidden layers, one with none, and weights left out of the request (filled in from the seed).
"""
import json
import os
import subprocess

import numpy as np

from tests.api.examples import BODY
from tests.conftest import strict_json

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
X3 = [[0.5, -1.0, 2.0], [-0.3, 0.8, 0.1], [1.5, 0.2, -0.7]]  # B = 3 samples of n_0 = 3


def layers(*sizes_and_activations) -> list[dict]:
    """layers(3, (4, "tanh"), (2, "softmax")): the input layer's size, then (size, activation) per layer."""
    first, *rest = sizes_and_activations
    return [{"size": first}] + [{"size": n, "activation": act} for n, act in rest]


def seeded(net_layers: list[dict], seed: int = 0) -> dict:
    return {"layers": net_layers, "seed": seed}


CASES = {
    "the hand derivation (2-2-1 sigmoid, mse, 1 sample)": BODY,
    **{
        f"{act}, mse, 3 samples, seeded": {
            "network": seeded(layers(3, (4, act), (2, act)), seed=3),
            "input": X3,
            "target": [[0.1, 0.9], [0.7, 0.2], [0.4, 0.4]],
        }
        for act in HIDDEN
    },
    "relu and leaky_relu with z exactly 0 (σ'(0) = 0 and 0.01)": {
        "network": {
            "layers": layers(2, (2, "relu"), (2, "leaky_relu"), (1, "linear")),
            "weights": [[[0.0, 0.0], [0.5, -0.25]], [[0.0, 0.0], [1.0, 2.0]], [[0.75, -1.5]]],
            "biases": [[0.0, 0.1], [0.0, 0.0], [0.2]],
        },
        "input": [[1.0, 2.0], [-1.0, 0.5]],
        "target": [[0.5], [-0.5]],
    },
    "softmax, mse (its Jacobian), 3 samples": {
        "network": seeded(layers(3, (4, "tanh"), (3, "softmax")), seed=5),
        "input": X3,
        "target": [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5]],
    },
    "softmax, cross_entropy, 1 sample": {
        "network": seeded(layers(2, (3, "sigmoid"), (3, "softmax")), seed=2),
        "input": [0.5, -1.0],
        "target": [0.0, 1.0, 0.0],
        "loss": "cross_entropy",
    },
    "softmax, cross_entropy, probability targets, 3 samples": {
        "network": seeded(layers(3, (5, "relu"), (3, "softmax")), seed=8),
        "input": X3,
        "target": [[0.1, 0.2, 0.7], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]],
        "loss": "cross_entropy",
    },
    "sigmoid, binary_cross_entropy, 3 samples": {
        "network": seeded(layers(3, (4, "leaky_relu"), (2, "sigmoid")), seed=4),
        "input": X3,
        "target": [[1.0, 0.0], [0.0, 0.5], [1.0, 1.0]],
        "loss": "binary_cross_entropy",
    },
    "three hidden layers, 3 samples, seeded": {
        "network": seeded(layers(3, (5, "tanh"), (4, "relu"), (4, "sigmoid"), (3, "softmax")), seed=11),
        "input": X3,
        "target": [[0.0, 0.0, 1.0], [0.5, 0.5, 0.0], [0.0, 1.0, 0.0]],
        "loss": "cross_entropy",
    },
    "no hidden layer (L = 1), linear, 1 sample": {
        "network": seeded(layers(2, (1, "linear")), seed=1),
        "input": [3.0, -2.0],
        "target": [1.0],
    },
    "weights given, biases left out": {
        "network": {"layers": BODY["network"]["layers"], "weights": BODY["network"]["weights"]},
        "input": [[0.05, 0.1], [1.0, -1.0], [0.0, 0.0]],
        "target": [[0.01], [0.5], [1.0]],
    },
}


def run_script(python: str, script: str, folder) -> dict:
    """Run the script alone in `folder`, as someone who took it away would: no PYTHONPATH, not in the repository."""
    path = folder / "backprop.py"
    path.write_text(script, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([python, "-I", str(path)], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1, f"one line of JSON expected, got: {done.stdout[:300]}"
    return strict_json(done.stdout)


def assert_matches_backprop(printed: dict, answer: dict) -> None:
    """The script's {"C", "dC_dW", "dC_db"} against /backprop's loss and gradients, to 1e-12 relative."""
    assert list(printed) == ["C", "dC_dW", "dC_db"]
    np.testing.assert_allclose(printed["C"], answer["loss"], rtol=1e-12, atol=1e-300)
    grads = answer["gradients"]
    for key, theirs in (("dC_dW", grads["weights"]), ("dC_db", grads["biases"])):
        assert len(printed[key]) == len(theirs)
        for l, (mine, ref) in enumerate(zip(printed[key], theirs), start=1):
            assert np.shape(mine) == np.shape(ref), f"{key}[{l - 1}]"
            np.testing.assert_allclose(mine, ref, rtol=1e-12, atol=1e-300, err_msg=f"{key}[{l - 1}]")


def script_and_answer(client, body: dict, language: str) -> tuple[str, dict]:
    r = client.post("/api/v1/code", json={**body, "language": language})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/x-python; charset=utf-8"
    answer = client.post("/api/v1/backprop", json=body)
    assert answer.status_code == 200, answer.text
    return r.text, json.loads(answer.text)
