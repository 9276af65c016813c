"""What every schema uses: JSON number types, the learner's error, the limits, the wording, and the shape rule.

Messages name the field and say what is wrong in a learner's words. Rules that
join several fields raise ``learner_error``; the 422 handler (app/api/errors.py)
turns pydantic's own errors into sentences of the same kind.
"""
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AllowInfNan, BaseModel, ConfigDict, Discriminator, Field, Strict, Tag, with_config
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic needs this one below Python 3.12

from app.engine.activations import ACTIVATIONS
from app.engine.datasets import DATASETS
from app.engine.losses import LOSSES
from app.engine.realdata import REAL
from app.engine.training import OPTIMIZERS
from app.settings import env_name, get_settings

ActivationName = Literal[tuple(ACTIVATIONS)]  # type: ignore[valid-type]
LossName = Literal[tuple(LOSSES)]  # type: ignore[valid-type]
OptimizerName = Literal[OPTIMIZERS]  # type: ignore[valid-type]
DatasetName = Literal[(*DATASETS, *REAL)]  # type: ignore[valid-type]

# JSON numbers only: no strings, no booleans, no NaN or Infinity. Integers are welcome.
Number = Annotated[float, Strict(), AllowInfNan(False)]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]  # true or false only: not 0, 1 or "yes"
Seed = Annotated[int, Strict(), Field(ge=0, le=2**32 - 1, description="seeds the random initialisation")]
Vector = list[Number]
Matrix = list[list[Number]]


def _batch_or_sample(v: Any) -> str:
    return "as-batch" if isinstance(v, list) and any(isinstance(e, list) for e in v) else "as-sample"


def _as_batch(sample: list[float]) -> list[list[float]]:
    return [sample] if sample else []  # an empty list stays empty, for the "is empty" message


# One sample as a flat list, or a batch as a list of lists; parsed into a batch (B × n) either way.
Samples = Annotated[
    Annotated[Vector, AfterValidator(_as_batch), Tag("as-sample")] | Annotated[Matrix, Tag("as-batch")],
    Discriminator(_batch_or_sample),
]
# The union's tags appear in pydantic's error locations; errors.py leaves them out of field names. (Not
# "sample" or "batch": a field may be called that, as an exercise's answer's sample is.)
UNION_TAGS = frozenset({"as-sample", "as-batch"})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# For TypedDicts, which requests and responses share: an unknown key is an error either way.
closed = with_config(ConfigDict(extra="forbid"))


# Arrays shaped like the weights and biases: gradients, or an optimizer's moments. (No docstring: it
# would become a description, and the request schemas that use it stay as they were.)
@closed
class GradientsOut(TypedDict):
    weights: Annotated[list[Matrix], Field(description="weights[l-1] is dC/dW^l")]
    biases: Annotated[list[Vector], Field(description="biases[l-1] is dC/db^l")]


def learner_error(field: str, message: str, **ctx: Any) -> PydanticCustomError:
    """A rule broken across fields: `field` is where it points, relative to the model."""
    return PydanticCustomError("learner", message, {"field": field, **ctx})


def check_limit(name: str, what: str, value: int, field: str) -> None:
    """Refuse `value` over the setting `name`, e.g. "steps is 30,000, over the limit of 20,000 (BACKPROP_MAX_TRAIN_STEPS)"."""
    limit = getattr(get_settings(), name)
    if value > limit:
        raise learner_error(field, f"{what} is {value:,}, over the limit of {limit:,} ({env_name(name)})", limit=name)


def nodes(n: int) -> str:
    return f"{n} node" if n == 1 else f"{n} nodes"


def values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def shape(m: list[list]) -> str:
    if not m:
        return "0×0"
    cols = sorted({len(r) for r in m})
    return f"{len(m)}×{cols[0]}" if len(cols) == 1 else f"{len(m)}×(ragged: rows of {', '.join(map(str, cols))})"


def _mismatches(s: list[int], weights: list | None, biases: list | None) -> Iterator[tuple[str, str]]:
    """(field, message) for each way weights and biases miss the layer sizes s, weights first; None is not given."""
    L = len(s) - 1
    for name, arrays, kind, symbol in (("weights", weights, "matrices", "W^l"), ("biases", biases, "vectors", "b^l")):
        if arrays is None:
            continue
        if len(arrays) != L:
            yield name, (f"{name} has {len(arrays)} {kind} but the network has {L} layers after the input: "
                         f"expected {L} ({name}[l-1] is {symbol})")
            continue
        for l, a in enumerate(arrays, start=1):
            where = f"{name}[{l - 1}]"
            if name == "weights" and (len(a) != s[l] or any(len(row) != s[l - 1] for row in a)):
                yield where, (f"{where} is {shape(a)}, but layer {l} has {nodes(s[l])} and layer {l - 1} has {s[l - 1]}: "
                              f"expected {s[l]}×{s[l - 1]}")
            elif name == "biases" and len(a) != s[l]:
                yield where, f"{where} has {values(len(a))}, but layer {l} has {nodes(s[l])}: expected {s[l]}"


def check_shapes(sizes: list[int], weights: list | None, biases: list | None, moment: str | None = None) -> None:
    """The shape rule, once: weights[l-1] is n_l × n_(l-1) and biases[l-1] has n_l values, for l = 1..L.

    A network's own weights and biases are refused at their first mismatch, named. An optimizer's
    moment (moment="optimizer_state.m") gets one message, whatever the mismatch: it came from another network.
    """
    mismatch = next(_mismatches(sizes, weights, biases), None)
    if mismatch is None:
        return
    if moment is None:
        raise learner_error(*mismatch)
    raise learner_error(
        moment,
        f"{moment} does not have the network's shape: it belongs to another network (leave optimizer_state out to start afresh)",
    )
