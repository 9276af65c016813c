"""Request and response models. Every rule a request must follow, and its message, lives here.

Messages name the field and say what is wrong in a learner's words. Rules that
join several fields raise ``learner_error``; the 422 handler (errors.py) turns
pydantic's own errors into sentences of the same kind.
"""
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.engine.activations import ACTIVATIONS
from app.engine.datasets import DATASETS
from app.engine.losses import LOSSES
from app.engine.training import OPTIMIZERS
from app.settings import env_name, get_settings

ActivationName = Literal[tuple(ACTIVATIONS)]  # type: ignore[valid-type]
LossName = Literal[tuple(LOSSES)]  # type: ignore[valid-type]
OptimizerName = Literal[OPTIMIZERS]  # type: ignore[valid-type]
DatasetName = Literal[tuple(DATASETS)]  # type: ignore[valid-type]

# JSON numbers only: no strings, no booleans, no NaN or Infinity. Integers are welcome.
Number = Annotated[float, Strict(), AllowInfNan(False)]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]  # true or false only: not 0, 1 or "yes"
Seed = Annotated[int, Strict(), Field(ge=0, le=2**32 - 1, description="seeds the random initialisation")]
Vector = list[Number]
Matrix = list[list[Number]]


def _batch_or_sample(v: Any) -> str:
    return "batch" if isinstance(v, list) and any(isinstance(e, list) for e in v) else "sample"


# One sample as a flat list, or a batch as a list of lists; held as a batch (B × n) once valid.
Samples = Annotated[
    Annotated[Vector, Tag("sample")] | Annotated[Matrix, Tag("batch")],
    Discriminator(_batch_or_sample),
]
UNION_TAGS = frozenset({"sample", "batch"})


def learner_error(field: str, message: str, **ctx: Any) -> PydanticCustomError:
    """A rule broken across fields: `field` is where it points, relative to the model."""
    return PydanticCustomError("learner", message, {"field": field, **ctx})


def _limit(name: str, what: str, value: int, field: str) -> None:
    limit = getattr(get_settings(), name)
    if value > limit:
        raise learner_error(
            field, f"{what} is {value:,}, over the limit of {limit:,} ({env_name(name)})", limit=name
        )


def _nodes(n: int) -> str:
    return f"{n} node" if n == 1 else f"{n} nodes"


def _values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def _shape(m: list) -> str:
    rows = len(m)
    cols = {len(r) for r in m}
    return f"{rows}×{cols.pop()}" if len(cols) == 1 else f"{rows}×(ragged: rows of {', '.join(str(c) for c in sorted(cols))})"


def _as_batch(v: list) -> list[list[float]]:
    if not v:
        return []
    return v if isinstance(v[0], list) else [v]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Layer(Model):
    size: Int = Field(ge=1, description="n_l, the number of nodes")
    activation: ActivationName | None = Field(
        None, description="σ_l; none for the input layer, sigmoid when left out elsewhere"
    )


