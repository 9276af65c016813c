"""POST /derivation: the whole worked derivation of a small network, as markdown, LaTeX or JSON."""
from fastapi import APIRouter
from fastapi.responses import Response

from ..schemas.derivation import DerivationRequest, DerivationResponse
from ..service import derivation as service
from ..service import documents
from .reply import ERRORS, reply

router = APIRouter()

MEDIA = {"markdown": "text/markdown; charset=utf-8", "latex": "application/x-latex; charset=utf-8"}
TEXT = {"schema": {"type": "string"}}
RESPONSES = {**ERRORS, 200: {"description": "The derivation: JSON, or the document as text",
                             "content": {"text/markdown": TEXT, "application/x-latex": TEXT}}}


@router.post("/derivation", response_model=DerivationResponse, responses=RESPONSES)
def derivation(req: DerivationRequest):
    """Every step of the forward and backward passes and the Jacobian chain, with the numbers substituted."""
    doc = service.derivation(req)
    if req.format == "json":
        return reply(doc)
    return Response(getattr(documents, req.format)(doc), media_type=MEDIA[req.format])
