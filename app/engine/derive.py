"""The derivation, one quantity at a time: every number of the forward and backward passes as a
formula of the numbers before it, so that a learner's own derivation can be checked step by step.

A learner's answer is compared with three things, in this order:
- the true value (from the engine's passes);
- the formula fed with the learner's own earlier answers where there are some ("follow-through":
  right from wrong inputs is carried, not a new error, as a human marker would mark it);
- what the common mistakes give (sigma' left out or taken at a, the cost's factor, the target's
  sign, the wrong input, a transposed weight, one term of a sum, a sum for a mean), fed first
  with the learner's answers, then with the true values.

Quantities and their conventions are /backprop's: per-sample quantities (z, a, dC_da, da_dz,
dC_dz) are indexed by sample, and dC_da, dC_dz are derivatives of the batch cost (they carry 1/B);
dC_dW and dC_db are sums over the samples; C is the mean of the per-sample costs.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import backprop as bp
from .activations import ACTIVATIONS
from .network import Network

QUANTITIES = ("z", "a", "C", "dC_da", "da_dz", "dC_dz", "dC_dW", "dC_db")
PER_SAMPLE = frozenset({"z", "a", "dC_da", "da_dz", "dC_dz"})
FORWARD = ("z", "a")
BACKWARD = ("dC_da", "da_dz", "dC_dz", "dC_dW", "dC_db")

# Diagnoses, in the order they are tried when several would fit.
MISTAKES = (
    "missing_activation_derivative",
    "derivative_at_a",
    "missing_cost_factor",
    "target_sign",
    "wrong_input",
    "transposed_weight",
    "missing_sum",
    "missing_batch_mean",
)


@dataclass(frozen=True)
class Key:
    """One number of the derivation: W-shaped quantities have j, per-sample ones a sample."""

    quantity: str
    layer: int | None = None
    i: int | None = None
    j: int | None = None
    sample: int | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if v is not None}


Values = Callable[[Key], float]  # a key's value: the learner's answer where given, else the truth


def _derivative(activation: str, z: float) -> float:
    """σ'(z) for an elementwise activation, as the engine computes it."""
    return float(ACTIVATIONS[activation].f(np.array([[z]], dtype=np.float64))[1][0, 0])


def _activate(activation: str, z: list[float]) -> list[float]:
    return ACTIVATIONS[activation].f(np.array([z], dtype=np.float64))[0][0].tolist()


