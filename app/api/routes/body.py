"""A route that reads its JSON body in one pass: the bytes validated into the request model by pydantic-core.

FastAPI parses a body with json.loads, then validates the Python objects it made: for a large body
(a training frame's samples) that is most of the request's time. OnePassBody validates the bytes
themselves (Model.model_validate_json). A body it does not accept goes on to FastAPI's own handler,
which reads it again and refuses it as every route does: the same 422 (or 413), word for word, and
the same documented request body, since the endpoint's signature is the usual one.
"""
import inspect
from typing import get_type_hints

from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request


def is_json(content_type: str | None) -> bool:
    """application/json or application/…+json: a body FastAPI would parse as JSON (it then decides the rest)."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class OnePassBody(APIRoute):
    """For an endpoint whose one parameter is its request model and which returns a Response (reply()).
    A plain def endpoint runs in the thread pool, as FastAPI runs it; an async one on the event loop."""

    def get_route_handler(self):
        fastapi_handler = super().get_route_handler()
        endpoint = self.endpoint
        (model,) = [t for name, t in get_type_hints(endpoint).items() if name != "return"]
        on_loop = inspect.iscoroutinefunction(endpoint)

        async def handler(request: Request):
            if is_json(request.headers.get("content-type")):
                try:
                    req = model.model_validate_json(await request.body())
                except ValidationError:
                    pass  # refused below, by FastAPI's path, in the words of every other route
                else:
                    return await endpoint(req) if on_loop else await run_in_threadpool(endpoint, req)
            return await fastapi_handler(request)

        return handler
