"""POST /derivation: /backprop's problem, answered as the whole derivation written out (markdown,
LaTeX, or the JSON structure both are rendered from)."""
from typing import Annotated, ClassVar, Literal, NotRequired

from pydantic import ConfigDict, Field, model_validator
from typing_extensions import TypedDict

from .common import LossName, Matrix, Number, Samples, check_limit, closed
from .network import EXAMPLE_NETWORK
from .requests import ForwardRequest, check_target

Format = Literal["markdown", "latex", "json"]
Quantity = Literal["z", "a", "C", "dC_da", "da_dz", "dC_dz", "dC_dW", "dC_db", "jacobians"]


class DerivationRequest(ForwardRequest):
    """/backprop's body (its rules, without jacobians: the derivation has them) and the format."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"network": EXAMPLE_NETWORK, "input": [0.05, 0.1], "target": [0.01], "loss": "mse", "format": "markdown"}]
        },
    )

    ANSWER_ARRAYS: ClassVar[int] = 0  # the derivation's own limits bound the answer
    target: Samples = Field(description="y: one sample (n_L numbers) or a batch, one per input sample")
    loss: LossName = Field("mse", description="the cost C")
    format: Format = Field("markdown", description="markdown or latex (a document), json (its structure)")

    @model_validator(mode="after")
    def _check(self):
        check_target(self.network, self.input, self.target, self.loss)
        P = self.network.parameter_count
        check_limit("max_derivation_parameters", "the number of weights and biases to write out", P, "network.layers")
        check_limit("max_derivation_samples", "the number of samples to write out", len(self.input), "input")
        return self


@closed
class LineKey(TypedDict):
    """Where /backprop answers the line's value: its quantity, layer l, node i (j for a weight or a
    Jacobian's column) and sample. A line on one sample's cost C_(k) of a batch of B carries scale B:
    its value is B times /backprop's number, which is a derivative of the batch mean; for dC_dW and
    dC_db that number is the sample's share of the sum, dC_dz[k][i]·a^(l-1)[k][j] and dC_dz[k][i]."""

    quantity: Quantity
    layer: NotRequired[int]
    i: NotRequired[int]
    j: NotRequired[int]
    sample: NotRequired[int]
    scale: NotRequired[int]


@closed
class Line(TypedDict):
    """One formula: its left side and steps, where a line may break, and its result."""

    tex: Annotated[str, Field(description="the formula without its result, as one TeX string")]
    parts: Annotated[list[str], Field(description="tex cut where it may break; a part that begins with = starts a new step")]
    numbers_from: Annotated[int, Field(description="parts before this index are symbols; from it on, numbers are substituted")]
    result: Annotated[str | None, Field(description="the result in TeX (6 significant digits); none for a given formula")]
    value: Annotated[Number | Matrix | None, Field(description="the result's exact value (a matrix for a Jacobian)")]
    key: Annotated[LineKey | None, Field(description="where /backprop answers it; none for intermediate sums")]


@closed
class Section(TypedDict):
    title: str
    text: Annotated[str, Field(description="a sentence or two; $…$ is inline TeX")]
    lines: list[Line]


@closed
class DerivationResponse(TypedDict):
    title: str
    sections: list[Section]
