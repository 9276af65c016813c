"""The 2-2-1 sigmoid network of the hand derivation, worked with plain math: what a deployed server must answer."""
import math

W1, b1 = [[0.15, 0.2], [0.25, 0.3]], [0.35, 0.35]
W2, b2 = [[0.4, 0.45]], [0.6]
NETWORK = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [W1, W2],
    "biases": [b1, b2],
}


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def forward(x: list[float]) -> tuple[list[float], float]:
    """a^1 (two values) and a^2 (one value) for one sample."""
    a1 = [sig(W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i]) for i in range(2)]
    a2 = sig(W2[0][0] * a1[0] + W2[0][1] * a1[1] + b2[0])
    return a1, a2


def backprop(x: list[float], y: float) -> dict:
    """C = (a^2 − y)², and dC/dW, dC/db for every weight and bias, by the chain rule written out."""
    a1, a2 = forward(x)
    dC_dz2 = 2 * (a2 - y) * a2 * (1 - a2)
    dC_dz1 = [dC_dz2 * W2[0][i] * a1[i] * (1 - a1[i]) for i in range(2)]
    return {
        "loss": (a2 - y) ** 2,
        "weights": [[[dC_dz1[i] * x[j] for j in range(2)] for i in range(2)], [[dC_dz2 * a1[0], dC_dz2 * a1[1]]]],
        "biases": [dC_dz1, [dC_dz2]],
    }


def close(got, want, rel: float = 1e-9) -> bool:
    """Nested lists of numbers equal within a relative tolerance."""
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return False
        return all(close(g, w, rel) for g, w in zip(got, want, strict=True))
    return isinstance(got, (int, float)) and math.isclose(got, want, rel_tol=rel, abs_tol=1e-15)


def backprop_is_right(answer: dict, x: list[float], y: float) -> bool:
    want = backprop(x, y)
    return (
        close(answer["loss"], want["loss"])
        and close(answer["gradients"]["weights"], want["weights"])
        and close(answer["gradients"]["biases"], want["biases"])
    )


def forward_is_right(answer: dict, x: list[float]) -> bool:
    a1, a2 = forward(x)
    return close(answer["layers"][1]["a"], [a1]) and close(answer["layers"][2]["a"], [[a2]])
