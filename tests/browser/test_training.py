"""Training in the page, in Debian's chromium: play, pause, reset, links, data, divergence.

Waits are bounded polls on what the page shows (no timing assertions: speed is in bench/).
"""

import pytest

from bench.support import fragment, poll  # poll: the other browser tests import it from here too
from tests.browser.test_page import edges, fragment_state, ready


def link(state: dict) -> str:
    return "/" + fragment(state)


def steps(page) -> int:
    return int(page.evaluate("document.querySelector('#train-steps').dataset.value || '0'") or 0)


def train_mode(page):
    ready(page)
    page.click("#mode button[data-mode=train]")
    poll(page, "document.body.dataset.mode", lambda m: m == "train")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 200)


def test_play_on_xor_lowers_the_cost_and_draws_the_boundary(page):
    train_mode(page)
    start = float(page.evaluate("document.querySelector('#cost-value').dataset.value"))
    state = fragment_state(page)
    assert state["view"]["mode"] == "train" and state["train"]["dataset"] == "xor"
    assert len(state["input"]) == 160 and len(state["test"]["input"]) == 40  # 20 % held out
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 800)
    page.click("#train-play")  # pause
    loss = float(poll(page, "document.querySelector('#train-loss').dataset.value", bool))
    assert loss < start / 4, (start, loss)
    assert page.get_attribute("svg.plane", "data-drawn") == "true"
    assert page.evaluate("document.querySelector('canvas.plane-heat:not([hidden])').toDataURL()").startswith("data:image/png")
    assert page.evaluate("document.querySelectorAll('svg.loss-curve path.series.train').length") == 1
    assert page.evaluate("document.querySelectorAll('svg.grad-norms path.series').length") == 2
    assert float(page.evaluate("document.querySelector('#train-accuracy').textContent").rstrip("%")) > 90
    assert page.errors == []


def test_pause_stops_the_requests(page):
    train_mode(page)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/api/v1/train") else None)
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 50)
    page.click("#train-play")
    page.wait_for_timeout(400)  # the request under way lands
    count = len(sent)
    at = steps(page)
    page.wait_for_timeout(1200)
    assert len(sent) == count and steps(page) == at
    assert count > 0
    assert page.errors == []


def test_reset_restores_the_starting_weights(page):
    train_mode(page)
    before = {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 100)
    page.click("#train-play")
    page.wait_for_timeout(300)
    trained = {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}
    assert trained != before
    page.click("#train-reset")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Reset"))
    page.wait_for_timeout(300)
    after = {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}
    assert after == before
    assert steps(page) == 0
    assert page.errors == []


def test_a_link_reproduces_the_same_first_steps(page, browser, live_server):
    train_mode(page)
    page.fill("#train-batch", "16")
    page.press("#train-batch", "Tab")
    page.select_option("#train-optimizer", "adam")
    page.fill("#train-lr", "0.05")
    page.press("#train-lr", "Tab")
    poll(page, "location.hash", lambda h: fragment_state(page)["train"]["batch_size"] == 16
         and fragment_state(page)["train"]["learning_rate"] == 0.05)
    start_link = page.evaluate("location.hash")

    def five_steps(p):
        for k in range(5):
            p.click("#train-step")
            poll(p, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k + 1)
        return {(e["l"], e["i"], e["j"]): e["w"] for e in edges(p)}

    first = five_steps(page)
    other = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server).new_page()
    other.goto("/" + start_link)
    other.wait_for_selector("body[data-ready]")
    assert other.evaluate("document.body.dataset.mode") == "train"
    assert other.input_value("#train-batch") == "16" and other.input_value("#train-optimizer") == "adam"
    second = five_steps(other)
    assert first == second
    other.context.close()
    assert page.errors == []


