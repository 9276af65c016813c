"""A neuron as its operations: every box's value and gradient are /backprop's numbers, and the graph
follows the selected sample and the training frames."""
import math

from bench.support import fragment
from tests.browser.test_page import api, body_of, fragment_state, wait_until


def ops(page) -> dict:
    return {d["id"]: d for d in page.eval_on_selector_all(
        ".ops-graph .op", "els => els.map(e => ({id: e.dataset.id, op: e.dataset.op, value: +e.dataset.value, grad: +e.dataset.grad}))")}


def show(page, l, i):
    page.locator(f'.node[data-l="{l}"][data-i="{i}"]').dispatch_event("click")
    page.locator(".node-panel").wait_for()
    if not page.locator(".ops-graph").count():
        page.click(".ops button")
    page.locator(".ops-graph .op").first.wait_for()


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def test_the_operations_of_an_output_neuron_are_the_apis_numbers(page, live_server):
    page.goto("/")
    page.wait_for_selector("body[data-ready]")
    page.select_option("#preset", "hand")
    wait_until(page, "document.querySelectorAll('.edge').length === 6")
    show(page, 2, 0)
    state = fragment_state(page)
    bp = api(live_server, "/backprop", body_of(state))
    o = ops(page)
    out, hid = bp["layers"][2], bp["layers"][1]
    W = state["network"]["weights"][1][0]
    assert [o[f"mul{j}"]["op"] for j in range(2)] == ["mul", "mul"] and o["bias"]["op"] == "bias"
    assert close(o["bias"]["grad"], bp["gradients"]["biases"][1][0]), "∂C/∂(+b) is ∂C/∂b"
    for j in range(2):
        assert close(o[f"mul{j}"]["grad"], out["dC_dz"][0][0]), "∂C/∂(W_ij a_j) is ∂C/∂z"
        assert close(o[f"mul{j}"]["value"], W[j] * hid["a"][0][j])
        assert close(o[f"a{j}"]["value"], hid["a"][0][j])
    assert close(o["bias"]["value"], out["z"][0][0]) and close(o["add"]["grad"], out["dC_dz"][0][0])
    assert close(o["act"]["value"], out["a"][0][0]) and close(o["act"]["grad"], out["dC_da"][0][0])
    y = state["target"][0][0]
    assert close(o["sub"]["value"], out["a"][0][0] - y) and close(o["sub"]["grad"], out["dC_da"][0][0])
    assert close(o["mean"]["value"], bp["loss"]) and o["mean"]["grad"] == 1
    edges = page.eval_on_selector_all(".ops-graph .op-edge", "es => es.map(e => e.dataset.local)")
    assert str(out["da_dz"][0][0]) in edges, "σ'(z) is the local derivative from z to a"
    assert page.errors == []


def test_the_operations_follow_the_sample_and_training(page, live_server):
    state = {"network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1}], "seed": 2},
             "input": [[0.5, -1], [1, 0.25]], "target": [[1], [0]], "loss": "mse"}
    page.goto("/" + fragment(state))
    page.wait_for_selector("body[data-ready]")
    show(page, 1, 2)
    bp = api(live_server, "/backprop", body_of(fragment_state(page)))
    assert close(ops(page)["bias"]["grad"], bp["layers"][1]["dC_dz"][0][2])
    page.select_option("#sample", index=1)  # its labels count from 1, its values from 0
    wait_until(page, f"+document.querySelector('.op[data-id=\"bias\"]').dataset.grad === {bp['layers'][1]['dC_dz'][1][2]!r}")
    before = ops(page)["bias"]["value"]
    page.click("#mode button[data-mode=train]")
    page.locator("#train-step").wait_for()
    page.click("#tab-details")
    show(page, 1, 2)
    first = ops(page)["bias"]["value"]
    page.locator("body").press("Shift+S")  # a step, with the Details tab open
    wait_until(page, f"+document.querySelector('.op[data-id=\"bias\"]').dataset.value !== {first!r}")
    assert ops(page)["bias"]["value"] != before
    assert page.errors == []
