"""POST /train: its body read in one pass (a live-training frame sends a few hundred samples a frame)."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .body import OnePassBody
from .reply import ERRORS, reply

router = APIRouter(route_class=OnePassBody)


@router.post("/train", response_model=s.TrainResponse, responses=ERRORS)
def train(req: s.TrainRequest):
    """Gradient descent for a number of steps; stops and says so if the values overflow."""
    return reply(service.train(req))
