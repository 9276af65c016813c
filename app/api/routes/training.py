"""POST /train."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .reply import ERRORS, reply

router = APIRouter()


@router.post("/train", response_model=s.TrainResponse, responses=ERRORS)
def train(req: s.TrainRequest):
    """Gradient descent for a number of steps; stops and says so if the values overflow."""
    return reply(service.train(req))
