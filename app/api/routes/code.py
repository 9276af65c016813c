"""POST /code: a Python script to take away, in numpy or PyTorch, that prints what /backprop answers."""
from fastapi import APIRouter
from fastapi.responses import Response

from .. import schemas as s
from .. import service
from .reply import ERRORS

router = APIRouter()


class PythonScript(Response):
    media_type = "text/x-python"  # Starlette adds "; charset=utf-8"


# FastAPI documents a response's model under the route's media type; the errors are JSON all the same.
JSON_ERRORS = {
    status: {"description": e["description"],
             "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{s.ErrorResponse.__name__}"}}}}
    for status, e in ERRORS.items()
}
SCRIPT = {
    "description": 'A self-contained Python script; run, it prints {"C": …, "dC_dW": […], "dC_db": […]} as one JSON object',
    "content": {"text/x-python": {"schema": {"type": "string"}}},
}


@router.post("/code", response_class=PythonScript, responses={200: SCRIPT, **JSON_ERRORS})
def code(req: s.CodeRequest) -> PythonScript:
    """A script that rebuilds the network, runs both passes and prints C, dC/dW and dC/db as /backprop's loss and gradients."""
    return PythonScript(service.script(req))
