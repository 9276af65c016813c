"""What POST /code takes: a /backprop body, and the language of the script to write."""
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from app.code import LANGUAGES

from .common import Bool
from .network import EXAMPLE_NETWORK
from .requests import BackpropRequest

CodeLanguage = Literal[tuple(LANGUAGES)]  # type: ignore[valid-type]


class CodeRequest(BackpropRequest):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"network": EXAMPLE_NETWORK, "input": [0.05, 0.1], "target": [0.01], "loss": "mse", "language": "numpy"}
            ]
        },
    )

    ANSWER_ARRAYS: ClassVar[int] = 0  # the answer is a script, whose size max_code_bytes bounds
    language: CodeLanguage = Field(
        "numpy", description="numpy: the backward pass written out step by step; pytorch: autograd in float64"
    )
    jacobians: Bool = Field(False, description="accepted, so that a /backprop body can be sent as it is; the script leaves them out")
