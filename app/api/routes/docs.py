"""GET /docs: Swagger UI served from our own copy of swagger-ui-dist (no CDN, no inline script)."""
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .pages import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The OpenAPI documentation."""
    return templates.TemplateResponse(request, "docs.html", {})
