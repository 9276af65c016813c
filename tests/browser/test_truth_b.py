"""Issue 13's truths, part b, in Debian's chromium: the training readouts and status lines, η in Train,
a refused data cell, links that cannot be read, a link made in Train, the code dialog in Train, and the
vanishing-gradient note.

Waits are bounded polls on what the page shows.
"""

import json

from bench.support import fragment, poll, sigmoid_state
from tests.browser.test_page import api, edges, fragment_state, ready
from tests.browser.test_training import steps, train_mode


def fmt(v: float) -> str:
    """lib/format.js's fmt for a plain number (no exponent): four significant digits, a true minus."""
    return f"{float(f'{v:.4g}'):g}".replace("-", "−")


STATUS = "document.querySelector('#train-status').textContent"


def test_the_rates_say_frames_and_steps_and_the_status_follows_reset_and_new_data(page):
    train_mode(page)
    labels = page.evaluate("[...document.querySelectorAll('.train-stats dt')].map((d) => d.textContent)")
    assert "frames/s" in labels and "steps/s" in labels and "updates/s" not in labels
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 150)
    # both read at once: a frame landing between two reads would change one and not the other
    frames, per_step = (float(x) for x in page.evaluate(
        "['#train-rate', '#train-step-rate'].map((s) => document.querySelector(s).textContent)"))
    page.click("#train-play")
    poll(page, STATUS, lambda t: t.startswith("Paused after"))
    assert frames > 0 and per_step > 0
    # ten steps a frame (the default): the two rates, measured over the same frames, differ by that factor
    assert abs(per_step / frames - 10) < 0.5, (frames, per_step)
    page.click("#train-reset")
    status = poll(page, STATUS, lambda t: t.startswith("Reset"))
    assert "step 0" in status and "Paused" not in status
    assert steps(page) == 0
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 50)
    page.click("#train-play")
    poll(page, STATUS, lambda t: t.startswith("Paused after"))
    page.click("#train-new-data")
    status = poll(page, STATUS, lambda t: not t.startswith("Paused"))
    assert status.startswith("New data") and "step 0" in status, status
    assert steps(page) == 0
    assert page.errors == []


def test_in_train_the_update_colouring_uses_the_training_learning_rate(page):
    train_mode(page)
    page.click("label[for=colorBy-update]")
    poll(page, "document.querySelector('.legend-title').textContent", lambda t: "η" in t)
    eta = page.locator("#eta")
    assert eta.input_value() == "1" and eta.get_attribute("readonly") is not None
    largest = lambda: max(abs(float(e["g"])) for e in edges(page))  # noqa: E731
    shown = lambda: float(page.get_attribute(".legend-row", "data-max"))  # noqa: E731
    assert abs(shown() - 1 * largest()) < 1e-9 * largest()
    assert "η = 1" in page.text_content(".legend-sub")
    page.fill("#train-lr", "0.25")
    page.press("#train-lr", "Tab")
    poll(page, "document.querySelector('#eta').value", lambda v: v == "0.25")
    assert abs(shown() - 0.25 * largest()) < 1e-9 * largest()
    assert "η = 0.25" in page.text_content(".legend-sub")
    # outside Train the view bar's own η, editable, as before
    page.click("#mode button[data-mode=explore]")
    poll(page, "document.body.dataset.mode", lambda m: m == "explore")
    eta = page.locator("#eta")
    assert eta.input_value() == "0.5" and eta.get_attribute("readonly") is None
    assert page.errors == []


def test_a_data_cell_without_a_finite_number_is_refused_beside_it(page):
    ready(page)
    kept = page.evaluate("window.__bpv.state().input[0][1]")
    cost = page.text_content("#cost-value")
    for typed, why in (("1e400", "1e400 is not a finite number"), ("", "empty, not a number")):
        page.fill("#x-0-1", typed)
        page.press("#x-0-1", "Tab")
        slot = page.locator("section[data-control=data] .field-error")
        poll(page, "document.querySelector('section[data-control=data] .field-error').hidden", lambda h: h is False)
        assert slot.text_content() == f"x₁ of sample 1: {why}; the graph keeps {fmt(kept)}, the last value accepted."
        assert page.get_attribute("#x-0-1", "aria-invalid") == "true"
        assert page.input_value("#x-0-1") == typed  # what was typed stays, marked, beside its message
        assert page.evaluate("window.__bpv.state().input[0][1]") == kept
        assert page.text_content("#cost-value") == cost
    page.fill("#x-0-1", "0.25")
    page.press("#x-0-1", "Tab")
    poll(page, "window.__bpv.state().input[0][1]", lambda v: v == 0.25)
    assert page.locator("section[data-control=data] .field-error").is_hidden()
    assert page.get_attribute("#x-0-1", "aria-invalid") is None
    assert page.errors == []


