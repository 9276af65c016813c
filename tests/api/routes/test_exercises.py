"""POST /exercises and /exercises/check: each common mistake, injected into answers computed
independently from /backprop's numbers, comes back named; follow-through credit; the 422s.

The mistaken values are worked out here with numpy from /backprop's answer (not by the app's own
formulas), for every activation, both kinds of output cost, and batches of 1 and 3.
"""
import numpy as np
import pytest

from tests.conftest import strict_json

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
TOL = 1e-3  # the check's default relative tolerance


def prime(act: str, z: np.ndarray) -> np.ndarray:
    """σ'(z), written out here for the test."""
    if act == "sigmoid":
        s = 1 / (1 + np.exp(-z))
        return s * (1 - s)
    if act == "tanh":
        return 1 - np.tanh(z) ** 2
    if act == "relu":
        return (z > 0).astype(float)
    if act == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    return np.ones_like(z)


def problem(hidden: str, out: str, loss: str, sizes: list[int], B: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    net = {"layers": [{"size": sizes[0]}] + [{"size": n, "activation": hidden} for n in sizes[1:-1]]
           + [{"size": sizes[-1], "activation": out}], "seed": seed}
    x = np.round(rng.uniform(-1, 1, (B, sizes[0])), 2)
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], B)]
    else:
        y = np.round(rng.uniform(0.1, 0.9, (B, sizes[-1])), 1)
    return {"network": net, "input": x.tolist(), "target": y.tolist(), "loss": loss}


CASES = [(h, "sigmoid", "mse", [2, 3, 2], B, 10 + k) for k, h in enumerate(ACTIVATIONS) for B in (1, 3)]
CASES += [("tanh", "softmax", "cross_entropy", [2, 3, 3], B, 30) for B in (1, 3)]
CASES += [("sigmoid", "sigmoid", "binary_cross_entropy", [2, 3, 1], B, 40) for B in (1, 3)]
IDS = [f"{h}-{o}-{loss}-B{B}" for h, o, loss, _, B, _ in CASES]


class Run:
    """An exercise, /backprop's answer for it, and every blank with its true value."""

    def __init__(self, client, body: dict):
        self.client = client
        r = client.post("/api/v1/exercises", json=body)
        assert r.status_code == 200, r.text
        d = strict_json(r.text)
        self.exercise, self.blanks = d["exercise"], d["blanks"]
        self.bp = client.post("/api/v1/backprop", json=self.exercise).json()
        self.B = len(self.exercise["input"])
        self.L = len(self.exercise["network"]["layers"]) - 1
        self.W = [None] + [np.array(w) for w in self.exercise["network"]["weights"]]
        self.y = np.array(self.exercise["target"])
        self.acts = [layer.get("activation") for layer in self.exercise["network"]["layers"]]

    def arr(self, q: str, l: int) -> np.ndarray:
        return np.array(self.bp["layers"][l][q])

    def truth(self, b: dict) -> float:
        q = b["quantity"]
        if q == "C":
            return self.bp["loss"]
        if q == "dC_dW":
            return self.bp["gradients"]["weights"][b["layer"] - 1][b["i"]][b["j"]]
        if q == "dC_db":
            return self.bp["gradients"]["biases"][b["layer"] - 1][b["i"]]
        return self.bp["layers"][b["layer"]][q][b["sample"]][b["i"]]

    def answers(self, changes: dict | None = None) -> list[dict]:
        changes = changes or {}
        return [{**b, "value": changes.get(key(b), self.truth(b))} for b in self.blanks]

    def check(self, answers: list[dict]) -> dict:
        r = self.client.post("/api/v1/exercises/check", json={"exercise": self.exercise, "answers": answers, "reveal": True})
        assert r.status_code == 200, r.text
        return strict_json(r.text)

    def verdict(self, k: tuple, value: float) -> dict:
        """The result for blank k answered `value`, every other blank answered right."""
        answers = self.answers({k: value})
        results = self.check(answers)["results"]
        return results[[key(a) for a in answers].index(k)]


def key(b: dict) -> tuple:
    return (b["quantity"], b.get("layer"), b.get("i"), b.get("j"), b.get("sample"))


