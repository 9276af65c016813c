"""The product's app plus one no-op route, for bench/api.py only: what any request costs here.

uvicorn loads it with ``--factory bench.noop_app:create_app``; the product never does.
"""
from fastapi import FastAPI
from fastapi.responses import Response

from app.main import create_app as create_product_app

NOOP_PATH = "/bench/noop"
NOOP_ASYNC_PATH = "/bench/noop-async"


def create_app() -> FastAPI:
    app = create_product_app()

    @app.post(NOOP_PATH, include_in_schema=False)
    def noop() -> Response:
        """A plain def route, FastAPI's usual kind (a thread-pool hop), that ignores the body."""
        return Response(b"{}", media_type="application/json")

    @app.post(NOOP_ASYNC_PATH, include_in_schema=False)
    async def noop_async() -> Response:
        """The cheapest request FastAPI serves: no thread-pool hop at all."""
        return Response(b"{}", media_type="application/json")

    return app