def opened(page, url: str):
    """A new page load of url (a hash-only navigation would keep the page: hashchange's path)."""
    page.goto("about:blank")
    ready(page, url)


def test_every_link_that_cannot_be_read_fully_says_so_once(page):
    whole = fragment(sigmoid_state([2, 3, 1]))
    for hash, says in ((whole[:40], "cut short or damaged"), ("#garbage", "not a state this page wrote")):
        opened(page, "/" + hash)
        banner = poll(page, "document.querySelector('#banner').textContent", bool)
        assert says in banner, banner
        assert banner.lower().count("default network") == 1, banner
        assert banner.endswith("Showing the default network instead."), banner
    # the page's own anchor (the skip link) is no link to read
    opened(page, "/#graph")
    assert page.locator("#banner").is_hidden()
    # a link read but for a property: the network opens, and the note says what took its default
    state = {**sigmoid_state([2, 3, 1]), "view": {"colorBy": "rainbow"}}
    opened(page, "/" + fragment(state))
    note = poll(page, "document.querySelector('#note').hidden ? '' : document.querySelector('#note').textContent", bool)
    assert "view.colorBy" in note and "default" in note
    assert page.locator("#banner").is_hidden()
    # a link the page wrote itself reads whole: nothing said
    opened(page, "/" + page.evaluate("location.hash"))
    page.wait_for_timeout(300)
    assert page.locator("#note").is_hidden() and page.locator("#banner").is_hidden()
    # a hash edited in place that is no state: said, and the network kept
    page.evaluate("location.hash = '#nonsense'")
    banner = poll(page, "document.querySelector('#banner').textContent", bool)
    assert banner == "The link's #… part is not a state this page wrote (those start #s=). The current network is unchanged."
    assert page.errors == []


def test_a_link_made_in_train_carries_the_trained_weights_and_their_step(page, browser, live_server):
    train_mode(page)
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 100)
    page.click("#train-play")
    poll(page, STATUS, lambda t: t.startswith("Paused after"))
    n = steps(page)
    state = poll(page, "location.hash", lambda h: fragment_state(page).get("trained", {}).get("step") == n) and fragment_state(page)
    trained = {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}
    other = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server).new_page()
    other.goto("/" + fragment(state))
    other.wait_for_selector("body[data-ready]")
    status = poll(other, STATUS, bool)
    assert status == f"Trained weights from step {n} of a run; the curves start here.", status
    assert steps(other) == n
    assert other.text_content("#train-epoch") == str(n)  # the whole batch each step: an epoch a step
    assert other.text_content("#train-history-step") == f"step {n} · no steps here yet"
    assert {(e["l"], e["i"], e["j"]): e["w"] for e in edges(other)} == trained
    other.click("#train-step")
    poll(other, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda k: k == n + 1)
    # the link goes on counting
    poll(other, "location.hash", lambda h: fragment_state(other).get("trained", {}).get("step") == n + 1)
    # reset goes back to the linked weights, at their step
    other.click("#train-reset")
    status = poll(other, STATUS, lambda t: t.startswith("Reset"))
    assert f"step {n}" in status, status
    poll(other, "document.querySelectorAll('.edge').length", bool)
    assert {(e["l"], e["i"], e["j"]): e["w"] for e in edges(other)} == trained
    other.context.close()
    assert page.errors == []


def test_in_train_the_code_buttons_give_the_training_request(page, live_server):
    train_mode(page)
    page.fill("#train-lr", "0.3")
    page.press("#train-lr", "Tab")
    poll(page, "location.hash", lambda h: fragment_state(page)["train"]["learning_rate"] == 0.3)
    page.click("#copy-curl")
    text = poll(page, "document.querySelector('#code-text').textContent", bool)
    assert "/api/v1/train" in text and "/backprop" not in text
    body = json.loads(text.split(" -d '", 1)[1].rstrip("'"))
    state = fragment_state(page)
    assert body["learning_rate"] == 0.3 and body["input"] == state["input"] and body["steps"] == state["train"]["stepsPerFrame"]
    assert body["test_input"] == state["test"]["input"]
    res = api(live_server, "/train", body)
    assert res["optimizer_state"]["step"] == body["steps"]
    assert "training request" in page.text_content("#code-title")
    assert "/api/v1/train" in page.text_content("dialog .dialog-foot span")
    page.click("#code-close")
    page.click("#copy-python")
    poll(page, "document.querySelector('#code-text').textContent.includes('/api/v1/train')", bool)
    assert page.locator(".code-variants").is_hidden()  # the standalone scripts do one backward pass, not training
    # outside Train, the backward pass's request as before
    page.click("#code-close")
    page.click("#mode button[data-mode=explore]")
    poll(page, "document.body.dataset.mode", lambda m: m == "explore")
    page.click("#copy-curl")
    poll(page, "document.querySelector('#code-text').textContent.includes('/api/v1/backprop')", bool)
    assert page.errors == []


