"""POST /exercises and /exercises/check: a problem to derive by hand, and a learner's answers checked."""
from fastapi import APIRouter

from .. import service
from ..schemas import exercises as x
from .reply import ERRORS, reply

router = APIRouter(prefix="/exercises", responses=ERRORS)


@router.post("", response_model=x.ExerciseResponse)
def exercise(req: x.ExerciseRequest):
    """A problem (yours, or a preset's with a seed) and its blanks, in the derivation's order."""
    return reply(service.exercise(req))


@router.post("/check", response_model=x.CheckResponse)
def check(req: x.CheckRequest):
    """Each answer right or wrong, the common mistake it matches, a hint, and follow-through credit."""
    return reply(service.check_answers(req))
