"""The schemas' tests read a request's refusal as the 422 answer would list it, without HTTP."""
import pytest
from pydantic import ValidationError

from app.api.errors import describe


@pytest.fixture
def refusal():
    """refusal(Model, data) -> [(field, message)], as the 422 answer would list them (fields relative to the model)."""

    def refuse(model, data):
        with pytest.raises(ValidationError) as caught:
            model.model_validate(data)
        return [(item["field"], item["message"]) for item in describe(caught.value.errors())]

    return refuse
