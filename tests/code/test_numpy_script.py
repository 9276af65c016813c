"""The numpy script of every case, run alone by the main venv's python, prints what /backprop answers."""
import ast
import re
import sys

import pytest

from tests.code.cases import CASES, assert_matches_backprop, run_script, script_and_answer


@pytest.mark.parametrize("name", CASES)
def test_the_script_prints_backprops_loss_and_gradients(client, tmp_path, name):
    script, answer = script_and_answer(client, CASES[name], "numpy")
    assert_matches_backprop(run_script(sys.executable, script, tmp_path), answer)


def imports(script: str) -> set[str]:
    tree = ast.parse(script)
    return {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }


@pytest.mark.parametrize("name", CASES)
def test_the_script_imports_only_json_and_numpy(client, name):
    script, _ = script_and_answer(client, CASES[name], "numpy")
    assert imports(script) == {"json", "numpy"}


def test_the_script_holds_the_network_backprop_answers_with_exactly_its_numbers(client):
    body = CASES["three hidden layers, 3 samples, seeded"]
    script, answer = script_and_answer(client, body, "numpy")
    names: dict = {}
    exec(script.split("\nW = [None]")[0], names)  # the header, the functions, the literals: nothing runs yet
    L = len(answer["network"]["weights"])
    assert [names[f"W{l}"] for l in range(1, L + 1)] == answer["network"]["weights"]  # == on floats: exact
    assert [names[f"b{l}"] for l in range(1, L + 1)] == answer["network"]["biases"]
    assert names["x"] == body["input"] and names["y"] == body["target"]


def test_the_script_writes_each_step_in_the_notation(client):
    script, _ = script_and_answer(client, CASES["the hand derivation (2-2-1 sigmoid, mse, 1 sample)"], "numpy")
    for step in ("z = W a + b", "a = σ(z)", "∂C/∂a^L = (2/n_L)(a^L − y)", "∂C/∂z^L = ∂C/∂a^L ⊙ σ'(z^L)",
                 "∂C/∂W^l = ∂C/∂z^l (a^(l-1))ᵀ, summed over the samples", "∂C/∂b^l = Σ_s ∂C/∂z^l",
                 "∂C/∂a^(l-1) = (W^l)ᵀ ∂C/∂z^l", "∂C/∂z^(l-1) = ∂C/∂a^(l-1) ⊙ σ'(z^(l-1))"):
        assert step in script, step
    assert 'W1 = [[0.15, 0.2], [0.25, 0.3]]' in script and "b2 = [0.6]" in script
    assert "POST /api/v1/code" in script and "python3 backprop_numpy.py" in script


EXTREMES = {  # finite numbers at the ends of float64: each written so that it reads back the same
    "network": {"layers": [{"size": 3}, {"size": 1, "activation": "sigmoid"}],
                "weights": [[[5e-324, -1e-300, 0.1 + 0.2]]], "biases": [[-0.0]]},
    "input": [[1e300, 2.2250738585072014e-308, 1.7976931348623157e308]],
    "target": [[1.0]],
}


def test_the_script_never_holds_nan_or_infinity_and_reads_extremes_back_exactly(client, tmp_path):
    script, answer = script_and_answer(client, EXTREMES, "numpy")
    assert not re.search(r"\b(nan|inf|infinity)\b", script, re.IGNORECASE)
    floats = [n.value for n in ast.walk(ast.parse(script)) if isinstance(n, ast.Constant) and isinstance(n.value, float)]
    assert 5e-324 in floats and 1.7976931348623157e308 in floats and 0.30000000000000004 in floats
    assert_matches_backprop(run_script(sys.executable, script, tmp_path), answer)