class Network(Model):
    """Layers l = 0..L; weights[l-1] is W^l (n_l rows of n_(l-1)); biases[l-1] is b^l."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "layers": [{"size": 2}, {"size": 3, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
                    "seed": 0,
                }
            ]
        },
    )

    layers: list[Layer] = Field(min_length=2, description="layer 0 is the input; at least one more")
    weights: list[Matrix] | None = Field(None, description="weights[l-1] is W^l: n_l rows of n_(l-1) numbers")
    biases: list[Vector] | None = Field(None, description="biases[l-1] is b^l: n_l numbers")
    seed: Seed | None = None

    @property
    def sizes(self) -> list[int]:
        return [layer.size for layer in self.layers]

    @property
    def parameter_count(self) -> int:
        s = self.sizes
        return sum(s[l] * (s[l - 1] + 1) for l in range(1, len(s)))

    @model_validator(mode="after")
    def _check(self) -> "Network":
        # Limits first, from the sizes alone, before any array is built.
        _limit("max_layers", "the number of layers", len(self.layers), "layers")
        for l, layer in enumerate(self.layers):
            _limit("max_nodes", f"layers[{l}].size", layer.size, f"layers[{l}].size")
        _limit("max_parameters", "the number of weights and biases", self.parameter_count, "layers")

        if self.layers[0].activation is not None:
            raise learner_error(
                "layers[0].activation", "layers[0] is the input layer: it takes no activation (leave it out)"
            )
        L = len(self.layers) - 1
        for l, layer in enumerate(self.layers[1:], start=1):
            if layer.activation is None:
                layer.activation = "sigmoid"
            if ACTIVATIONS[layer.activation].output_only and l < L:
                raise learner_error(
                    f"layers[{l}].activation",
                    f"{layer.activation} is only allowed on the output layer (layer {L}), not on layer {l}",
                )
        s = self.sizes
        if self.weights is not None:
            if len(self.weights) != L:
                raise learner_error(
                    "weights",
                    f"weights has {len(self.weights)} matrices but the network has {L} layers after the input: "
                    f"expected {L} (weights[l-1] is W^l)",
                )
            for l, W in enumerate(self.weights, start=1):
                if len(W) != s[l] or any(len(row) != s[l - 1] for row in W):
                    raise learner_error(
                        f"weights[{l - 1}]",
                        f"weights[{l - 1}] is {_shape(W) if W else '0×0'}, but layer {l} has {_nodes(s[l])} "
                        f"and layer {l - 1} has {s[l - 1]}: expected {s[l]}×{s[l - 1]}",
                    )
        if self.biases is not None:
            if len(self.biases) != L:
                raise learner_error(
                    "biases",
                    f"biases has {len(self.biases)} vectors but the network has {L} layers after the input: "
                    f"expected {L} (biases[l-1] is b^l)",
                )
            for l, b in enumerate(self.biases, start=1):
                if len(b) != s[l]:
                    raise learner_error(
                        f"biases[{l - 1}]",
                        f"biases[{l - 1}] has {_values(len(b))}, but layer {l} has {_nodes(s[l])}: expected {s[l]}",
                    )
        return self


EXAMPLE_NETWORK = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
}


def _check_samples(name: str, rows: list[list[float]], width: int, what: str) -> None:
    _limit("max_samples", f"the number of samples in {name}", len(rows), name)
    if not rows:
        raise learner_error(name, f"{name} is empty: give at least one sample")
    for k, row in enumerate(rows):
        if len(row) != width:
            where = name if len(rows) == 1 else f"{name}[{k}]"
            raise learner_error(where, f"{where} has {_values(len(row))} but {what} has {_nodes(width)}")


class ForwardRequest(Model):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"network": EXAMPLE_NETWORK, "input": [0.05, 0.1]}]}
    )

    # Arrays per node and sample in the answer: z and a here; backprop adds σ'(z), dC/da, dC/dz.
    ANSWER_ARRAYS: ClassVar[int] = 2

    network: Network
    input: Samples = Field(description="one sample (n_0 numbers) or a batch (B lists of n_0 numbers)")

    @model_validator(mode="after")
    def _check_input(self):
        self.input = _as_batch(self.input)
        _check_samples("input", self.input, self.network.sizes[0], "the input layer")
        check_answer_size(self.network, len(self.input), self.ANSWER_ARRAYS, getattr(self, "jacobians", False))
        return self


def check_answer_size(network: Network, samples: int, arrays: int, jacobians: bool = False) -> None:
    """Refuse, before computing, an answer whose per-sample arrays would be too large to build or send."""
    if not arrays:
        return
    per_sample = sum(network.sizes) * (arrays + (network.sizes[-1] if jacobians else 0))
    what = "samples × nodes × arrays per node" + (" (Jacobians included)" if jacobians else "")
    _limit("max_answer_numbers", what, samples * per_sample, "input")


def check_target(network: Network, input: list, target: list, loss: str, name: str = "target") -> list:
    """The target against the output layer and the loss; returns it in batch form."""
    target = _as_batch(target)
    _check_samples(name, target, network.sizes[-1], "the output layer")
    if len(target) != len(input):
        prefix = "" if name == "target" else name.split("_")[0] + "_"
        raise learner_error(
            name, f"{name} has {len(target)} samples but {prefix}input has {len(input)}: give one target per sample"
        )
    out = network.layers[-1].activation
    need = LOSSES[loss].requires
    if need is not None and out != need:
        raise learner_error(
            "loss", f"{loss} needs a {need} output layer, but layer {len(network.layers) - 1} is {out}"
        )
    if loss == "binary_cross_entropy":
        for k, row in enumerate(target):
            if any(v < 0 or v > 1 for v in row):
                raise learner_error(f"{name}[{k}]", f"{name}[{k}] must lie between 0 and 1 for binary_cross_entropy")
    if loss == "cross_entropy":
        for k, row in enumerate(target):
            if any(v < 0 for v in row) or abs(sum(row) - 1) > 1e-6:
                raise learner_error(
                    f"{name}[{k}]",
                    f"{name}[{k}] must be class probabilities for cross_entropy: "
                    f"no negative value, summing to 1 (it sums to {sum(row):.6g})",
                )
    return target


class BackpropRequest(ForwardRequest):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"network": EXAMPLE_NETWORK, "input": [0.05, 0.1], "target": [0.01], "loss": "mse"}]
        },
    )

    target: Samples = Field(description="y: one sample (n_L numbers) or a batch, one per input sample")
    loss: LossName = Field("mse", description="the cost C")
    jacobians: Bool = Field(False, description="also return ∂a^L/∂a^l for every layer and sample")
    ANSWER_ARRAYS: ClassVar[int] = 5

    @model_validator(mode="after")
    def _check_target(self):
        self.target = check_target(self.network, self.input, self.target, self.loss)
        return self


class GradcheckRequest(BackpropRequest):
    ANSWER_ARRAYS: ClassVar[int] = 0  # its answer holds no per-sample arrays; max_eval_work bounds it
    epsilon: Number = Field(1e-6, gt=0, le=0.1, description="the step ε of the central difference")

    @model_validator(mode="after")
    def _check_size(self):
        _limit(
            "max_gradcheck_parameters",
            "the number of parameters to check",
            self.network.parameter_count,
            "network.layers",
        )
        P = self.network.parameter_count
        _limit("max_eval_work", "2 × parameters² × samples (the check's work)", 2 * P * P * len(self.input), "input")
        return self


class CostCurveRequest(BackpropRequest):
    """C as one weight W_ij^l (or bias b_i^l when j is left out) moves around its value."""

    ANSWER_ARRAYS: ClassVar[int] = 0
    layer: Int = Field(ge=1, description="l, from 1 to L")
    i: Int = Field(ge=0, description="the node in layer l")
    j: Int | None = Field(None, ge=0, description="the node in layer l-1; leave out for the bias b_i^l")
    radius: Number = Field(1.0, gt=0, le=1e6, description="the curve spans value ± radius")
    points: Int = Field(41, ge=3, description="points along the curve")

    @model_validator(mode="after")
    def _check_parameter(self):
        s = self.network.sizes
        L = len(s) - 1
        _limit("max_points", "points", self.points, "points")
        work = self.points * self.network.parameter_count * len(self.input)
        _limit("max_eval_work", "points × parameters × samples (the curve's work)", work, "points")
        if self.layer > L:
            raise learner_error("layer", f"layer is {self.layer}, but the network's last layer is {L}")
        if self.i >= s[self.layer]:
            raise learner_error("i", f"i is {self.i}, but layer {self.layer} has {_nodes(s[self.layer])} (i counts from 0)")
        if self.j is not None and self.j >= s[self.layer - 1]:
            raise learner_error(
                "j", f"j is {self.j}, but layer {self.layer - 1} has {_nodes(s[self.layer - 1])} (j counts from 0)"
            )
        return self


class GradientsOut(Model):
    weights: list[Matrix] = Field(description="weights[l-1] is dC/dW^l")
    biases: list[Vector] = Field(description="biases[l-1] is dC/db^l")


class OptimizerState(Model):
    """What the optimizer carries from one training request to the next (the server keeps nothing)."""

    step: Int = Field(0, ge=0, description="steps taken so far")
    m: GradientsOut | None = Field(None, description="momentum's velocity or Adam's first moment")
    v: GradientsOut | None = Field(None, description="Adam's second moment")


class TrainRequest(Model):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "network": {
                        "layers": [{"size": 2}, {"size": 4, "activation": "tanh"}, {"size": 1, "activation": "sigmoid"}],
                        "seed": 1,
                    },
                    "input": [[-1, -1], [-1, 1], [1, -1], [1, 1]],
                    "target": [[0], [1], [1], [0]],
                    "loss": "mse",
                    "learning_rate": 0.5,
                    "steps": 500,
                    "optimizer": "sgd",
                }
            ]
        },
    )

    network: Network
    input: Samples
    target: Samples
    loss: LossName = "mse"
    learning_rate: Number = Field(0.1, gt=0, le=1e6, description="η")
    steps: Int = Field(100, ge=1, description="gradient steps in this request")
    batch_size: Int | None = Field(None, ge=1, description="samples per step; the whole batch when left out")
    optimizer: OptimizerName = "sgd"
    seed: Seed = Field(0, description="seeds the minibatch order")
    l2: Number = Field(0.0, ge=0, le=1e3, description="λ: adds (λ/2)Σ‖W‖² to the cost, λW to dC/dW")
    optimizer_state: OptimizerState | None = Field(None, description="from the previous response, to continue a run")
    record_every: Int = Field(1, ge=1, description="keep every k-th step in the history (and the last)")
    diagnostics: Bool = Field(False, description="add gradient norms and predicted vs actual cost changes")
    test_input: Samples | None = Field(None, description="held-out samples whose cost is tracked")
    test_target: Samples | None = None
    grid: Matrix | None = Field(
        None, min_length=1, description="points at which to return the trained network's output"
    )
    gradients: Bool = Field(False, description="also return dC/dW and dC/db of the trained network on the whole training set")
    backprop: Bool = Field(False, description="also return the backward pass of the trained network")
    backprop_samples: list[Annotated[int, Strict(), Field(ge=0)]] | None = Field(
        None, description="indices of the training samples that backward pass is on (all when left out)"
    )

    @model_validator(mode="after")
    def _check(self):
        net, s = self.network, self.network.sizes
        self.input = _as_batch(self.input)
        _check_samples("input", self.input, s[0], "the input layer")
        self.target = check_target(net, self.input, self.target, self.loss)
        _limit("max_train_steps", "steps", self.steps, "steps")
        per_step = min(self.batch_size or len(self.input), len(self.input))
        _limit(
            "max_train_work",
            "steps × parameters × samples per step",
            self.steps * net.parameter_count * per_step,
            "steps",
        )
        if (self.test_input is None) != (self.test_target is None):
            raise learner_error("test_target", "give test_input and test_target together, or neither")
        if self.test_input is not None:
            self.test_input = _as_batch(self.test_input)
            _check_samples("test_input", self.test_input, s[0], "the input layer")
            self.test_target = check_target(net, self.test_input, self.test_target, self.loss, "test_target")
        if self.grid is not None:
            _limit("max_points", "the number of grid points", len(self.grid), "grid")
            for k, row in enumerate(self.grid):
                if len(row) != s[0]:
                    raise learner_error(f"grid[{k}]", f"grid[{k}] has {_values(len(row))} but the input layer has {_nodes(s[0])}")
        if self.backprop_samples is not None:
            if not self.backprop_samples:
                raise learner_error("backprop_samples", "backprop_samples is empty: leave it out for every sample")
            for k, idx in enumerate(self.backprop_samples):
                if idx >= len(self.input):
                    raise learner_error(
                        f"backprop_samples[{k}]",
                        f"backprop_samples[{k}] is {idx}, but input has {len(self.input)} samples (counted from 0)",
                    )
        if self.backprop:
            chosen = self.backprop_samples if self.backprop_samples is not None else self.input
            check_answer_size(net, len(chosen), BackpropRequest.ANSWER_ARRAYS)
        st = self.optimizer_state
        if st is not None:
            for name in ("m", "v"):
                moment = getattr(st, name)
                if moment is None:
                    continue
                W, b = moment.weights, moment.biases
                ok = len(W) == len(b) == len(s) - 1 and all(
                    len(W[l - 1]) == s[l]
                    and all(len(r) == s[l - 1] for r in W[l - 1])
                    and len(b[l - 1]) == s[l]
                    for l in range(1, len(s))
                )
                if not ok:
                    raise learner_error(
                        f"optimizer_state.{name}",
                        f"optimizer_state.{name} does not have the network's shape: "
                        "it belongs to another network (leave optimizer_state out to start afresh)",
                    )
        return self


# ---- responses (documented in OpenAPI; routes build them as plain dicts for speed) ----


class NetworkOut(Model):
    layers: list[Layer]
    weights: list[Matrix]
    biases: list[Vector]
    seed: int


class LayerOut(BaseModel):
    """One layer of the passes, batch first (B × n_l); layer 0 has only a."""

    a: Matrix
    z: Matrix | None = None
    da_dz: Matrix | None = Field(None, description="σ'(z^l), where the activation is elementwise")
    dC_da: Matrix | None = None
    dC_dz: Matrix | None = None


class ForwardResponse(BaseModel):
    network: NetworkOut
    layers: list[LayerOut]


class BackpropResponse(ForwardResponse):
    loss: float = Field(description="C, the mean of the per-sample costs")
    gradients: GradientsOut
    jacobians: list[list[Matrix]] | None = Field(
        None, description="jacobians[l][s] is ∂a^L/∂a^l for sample s (n_L × n_l)"
    )


class GradcheckResponse(BaseModel):
    network: NetworkOut
    loss: float
    epsilon: float
    analytic: GradientsOut
    numeric: GradientsOut
    max_abs_error: float
    max_rel_error: float
    worst: str = Field(description="the parameter with the largest relative error, e.g. W_01^2")


class CostCurveResponse(BaseModel):
    parameter: str
    value: float = Field(description="the parameter's current value")
    cost: float = Field(description="C at the current value")
    slope: float = Field(description="dC/dW (or dC/db) at the current value")
    values: list[float]
    costs: list[float]


class StepOut(BaseModel):
    step: int
    loss: float
    test_loss: float | None = None
    grad_norms: list[float] | None = None
    predicted_change: float | None = None
    actual_change: float | None = None


class Divergence(BaseModel):
    step: int
    layer: int
    quantity: str
    message: str


class TrainResponse(BaseModel):
    network: NetworkOut
    history: list[StepOut]
    diverged: bool
    divergence: Divergence | None = None
    optimizer_state: OptimizerState
    loss: float | None = Field(description="C of the returned network on the whole training set")
    accuracy: float | None = Field(None, description="the share of samples classified right, for classifiers")
    test_loss: float | None = None
    test_accuracy: float | None = None
    grid_output: Matrix | None = None
    gradients: GradientsOut | None = Field(None, description="dC/dW, dC/db of the returned network, whole training set")
    backprop: BackpropResponse | None = None


class DatasetResponse(BaseModel):
    input: Matrix
    target: Matrix


class ErrorItem(BaseModel):
    field: str
    message: str


class ErrorResponse(BaseModel):
    detail: str = Field(description="what went wrong, in words")
    errors: list[ErrorItem] = Field(default_factory=list)