def mistakes(run: Run) -> list[tuple[str, tuple, float]]:
    """(code, blank, the value that mistake gives) for every place each mistake can happen."""
    out = []
    L, B = run.L, run.B
    a = {l: run.arr("a", l) for l in range(L + 1)}
    z = {l: run.arr("z", l) for l in range(1, L + 1)}
    dz = {l: run.arr("dC_dz", l) for l in range(1, L + 1)}
    da = {l: run.arr("dC_da", l) for l in range(1, L + 1)}
    for l in range(1, L + 1):
        act = run.acts[l]
        n, m = run.W[l].shape
        elementwise = act != "softmax"
        for i in range(n):
            for j in range(m):
                k = ("dC_dW", l, i, j, None)
                if elementwise:
                    out.append(("missing_activation_derivative", k, float(da[l][:, i] @ a[l - 1][:, j])))
                    out.append(("derivative_at_a", k, float((da[l][:, i] * prime(act, a[l][:, i])) @ a[l - 1][:, j])))
                if l > 1:
                    out.append(("wrong_input", k, float(dz[l][:, i] @ z[l - 1][:, j])))
                out.append(("wrong_input", k, float(dz[l][:, i] @ a[l][:, i])))
                if B > 1:
                    out.append(("missing_batch_mean", k, B * float(dz[l][:, i] @ a[l - 1][:, j])))
            if elementwise:
                out.append(("missing_activation_derivative", ("dC_db", l, i, None, None), float(da[l][:, i].sum())))
            for s in range(B):
                if elementwise:
                    out.append(("missing_activation_derivative", ("dC_dz", l, i, None, s), float(da[l][s, i])))
                    out.append(("derivative_at_a", ("da_dz", l, i, None, s), float(prime(act, a[l][s, i]))))
                    out.append(("derivative_at_a", ("dC_dz", l, i, None, s), float(da[l][s, i] * prime(act, a[l][s, i]))))
                if l < L and run.W[l + 1].shape[0] <= n and i < run.W[l + 1].shape[0]:
                    Wt = run.W[l + 1]
                    out.append(("transposed_weight", ("dC_da", l, i, None, s), float(sum(dz[l + 1][s, r] * Wt[i, r] for r in range(Wt.shape[0])))))
                if l < L and run.W[l + 1].shape[0] > 1:
                    out.append(("missing_sum", ("dC_da", l, i, None, s), float(dz[l + 1][s, 0] * run.W[l + 1][0, i])))
                if B > 1 and elementwise:
                    out.append(("missing_batch_mean", ("dC_da", l, i, None, s), B * float(da[l][s, i])))
    loss, nL = run.exercise["loss"], run.W[L].shape[0]
    for s in range(B):
        for i in range(nL):
            diff = a[L][s, i] - run.y[s, i]
            if loss == "mse":
                out.append(("missing_cost_factor", ("dC_da", L, i, None, s), float(diff / B)))  # 2/n_L left out, or ½Σ
                out.append(("missing_cost_factor", ("dC_da", L, i, None, s), float(diff / nL / B)))  # 1/n_L for 2/n_L
                out.append(("target_sign", ("dC_da", L, i, None, s), float(-2 / nL * diff / B)))
            if loss == "cross_entropy":
                out.append(("target_sign", ("dC_dz", L, i, None, s), float(-diff / B)))
    if B > 1:
        out.append(("missing_batch_mean", ("C", None, None, None, None), B * run.bp["loss"]))
    return out


def output_variants(run: Run, k: tuple, truth: float) -> list[tuple[str, float]]:
    """What the output's mistakes (the cost's factor, the target's sign) make of a layer-L quantity."""
    if k[1] != run.L:
        return []
    n = run.W[run.L].shape[0]
    return [("target_sign", -truth)] + [("missing_cost_factor", truth * f) for f in (n / 2, 1 / 2, n)]


def ambiguous(value: float, others: list[float], truth: float) -> bool:
    """Within twice the check's tolerance of another candidate: no single mistake can be named."""
    slack = 2 * max(TOL * abs(truth), 1e-4)
    return any(abs(value - o) <= slack for o in others)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_mistake_is_named(client, case):
    run = Run(client, problem(*case))
    tried = set()
    found = mistakes(run)
    for code, k, value in found:
        truth = run.truth(dict(zip(("quantity", "layer", "i", "j", "sample"), k)))
        others = [v for c, kk, v in found + [(c, k, v) for c, v in output_variants(run, k, truth)] if kk == k and c != code] + [truth]
        if ambiguous(value, others, truth):
            continue  # this mistake gives the right number here (σ' = 1, a = z, …), or another's
        result = run.verdict(k, value)
        assert not result["correct"], (code, k)
        assert result["diagnosis"] == code, (code, k, value, truth, result)
        assert not result["carried"] and result["hint"]
        tried.add(code)
    expected = {"missing_activation_derivative", "derivative_at_a", "wrong_input"} | ({"missing_batch_mean"} if run.B > 1 else set())
    expected |= {"target_sign"} if run.exercise["loss"] != "binary_cross_entropy" else set()
    expected |= {"missing_cost_factor"} if run.exercise["loss"] == "mse" else set()
    assert expected <= tried, f"not tried here: {expected - tried}"