def test_divergence_stops_and_says_where(page):
    state = {
        "network": {"layers": [{"size": 1}, {"size": 8, "activation": "relu"}, {"size": 1, "activation": "linear"}],
                    "seed": 0},
        "input": [[x / 10] for x in range(-10, 11)],
        "target": [[x / 10] for x in range(-10, 11)],
        "loss": "mse",
        "train": {"dataset": "custom", "learning_rate": 50, "optimizer": "sgd", "stepsPerFrame": 20},
        "view": {"mode": "train"},
    }
    ready(page, link(state))
    before = {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}
    page.click("#train-play")
    status = poll(page, "document.querySelector('#train-status').textContent", lambda t: "diverged" in t)
    assert "training diverged at step" in status and "layer" in status
    assert page.get_attribute("#train-play", "aria-pressed") == "false"
    # every weight on screen is still a finite number
    assert all(abs(float(e["w"])) < float("inf") for e in edges(page))
    # the stop ends as a pause does: the full pass drawn, the graph out of its live-frame styling, the message kept
    poll(page, "document.querySelector('svg.graph-svg').classList.contains('live')", lambda live: live is False)
    assert "diverged" in page.text_content("#train-status")
    page.click("#train-reset")
    page.wait_for_timeout(500)
    assert {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)} == before
    assert page.errors == []


def test_csv_upload_refuses_bad_rows_and_keeps_the_data(page, tmp_path):
    train_mode(page)
    before = fragment_state(page)["input"]
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,y1\n0.1,0.2,1\n0.3,oops,0\n1,2\n")
    page.set_input_files("#train-csv", str(bad))
    message = poll(page, "document.querySelector('.train-controls .field-error').textContent", bool)
    assert "line 3, column 2" in message and "line 4 has 2 values" in message
    assert fragment_state(page)["input"] == before
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,y1\n" + "\n".join(f"{k / 10},{-k / 10},{k % 2}" for k in range(10)) + "\n")
    page.set_input_files("#train-csv", str(good))
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 10)
    state = fragment_state(page)
    assert state["train"]["dataset"] == "custom"
    assert len(state["input"]) + len(state["test"]["input"]) == 10
    assert page.errors == []


def test_clicking_the_plane_adds_and_removes_points(page):
    train_mode(page)
    page.click("button.seg-button[data-tool=add1]")
    box = page.locator("svg.plane").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.45)
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 201)
    state = fragment_state(page)
    assert len(state["input"]) == 161 and state["target"][-1] == [1]
    assert state["train"]["dataset"] == "custom"
    page.click("button.seg-button[data-tool=remove]")
    page.locator("svg.plane circle.dot.train").last.click(force=True)
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 200)
    assert page.errors == []


@pytest.mark.parametrize("dataset,classes,out,activation,loss", [
    ("spiral", 3, 3, "softmax", "cross_entropy"),
    ("sine", 2, 1, "sigmoid", "mse"),
])
def test_datasets_fit_the_network_to_their_shape(page, dataset, classes, out, activation, loss):
    train_mode(page)
    page.select_option("#train-dataset", dataset)
    if classes != 2:
        poll(page, "document.querySelector('#train-classes').disabled", lambda d: d is False)
        page.fill("#train-classes", str(classes))
        page.press("#train-classes", "Tab")
    n_in = 1 if dataset == "sine" else 2

    def loaded(_):
        st = fragment_state(page)
        return st["network"]["layers"][-1]["size"] == out and len(st["input"][0]) == n_in and st["train"]["dataset"] == dataset

    poll(page, "location.hash", loaded)
    state = fragment_state(page)
    assert state["network"]["layers"][-1]["activation"] == activation and state["loss"] == loss
    assert state["network"]["layers"][0]["size"] == n_in
    page.click("#train-step")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n == 1)
    if dataset == "sine":
        assert page.evaluate("document.querySelector('svg.plane path.fit').getAttribute('display')") != "none"
    else:
        assert page.get_attribute("svg.plane", "data-drawn") == "true"
    assert page.errors == []


@pytest.mark.parametrize("preset,hidden", [("vanishing-sigmoid", "sigmoid"), ("vanishing-relu", "relu")])
def test_the_vanishing_gradient_presets_load_a_deep_network_on_the_circle(page, preset, hidden):
    train_mode(page)
    page.click(f"button[data-preset={preset}]")

    def loaded(_):
        st = fragment_state(page)
        return len(st["network"]["layers"]) == 8 and st["network"]["layers"][1]["activation"] == hidden

    poll(page, "location.hash", loaded)
    state = fragment_state(page)
    assert state["train"]["dataset"] == "circle" and state["view"]["norm"] == "layer"
    assert len(state["input"]) == 160 and len(state["test"]["input"]) == 40
    page.click("#train-step")
    poll(page, "document.querySelectorAll('svg.grad-norms path.series').length", lambda n: n == 7)
    assert page.errors == []
