"""What each endpoint takes, with the rules that join its fields (those of one field sit in its type)."""
import re
from functools import cached_property
from typing import Annotated, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, Strict, WrapValidator, model_validator
from typing_extensions import TypedDict

from app.engine.datasets import MULTICLASS
from app.engine.losses import LOSSES
from app.engine.metrics import first_not_class
from app.engine.realdata import REAL

from .common import (
    Bool,
    DatasetName,
    GradientsOut,
    Int,
    LossName,
    Matrix,
    Model,
    Number,
    OptimizerName,
    Samples,
    Seed,
    check_limit,
    check_shapes,
    closed,
    learner_error,
    nodes,
    values,
)
from .kept import SAMPLE_FIELDS, Rows, kept
from .network import EXAMPLE_NETWORK, Network

# Work is counted in the multiply-adds of passes over samples: per sample, the network's parameters, and
# NODE_WORK for each node's activation (an exp costs a hundred multiply-adds). What a step or a pass costs
# whatever its size (numpy's calls on each layer's arrays) is counted in the same units, per layer of the
# network, the input layer included. bench/limits.py measures these and times the worst request allowed.
NODE_WORK = 100
STEP_WORK = 150_000  # a training step: forward, backward and update
RECORD_WORK = 120_000  # a recorded step: its history entry and diagnostics
PASS_WORK = 100_000  # a forward pass and its cost: a gradient check's perturbation, a cost curve's point


SAMPLE = f"(parameters + {NODE_WORK} × nodes)"  # sample_work in words, for the refusals


KEY = re.compile("^[0-9a-f]{32}$")  # a data_key: kept.data_key()'s hex digest


def _as_kept(value, handler):
    return value if isinstance(value, Rows) else handler(value)


# Samples, or the samples a data_key stands for (kept.Rows), validated when they were sent and taken as they are.
KeptSamples = Annotated[Samples, WrapValidator(_as_kept)]


def sample_work(network: Network) -> int:
    """A pass's work per sample: parameters + NODE_WORK × nodes (the input layer's need no activation)."""
    return network.parameter_count + NODE_WORK * sum(network.sizes[1:])


def check_samples(name: str, rows: list[list[float]], width: int, what: str) -> None:
    """Each sample of `rows` has `width` numbers, the size of `what` (a layer)."""
    check_limit("max_samples", f"the number of samples in {name}", len(rows), name)
    if not rows:
        raise learner_error(name, f"{name} is empty: give at least one sample")
    if (rows.widths if isinstance(rows, Rows) else set(map(len, rows))) == {width}:  # the usual case, without a Python loop
        return
    for k, row in enumerate(rows):
        if len(row) != width:
            where = name if len(rows) == 1 else f"{name}[{k}]"
            raise learner_error(where, f"{where} has {values(len(row))} but {what} has {nodes(width)}")


def check_answer_size(network: Network, samples: int, arrays: int, jacobians: bool = False) -> None:
    """Refuse, before computing, an answer whose per-sample arrays would be too large to build or send."""
    if not arrays:
        return
    per_sample = sum(network.sizes) * (arrays + (network.sizes[-1] if jacobians else 0))
    what = "samples × nodes × arrays per node" + (" (Jacobians included)" if jacobians else "")
    check_limit("max_answer_numbers", what, samples * per_sample, "input")


def check_target(network: Network, input: list[list[float]], target: list[list[float]], loss: str, name: str = "target") -> None:
    """The target against the output layer, the input's samples and the loss."""
    check_samples(name, target, network.sizes[-1], "the output layer")
    if len(target) != len(input):
        prefix = "" if name == "target" else name.split("_")[0] + "_"
        raise learner_error(
            name, f"{name} has {len(target)} samples but {prefix}input has {len(input)}: give one target per sample"
        )
    out = network.activations[-1]
    need = LOSSES[loss].requires
    if need is not None and out != need:
        raise learner_error("loss", f"{loss} needs a {need} output layer, but layer {len(network.layers) - 1} is {out}")
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