def test_every_mistake_is_tried_somewhere():
    codes = {"missing_activation_derivative", "derivative_at_a", "missing_cost_factor", "target_sign", "wrong_input",
             "transposed_weight", "missing_sum", "missing_batch_mean"}
    from app.engine.derive import MISTAKES

    assert set(MISTAKES) == codes


@pytest.mark.parametrize("case", [CASES[0], CASES[3], CASES[-3]], ids=[IDS[0], IDS[3], IDS[-3]])
def test_follow_through_credit(client, case):
    """A wrong ∂C/∂a^L (or ∂C/∂z^L) carried down right: the later steps are carried, not new errors."""
    run = Run(client, problem(*case))
    L = run.L
    softmax = run.acts[L] == "softmax"
    wrong, changes = {}, {}
    for s in range(run.B):
        for i in range(run.W[L].shape[0]):
            k = ("dC_dz" if softmax else "dC_da", L, i, None, s)
            changes[k] = wrong[(i, s)] = -run.truth(dict(zip(("quantity", "layer", "i", "j", "sample"), k)))
            if not softmax:
                changes[("dC_dz", L, i, None, s)] = wrong[(i, s)] * run.bp["layers"][L]["da_dz"][s][i]
    dzL = {(i, s): changes[("dC_dz", L, i, None, s)] for (i, s) in wrong}
    a_prev = np.array(run.bp["layers"][L - 1]["a"])
    for i in range(run.W[L].shape[0]):
        changes[("dC_db", L, i, None, None)] = sum(dzL[(i, s)] for s in range(run.B))
        for j in range(run.W[L].shape[1]):
            changes[("dC_dW", L, i, j, None)] = sum(dzL[(i, s)] * a_prev[s, j] for s in range(run.B))
    answers = run.answers(changes)
    res = run.check(answers)
    by_key = {key(a): r for a, r in zip(answers, res["results"])}
    first_wrong = next(n for n, a in enumerate(answers) if key(a) in changes)
    assert res["first_error"] == first_wrong
    for k in changes:
        r = by_key[k]
        assert not r["correct"]
        if k[0] in ("dC_da",) or (softmax and k[0] == "dC_dz"):
            assert r["diagnosis"] == "target_sign" and not r["carried"]
        else:
            assert r["carried"] and r["diagnosis"] is None, (k, r)
    assert all(r["correct"] for a, r in zip(answers, res["results"]) if key(a) not in changes and a.get("layer") == L)


def test_right_answers_rounded_as_a_learner_rounds_them_are_right(client):
    run = Run(client, {"preset": "hand", "seed": 0})
    rounded = [{**a, "value": float(f"{a['value']:.4g}")} for a in run.answers()]
    res = run.check(rounded)
    assert res["first_error"] is None and all(r["correct"] for r in res["results"])
    assert all(r["hint"].startswith("Right") for r in res["results"])
    assert all("expected" in r for r in res["results"])


def test_blanks_come_in_the_derivations_order(client):
    run = Run(client, {"preset": "batch", "seed": 2})
    order = [(b["quantity"], b.get("layer")) for b in run.blanks]
    C = order.index(("C", None))
    assert {q for q, _ in order[:C]} == {"z", "a"}
    assert [lay for _, lay in order[:C]] == sorted(lay for _, lay in order[:C])
    backward = order[C + 1:]
    assert [lay for _, lay in backward] == sorted((lay for _, lay in backward), reverse=True)
    assert backward[0] == ("dC_da", 2) and backward[-1] == ("dC_db", 1)
    assert len(run.blanks) == 2 * (2 * 2 + 2 * 1) + 1 + 2 * 3 * 1 + 2 + 1 + 2 * 3 * 2 + 4 + 2
    assert all(("sample" in b) == (b["quantity"] in ("z", "a", "dC_da", "da_dz", "dC_dz")) for b in run.blanks)


@pytest.mark.parametrize("name,shape,samples", [("hand", [2, 2, 1], 1), ("wide", [2, 3, 2], 1), ("batch", [2, 2, 1], 2),
                                                ("softmax", [2, 3, 3], 1)])
