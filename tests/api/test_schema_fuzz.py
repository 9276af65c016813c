"""schemathesis against the app's own OpenAPI schema: no 500, every answer as declared, bad input refused.

`make test` runs 25 cases per endpoint; `make fuzz` runs FUZZ_EXAMPLES (500 by default) per endpoint.
positive_data_acceptance is left out: it expects every schema-valid body to be accepted, and our
cross-field rules (weights shaped by the layer sizes, targets by the output layer) are not JSON Schema.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.main import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)


def check(case) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@schema.parametrize()
@settings(max_examples=25, **FUZZ)
def test_api_answers_as_its_schema_says(case):
    check(case)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "500")), **FUZZ)
def test_api_answers_as_its_schema_says_long(case):
    check(case)
