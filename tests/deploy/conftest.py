"""Deployment tests run real programs (dockerd, nginx, uvicorn). Without one they skip, except under CI=true."""
import os

import pytest


def need(ok, reason: str) -> None:
    """Skip when a program or privilege is missing; under CI=true that is a failure, never a skip."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true: this test must run")
    pytest.skip(reason)
