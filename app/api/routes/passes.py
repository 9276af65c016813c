"""POST /forward and /backprop. Small passes run on the event loop, larger ones in the thread pool."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .reply import ERRORS, answer, place

router = APIRouter()

# Parameters × samples below which a pass runs on the event loop: it then takes well under a
# tenth of a millisecond, less than the thread-pool hop and the GIL hand-over it would cost
# (bench/api.py: +70% throughput and a fifth of the p99 for [2,8,8,1]). Larger passes, and every
# gradient check and cost curve, and training runs of more than a few milliseconds, go to the thread pool;
# above HEAVY_WORK (about 50 ms: the answer's lists and JSON take most of it), one at a time.
INLINE_WORK, HEAVY_WORK = 20_000, 3_000_000


def where(req: s.ForwardRequest) -> str:
    return place(req.network.parameter_count * len(req.input), INLINE_WORK, HEAVY_WORK)


@router.post("/forward", response_model=s.ForwardResponse, responses=ERRORS)
async def forward(req: s.ForwardRequest):
    """The forward pass: z^l = W^l a^(l-1) + b^l and a^l = σ(z^l) for every layer."""
    return await answer(service.forward, req, where(req))


@router.post("/backprop", response_model=s.BackpropResponse, responses=ERRORS)
async def backprop(req: s.BackpropRequest):
    """The forward and backward passes: every z, a, dC/da, dC/dz, and dC/dW, dC/db for every weight and bias."""
    return await answer(service.backprop, req, where(req))
