"""Every error as JSON a learner can read: {"detail": "...", "errors": [{"field", "message"}]}.

FastAPI's own 422 handler echoes the offending input, and fails with a 500 when
that input holds NaN; this one never echoes input.
"""
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from .schemas import UNION_TAGS, ErrorItem, ErrorResponse

log = logging.getLogger("backprop")


class ComputeError(Exception):
    """A request that is well formed but whose numbers overflow: a 422 naming the quantity."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message

    def __reduce__(self):  # raised in the heavy requests' process, it comes back pickled
        return ComputeError, (self.field, self.message)


class Unavailable(Exception):
    """Something the server needs is not installed (a real dataset's file before `make assets`): a 503."""


def field_name(loc) -> str:
    out = ""
    for part in loc:
        if part in ("body", "query", "path") and not out:
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in UNION_TAGS or str(part).startswith(("function-", "list[")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _phrase(e: dict) -> str:
    """Pydantic's error as the end of a sentence that starts with the field's name."""
    t, ctx = e["type"], e.get("ctx") or {}
    if t == "missing":
        return "is required"
    if t == "extra_forbidden":
        return "is not a field this endpoint knows (check its spelling)"
    if t in ("float_type", "float_parsing"):
        return "must be a number"
    if t == "finite_number":
        return "must be a finite number: NaN and Infinity are not allowed"
    if t in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number"
    if t == "bool_type" or t == "bool_parsing":
        return "must be true or false"
    if t == "list_type":
        return "must be a list"
    if t in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a JSON object"
    if t == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if t == "string_type":
        return "must be a string"
    if t == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if t == "too_long":
        return f"takes at most {ctx.get('max_length')} item(s)"
    if t in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        word = {"greater_than": "greater than", "greater_than_equal": "at least",
                "less_than": "less than", "less_than_equal": "at most"}[t]
        limit = next(iter(ctx.values()), "")
        return f"must be {word} {limit}"
    if t == "json_invalid":
        return f"is not valid JSON ({ctx.get('error', 'syntax error')})"
    if t == "union_tag_invalid" or t == "union_tag_not_found":
        return "must be a list of numbers, or a list of lists of numbers"
    return e.get("msg", "is not valid").rstrip(".").replace("Input should", "should")


def describe(errors) -> list[ErrorItem]:
    items: list[ErrorItem] = []
    for e in errors:
        loc = list(e.get("loc", ()))
        ctx = e.get("ctx") or {}
        if e["type"] == "learner":
            field = field_name(loc + ctx["field"].replace("[", ".[").split("."))
            field = field.replace(".[", "[")
            message = str(e["msg"])
        elif e["type"] == "json_invalid":
            field, message = "body", f"the request body {_phrase(e)}"
        elif loc in (["body"], []) and e["type"] in ("missing", "model_attributes_type", "dict_type", "model_type"):
            field, message = "body", "the request body must be a JSON object"
        else:
            field = field_name(loc) or "body"
            message = f"{field} {_phrase(e)}"
        items.append({"field": field, "message": message})
    return items


def error_body(items: list[ErrorItem]) -> ErrorResponse:
    return {"detail": items[0]["message"] if items else "invalid request", "errors": items}


async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    items = describe(exc.errors())
    return JSONResponse(error_body(items), status_code=422)


async def on_compute_error(request: Request, exc: ComputeError) -> JSONResponse:
    return JSONResponse(error_body([{"field": exc.field, "message": exc.message}]), status_code=422)


async def on_unavailable(request: Request, exc: Unavailable) -> JSONResponse:
    return JSONResponse({"detail": str(exc), "errors": []}, status_code=503)


def unreadable(cause: BaseException) -> str:
    """Why Python's JSON parser gave up on a body, in words (never echoing the body)."""
    if isinstance(cause, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(cause, RecursionError):
        return "its arrays or objects are nested too deeply"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "it holds a number with too many digits"
    return "it could not be read"


async def on_http_error(request: Request, exc: HTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 400 and exc.__cause__ is not None:  # FastAPI could not parse the body at all
        item = {"field": "body", "message": f"the request body cannot be read as JSON: {unreadable(exc.__cause__)}"}
        return JSONResponse(error_body([item]), status_code=422)
    if exc.status_code == 404:
        detail = f"there is nothing at {request.url.path}: the API lives under /api/v1 (see /docs)"
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    return JSONResponse({"detail": detail, "errors": []}, status_code=exc.status_code, headers=exc.headers)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    return JSONResponse({"detail": "internal error: this is a bug, please report it", "errors": []}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(ComputeError, on_compute_error)
    app.add_exception_handler(Unavailable, on_unavailable)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
