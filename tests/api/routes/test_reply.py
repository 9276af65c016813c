"""How the routes answer: strict JSON, never NaN or Infinity."""

import pytest

from tests.conftest import strict_json


def test_strict_json_response_never_sends_nan():
    from app.api.errors import ComputeError
    from app.api.routes.reply import reply

    values = [0.1, 1e308, -2.5e-300, 1 / 3, 5e-324]
    assert strict_json(reply({"x": values}).body) == {"x": values}  # every float round-trips exactly
    assert reply({"message": "NaN is not a number; Infinity neither"}).body.startswith(b'{"message"')
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ComputeError):
            reply({"x": [1.0, bad]})
