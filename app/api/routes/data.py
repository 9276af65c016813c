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
    name: Annotated[s.DatasetName, Path(description="xor, circle, spiral, gaussians (2-D classes), sine (1-D regression); "
                                                    "real data: iris, penguins (3 classes), cars (regression)")],
    query: Annotated[s.DatasetQuery, Query()],
) -> s.DatasetRequest:
    """The name and the query as one request. FastAPI calls this only once each is valid alone, so a
    rule joining them (DatasetRequest's) is never reported beside an error of either."""
    try:
        # only the parameters given: a real dataset refuses those that would change it (DatasetRequest)
        return s.DatasetRequest(name=name, **query.model_dump(exclude_unset=True))
    except ValidationError as e:
        raise RequestValidationError(e.errors()) from None


UNAVAILABLE = {503: {"model": s.ErrorResponse, "description": "A real dataset's file is not installed (run `make assets`)"}}


@router.get("/datasets/{name}", response_model=s.DatasetResponse, responses={422: ERRORS[422], **UNAVAILABLE})
def dataset(req: Annotated[s.DatasetRequest, Depends(dataset_request)]):
    """A toy dataset, {"input": N × d, "target": N × k}, or a real one with its columns, classes, source and licence."""
    return reply(service.dataset(req))


@router.get("/meta", response_model=s.MetaResponse)
def meta():
    """The activations, losses, optimizers, datasets and size limits in force."""
    return reply(service.meta())
