"""ASGI middleware: the body-size limit (before any parsing) and security headers."""
import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.settings import env_name

EMBED_PATH = "/embed"  # the one page another site may frame, and only from BACKPROP_FRAME_ANCESTORS


def security_headers(frame_ancestors: str = "'none'") -> list[tuple[bytes, bytes]]:
    """The headers of every response. X-Frame-Options goes with 'none' only: browsers that know both obey
    its DENY over a CSP that lets an ancestor in."""
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        f"form-action 'self'; frame-ancestors {frame_ancestors}"
    )
    headers = [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    return headers + [(b"x-frame-options", b"DENY")] if frame_ancestors == "'none'" else headers


def route_path(scope: Scope) -> str:
    """The path the app's routes match: scope's path without the root path it is served under."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root + "/") else path


SECURITY_HEADERS = security_headers()
NAMES = frozenset(k for k, _ in SECURITY_HEADERS)


class BodyTooLarge(HTTPException):
    """A streamed body went past the limit. An HTTPException, because FastAPI lets those out of its body
    parsing (any other exception there becomes a 400); create_app() gives it a handler of its own."""

    def __init__(self, max_bytes: int):
        super().__init__(413)
        self.max_bytes = max_bytes


def too_large(max_bytes: int, length: int | None = None) -> dict:
    size = f"{length:,} bytes" if length is not None else "over the limit"
    return {
        "detail": f"the request body is {size}; the limit is {max_bytes:,} bytes ({env_name('max_body_bytes')})",
        "errors": [{"field": "body", "message": "too large"}],
    }


async def on_body_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
    return JSONResponse(too_large(exc.max_bytes), status_code=413)


class BodyLimit:
    """413 for a body over the limit, from Content-Length or while a chunked body streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = Headers(scope=scope).get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            return await self._refuse(send, int(length))
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except BodyTooLarge:  # read by something other than a FastAPI route
            if not started:
                await self._refuse(send, None)

    async def _refuse(self, send: Send, length: int | None) -> None:
        body = json.dumps(too_large(self.max_bytes, length)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                + SECURITY_HEADERS,
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """The security headers on every response; /embed's frame-ancestors are `embed_ancestors` (origins) when
    there are any, else 'none' like everything else."""

    def __init__(self, app: ASGIApp, embed_ancestors: list[str] = ()):
        self.app = app
        self.embed = security_headers(" ".join(embed_ancestors)) if embed_ancestors else SECURITY_HEADERS
        self.embed_names = frozenset(k for k, _ in self.embed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        chosen = self.embed if route_path(scope) == EMBED_PATH else SECURITY_HEADERS

        names = self.embed_names if chosen is self.embed else NAMES

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":  # ours replace any of the same name (raw: a frame's every answer)
                message["headers"] = [h for h in message.get("headers", ()) if bytes(h[0]).lower() not in names] + chosen
            await send(message)

        await self.app(scope, receive, with_headers)
