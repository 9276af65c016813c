"""The routes, one module per area. `api` gathers the REST API under /api/v1; pages and docs serve HTML."""
from fastapi import APIRouter

from . import checks, code, data, derivation, exercises, passes, training

api = APIRouter(prefix="/api/v1")
for area in (passes, checks, training, data, exercises, code, derivation):
    api.include_router(area.router)