class SamplesRequest(Model):
    """A network and input samples: the input's rules, once for every endpoint that takes them."""

    # Arrays per node and sample in the answer (z and a for a forward pass); 0 when it has none per sample.
    ANSWER_ARRAYS: ClassVar[int] = 0

    network: Network
    input: Samples

    @model_validator(mode="after")
    def _check_input(self):
        check_samples("input", self.input, self.network.sizes[0], "the input layer")
        check_answer_size(self.network, len(self.input), self.ANSWER_ARRAYS, getattr(self, "jacobians", False))
        return self


class ForwardRequest(SamplesRequest):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"network": EXAMPLE_NETWORK, "input": [0.05, 0.1]}]}
    )

    ANSWER_ARRAYS: ClassVar[int] = 2  # z and a; backprop adds σ'(z), dC/da, dC/dz
    # SamplesRequest's input, described here (the documented schemas of /train say less and stay as they were)
    input: Samples = Field(description="one sample (n_0 numbers) or a batch (B lists of n_0 numbers)")


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
        check_target(self.network, self.input, self.target, self.loss)
        return self


class GradcheckRequest(BackpropRequest):
    ANSWER_ARRAYS: ClassVar[int] = 0  # its answer holds no per-sample arrays; max_eval_work bounds it
    epsilon: Number = Field(1e-6, gt=0, le=0.1, description="the step ε of the central difference")

    @model_validator(mode="after")
    def _check_size(self):
        check_limit("max_gradcheck_parameters", "the number of parameters to check", self.network.parameter_count, "network.layers")
        what = f"the check's work, 2 × parameters × (samples × {SAMPLE} + {PASS_WORK:,} per layer),"
        check_limit("max_eval_work", what, self.work, "input")
        return self

    @property
    def work(self) -> int:
        """Two forward passes per parameter."""
        return 2 * self.network.parameter_count * (sample_work(self.network) * len(self.input) + PASS_WORK * len(self.network.sizes))


