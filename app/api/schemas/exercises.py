"""Exercises: a problem to derive by hand (POST /exercises), and a learner's answers to check
(POST /exercises/check). Quantities and their conventions are /backprop's."""
from typing import Annotated, Literal, NotRequired

from pydantic import ConfigDict, Field, model_validator
from typing_extensions import TypedDict

from app.engine.derive import MISTAKES, PER_SAMPLE, QUANTITIES
from app.engine.exercises import PRESETS

from .common import Bool, Int, LossName, Model, Number, Samples, Seed, check_limit, closed, learner_error, nodes
from .network import EXAMPLE_NETWORK, Network
from .requests import check_samples, check_target
from .responses import NetworkOut

QuantityName = Literal[QUANTITIES]  # type: ignore[valid-type]
PresetName = Literal[tuple(PRESETS)]  # type: ignore[valid-type]
Diagnosis = Literal[MISTAKES]  # type: ignore[valid-type]

EXAMPLE_PROBLEM = {"network": EXAMPLE_NETWORK, "input": [0.05, 0.1], "target": [0.01], "loss": "mse"}


def check_problem(network: Network, input: list, target: list, loss: str) -> None:
    """/backprop's rules, and the size of a problem for a pocket calculator (the derivation's limits)."""
    check_samples("input", input, network.sizes[0], "the input layer")
    check_target(network, input, target, loss)
    check_limit("max_derivation_parameters", "the number of weights and biases to derive", network.parameter_count, "network.layers")
    check_limit("max_derivation_samples", "the number of samples to derive", len(input), "input")


class Problem(Model):
    """A network, its samples and the cost: what /backprop takes."""

    network: Network
    input: Samples = Field(description="one sample (n_0 numbers) or a batch (B lists of n_0 numbers)")
    target: Samples = Field(description="y: one sample (n_L numbers) or a batch, one per input sample")
    loss: LossName = Field("mse", description="the cost C")

    @model_validator(mode="after")
    def _check(self):
        check_problem(self.network, self.input, self.target, self.loss)
        return self


