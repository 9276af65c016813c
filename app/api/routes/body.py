"""Routes that read their JSON body in one pass: the bytes validated into the request model by pydantic-core.

FastAPI parses a body with json.loads, then validates the Python objects it made: for a large body
(a training frame's samples) that is most of the request's time. OnePassBody validates the bytes
themselves (Model.model_validate_json). A body it does not accept goes on to FastAPI's own handler,
which reads it again and refuses it as every route does: the same 422 (or 413), word for word, and
the same documented request body, since the endpoint's signature is the usual one. A /train body that
names kept samples by data_key is read by the model's `keyed` class instead (read_keyed).

Lane goes one step further for the POSTs a live-training class sends many times a second: it answers
them from their endpoint straight from ASGI, past FastAPI's routing and request machinery (a sixth of a
frame's server time). Anything it does not answer itself (a body refused, an error raised) goes on,
its body replayed, to the app behind, which answers as it answers every request.
"""
import inspect
from collections.abc import Awaitable, Callable
from typing import get_type_hints

import pydantic_core
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.middleware import route_path


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


class OnePass:
    """An endpoint whose one parameter is its request model and which returns a Response (reply()), read in one
    pass. A plain def endpoint runs in the thread pool, as FastAPI runs it; an async one on the event loop."""

    def __init__(self, endpoint: Callable):
        self.endpoint = endpoint
        (self.model,) = [t for name, t in get_type_hints(endpoint).items() if name != "return"]
        self.keyed: type[BaseModel] | None = getattr(self.model, "keyed", None)
        self.on_loop = inspect.iscoroutinefunction(endpoint)

    def read(self, raw: bytes) -> BaseModel | None:
        """The request in raw, or None when the model refuses it (FastAPI's path then refuses it in its words); a
        keyed body's refusal is raised as FastAPI's own."""
        if self.keyed is not None and b'"data_key"' in raw:
            req = read_keyed(self.keyed, raw)
            if req is not None:
                return req
        try:
            return self.model.model_validate_json(raw)
        except ValidationError:
            return None

    def answer(self, req: BaseModel) -> Awaitable[Response]:
        return self.endpoint(req) if self.on_loop else run_in_threadpool(self.endpoint, req)


class OnePassBody(APIRoute):
    """A route whose endpoint is read in one pass (OnePass)."""

    def get_route_handler(self):
        fastapi_handler = super().get_route_handler()
        one_pass = OnePass(self.endpoint)

        async def handler(request: Request):
            if is_json(request.headers.get("content-type")):
                req = one_pass.read(await request.body())
                if req is not None:
                    return await one_pass.answer(req)
            return await fastapi_handler(request)

        return handler


class Lane:
    """ASGI middleware, the innermost: POSTs to `routes` (path → a one-pass endpoint) answered by their endpoint
    straight away. Whatever it does not answer goes on to the app with the body it read: a body that is not JSON
    or that the model refuses, and any error the endpoint raises (the app computes that request again, and
    answers as it answers any request: a 422 that names the field, never a 500)."""

    def __init__(self, app: ASGIApp, routes: dict[str, Callable]):
        self.app = app
        self.routes = {path: OnePass(endpoint) for path, endpoint in routes.items()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        one_pass = scope["type"] == "http" and scope["method"] == "POST" and self.routes.get(route_path(scope))
        if not one_pass or not is_json(Headers(scope=scope).get("content-type")):
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client is gone
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        raw = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": raw, "more_body": False}

        try:
            req = one_pass.read(raw)
            response = None if req is None else await one_pass.answer(req)
        except Exception:  # noqa: BLE001 (the app behind raises it again and answers it as it answers every error)
            response = None
        await (self.app if response is None else response)(scope, replay, send)