class Derivation:
    """The derivation of one problem: its true values, its blanks, and each quantity's formula."""

    def __init__(self, net: Network, x: np.ndarray, y: np.ndarray, loss: str):
        self.net, self.x, self.y, self.loss = net, x, y, loss
        self.B = x.shape[0]
        self.L = net.L
        self.sizes = net.sizes
        with np.errstate(all="ignore"):
            self.trace = bp.forward(net, x)
            self.grads = bp.backward(net, self.trace, y, loss)

    # ---- what is asked, and the truth ----

    def softmax(self, l: int) -> bool:
        return self.net.activations[l] == "softmax"

    def blanks(self) -> list[Key]:
        """Every number of the derivation in its order: the forward pass layer by layer, C, then
        from the output back, layer by layer: dC_da, da_dz, dC_dz, dC_dW, dC_db."""
        out: list[Key] = []
        samples = range(self.B)
        for l in range(1, self.L + 1):
            for q in FORWARD:
                out += [Key(q, l, i, sample=s) for s in samples for i in range(self.sizes[l])]
        out.append(Key("C"))
        for l in range(self.L, 0, -1):
            n = self.sizes[l]
            for q in ("dC_da", "da_dz", "dC_dz"):
                if q != "dC_dz" and self.softmax(l):
                    continue  # softmax's σ' is a Jacobian: the chain goes through ∂C/∂z directly
                out += [Key(q, l, i, sample=s) for s in samples for i in range(n)]
            out += [Key("dC_dW", l, i, j) for i in range(n) for j in range(self.sizes[l - 1])]
            out += [Key("dC_db", l, i) for i in range(n)]
        return out

    def true(self, k: Key) -> float:
        t, g = self.trace, self.grads
        if k.quantity == "C":
            return float(g.C)
        if k.quantity == "dC_dW":
            return float(g.dC_dW[k.layer][k.i, k.j])
        if k.quantity == "dC_db":
            return float(g.dC_db[k.layer][k.i])
        if k.quantity == "a" and k.layer == 0:
            return float(self.x[k.sample, k.i])
        arrays = {"z": t.z, "a": t.a, "da_dz": t.da_dz, "dC_da": g.dC_da, "dC_dz": g.dC_dz}
        return float(arrays[k.quantity][k.layer][k.sample, k.i])

    # ---- each quantity from the ones before it ----

    def formula(self, k: Key, v: Values) -> float:
        """k's value computed from the values `v` gives for what it is made of."""
        return getattr(self, f"_{k.quantity}")(k, v)

    def _z(self, k: Key, v: Values) -> float:
        l, i, s = k.layer, k.i, k.sample
        W, b = self.net.W[l], self.net.b[l]
        return sum(W[i, j] * v(Key("a", l - 1, j, sample=s)) for j in range(self.sizes[l - 1])) + b[i]

    def _a(self, k: Key, v: Values) -> float:
        l, s = k.layer, k.sample
        if self.softmax(l):
            z = [v(Key("z", l, m, sample=s)) for m in range(self.sizes[l])]
            return _activate("softmax", z)[k.i]
        return _activate(self.net.activations[l], [v(Key("z", l, k.i, sample=s))])[0]

    def _cost_of(self, a: list[float], y: np.ndarray) -> float:
        n = len(a)
        if self.loss == "mse":
            return sum((a[i] - y[i]) ** 2 for i in range(n)) / n
        if self.loss == "binary_cross_entropy":
            return -sum(y[i] * math.log(a[i]) + (1 - y[i]) * math.log(1 - a[i]) for i in range(n)) / n
        return -sum(y[i] * math.log(a[i]) for i in range(n) if y[i])

    def _C(self, k: Key, v: Values) -> float:
        L = self.L
        per = [self._cost_of([v(Key("a", L, i, sample=s)) for i in range(self.sizes[L])], self.y[s]) for s in range(self.B)]
        return sum(per) / self.B

    def _dC_da(self, k: Key, v: Values) -> float:
        l, i, s = k.layer, k.i, k.sample
        if l < self.L:  # Σ_m ∂C/∂z_m^(l+1) W_mi^(l+1)
            W = self.net.W[l + 1]
            return sum(v(Key("dC_dz", l + 1, m, sample=s)) * W[m, i] for m in range(self.sizes[l + 1]))
        a, y, n, B = v(Key("a", l, i, sample=s)), self.y[s, i], self.sizes[l], self.B
        if self.loss == "mse":
            return 2 / n * (a - y) / B
        if self.loss == "binary_cross_entropy":
            return (a - y) / (a * (1 - a)) / (n * B)
        return -y / a / B if y else 0.0

    def _da_dz(self, k: Key, v: Values) -> float:
        return _derivative(self.net.activations[k.layer], v(Key("z", k.layer, k.i, sample=k.sample)))

    def _dC_dz(self, k: Key, v: Values) -> float:
        l, i, s = k.layer, k.i, k.sample
        if not self.softmax(l):
            return v(Key("dC_da", l, i, sample=s)) * v(Key("da_dz", l, i, sample=s))
        a = [v(Key("a", l, m, sample=s)) for m in range(self.sizes[l])]
        if self.loss == "cross_entropy":
            return (a[i] * sum(self.y[s]) - self.y[s, i]) / self.B
        g = [v(Key("dC_da", l, m, sample=s)) for m in range(self.sizes[l])]
        return a[i] * (g[i] - sum(gm * am for gm, am in zip(g, a)))

    def _dC_dW(self, k: Key, v: Values) -> float:
        l, i, j = k.layer, k.i, k.j
        return sum(v(Key("dC_dz", l, i, sample=s)) * v(Key("a", l - 1, j, sample=s)) for s in range(self.B))

    def _dC_db(self, k: Key, v: Values) -> float:
        return sum(v(Key("dC_dz", k.layer, k.i, sample=s)) for s in range(self.B))

    # ---- what the common mistakes give ----

    def mistakes(self, k: Key, v: Values) -> list[tuple[str, float]]:
        """(code, value) for each mistake defined on k's quantity, fed with `v`."""
        out = list(getattr(self, f"_wrong_{k.quantity}", lambda k, v: [])(k, v))
        if self.B > 1 and k.quantity in ("C", "dC_dW", "dC_db", "dC_da", "dC_dz"):
            out.append(("missing_batch_mean", self.B * self.formula(k, v)))
        return out

    def _wrong_C(self, k: Key, v: Values):
        if self.loss == "mse":  # Σ instead of the mean over outputs, or ½Σ
            n = self.sizes[self.L]
            return [("missing_cost_factor", n * self._C(k, v)), ("missing_cost_factor", n * self._C(k, v) / 2)]
        return []

    def _output_variants(self, l: int, i: int, s: int, v: Values) -> list[tuple[str, float]]:
        """∂C/∂a_i^L as the cost's mistakes give it: the factor left out or changed, the sign reversed."""
        if l != self.L or self.softmax(l):
            return []
        right = self._dC_da(Key("dC_da", l, i, sample=s), v)
        n = self.sizes[l]
        out = [("target_sign", -right)]
        if self.loss == "mse":  # 2/n_L left out (or ½Σ used), 1/n_L for 2/n_L, 2 without 1/n_L
            out += [("missing_cost_factor", right * n / 2), ("missing_cost_factor", right / 2), ("missing_cost_factor", right * n)]
        elif self.loss == "binary_cross_entropy":  # 1/n_L left out
            out.append(("missing_cost_factor", right * n))
        return out

    def _wrong_dC_da(self, k: Key, v: Values):
        l, i, s = k.layer, k.i, k.sample
        if l == self.L:
            return self._output_variants(l, i, s, v)
        W = self.net.W[l + 1]
        n_up = self.sizes[l + 1]
        out = []
        if not self.softmax(l + 1):  # ∂C/∂a of the layer above in place of ∂C/∂z: its σ' left out
            out.append(("missing_activation_derivative", sum(v(Key("dC_da", l + 1, m, sample=s)) * W[m, i] for m in range(n_up))))
        if n_up <= self.sizes[l] and i < n_up:  # W_im where W_mi belongs
            out.append(("transposed_weight", sum(v(Key("dC_dz", l + 1, m, sample=s)) * W[i, m] for m in range(n_up))))
        if n_up > 1:
            out += [("missing_sum", v(Key("dC_dz", l + 1, m, sample=s)) * W[m, i]) for m in range(n_up)]
        return out

    def _wrong_da_dz(self, k: Key, v: Values):
        return [("derivative_at_a", _derivative(self.net.activations[k.layer], v(Key("a", k.layer, k.i, sample=k.sample))))]

    def _dz_variants(self, l: int, i: int, s: int, v: Values) -> list[tuple[str, float]]:
        """∂C/∂z_i^l (sample s) as the mistakes that reach it give it."""
        if self.softmax(l):
            right = self._dC_dz(Key("dC_dz", l, i, sample=s), v)
            return [("target_sign", -right)] if self.loss == "cross_entropy" else []
        act = self.net.activations[l]
        g = v(Key("dC_da", l, i, sample=s))
        d = v(Key("da_dz", l, i, sample=s))
        out = [
            ("missing_activation_derivative", g),
            ("derivative_at_a", g * _derivative(act, v(Key("a", l, i, sample=s)))),
        ]
        out += [(code, w * d) for code, w in self._output_variants(l, i, s, v)]
        return out

    def _wrong_dC_dz(self, k: Key, v: Values):
        return self._dz_variants(k.layer, k.i, k.sample, v)

    def _summed(self, l: int, i: int, v: Values, factor: Callable[[int], float]) -> list[tuple[str, float]]:
        """Σ_s of each mistaken ∂C/∂z_i^l(s) times factor(s), code by code."""
        per_sample = [self._dz_variants(l, i, s, v) for s in range(self.B)]
        out = []
        for n, (code, _) in enumerate(per_sample[0]):
            out.append((code, sum(per_sample[s][n][1] * factor(s) for s in range(self.B))))
        return out

    def _wrong_dC_dW(self, k: Key, v: Values):
        l, i, j = k.layer, k.i, k.j
        dz = lambda s: v(Key("dC_dz", l, i, sample=s))  # noqa: E731
        out = self._summed(l, i, v, lambda s: v(Key("a", l - 1, j, sample=s)))
        wrong = []
        if l > 1:
            wrong.append(lambda s: v(Key("z", l - 1, j, sample=s)))
        wrong.append(lambda s: v(Key("a", l, i, sample=s)))
        wrong += [lambda s, m=m: v(Key("a", l - 1, m, sample=s)) for m in range(self.sizes[l - 1]) if m != j]
        out += [("wrong_input", sum(dz(s) * f(s) for s in range(self.B))) for f in wrong]
        return out

    def _wrong_dC_db(self, k: Key, v: Values):
        return self._summed(k.layer, k.i, v, lambda s: 1.0)


