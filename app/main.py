"""create_app(): the FastAPI app with its middleware, static files and routers, and the process-wide settings."""
import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from app.api import errors
from app.api.routes import API_PREFIX, api, docs, lanes, pages
from app.api.routes.body import Lane
from app.api.schemas import HealthResponse
from app.memory import freeze_startup_objects, keep_freed_memory
from app.middleware import BodyLimit, BodyTooLarge, SecurityHeaders, on_body_too_large
from app.settings import ROOT, get_settings

DESCRIPTION = """
Forward and backward passes of small fully-connected networks, as JSON.

Notation: layers l = 0..L (layer 0 is the input); `z^l = W^l a^(l-1) + b^l`, `a^l = σ(z^l)`;
`W^l` is n_l × n_(l-1) and `weights[l-1]` is W^l. Per-layer arrays are batch first (B × n_l).
Errors answer `{"detail": "...", "errors": [{"field", "message"}]}`.
"""


def create_app() -> FastAPI:
    settings = get_settings()
    keep_freed_memory()  # malloc's thresholds hold for the whole process: set here, never on import
    logging.getLogger("backprop").setLevel(settings.log_level.upper())
    if not settings.access_log:  # as uvicorn's --no-access-log: a logger without handlers is not called
        access = logging.getLogger("uvicorn.access")
        access.handlers, access.propagate = [], False
    app = FastAPI(
        title="backprop-viz",
        version="1.0.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        # FastAPI's own OpenTelemetry off: the app sends no traces or metrics, and otherwise every request would first
        # look up the global providers (9 µs, a hundredth of a live-training frame's server time). nginx logs requests.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    errors.install(app)
    app.add_exception_handler(BodyTooLarge, on_body_too_large)
    for router in api:
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.include_router(docs.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> HealthResponse:
        """Liveness and readiness: 200 when the app can answer."""
        return {"status": "ok"}

    app.mount("/static", StaticFiles(directory=ROOT / "static"), name="static")
    app.add_middleware(Lane, routes=lanes)  # the innermost: behind the limits, headers and compression below
    if settings.gzip:
        # level 1: a 400 KB response compresses in 3 ms instead of 34 ms at the default 9, for 7% more bytes
        app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["content-type"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, embed_ancestors=settings.frame_ancestors)
    freeze_startup_objects()  # last: the app built, what lives as long as the process is out of the collector's way
    return app
