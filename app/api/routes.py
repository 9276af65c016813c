"""The REST API under /api/v1: thin endpoints that call the service."""
import json

import pydantic_core
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from app.engine.activations import ACTIVATIONS
from app.engine.datasets import DATASETS, MULTICLASS
from app.engine.training import OPTIMIZERS
from app.settings import env_name, get_settings

from . import schemas as s
from . import service
from .errors import ComputeError

router = APIRouter(prefix="/api/v1")

ERRORS = {
    413: {"model": s.ErrorResponse, "description": "The request body is over the size limit"},
    422: {"model": s.ErrorResponse, "description": "The request is malformed, over a limit, or overflows"},
}


class StrictJSONResponse(Response):
    """JSON with finite numbers only: NaN or Infinity is refused, never sent."""

    media_type = "application/json"

    def render(self, content) -> bytes:
        # pydantic-core writes the same bytes as json.dumps, about 8 times faster (its floats are the
        # shortest round-trip form too). It writes NaN and Infinity as such; the service has already
        # refused them, and if one slipped through, json.dumps decides and raises.
        body = pydantic_core.to_json(content)
        if b"NaN" in body or b"Infinity" in body:
            json.dumps(content, allow_nan=False)
        return body


def reply(content: dict) -> StrictJSONResponse:
    try:
        return StrictJSONResponse(content)
    except ValueError:
        raise ComputeError(
            "body", "a result overflowed (it is too large to represent): try smaller numbers"
        ) from None


# Parameters × samples below which a pass runs on the event loop: it then takes well under a
# tenth of a millisecond, less than the thread-pool hop and the GIL hand-over it would cost
# (bench/api.py: +70% throughput and a fifth of the p99 for [2,8,8,1]). Larger passes, and every
# gradient check, cost curve and training run, go to the thread pool as plain def routes do.
INLINE_WORK = 20_000


async def run(compute, req):
    if req.network.parameter_count * len(req.input) <= INLINE_WORK:
        return reply(compute(req))
    return await run_in_threadpool(lambda: reply(compute(req)))


@router.post("/forward", response_model=s.ForwardResponse, responses=ERRORS)
async def forward(req: s.ForwardRequest):
    """The forward pass: z^l = W^l a^(l-1) + b^l and a^l = σ(z^l) for every layer."""
    return await run(service.forward, req)


@router.post("/backprop", response_model=s.BackpropResponse, responses=ERRORS)
async def backprop(req: s.BackpropRequest):
    """The forward and backward passes: every z, a, dC/da, dC/dz, and dC/dW, dC/db for every weight and bias."""
    return await run(service.backprop, req)


@router.post("/gradcheck", response_model=s.GradcheckResponse, responses=ERRORS)
def gradcheck(req: s.GradcheckRequest):
    """Analytic gradients beside central finite differences (C(p+ε) − C(p−ε)) / 2ε."""
    return reply(service.gradcheck(req))


@router.post("/cost-curve", response_model=s.CostCurveResponse, responses=ERRORS)
def cost_curve(req: s.CostCurveRequest):
    """C as one weight W_ij^l (or bias b_i^l) moves around its value, with the slope dC/dW there."""
    return reply(service.cost_curve(req))


@router.post("/train", response_model=s.TrainResponse, responses=ERRORS)
def train(req: s.TrainRequest):
    """Gradient descent for a number of steps; stops and says so if the values overflow."""
    return reply(service.train(req))


@router.get("/datasets/{name}", response_model=s.DatasetResponse, responses={422: ERRORS[422]})
def dataset(
    name: s.DatasetName = Path(description="xor, circle, spiral, gaussians (2-D classes) or sine (1-D regression)"),
    samples: int = Query(200, ge=1, description="the number of samples"),
    noise: float = Query(0.1, ge=0, le=10, allow_inf_nan=False, description="the spread added to each point"),
    seed: int = Query(0, ge=0, le=2**32 - 1),
    classes: int = Query(2, ge=2, le=10, description="classes for spiral and gaussians; more than 2 gives one-hot targets"),
):
    """A toy dataset: {"input": N × d, "target": N × k}."""
    limit = get_settings().max_samples
    if samples > limit:
        raise ComputeError("samples", f"samples is {samples:,}, over the limit of {limit:,} ({env_name('max_samples')})")
    if classes != 2 and name not in MULTICLASS:
        raise ComputeError("classes", f"{name} has two classes; only {' and '.join(sorted(MULTICLASS))} take more")
    return reply(service.dataset(name, samples, noise, seed, classes))


@router.get("/meta")
def meta() -> dict:
    """The activations, losses, optimizers, datasets and size limits in force."""
    return {
        "activations": list(ACTIVATIONS),
        "output_only_activations": [n for n, a in ACTIVATIONS.items() if a.output_only],
        "losses": service.losses_meta(),
        "optimizers": list(OPTIMIZERS),
        "datasets": {n: {"multiclass": n in MULTICLASS} for n in DATASETS},
        "limits": get_settings().limits(),
    }