@dataclass
class Verdict:
    correct: bool
    diagnosis: str | None  # one of MISTAKES, or None
    carried: bool  # wrong only because the learner's earlier answers were
    expected: float


def judge(d: Derivation, answers: list[tuple[Key, float]], relative: float, absolute: float) -> list[Verdict]:
    """A verdict per answer. Right within max(relative·|truth|, absolute); else carried, or a mistake."""
    given = {}
    for k, value in answers:
        given.setdefault(k, value)
    learner = lambda k: given.get(k, d.true(k))  # noqa: E731

    def close(x: float, target: float) -> bool:
        return math.isfinite(target) and abs(x - target) <= max(relative * abs(target), absolute)

    out = []
    for k, value in answers:
        truth = d.true(k)
        if close(value, truth):
            out.append(Verdict(True, None, False, truth))
            continue
        follow = _safely(lambda k=k: d.formula(k, learner), math.nan)
        if close(value, follow) and not close(follow, truth):
            out.append(Verdict(False, None, True, truth))
            continue
        candidates = [c for v in (learner, d.true) for c in _safely(lambda k=k, v=v: d.mistakes(k, v), [])]
        code = next((c for c, wrong in candidates if close(value, wrong) and not close(wrong, truth)), None)
        out.append(Verdict(False, code, False, truth))
    return out


def _safely(compute, otherwise):
    """A learner's numbers may put a log or a division out of its domain (a ≤ 0, a = 1): no match then."""
    try:
        return compute()
    except (ArithmeticError, ValueError):
        return otherwise
