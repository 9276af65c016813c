"""How the API routes answer: strict JSON encoded by pydantic-core, and the error answers they declare."""
import asyncio
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pydantic_core
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from app.memory import keep_freed_memory

from .. import schemas as s
from ..errors import ComputeError

ERRORS = {
    413: {"model": s.ErrorResponse, "description": "The request body is over the size limit"},
    422: {"model": s.ErrorResponse, "description": "The request is malformed, over a limit, or overflows"},
}


class StrictJSONResponse(Response):
    """JSON with finite numbers only: NaN or Infinity is refused, never sent."""

    media_type = "application/json"

    def render(self, content) -> bytes:
        # pydantic-core writes the same bytes as json.dumps, about 8 times faster (its floats are the
        # shortest round-trip form too). It writes NaN and Infinity as such; the service has already
        # refused them, and if one slipped through, json.dumps decides and raises.
        body = pydantic_core.to_json(content)
        if b"NaN" in body or b"Infinity" in body:
            json.dumps(content, allow_nan=False)
        return body


def reply(content: dict) -> StrictJSONResponse:
    """The service's answer as it is (no response_model validation: the service builds the documented types)."""
    try:
        return StrictJSONResponse(content)
    except ValueError:
        raise ComputeError(
            "body", "a result overflowed (it is too large to represent): try smaller numbers"
        ) from None


# Where a request is computed. On the event loop: small work, cheaper than the thread-pool hop and the GIL
# hand-over. In the thread pool: the loop stays free for other requests meanwhile. One at a time, in a
# process of its own: work of more than about 50 ms of CPU, which holds the GIL for most of it. In a pool
# thread it shares this process's GIL with the loop, which then waits for it (and for the thread to be
# scheduled again on a busy machine) before each light request; side by side, such requests finish no
# sooner either. bench/load.py measures light requests' p99 beside four of the heaviest allowed.
ON_LOOP, IN_POOL, ONE_AT_A_TIME = "on the loop", "in the pool", "one at a time"
_heavy: ProcessPoolExecutor | None = None
HEAVY_NICENESS = 10  # when the cores are busy, the light requests' process runs first (a tenth of the share)


def place(work: int, on_loop: int, one_at_a_time: int) -> str:
    """Where a request of this work goes, given the route's thresholds (in the same units)."""
    return ON_LOOP if work <= on_loop else IN_POOL if work < one_at_a_time else ONE_AT_A_TIME


def _heavy_setup() -> None:
    keep_freed_memory()
    os.nice(HEAVY_NICENESS)


def heavy_process() -> ProcessPoolExecutor:
    """The process heavy requests are computed in, one at a time: started at the first (spawned, as this process has
    threads), with the malloc thresholds create_app() sets here and a lower priority, and ended when this one exits."""
    global _heavy
    if _heavy is None:
        _heavy = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_heavy_setup)
    return _heavy


def rendered(compute, req) -> bytes:
    """compute(req)'s answer as the JSON reply() sends (run in the heavy process: only bytes come back)."""
    return reply(compute(req)).body


async def answer(compute, req, where: str) -> Response:
    """compute(req)'s reply, computed where `where` says."""
    if where == ON_LOOP:
        return reply(compute(req))
    if where == IN_POOL:
        return await run_in_threadpool(lambda: reply(compute(req)))
    body = await asyncio.get_running_loop().run_in_executor(heavy_process(), rendered, compute, req)
    return Response(body, media_type=StrictJSONResponse.media_type)
