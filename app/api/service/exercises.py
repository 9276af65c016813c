"""Exercises: a problem to derive with its blanks, and a learner's answers checked step by step."""
import numpy as np

from app.engine import exercises as presets
from app.engine.derive import Derivation, Key, judge
from app.engine.hints import hint

from .. import schemas as s
from ..schemas import exercises as x
from .common import check_trace, network_out, to_engine


def _problem(req: x.ExerciseRequest) -> x.Problem:
    if req.preset is not None:
        return x.Problem.model_validate(presets.make(req.preset, req.seed))
    return x.Problem(network=req.network, input=req.input, target=req.target, loss=req.loss)


def derivation(problem: x.Problem) -> tuple[Derivation, s.NetworkOut]:
    """The problem's derivation, every value of it checked finite (else a 422 naming what overflowed)."""
    net = to_engine(problem.network)
    d = Derivation(net, np.array(problem.input, dtype=np.float64), np.array(problem.target, dtype=np.float64), problem.loss)
    check_trace(net, d.trace, d.grads)
    return d, network_out(net)


def exercise(req: x.ExerciseRequest) -> x.ExerciseResponse:
    problem = _problem(req)
    d, network = derivation(problem)
    return {
        "exercise": {"network": network, "input": problem.input, "target": problem.target, "loss": problem.loss},
        "blanks": [k.as_dict() for k in d.blanks()],
    }


def _key(a: x.Answer, B: int) -> Key:
    sample = a.sample if a.sample is not None else (0 if a.quantity in x.PER_SAMPLE else None)
    return Key(a.quantity, a.layer, a.i, a.j, sample)


def check(req: x.CheckRequest) -> x.CheckResponse:
    d, _ = derivation(req.exercise)
    keys = [_key(a, d.B) for a in req.answers]
    verdicts = judge(d, [(k, a.value) for k, a in zip(keys, req.answers)], req.tolerance.relative, req.tolerance.absolute)
    results: list[x.Result] = []
    for k, v in zip(keys, verdicts):
        r: x.Result = {"correct": v.correct, "diagnosis": v.diagnosis, "hint": hint(d, k, v.correct, v.diagnosis, v.carried), "carried": v.carried}
        if req.reveal:
            r["expected"] = v.expected
        results.append(r)
    first = next((n for n, r in enumerate(results) if not r["correct"] and not r["carried"]), None)
    return {"results": results, "first_error": first}