def test_presets_are_for_a_pocket_calculator(client, name, shape, samples):
    for seed in range(4):
        run = Run(client, {"preset": name, "seed": seed})
        net = run.exercise["network"]
        assert [layer["size"] for layer in net["layers"]] == shape and len(run.exercise["input"]) == samples
        numbers = [w for m in net["weights"] for r in m for w in r] + [x for r in run.exercise["input"] for x in r]
        assert all(round(v, 2) == v for v in numbers), "two decimals at most"
        grads = [g for m in run.bp["gradients"]["weights"] for r in m for g in r] + [g for b in run.bp["gradients"]["biases"] for g in b]
        assert min(abs(g) for g in grads) > 1e-3, "no gradient too small to check"
        again = client.post("/api/v1/exercises", json={"preset": name, "seed": seed}).json()
        assert again["exercise"] == run.exercise, "seeded"
    hand = Run(client, {"preset": "hand", "seed": 0}).exercise
    assert hand["network"]["weights"] == [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]] and hand["target"] == [[0.01]]
    assert Run(client, {"preset": "softmax", "seed": 1}).exercise["loss"] == "cross_entropy"


BAD = [
    ({"preset": "hand", "network": {"layers": [{"size": 1}, {"size": 1}]}}, "network", "not both"),
    ({"input": [1, 2], "target": [1]}, "network", "network is required"),
    ({"preset": "deep"}, "preset", "must be one of"),
    ({"network": {"layers": [{"size": 2}, {"size": 30}, {"size": 1}]}, "input": [1, 2], "target": [1]}, "network.layers",
     "BACKPROP_MAX_DERIVATION_PARAMETERS"),
    ({"network": {"layers": [{"size": 1}, {"size": 1}]}, "input": [[1]] * 5, "target": [[1]] * 5}, "input",
     "BACKPROP_MAX_DERIVATION_SAMPLES"),
]


@pytest.mark.parametrize("body,field,words", BAD, ids=[b[2] for b in BAD])
def test_a_bad_exercise_request_is_a_422_naming_the_field(client, body, field, words):
    r = client.post("/api/v1/exercises", json=body)
    assert r.status_code == 422, r.text
    d = strict_json(r.text)
    assert words in d["detail"] and d["errors"][0]["field"] == field


HAND = {"network": {"layers": [{"size": 2}, {"size": 2}, {"size": 1}], "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
                    "biases": [[0.35, 0.35], [0.6]]}, "input": [[0.05, 0.1], [0.2, 0.3]], "target": [[0.01], [0.5]]}
BAD_ANSWERS = [
    ({"quantity": "dz", "layer": 1, "i": 0, "sample": 0, "value": 1}, "answers[0].quantity", "must be one of"),
    ({"quantity": "z", "layer": 3, "i": 0, "sample": 0, "value": 1}, "answers[0].layer", "layers 1 to 2"),
    ({"quantity": "z", "layer": 1, "i": 2, "sample": 0, "value": 1}, "answers[0].i", "layer 1 has 2 nodes"),
    ({"quantity": "dC_dW", "layer": 1, "i": 0, "value": 1}, "answers[0].j", "j is required"),
    ({"quantity": "dC_dW", "layer": 1, "i": 0, "j": 5, "value": 1}, "answers[0].j", "layer 0 has 2 nodes"),
    ({"quantity": "z", "layer": 1, "i": 0, "value": 1}, "answers[0].sample", "2 samples"),
    ({"quantity": "z", "layer": 1, "i": 0, "sample": 2, "value": 1}, "answers[0].sample", "counted from 0"),
    ({"quantity": "C", "sample": 0, "value": 1}, "answers[0].sample", "leave sample out"),
    ({"quantity": "z", "layer": 1, "i": 0, "sample": 0, "value": "0.4"}, "answers[0].value", "must be a number"),
    ({"quantity": "z", "layer": 1, "i": 0, "sample": 0}, "answers[0].value", "is required"),
]


@pytest.mark.parametrize("answer,field,words", BAD_ANSWERS, ids=[b[1] + " " + b[2] for b in BAD_ANSWERS])
def test_a_bad_answer_is_a_422_naming_the_answer(client, answer, field, words):
    r = client.post("/api/v1/exercises/check", json={"exercise": HAND, "answers": [answer]})
    assert r.status_code == 422, r.text
    d = strict_json(r.text)
    assert words in d["detail"] and d["errors"][0]["field"] == field, d


def test_answers_out_of_any_domain_get_no_diagnosis_and_no_500(client):
    body = {"exercise": {**HAND, "network": {**HAND["network"], "layers": [{"size": 2}, {"size": 2}, {"size": 1}]},
                         "loss": "binary_cross_entropy", "target": [[0], [1]]},
            "answers": [{"quantity": "a", "layer": 2, "i": 0, "sample": s, "value": v} for s, v in ((0, 1.0), (1, 0.0))]
            + [{"quantity": "dC_da", "layer": 2, "i": 0, "sample": 0, "value": 1e308}, {"quantity": "C", "value": -1e308}]}
    r = client.post("/api/v1/exercises/check", json=body)
    assert r.status_code == 200, r.text
    assert all(not x["correct"] for x in strict_json(r.text)["results"])
