"""Compare, in Debian's chromium: run B is run A with one setting changed, trained in lockstep on the same
minibatches; both are charted and drawn, and the link restores the comparison."""
import math

from tests.browser.test_history import api_weights, close, setting
from tests.browser.test_page import api, fragment_state
from tests.browser.test_training import poll, steps, train_mode

STEPS = 6


def compare_with(page, key: str, value: str):
    page.click("#train-compare")
    page.select_option("#compare-setting", key)
    if page.evaluate("document.querySelector('#compare-value').tagName") == "SELECT":
        page.select_option("#compare-value", value)
    else:
        page.fill("#compare-value", value)
    page.click("#compare-start")
    poll(page, "location.hash", lambda h: fragment_state(page).get("compare", {}).get("setting") == key)


def step(page, n: int):
    for k in range(n):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda s, k=k: s == k + 1)


def train_body(state: dict, steps: int, **change) -> dict:
    t = {**state["train"], **change}
    return {"network": state["network"], "input": state["input"], "target": state["target"], "loss": state["loss"],
            "learning_rate": t["learning_rate"], "steps": steps, "optimizer": t["optimizer"], "seed": t["seed"],
            "l2": t["l2"], "batch_size": t["batch_size"], "record_every": 1}


def test_sgd_against_adam_in_lockstep_both_charted_drawn_and_linked(page, browser, live_server):
    train_mode(page)
    setting(page, "batch", "32")  # minibatches: B must see the same ones as A
    poll(page, "location.hash", lambda h: fragment_state(page)["train"]["batch_size"] == 32)
    step(page, 3)  # A had trained: comparing starts both from where A started
    compare_with(page, "optimizer", "adam")
    state = fragment_state(page)
    assert state["compare"]["setting"] == "optimizer" and state["compare"]["optimizer"] == "adam"
    assert steps(page) == 0
    poll(page, "document.querySelectorAll('.planes.comparing svg.plane[data-drawn=true]').length", lambda n: n == 2)

    step(page, STEPS)
    assert page.evaluate("document.querySelectorAll('svg.loss-curve path.series.train').length") == 2
    assert page.evaluate("document.querySelectorAll('svg.loss-curve path.series.train.b').length") == 1
    assert page.evaluate("document.querySelectorAll('svg.grad-norms path.series.b').length") == 2
    legend = page.text_content(".loss-curve + .chart-legend")
    assert "A: optimizer sgd" in legend and "B: optimizer adam" in legend
    assert page.text_content(".planes .plane-col.b .plane-name") == "B: optimizer adam"

    # each run's history is what /train gives for its settings from the same start, step by step
    run = page.evaluate("(() => { const r = window.__bpv.run(); return {a: r.history, b: r.b.history, bNet: r.b.network}; })()")
    for history, change in ((run["a"], {}), (run["b"], {"optimizer": "adam"})):
        api_history = api(live_server, "/train", train_body(state, STEPS, **change))["history"]
        by_step = {h["step"]: h["loss"] for h in api_history}
        assert [h["step"] for h in history] == list(range(STEPS))
        for h in history:
            assert math.isclose(h["loss"], by_step[h["step"]], rel_tol=1e-9), (change, h)
    b = api(live_server, "/train", train_body(state, STEPS, optimizer="adam"))
    assert close(api_weights(run["bNet"]), api_weights(b["network"]))
    assert math.isclose(float(page.get_attribute("#train-b-loss", "data-value")), b["loss"], rel_tol=1e-9)
    # adam with the same η is not sgd: the comparison shows two different runs
    assert not close(api_weights(run["bNet"]), api_weights(fragment_state(page)["network"]), rel=1e-3)

    # the link (A's starting network and the change) restores both runs, ready to train from step 0
    assert fragment_state(page)["network"] == state["network"], "the link keeps where both runs start"
    other = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server).new_page()
    errors = []
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    other.on("pageerror", lambda e: errors.append(str(e)))
    other.goto(page.url)
    other.wait_for_selector("body[data-ready]")
    poll(other, "document.querySelectorAll('.planes.comparing svg.plane[data-drawn=true]').length", lambda n: n == 2)
    assert steps(other) == 0 and other.text_content("#train-b-loss") == "—"
    assert other.evaluate("document.querySelectorAll('svg.loss-curve path.series').length") == 0
    other.click("#train-compare")  # "Change B…": the form holds the link's change
    assert other.input_value("#compare-setting") == "optimizer" and other.input_value("#compare-value") == "adam"
    other.click(".compare-form button:text('Cancel')")
    other.click("#train-play")
    poll(other, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 20)
    other.click("#train-play")
    poll(other, "document.querySelector('#train-b-loss').dataset.value", bool)
    assert other.evaluate("document.querySelectorAll('svg.loss-curve path.series.train').length") == 2
    other.context.close()
    assert errors == []
    assert page.errors == []


def test_reset_resets_both_and_stop_comparing_returns_to_one_run(page, live_server):
    train_mode(page)
    compare_with(page, "sizes", "6, 4")
    state = fragment_state(page)
    assert state["compare"]["sizes"] == [6, 4]
    poll(page, "document.querySelectorAll('.planes.comparing svg.plane[data-drawn=true]').length", lambda n: n == 2)
    step(page, 3)
    sizes_b = page.evaluate("window.__bpv.run().b.network.layers.map(l => l.size)")
    assert sizes_b == [2, 6, 4, 1]
    assert page.evaluate("document.querySelectorAll('svg.grad-norms path.series.b').length") == 3
    page.click("#train-reset")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Reset"))
    assert steps(page) == 0
    assert page.evaluate("window.__bpv.run().b.history.length") == 0
    assert page.text_content("#train-b-loss") == "—"
    assert fragment_state(page)["network"] == state["network"]
    page.click("#compare-stop")
    poll(page, "location.hash", lambda h: "compare" not in fragment_state(page))
    assert page.is_hidden(".compare-bar") and page.text_content("#train-compare") == "Compare with…"
    step(page, 2)
    assert page.evaluate("document.querySelectorAll('svg.loss-curve path.series.train').length") == 1
    assert page.evaluate("document.querySelectorAll('.planes.comparing').length") == 0
    assert page.errors == []


def test_a_value_the_comparison_cannot_take_is_refused_beside_the_form(page):
    train_mode(page)
    page.click("#train-compare")
    page.select_option("#compare-setting", "learning_rate")
    assert float(page.input_value("#compare-value")) == 0.1, "a proposal: a tenth of A's η"
    page.fill("#compare-value", "-1")
    page.click("#compare-start")
    assert "above 0" in page.text_content(".compare-form .field-error")
    assert "compare" not in fragment_state(page)
    assert page.errors == []
