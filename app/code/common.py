"""What the scripts of every language share: the problem, the header, and its numbers as Python literals."""
from dataclasses import dataclass

WIDTH = 100  # a matrix whose literal is longer gets one row per line

COST = {
    "mse": "C = (1/n_L) Σ_i (a_i^L − y_i)²",
    "binary_cross_entropy": "C = −(1/n_L) Σ_i [y_i log a_i^L + (1 − y_i) log(1 − a_i^L)]",
    "cross_entropy": "C = −Σ_i y_i log a_i^L",
}


@dataclass(frozen=True)
class Problem:
    """A /backprop request with its network filled in, as lists of floats (those of /backprop's answer)."""

    activations: list[str]  # σ_l for l = 1..L
    weights: list[list[list[float]]]  # weights[l-1] is W^l: n_l rows of n_(l-1)
    biases: list[list[float]]  # biases[l-1] is b^l
    x: list[list[float]]  # B × n_0
    y: list[list[float]]  # B × n_L
    loss: str

    @property
    def sizes(self) -> list[int]:
        return [len(self.weights[0][0])] + [len(w) for w in self.weights]


def literal(value: list) -> str:
    """A list of floats, or of rows of floats, as Python source. repr() reads back as the same float64."""
    text = repr(value)
    if len(text) <= WIDTH or not isinstance(value[0], list):
        return text
    return "[\n" + "".join(f"    {row!r},\n" for row in value) + "]"


def header(p: Problem, title: str, needs: str, filename: str) -> str:
    B = len(p.x)
    return f'''"""Backpropagation {title}: the numbers POST /api/v1/backprop answers for
    a {"-".join(map(str, p.sizes))} network ({", ".join(p.activations)}), the {p.loss} loss, {B} sample{"s" if B > 1 else ""}.

Written by backprop-viz (POST /api/v1/code). It rebuilds the network (the weights the request left
out filled in from its seed, as /backprop fills them), runs the forward and the backward pass, and
prints one JSON object laid out as /backprop's "loss" and "gradients":
    {{"C": C, "dC_dW": [dC/dW^1, ..., dC/dW^L], "dC_db": [dC/db^1, ..., dC/db^L]}}
where dC_dW[l-1] is n_l × n_(l-1) and dC_db[l-1] has n_l numbers.

Run it (it needs {needs}, and no server):
    python3 {filename}

Notation: layers l = 0..L, layer 0 the input, layer l with n_l nodes; z^l = W^l a^(l-1) + b^l and
a^l = σ_l(z^l). Per sample {COST[p.loss]};
C is the mean over the B samples, and every derivative below is one of that C.
"""
'''


def numbers(p: Problem) -> str:
    """W1, b1, W2, b2, …, then the samples x and y, as Python lists."""
    out = ["# The weights and biases: W_ij^l joins node j of layer l-1 to node i of layer l"]
    for l, (w, v, act) in enumerate(zip(p.weights, p.biases, p.activations), start=1):
        out += [f"# layer {l}: n_{l} = {len(w)}, {act}", f"W{l} = {literal(w)}  # {len(w)} × {len(w[0])}", f"b{l} = {literal(v)}"]
    out += [
        "",
        f"# The samples, one per row: x is B × n_0 ({len(p.x)} × {len(p.x[0])}), y is B × n_L ({len(p.y)} × {len(p.y[0])})",
        f"x = {literal(p.x)}",
        f"y = {literal(p.y)}",
    ]
    return "\n".join(out) + "\n"


def names(p: Problem, letter: str) -> str:
    """"[W1, W2, …]": the layers' literals, in order."""
    return "[" + ", ".join(f"{letter}{l}" for l in range(1, len(p.weights) + 1)) + "]"


def used(p: Problem, code: dict[str, str]) -> str:
    """The definitions in `code` of the activations the network uses, in the network's order."""
    return "".join("\n\n" + code[name].strip("\n") + "\n" for name in dict.fromkeys(p.activations) if name in code)


def assemble(p: Problem, how: tuple[str, str, str], library: str, activations: dict[str, str], body: str) -> str:
    """A whole script: the header (`how`: its title, what it needs, its file name), the imports, the
    activations the network uses, its numbers, then the passes (`body`)."""
    return header(p, *how) + f"import json\n\nimport {library}\n" + used(p, activations) + "\n\n" + numbers(p) + body
