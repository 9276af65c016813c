"""POST /gradcheck and /cost-curve: checks of the gradients, run in the thread pool (plain def routes)."""
from fastapi import APIRouter

from .. import schemas as s
from .. import service
from .reply import ERRORS, reply

router = APIRouter()


@router.post("/gradcheck", response_model=s.GradcheckResponse, responses=ERRORS)
def gradcheck(req: s.GradcheckRequest):
    """Analytic gradients beside central finite differences (C(p+ε) − C(p−ε)) / 2ε."""
    return reply(service.gradcheck(req))


@router.post("/cost-curve", response_model=s.CostCurveResponse, responses=ERRORS)
def cost_curve(req: s.CostCurveRequest):
    """C as one weight W_ij^l (or bias b_i^l) moves around its value, with the slope dC/dW there."""
    return reply(service.cost_curve(req))
