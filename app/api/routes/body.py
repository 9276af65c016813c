"""A route that reads its JSON body in one pass: the bytes validated into the request model by pydantic-core.

FastAPI parses a body with json.loads, then validates the Python objects it made: for a large body
(a training frame's samples) that is most of the request's time. OnePassBody validates the bytes
themselves (Model.model_validate_json). A body it does not accept goes on to FastAPI's own handler,
which reads it again and refuses it as every route does: the same 422 (or 413), word for word, and
the same documented request body, since the endpoint's signature is the usual one. A /train body that
names kept samples by data_key is read by the model's `keyed` class instead (read_keyed).
"""
import inspect
from typing import get_type_hints

import pydantic_core
from fastapi.exceptions import RequestValidationError
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


def read_keyed(keyed, raw: bytes):
    """A body that names kept samples by data_key, read by the model's `keyed` class (schemas: KeyedTrainRequest)
    from the parsed JSON, whose rule puts the samples in. Its refusal is raised as FastAPI's own (the same 422
    words as any route's); None when the body is not JSON at all (FastAPI's path refuses it)."""
    try:
        data = pydantic_core.from_json(raw)
    except ValueError:
        return None
    try:
        return keyed.model_validate(data)
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors()], body=data) from None


class OnePassBody(APIRoute):
    """For an endpoint whose one parameter is its request model and which returns a Response (reply()).
    A plain def endpoint runs in the thread pool, as FastAPI runs it; an async one on the event loop."""

    def get_route_handler(self):
        fastapi_handler = super().get_route_handler()
        endpoint = self.endpoint
        (model,) = [t for name, t in get_type_hints(endpoint).items() if name != "return"]
        on_loop = inspect.iscoroutinefunction(endpoint)

        keyed = getattr(model, "keyed", None)

        async def handler(request: Request):
            if is_json(request.headers.get("content-type")):
                raw = await request.body()
                if keyed is not None and b'"data_key"' in raw:
                    req = read_keyed(keyed, raw)
                    if req is not None:
                        return await endpoint(req) if on_loop else await run_in_threadpool(endpoint, req)
                try:
                    req = model.model_validate_json(raw)
                except ValidationError:
                    pass  # refused below, by FastAPI's path, in the words of every other route
                else:
                    return await endpoint(req) if on_loop else await run_in_threadpool(endpoint, req)
            return await fastapi_handler(request)

        return handler
