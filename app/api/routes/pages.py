"""GET /: the page, rendered from templates/index.html; GET /embed: the same page laid out for an iframe;
GET /worksheet: the printable derivation."""
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import ROOT

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=ROOT / "templates")


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    """The page."""
    return templates.TemplateResponse(request, "index.html", {})


@router.get("/embed", response_class=HTMLResponse)
def embed(request: Request):
    """The page for an iframe: the graph, one panel, a compact header (framed only from BACKPROP_FRAME_ANCESTORS)."""
    return templates.TemplateResponse(request, "index.html", {"embed": True})


@router.get("/worksheet", response_class=HTMLResponse)
def worksheet(request: Request):
    """The worksheet: a network's whole derivation, printable, with its answer key (?key=1)."""
    return templates.TemplateResponse(request, "worksheet.html", {})
