"""GET /: the page, rendered from templates/index.html."""
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import ROOT

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=ROOT / "templates")

# Every module main.js imports, preloaded so that the browser fetches them at once instead of
# discovering them one import level at a time.
MODULES = sorted(p.name for p in (ROOT / "static" / "js").glob("*.js") if p.name not in ("main.js", "docs.js"))


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    """The page."""
    return templates.TemplateResponse(request, "index.html", {"modules": MODULES})
