"""Shared fixtures: the app's TestClient, and strict JSON parsing (NaN/Infinity refused)."""
import json
import os

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings

from app.main import create_app
from app.settings import get_settings

# In CI hypothesis runs a fixed sequence of examples: a red run can be replayed, and a green one is
# not luck. Locally it keeps exploring new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def _refuse(token: str):
    raise ValueError(f"response holds {token}, which is not JSON")


def strict_json(text: str):
    """Parse as strict JSON: the constants NaN, Infinity and -Infinity are errors."""
    return json.loads(text, parse_constant=_refuse)


@pytest.fixture
def client():
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def settings(monkeypatch):
    """Set BACKPROP_* variables for one test: settings(max_nodes=4); get_settings() reads them afresh."""

    def set_env(**values):
        for k, v in values.items():
            monkeypatch.setenv("BACKPROP_" + k.upper(), str(v))
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()


@pytest.fixture
def limits(settings):
    """Set BACKPROP_* limits for one test: limits(max_nodes=4) -> a fresh client."""

    def set_limits(**values):
        settings(**values)
        return TestClient(create_app())

    return set_limits
