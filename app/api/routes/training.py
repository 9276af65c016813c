"""POST /train: its body read in one pass (a live-training frame sends a few hundred samples a frame)."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .body import OnePassBody
from .reply import ERRORS, answer, place

router = APIRouter(route_class=OnePassBody)

# Work (TrainRequest.work) up to which training runs on the event loop: about 5 ms of CPU, the interpreter's
# switch interval, as long as the loop would wait for the GIL anyway while a pool thread trained. A frame of
# the page's defaults is about 7 million (bench/train.py: the hop cost it a tenth of a millisecond or two).
# From about 50 ms, one at a time (routes/reply.py says why).
INLINE_WORK, HEAVY_WORK = 25_000_000, 250_000_000


@router.post("/train", response_model=s.TrainResponse, responses=ERRORS)
async def train(req: s.TrainRequest):
    """Gradient descent for a number of steps; stops and says so if the values overflow."""
    return await answer(service.train, req, place(req.work, INLINE_WORK, HEAVY_WORK))