class ExerciseRequest(Model):
    """A whole problem, or a preset with a seed: {"preset": "hand", "seed": 0}."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"preset": "hand", "seed": 0}, EXAMPLE_PROBLEM]})

    preset: PresetName | None = Field(
        None, description="hand (2-2-1, one sample), wide (2-3-2), batch (2-2-1, two samples), softmax (2-3-3, cross-entropy)"
    )
    seed: Seed = Field(0, description="the preset's numbers; hand with seed 0 is the hand derivation itself")
    network: Network | None = None
    input: Samples | None = None
    target: Samples | None = None
    loss: LossName = "mse"

    @model_validator(mode="after")
    def _check(self):
        problem = [k for k in ("network", "input", "target") if getattr(self, k) is not None]
        if self.preset is not None:
            if problem:
                raise learner_error(problem[0], f"give a preset or a problem (network, input, target), not both: {problem[0]} is given with preset")
            return self
        for k in ("network", "input", "target"):
            if getattr(self, k) is None:
                raise learner_error(k, f"{k} is required (or give a preset, e.g. {{\"preset\": \"hand\", \"seed\": 0}})")
        check_problem(self.network, self.input, self.target, self.loss)
        return self


@closed
class Blank(TypedDict):
    """One number of the derivation: layer and i where it has them, j for a weight, sample for a per-sample quantity."""

    quantity: QuantityName
    layer: NotRequired[int]
    i: NotRequired[int]
    j: NotRequired[int]
    sample: NotRequired[int]


@closed
class ProblemOut(TypedDict):
    network: NetworkOut
    input: list[list[Number]]
    target: list[list[Number]]
    loss: LossName


@closed
class ExerciseResponse(TypedDict):
    exercise: Annotated[ProblemOut, Field(description="the problem, weights filled in: send it back with the answers")]
    blanks: Annotated[list[Blank], Field(description="every number to derive, in the derivation's order")]


class Answer(Model):
    quantity: QuantityName = Field(description="z, a, C, dC_da, da_dz, dC_dz, dC_dW or dC_db, as /backprop names them")
    layer: Int | None = Field(None, description="l, from 1 to L (not for C)")
    i: Int | None = Field(None, description="the node in layer l (not for C)")
    j: Int | None = Field(None, description="the node in layer l-1 (dC_dW only)")
    sample: Int | None = Field(None, description="the sample, counted from 0 (per-sample quantities; may be left out with one sample)")
    value: Number


class Tolerance(Model):
    relative: Number = Field(1e-3, ge=0, le=1, description="an answer within relative × |truth| is right …")
    absolute: Number = Field(1e-4, ge=0, le=1, description="… or within this much, whichever is looser")


class CheckRequest(Model):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "exercise": EXAMPLE_PROBLEM,
        "answers": [{"quantity": "z", "layer": 1, "i": 0, "value": 0.3775}, {"quantity": "dC_dW", "layer": 2, "i": 0, "j": 0, "value": 0.1}],
    }]})

    exercise: Problem
    answers: list[Answer] = Field(max_length=2_000, description="the learner's numbers, each naming its blank")
    tolerance: Tolerance = Field(default_factory=Tolerance)
    reveal: Bool = Field(False, description="also return each answer's expected value")

    @model_validator(mode="after")
    def _check(self):
        s = self.exercise.network.sizes
        activations = self.exercise.network.activations
        B = len(self.exercise.input)
        for k, a in enumerate(self.answers):
            check_answer(f"answers[{k}]", a, s, activations, B)
        return self


def check_answer(where: str, a: Answer, s: list[int], activations: list, B: int) -> None:
    """An answer's indices name a number the exercise has."""
    q, L = a.quantity, len(s) - 1
    if q == "C":
        for key in ("layer", "i", "j", "sample"):
            if getattr(a, key) is not None:
                raise learner_error(f"{where}.{key}", f"{where}.{key}: C is one number for the whole batch, leave {key} out")
        return
    for key in ("layer", "i"):
        if getattr(a, key) is None:
            raise learner_error(f"{where}.{key}", f"{where}.{key} is required for {q}")
    if not 1 <= a.layer <= L:
        raise learner_error(f"{where}.layer", f"{where}.layer is {a.layer}, but {q} has layers 1 to {L}")
    if a.i >= s[a.layer]:
        raise learner_error(f"{where}.i", f"{where}.i is {a.i}, but layer {a.layer} has {nodes(s[a.layer])} (i counts from 0)")
    if q == "dC_dW":
        if a.j is None:
            raise learner_error(f"{where}.j", f"{where}.j is required for dC_dW (the node in layer {a.layer - 1})")
        if a.j >= s[a.layer - 1]:
            raise learner_error(f"{where}.j", f"{where}.j is {a.j}, but layer {a.layer - 1} has {nodes(s[a.layer - 1])} (j counts from 0)")
    elif a.j is not None:
        raise learner_error(f"{where}.j", f"{where}.j: only dC_dW has a j, {q} does not")
    if q == "da_dz" and activations[a.layer] == "softmax":
        raise learner_error(f"{where}.quantity", f"{where}: layer {a.layer} is softmax, whose σ'(z) is a Jacobian, "
                            "not one number per node: derive dC_dz instead")
    if q in PER_SAMPLE:
        if a.sample is None and B > 1:
            raise learner_error(f"{where}.sample", f"{where}.sample is required for {q}: the exercise has {B} samples")
        if a.sample is not None and a.sample >= B:
            many = f"{B} samples" if B > 1 else "1 sample"
            raise learner_error(f"{where}.sample", f"{where}.sample is {a.sample}, but the exercise has {many} (counted from 0)")
    elif a.sample is not None:
        raise learner_error(f"{where}.sample", f"{where}.sample: {q} is a batch quantity (a mean over the samples), leave sample out")


@closed
class Result(TypedDict):
    correct: bool
    diagnosis: Annotated[Diagnosis | None, Field(description="the common mistake the wrong value matches, if any")]
    hint: Annotated[str, Field(description="one sentence in the derivation's notation")]
    carried: Annotated[bool, Field(description="wrong only because of the learner's own earlier wrong answers")]
    expected: NotRequired[Number]  # with reveal


@closed
class CheckResponse(TypedDict):
    results: list[Result]
    first_error: Annotated[int | None, Field(description="the index of the first answer that is wrong and not carried")]