class CostCurveRequest(BackpropRequest):
    """C as one weight W_ij^l (or bias b_i^l when j is left out) moves around its value."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"network": EXAMPLE_NETWORK, "input": [0.05, 0.1], "target": [0.01], "loss": "mse",
                          "layer": 2, "i": 0, "j": 1, "radius": 2, "points": 9}]
        },
    )
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
        check_limit("max_points", "points", self.points, "points")
        what = f"the curve's work, points × (samples × {SAMPLE} + {PASS_WORK:,} per layer),"
        check_limit("max_eval_work", what, self.work, "points")
        if self.layer > L:
            raise learner_error("layer", f"layer is {self.layer}, but the network's last layer is {L}")
        if self.i >= s[self.layer]:
            raise learner_error("i", f"i is {self.i}, but layer {self.layer} has {nodes(s[self.layer])} (i counts from 0)")
        if self.j is not None and self.j >= s[self.layer - 1]:
            raise learner_error(
                "j", f"j is {self.j}, but layer {self.layer - 1} has {nodes(s[self.layer - 1])} (j counts from 0)"
            )
        return self

    @property
    def work(self) -> int:
        """A forward pass per point."""
        return self.points * (sample_work(self.network) * len(self.input) + PASS_WORK * len(self.network.sizes))


class GridExtent(Model):
    """A regular grid over the input line (one input) or plane (two), laid out as the page draws it."""

    # The layout is grid1d and grid2d of static/js/training/grids.js; service.training.grid_points makes the same points.
    x: list[Number] = Field(min_length=2, max_length=2, description="[lo, hi]: the span of input 0")
    y: list[Number] | None = Field(None, min_length=2, max_length=2, description="[lo, hi]: the span of input 1 (two inputs only)")
    n: Int = Field(
        ge=1,
        description="two inputs: n × n cell centres, row by row from the top (y = hi) down; one input: n points from lo to hi",
    )

    @model_validator(mode="after")
    def _check_spans(self):
        for name, span in (("x", self.x), ("y", self.y)):
            if span is not None and not span[0] < span[1]:
                raise learner_error(name, f"grid_extent.{name} is [{span[0]:g}, {span[1]:g}]: give [lo, hi] with lo < hi")
        return self

    @property
    def points(self) -> int:
        return self.n if self.y is None else self.n * self.n


@closed
class OptimizerState(TypedDict):
    """What the optimizer carries from one training request to the next (the server keeps nothing)."""

    step: Annotated[Int, Field(0, ge=0, description="steps taken so far")]
    m: Annotated[GradientsOut | None, Field(None, description="momentum's velocity or Adam's first moment")]
    v: Annotated[GradientsOut | None, Field(None, description="Adam's second moment")]


class TrainRequest(SamplesRequest):
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
                },
                {  # three classes, one-hot: a softmax output, and how well it fits each class
                    "network": {"layers": [{"size": 2}, {"size": 3, "activation": "softmax"}], "seed": 0},
                    "input": [[1, 0], [0, 1], [-1, -1], [0.9, 0.2]],
                    "target": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]],
                    "loss": "cross_entropy",
                    "learning_rate": 0.5,
                    "steps": 100,
                    "test_input": [[0.8, -0.1]],
                    "test_target": [[1, 0, 0]],
                    "metrics": True,
                },
            ]
        },
    )

    # The class that reads a body naming data_key (KeyedTrainRequest, below; routes/body.py uses it)
    keyed: ClassVar[type["TrainRequest"] | None] = None

    input: KeptSamples
    target: KeptSamples
    loss: LossName = "mse"
    learning_rate: Number = Field(0.1, gt=0, le=1e6, description="η")
    steps: Int = Field(100, ge=1, description="gradient steps in this request")
    batch_size: Int | None = Field(None, ge=1, description="samples per step; the whole batch when left out")
    optimizer: OptimizerName = "sgd"
    seed: Seed = Field(0, description="seeds the minibatch order")
    l2: Number = Field(0.0, ge=0, le=1e3, description="λ: adds (λ/2)Σ‖W‖² to the cost, λW to dC/dW")
    optimizer_state: OptimizerState | None = Field(None, description="from the previous response, to continue a run")
    record_every: Int = Field(1, ge=1, description="keep every k-th step in the history (and the last)")
    diagnostics: Bool = Field(False, description="add gradient norms (W and b), predicted vs actual cost changes, each layer's saturated share")
    test_input: KeptSamples | None = Field(None, description="held-out samples whose cost is tracked")
    test_target: KeptSamples | None = None
    remember_data: Bool = Field(
        False, description="keep input, target, test_input and test_target in this server's memory for a while, "
        "and return their data_key"
    )
    data_key: str | None = Field(
        None, pattern=KEY.pattern,
        description="instead of input, target, test_input and test_target (leave them out): the data_key an earlier "
        "answer returned for them. A server that no longer holds them refuses it, naming data_key: send them again "
        "(live training sends the same samples every frame; each replica keeps the last ones it was sent)",
    )
    grid: Matrix | None = Field(
        None, min_length=1, description="points at which to return the trained network's output"
    )
    grid_extent: GridExtent | None = Field(
        None, description="a regular grid at which to return the trained network's output, instead of its points in grid"
    )
    # A drawing of the grid needs neither 17 digits nor a list per point: the page's 40 × 40 grid was most of a
    # frame's answer (34 kB), its encoding and its compression (bench/train.py).
    grid_digits: Int | None = Field(
        None, ge=0, le=17, description="round the grid's outputs to this many decimal places (all their digits when left out)"
    )
    grid_flat: Bool = Field(
        False, description="grid_output as one flat list, point by point (points × n_L numbers), instead of a list per point"
    )
    # Writing 1,600 outputs as decimal text was most of a frame's answer and of its encoding (bench/train.py).
    grid_format: Literal["list", "u16"] = Field(
        "list", description="list: the outputs in grid_output (grid_digits and grid_flat apply); u16: in grid_u16 "
        "instead, as 16-bit codes over [lo, hi], point by point: output = lo + code × (hi − lo) / 65535 (on a "
        "sigmoid's [0, 1], finer than 4 decimals, in a third of the bytes)"
    )
    gradients: Bool = Field(False, description="also return dC/dW and dC/db of the trained network on the whole training set")
    backprop: Bool = Field(False, description="also return the backward pass of the trained network")
    backprop_samples: list[Annotated[int, Strict(), Field(ge=0)]] | None = Field(
        None, description="indices of the training samples that backward pass is on (all when left out)"
    )
    metrics: Bool = Field(
        False, description="also return how well the trained network fits: per class and a confusion matrix for "
        "classes, R² and the mean absolute error for numbers (on the training set and the test set)"
    )
    task: Literal["classification", "regression"] | None = Field(
        None, description="what metrics measures; when left out, classification if every target is 0 or 1 "
        "(one output) or one-hot (several), else regression"
    )

    # The rules below run in this order, after the input's (SamplesRequest).

    @model_validator(mode="after")
    def _check_target(self):
        check_target(self.network, self.input, self.target, self.loss)
        return self

    @model_validator(mode="after")
    def _check_work(self):
        check_limit("max_train_steps", "steps", self.steps, "steps")
        what = f"the training's work, steps × (samples per step × {SAMPLE} + {STEP_WORK:,} per layer) and its other passes,"
        check_limit("max_train_work", what, self.work, "steps")
        return self

    @cached_property  # the rule below and the route's choice of where to compute it both ask
    def work(self) -> int:
        """Steps, recorded steps (the test set's pass, the history) and the passes once trained (the gradients, the
        grid): samples × sample_work, and each step's and record's cost per layer."""
        w, layers, n = sample_work(self.network), len(self.network.sizes), len(self.input)
        batch = min(self.batch_size or n, n)
        test = len(self.test_input or ()) + (batch if self.diagnostics and batch < n else 0)  # a minibatch's ΔC: its own pass
        k = self.record_every
        records = -(-self.steps // k) + ((self.steps - 1) % k != 0)  # every k-th step and the last
        grid = len(self.grid) if self.grid is not None else self.grid_extent.points if self.grid_extent is not None else 0
        once = 2 * n + test + grid
        return self.steps * (w * batch + STEP_WORK * layers) + records * (w * test + RECORD_WORK * layers) + w * once

    @model_validator(mode="after")
    def _check_test_set(self):
        if (self.test_input is None) != (self.test_target is None):
            raise learner_error("test_target", "give test_input and test_target together, or neither")
        if self.test_input is not None:
            check_samples("test_input", self.test_input, self.network.sizes[0], "the input layer")
            check_target(self.network, self.test_input, self.test_target, self.loss, "test_target")
        return self

    @model_validator(mode="after")
    def _check_grid(self):
        if self.grid is not None:
            n = self.network.sizes[0]
            check_limit("max_points", "the number of grid points", len(self.grid), "grid")
            for k, row in enumerate(self.grid):
                if len(row) != n:
                    raise learner_error(f"grid[{k}]", f"grid[{k}] has {values(len(row))} but the input layer has {nodes(n)}")
        return self

    @model_validator(mode="after")
    def _check_grid_extent(self):
        extent, n = self.grid_extent, self.network.sizes[0]
        if extent is None:
            return self
        if self.grid is not None:
            raise learner_error("grid_extent", "give grid or grid_extent, not both")
        if n > 2:
            raise learner_error(
                "grid_extent", f"grid_extent spans one or two inputs, but the input layer has {nodes(n)}: list the points in grid"
            )
        if n == 1 and extent.y is not None:
            raise learner_error("grid_extent.y", "grid_extent.y is given, but the input layer has 1 node: leave y out")
        if n == 2 and extent.y is None:
            raise learner_error("grid_extent.y", "grid_extent.y is required: the input layer has 2 nodes")
        if n == 1 and extent.n < 2:
            raise learner_error("grid_extent.n", "grid_extent.n must be at least 2 for one input: the points run from lo to hi")
        check_limit("max_points", "the number of grid points", extent.points, "grid_extent.n")
        return self

    @model_validator(mode="after")
    def _check_backprop(self):
        chosen = self.backprop_samples
        if chosen is not None:
            if not chosen:
                raise learner_error("backprop_samples", "backprop_samples is empty: leave it out for every sample")
            for k, idx in enumerate(chosen):
                if idx >= len(self.input):
                    raise learner_error(
                        f"backprop_samples[{k}]",
                        f"backprop_samples[{k}] is {idx}, but input has {len(self.input)} samples (counted from 0)",
                    )
        if self.backprop:
            check_answer_size(self.network, len(chosen or self.input), BackpropRequest.ANSWER_ARRAYS)
        return self

    @model_validator(mode="after")
    def _check_task(self):
        if self.task != "classification":
            return self
        for name, rows in (("target", self.target), ("test_target", self.test_target)):
            k = None if rows is None else first_not_class(np.array(rows, dtype=np.float64))
            if k is not None:
                what = "0 or 1" if self.network.sizes[-1] == 1 else "one-hot (one 1, the rest 0)"
                raise learner_error(
                    f"{name}[{k}]", f"task is classification, but {name}[{k}] is {rows[k]}: each target must be {what}, "
                    "or leave task out (or give regression) for numbers"
                )
        return self

    @model_validator(mode="after")
    def _check_data_key(self):
        if self.data_key is not None and not isinstance(self.input, Rows):
            raise learner_error("data_key", "give data_key or input, not both: data_key stands for the samples it was returned for")
        return self

    @model_validator(mode="after")
    def _check_optimizer_state(self):
        state = self.optimizer_state
        for name in ("m", "v") if state is not None else ():
            if state[name] is not None:
                check_shapes(self.network.sizes, state[name]["weights"], state[name]["biases"], f"optimizer_state.{name}")
        return self


class KeyedTrainRequest(TrainRequest):
    """A /train body that names kept samples by data_key (routes/body.py reads such bodies with this class). Its rule
    runs first, on the body as parsed: it puts the samples in their fields, as they were validated when sent. (Only
    here: on TrainRequest, that rule would make every frame's body parsed into Python before it is validated, twice
    the time of validating the JSON itself.)"""

    @model_validator(mode="before")
    @classmethod
    def _kept_samples(cls, data):
        key = data.get("data_key") if isinstance(data, dict) else None
        if key is None:
            return data
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise learner_error("data_key", "data_key must be the key an earlier answer returned (32 hexadecimal digits), "
                                "given instead of input and target")
        given = [name for name in SAMPLE_FIELDS if data.get(name) is not None]
        if given:
            raise learner_error(given[0], f"give data_key or {given[0]}, not both: data_key stands for the samples it was returned for")
        samples = kept(key)
        if samples is None:
            raise learner_error("data_key", f"data_key {key[:8]}… names samples this server does not hold (any more): "
                                "send input and target (and test_input, test_target) again, with remember_data")
        return {**data, **{name: rows for name, rows in samples.items() if rows is not None}}


TrainRequest.keyed = KeyedTrainRequest  # routes/body.py: the class for a body that names data_key


class DatasetQuery(BaseModel):
    """GET /datasets/{name}'s query. Unknown parameters are ignored, as FastAPI ignores them elsewhere.
    A real dataset (iris, penguins, cars) takes none of samples, noise and classes, and ignores seed."""

    samples: int = Field(200, ge=1, description="the number of samples (toy datasets only)")
    noise: float = Field(0.1, ge=0, le=10, allow_inf_nan=False, description="the spread added to each point (toy datasets only)")
    seed: int = Field(0, ge=0, le=2**32 - 1, description="seeds a toy dataset's points (a real dataset ignores it)")
    classes: int = Field(2, ge=2, le=10, description="classes for spiral and gaussians; more than 2 gives one-hot targets")


class DatasetRequest(DatasetQuery):
    """A dataset's name (from the path) and its query, whose rules join the two."""

    name: DatasetName

    @model_validator(mode="after")
    def _check(self):
        if self.name in REAL:
            return self._check_real()
        check_limit("max_samples", "samples", self.samples, "samples")
        if self.classes != 2 and self.name not in MULTICLASS:
            raise learner_error("classes", f"{self.name} has two classes; only {' and '.join(sorted(MULTICLASS))} take more")
        return self

    def _check_real(self):
        """A real dataset is what was measured: a query that would change it is refused, naming the field."""
        spec, name = REAL[self.name], self.name
        why = {
            "samples": f"it always has its {spec.samples} rows",
            "noise": "its values are as measured",
            "classes": "it predicts a number, not classes" if spec.kind == "regression" else "it has its own classes",
        }
        for field in ("samples", "noise", "classes"):
            if field in self.model_fields_set:
                raise learner_error(field, f"{name} is a real dataset: {why[field]}; {field} does not apply")
        return self
