"""POST /gradcheck and /cost-curve: checks of the gradients; small ones on the event loop, the rest in the thread pool."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .reply import ERRORS, answer, place

router = APIRouter()

# Their work (max_eval_work's units) up to about 5 ms of CPU runs on the event loop (the page's curve
# of 41 points on a small network is about 1 ms); from about 50 ms, one at a time (routes/reply.py).
INLINE_WORK, HEAVY_WORK = 60_000_000, 600_000_000


@router.post("/gradcheck", response_model=s.GradcheckResponse, responses=ERRORS)
async def gradcheck(req: s.GradcheckRequest):
    """Analytic gradients beside central finite differences (C(p+ε) − C(p−ε)) / 2ε."""
    return await answer(service.gradcheck, req, place(req.work, INLINE_WORK, HEAVY_WORK))


@router.post("/cost-curve", response_model=s.CostCurveResponse, responses=ERRORS)
async def cost_curve(req: s.CostCurveRequest):
    """C as one weight W_ij^l (or bias b_i^l) moves around its value, with the slope dC/dW there."""
    return await answer(service.cost_curve, req, place(req.work, INLINE_WORK, HEAVY_WORK))
