"""One sentence per checked answer, in the derivation's notation with the answer's own indices:
the formula to use, what a named mistake did, or why a wrong value is carried."""
from .derive import Derivation, Key
from .notation import WIDE

PRIME = {
    "sigmoid": "σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)",
    "tanh": "σ'(z) = 1 − tanh²(z) = 1 − a²",
    "relu": "σ'(z) = 1 where z > 0, else 0",
    "leaky_relu": "σ'(z) = 1 where z > 0, else 0.01",
    "linear": "σ'(z) = 1",
}


class Words:
    """The names of one derivation's quantities, as text."""

    def __init__(self, d: Derivation):
        self.d = d

    def node(self, q: str, l: int | str, i: int | str) -> str:
        return f"{q}_{i}^{l}"

    def w(self, i: int | str, j: int | str, l: int) -> str:
        """W_ij^l, with a comma between the indices once either layer is wide (notation.py)."""
        wide = max(self.d.sizes[l], self.d.sizes[l - 1]) >= WIDE
        return f"W_{i},{j}^{l}" if wide else f"W_{i}{j}^{l}"

    def sample(self, k: Key) -> str:
        return f" for sample {k.sample + 1}" if k.sample is not None and self.d.B > 1 else ""

    def per_batch(self) -> str:
        return f", divided by B = {self.d.B} (C is the mean over the samples)" if self.d.B > 1 else ""

    def chain(self, l: int, i: int) -> str:
        """∂C/∂z_i^l written as the seed writes it: ∂C/∂a · σ'(z), or ∂C/∂z itself for softmax."""
        if self.d.softmax(l):
            return f"∂C/∂z_{i}^{l}"
        return f"∂C/∂a_{i}^{l} · σ'(z_{i}^{l})"


def statement(d: Derivation, k: Key) -> str:
    """The formula for k, with its indices."""
    t = Words(d)
    q, l, i, j = k.quantity, k.layer, k.i, k.j
    L = d.L
    if q == "z":
        return f"z_{i}^{l} = Σ_j {t.w(i, 'j', l)} a_j^{l - 1} + b_{i}^{l}"
    if q == "a":
        if d.softmax(l):
            return f"a_{i}^{l} = e^(z_{i}^{l}) / Σ_k e^(z_k^{l})"
        return f"a_{i}^{l} = σ(z_{i}^{l}), σ being {d.net.activations[l]}"
    if q == "C":
        n = d.sizes[L]
        per = {"mse": f"C = (1/n_L) Σ_i (a_i^{L} − y_i)² with n_L = {n}",
               "binary_cross_entropy": f"C = −(1/n_L) Σ_i [y_i ln a_i^{L} + (1 − y_i) ln(1 − a_i^{L})] with n_L = {n}",
               "cross_entropy": f"C = −Σ_i y_i ln a_i^{L}"}[d.loss]
        return per + (f", averaged over the {d.B} samples" if d.B > 1 else "")
    if q == "dC_da":
        if l < L:
            above = f"∂C/∂z_i^{l + 1}" if d.softmax(l + 1) else f"∂C/∂a_i^{l + 1} σ'(z_i^{l + 1})"
            return f"∂C/∂a_{i}^{l} = Σ_i {above} {t.w('i', i, l + 1)}" + t.sample(k)
        out = {"mse": f"(2/n_L)(a_{i}^{L} − y_{i}) with n_L = {d.sizes[L]}",
               "binary_cross_entropy": f"(1/n_L)(a_{i}^{L} − y_{i}) / (a_{i}^{L}(1 − a_{i}^{L})) with n_L = {d.sizes[L]}",
               "cross_entropy": f"−y_{i} / a_{i}^{L}"}[d.loss]
        return f"∂C/∂a_{i}^{L} = {out}{t.per_batch()}" + t.sample(k)
    if q == "da_dz":
        return f"σ'(z_{i}^{l}) for {d.net.activations[l]}: {PRIME[d.net.activations[l]]}, at z = z_{i}^{l}" + t.sample(k)
    if q == "dC_dz":
        if d.softmax(l) and d.loss == "cross_entropy":
            return f"∂C/∂z_{i}^{l} = a_{i}^{l} − y_{i}{t.per_batch()}" + t.sample(k)
        if d.softmax(l):
            return f"∂C/∂z_{i}^{l} = a_{i}^{l}(∂C/∂a_{i}^{l} − Σ_k ∂C/∂a_k^{l} a_k^{l})" + t.sample(k)
        return f"∂C/∂z_{i}^{l} = ∂C/∂a_{i}^{l} · σ'(z_{i}^{l})" + t.sample(k)
    summed = ", summed over the samples" if d.B > 1 else ""
    if q == "dC_dW":
        return f"∂C/∂{t.w(i, j, l)} = {t.chain(l, i)} · a_{j}^{l - 1}{summed}"
    return f"∂C/∂b_{i}^{l} = {t.chain(l, i)}{summed}"


def mistake(d: Derivation, k: Key, code: str) -> str:
    """What the named mistake did, and the formula that mends it."""
    t = Words(d)
    q, l, i, L = k.quantity, k.layer, k.i, d.L
    right = statement(d, k)
    said = {
        "missing_activation_derivative": lambda: (
            f"σ' of layer {l + 1} is missing: {right}." if q == "dC_da" else f"σ'(z_{i}^{l}) is missing: {right}."),
        "derivative_at_a": lambda: f"σ' is taken at z_{i}^{l}, not at a_{i}^{l}: {PRIME.get(d.net.activations[l], '')}.",
        "missing_cost_factor": lambda: (
            f"C is the mean over the n_L = {d.sizes[L]} outputs, not a sum or half a sum: {right}." if q == "C"
            else f"The cost's factor is off: ∂C/∂a_{i}^{L} = (2/n_L)(a_{i}^{L} − y_{i}) with n_L = {d.sizes[L]}, from C = (1/n_L) Σ (a − y)²."),
        "target_sign": lambda: f"Output minus target, not target minus output: a_{i}^{L} − y_{i}, not y_{i} − a_{i}^{L}.",
        "wrong_input": lambda: f"∂z_{i}^{l}/∂{t.w(i, k.j, l)} is the input that weight multiplies, a_{k.j}^{l - 1}: {right}.",
        "transposed_weight": lambda: (
            f"The weight from node {i} of layer {l} to node i of layer {l + 1} is {t.w('i', i, l + 1)} (row i, column {i}): {right}."),
        "missing_sum": lambda: f"a_{i}^{l} feeds every node of layer {l + 1}: add up the terms for all i. {right}.",
        "missing_batch_mean": lambda: f"C is the mean over the B = {d.B} samples, so each sample's share is divided by B: {right}.",
    }
    return said[code]() if code in said else f"Use {right}."


def hint(d: Derivation, k: Key, correct: bool, diagnosis: str | None, carried: bool) -> str:
    if correct:
        return f"Right: {statement(d, k)}."
    if carried:
        return f"Right from your earlier answers, which were not: the step {statement(d, k)} is done right, and the error is upstream."
    if diagnosis:
        return mistake(d, k, diagnosis)
    return f"Not this: use {statement(d, k)}."
