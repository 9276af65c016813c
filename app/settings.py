"""Limits and options, read once from the environment (prefix BACKPROP_)."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent  # the project: templates/, static/
# An origin as a browser writes it: scheme://host[:port], the host a DNS name, an IPv4 or a [IPv6] address.
# Nothing else may reach the CSP header: a path, a quote, a ; or a tab would change what it says.
ORIGIN = re.compile(r"https?://(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)"
                    r"(:(?P<port>[0-9]{1,5}))?", re.IGNORECASE)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKPROP_")

    # Size limits: networks small enough to look at, and work bounded per request.
    max_layers: int = Field(16, ge=2, description="layers, the input layer included")
    max_nodes: int = Field(256, ge=1, description="nodes in any one layer")
    max_parameters: int = Field(100_000, ge=1, description="weights and biases in a network")
    max_samples: int = Field(2_000, ge=1, description="samples in one request's input (or target)")
    max_train_steps: int = Field(20_000, ge=1, description="training steps in one request")
    # The two work limits are about a second of CPU on the reference machine (bench/limits.py);
    # app/api/schemas/requests.py counts the work.
    max_train_work: int = Field(
        5_000_000_000, ge=1, description="steps × (samples × (parameters + 100 × nodes) + 150,000 per layer) and the "
        "passes recorded steps and the trained network take, in one training request"
    )
    max_gradcheck_parameters: int = Field(5_000, ge=1, description="parameters a gradient check may perturb")
    max_eval_work: int = Field(
        8_000_000_000, ge=1, description="forward passes × (samples × (parameters + 100 × nodes) + 100,000 per layer) in "
        "one gradient check or cost curve"
    )
    max_answer_numbers: int = Field(
        2_000_000, ge=1, description="numbers in the per-sample arrays of one answer (z, a, dC/da, …, Jacobians)"
    )
    max_points: int = Field(10_000, ge=1, description="points in a prediction grid or a cost curve")
    max_body_bytes: int = Field(4 * 1024 * 1024, ge=1024, description="bytes in a request body")
    max_code_bytes: int = Field(2 * 1024 * 1024, ge=1024, description="bytes in a script of POST /code")
    # A derivation written out, or an exercise to do by hand, stops being readable beyond these.
    max_derivation_parameters: int = Field(64, ge=1, description="weights and biases in a derivation or an exercise")
    max_derivation_samples: int = Field(4, ge=1, description="samples in a derivation or an exercise")

    # Service
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins allowed to call the API from a browser, comma-separated"
    )
    frame_ancestors: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins whose pages may show /embed in an iframe, space-separated"
    )
    log_level: str = Field("info", description="uvicorn's log level")
    # Behind a proxy that compresses and logs each request (deploy/nginx.conf), the replicas need do neither:
    # docker-compose.yml turns both off. Compressing a training frame's answer cost the app a tenth of its CPU.
    gzip: bool = Field(True, description="compress answers over 1 KB for clients that accept gzip")
    access_log: bool = Field(True, description="uvicorn's line per request (at log level info)")
    workers: int = Field(1, ge=1, description="server processes (make run, the Docker image)")
    # The server applies it (uvicorn --root-path, in make run and the image): FastAPI's own is deprecated.
    root_path: str = Field("", description="path prefix when behind a proxy that strips it, e.g. /backprop")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split(cls, v):
        return [o.strip() for o in v.split(",") if o.strip()] if isinstance(v, str) else v

    @field_validator("frame_ancestors", mode="before")
    @classmethod
    def _origins(cls, v):
        origins = [o for o in v.strip().split(" ") if o] if isinstance(v, str) else v
        for o in origins:
            m = ORIGIN.fullmatch(o) if isinstance(o, str) else None
            if not m or (m["port"] and not 0 < int(m["port"]) < 65536):
                raise PydanticCustomError(
                    "origin",
                    "BACKPROP_FRAME_ANCESTORS: {origin} is not an origin; give each as scheme://host[:port], "
                    "e.g. https://school.example or http://127.0.0.1:8765 (no path, no trailing /, no quotes, "
                    "; or wildcards), separated by single spaces",
                    {"origin": repr(o)},
                )
        return origins

    def limits(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in LIMITS}


LIMITS = (
    "max_layers",
    "max_nodes",
    "max_parameters",
    "max_samples",
    "max_train_steps",
    "max_train_work",
    "max_gradcheck_parameters",
    "max_eval_work",
    "max_answer_numbers",
    "max_points",
    "max_body_bytes",
    "max_code_bytes",
    "max_derivation_parameters",
    "max_derivation_samples",
)


def env_name(limit: str) -> str:
    return "BACKPROP_" + limit.upper()


class SettingsError(SystemExit):
    """A BACKPROP_* variable the app cannot start with: the process exits with one line per variable."""


@lru_cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as e:
        def line(err: dict) -> str:
            name = env_name(str(err["loc"][0])) if err["loc"] else "BACKPROP_*"
            value = repr(err["input"]) if isinstance(err["input"], str) else "the value given"
            return f"  {name}={value[:80]}: {err['msg']}"
        raise SettingsError("backprop-viz cannot start, a setting is wrong:\n" + "\n".join(map(line, e.errors()))) from None