def test_the_vanishing_gradient_explanation_stays_in_the_training_panel(page):
    train_mode(page)
    page.click("button[data-preset=vanishing-sigmoid]")
    note = page.locator("#train-note")
    poll(page, "document.querySelector('#train-note') && !document.querySelector('#train-note').hidden", bool)
    assert "Seven sigmoid layers" in note.text_content()
    assert "Seven sigmoid layers" not in (page.text_content("#toast") or "")
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 50)
    page.click("#train-play")
    poll(page, STATUS, lambda t: t.startswith("Paused after"))
    assert note.is_visible() and "Seven sigmoid layers" in note.text_content()  # still there, after a run
    page.click("button[data-preset=vanishing-relu]")
    poll(page, "document.querySelector('#train-note').textContent", lambda t: "with relu" in t)
    page.click("#train-note button")
    assert note.is_hidden()
    page.click("button[data-preset=vanishing-sigmoid]")
    poll(page, "document.querySelector('#train-note').textContent", lambda t: "Seven sigmoid" in t)
    # the network edited away from the preset: the note no longer describes it, and goes
    page.select_option("#act-3", value="tanh")
    poll(page, "document.querySelector('#train-note').hidden", bool)
    assert page.errors == []


def test_another_optimizer_counts_on_from_the_steps_taken(page):
    train_mode(page)
    for _ in range(3):
        page.click("#train-step")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n == 3)
    page.select_option("#train-optimizer", "momentum")
    page.click("#train-step")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n != 3)
    assert steps(page) == 4  # not 1: the network has had four steps, whatever took them
    assert poll(page, STATUS, bool) == "Paused after 4 steps."
    assert page.text_content("#train-history-step") == "step 4 · live"
    assert page.errors == []


def test_an_exported_file_made_in_train_carries_the_step_as_the_link_does(page, tmp_path):
    train_mode(page)
    for _ in range(2):
        page.click("#train-step")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n == 2)
    with page.expect_download() as dl:
        page.click("#export")
    path = tmp_path / "state.json"
    dl.value.save_as(path)
    assert json.loads(path.read_text())["trained"] == {"step": 2}
    page.click("#mode button[data-mode=explore]")
    poll(page, "document.body.dataset.mode", lambda m: m == "explore")
    page.set_input_files("#import-file", files=[{"name": "state.json", "mimeType": "application/json", "buffer": path.read_bytes()}])
    status = poll(page, STATUS, lambda t: t.startswith("Trained"))
    assert status == "Trained weights from step 2 of a run; the curves start here."
    assert steps(page) == 2
    assert page.errors == []


def test_a_weight_given_no_finite_number_is_refused_beside_it(page):
    ready(page)
    page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
    field = page.locator(".chain .edit-param input")
    kept = float(field.input_value())
    weight = page.get_attribute('.edge[data-l="2"][data-i="0"][data-j="1"]', "data-weight")
    field.fill("1e400")
    field.press("Enter")
    slot = page.locator(".chain .edit-param .field-error")
    poll(page, "!document.querySelector('.chain .edit-param .field-error').hidden", bool)
    assert slot.text_content() == f"W²₀₁: 1e400 is not a finite number; the graph keeps {fmt(kept)}, the last value accepted."
    assert field.get_attribute("aria-invalid") == "true" and field.input_value() == "1e400"
    assert page.get_attribute('.edge[data-l="2"][data-i="0"][data-j="1"]', "data-weight") == weight
    field.fill("0.5")
    field.press("Enter")
    poll(page, "document.querySelector('.edge[data-l=\"2\"][data-i=\"0\"][data-j=\"1\"]').dataset.weight", lambda w: w == "0.5")
    assert page.errors == []
