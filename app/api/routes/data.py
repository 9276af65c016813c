"""GET /datasets/{name} and /meta."""
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from .. import schemas as s
from .. import service
from .reply import ERRORS, reply

router = APIRouter()


def dataset_request(
    name: Annotated[s.DatasetName, Path(description="xor, circle, spiral, gaussians (2-D classes) or sine (1-D regression)")],
    query: Annotated[s.DatasetQuery, Query()],
) -> s.DatasetRequest:
    """The name and the query as one request. FastAPI calls this only once each is valid alone, so a
    rule joining them (DatasetRequest's) is never reported beside an error of either."""
    try:
        return s.DatasetRequest(name=name, **query.model_dump())
    except ValidationError as e:
        raise RequestValidationError(e.errors()) from None


@router.get("/datasets/{name}", response_model=s.DatasetResponse, responses={422: ERRORS[422]})
def dataset(req: Annotated[s.DatasetRequest, Depends(dataset_request)]):
    """A toy dataset: {"input": N × d, "target": N × k}."""
    return reply(service.dataset(req))


@router.get("/meta", response_model=s.MetaResponse)
def meta():
    """The activations, losses, optimizers, datasets and size limits in force."""
    return reply(service.meta())
