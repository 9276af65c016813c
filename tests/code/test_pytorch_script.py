"""The PyTorch script of every case, run by torch's own venv (`make torch-test`), prints what /backprop answers.

torch is no dependency of the app: the make target builds .venv-torch and names its python in
BACKPROP_TORCH_PYTHON; /backprop's answers come from this venv's app, through the TestClient.
"""
import os

import pytest

from tests.code.cases import CASES, assert_matches_backprop, run_script, script_and_answer

pytestmark = [pytest.mark.torch, pytest.mark.slow]
TORCH_PYTHON = os.environ.get("BACKPROP_TORCH_PYTHON")


@pytest.fixture
def torch_python() -> str:
    if not TORCH_PYTHON:
        pytest.skip("BACKPROP_TORCH_PYTHON is not set: run `make torch-test`, which builds .venv-torch and sets it")
    return TORCH_PYTHON


@pytest.mark.parametrize("name", CASES)
def test_the_script_prints_backprops_loss_and_gradients(client, tmp_path, torch_python, name):
    script, answer = script_and_answer(client, CASES[name], "pytorch")
    assert_matches_backprop(run_script(torch_python, script, tmp_path), answer)
