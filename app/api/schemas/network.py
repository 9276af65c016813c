"""The network a request carries: its layers, and its weights and biases when it has them."""
from functools import cached_property
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator
from typing_extensions import TypedDict

from app.engine.activations import ACTIVATIONS

from .common import ActivationName, Int, Matrix, Model, Seed, Vector, check_limit, check_shapes, closed, learner_error


@closed
class Layer(TypedDict):
    size: Annotated[Int, Field(ge=1, description="n_l, the number of nodes")]
    activation: Annotated[
        ActivationName | None, Field(None, description="σ_l; none for the input layer, sigmoid when left out elsewhere")
    ]


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

    # Computed once (a request's rules ask for them a dozen times); read only.
    @cached_property
    def sizes(self) -> list[int]:
        return [layer["size"] for layer in self.layers]

    @cached_property
    def activations(self) -> list[str | None]:
        """σ_l for l = 0..L: none for the input layer, sigmoid where a layer leaves it out."""
        return [None] + [layer["activation"] or "sigmoid" for layer in self.layers[1:]]

    @cached_property
    def parameter_count(self) -> int:
        s = self.sizes
        return sum(s[l] * (s[l - 1] + 1) for l in range(1, len(s)))

    @model_validator(mode="after")
    def _check(self) -> "Network":
        # Limits first, from the sizes alone, before any array is built.
        check_limit("max_layers", "the number of layers", len(self.layers), "layers")
        for l, n in enumerate(self.sizes):
            check_limit("max_nodes", f"layers[{l}].size", n, f"layers[{l}].size")
        check_limit("max_parameters", "the number of weights and biases", self.parameter_count, "layers")

        if self.layers[0]["activation"] is not None:
            raise learner_error("layers[0].activation", "layers[0] is the input layer: it takes no activation (leave it out)")
        L = len(self.layers) - 1
        for l, activation in enumerate(self.activations[1:L], start=1):
            if ACTIVATIONS[activation].output_only:
                raise learner_error(
                    f"layers[{l}].activation", f"{activation} is only allowed on the output layer (layer {L}), not on layer {l}"
                )
        check_shapes(self.sizes, self.weights, self.biases)
        return self


EXAMPLE_NETWORK = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
}
