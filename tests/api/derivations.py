"""Problems for POST /derivation's tests: every activation and loss, batches of 1 and 3, a wide layer,
and seeded random ones (sizes within the derivation's limits, numbers from 1e-4 to 100)."""
import numpy as np

from tests.api.examples import BODY

ELEMENTWISE = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")


def layers(sizes: list[int], activations: list[str]) -> list[dict]:
    return [{"size": sizes[0]}] + [{"size": n, "activation": a} for n, a in zip(sizes[1:], activations)]


PROBLEMS = {
    "hand": BODY,
    **{f"{act}, batch of 3": {
        "network": {"layers": layers([2, 3, 2], [act, act]), "seed": 7},
        "input": [[0.5, -1], [1, 2], [-0.3, 0.2]], "target": [[0.2, 0.9], [1, 0], [0.5, 0.5]]} for act in ELEMENTWISE},
    "softmax, cross-entropy": {
        "network": {"layers": layers([2, 3, 3], ["tanh", "softmax"]), "seed": 2},
        "input": [0.5, -1], "target": [0, 1, 0], "loss": "cross_entropy"},
    "softmax, cross-entropy, batch of 3": {
        "network": {"layers": layers([2, 3, 3], ["relu", "softmax"]), "seed": 3},
        "input": [[0.5, -1], [1, 2], [0.1, 0.2]], "target": [[1, 0, 0], [0, 0.5, 0.5], [0, 0, 1]], "loss": "cross_entropy"},
    "softmax, mse": {
        "network": {"layers": layers([3, 2, 2], ["leaky_relu", "softmax"]), "seed": 4},
        "input": [[0.5, -1, 2], [1, 1, 1]], "target": [[1, 0], [0, 1]], "loss": "mse"},
    "sigmoid, binary cross-entropy": {
        "network": {"layers": layers([2, 2, 2], ["tanh", "sigmoid"]), "seed": 5},
        "input": [1, -2], "target": [1, 0], "loss": "binary_cross_entropy"},
    "sigmoid, binary cross-entropy, batch of 3": {
        "network": {"layers": layers([2, 3, 1], ["linear", "sigmoid"]), "seed": 6},
        "input": [[1, -2], [0, 0.5], [3, 1]], "target": [[1], [0], [0.3]], "loss": "binary_cross_entropy"},
    "deep": {
        "network": {"layers": layers([1, 2, 2, 2, 1], ["linear", "tanh", "sigmoid", "linear"]), "seed": 3},
        "input": [[0.3], [-0.2], [1], [2]], "target": [[1], [0], [0.5], [2]]},
    "a layer of 12": {
        "network": {"layers": layers([2, 12, 1], ["relu", "sigmoid"]), "seed": 1},
        "input": [0.5, -1], "target": [1]},
    "one layer, 7 by 8": {
        "network": {"layers": layers([7, 8], ["sigmoid"]), "seed": 5},
        "input": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], "target": [0, 0, 0, 1, 0, 0, 0, 1]},
}


def random_problem(rng: np.random.Generator, max_parameters: int = 64, max_samples: int = 4) -> dict:
    """A problem within the limits: 1 to 4 layers after the input, any activation and loss that fit."""
    while True:
        L = int(rng.integers(1, 5))
        sizes = [int(n) for n in rng.integers(1, 13, size=L + 1)]
        if sum(sizes[l] * (sizes[l - 1] + 1) for l in range(1, L + 1)) <= max_parameters:
            break
    loss = str(rng.choice(["mse", "mse", "binary_cross_entropy", "cross_entropy"]))
    out = {"binary_cross_entropy": "sigmoid", "cross_entropy": "softmax"}.get(loss)
    if out is None:
        out = str(rng.choice([*ELEMENTWISE, "softmax"])) if sizes[-1] > 1 else str(rng.choice(ELEMENTWISE))
    acts = [str(rng.choice(ELEMENTWISE)) for _ in range(L - 1)] + [out]
    scale = 10.0 ** rng.uniform(-4, 1)  # small enough for 6 digits to need scientific form, large enough for big ones
    weights = [(rng.normal(size=(sizes[l], sizes[l - 1])) * scale).tolist() for l in range(1, L + 1)]
    biases = [(rng.normal(size=sizes[l]) * scale).tolist() for l in range(1, L + 1)]
    B = int(rng.integers(1, max_samples + 1))
    x = (rng.normal(size=(B, sizes[0])) * 10.0 ** rng.uniform(-2, 2)).tolist()
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=B)].tolist()
    elif loss == "binary_cross_entropy":
        y = rng.uniform(0, 1, size=(B, sizes[-1])).round(2).tolist()
    else:
        y = rng.normal(size=(B, sizes[-1])).tolist()
    return {"network": {"layers": layers(sizes, acts), "weights": weights, "biases": biases},
            "input": x, "target": y, "loss": loss}
