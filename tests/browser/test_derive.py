"""Derive mode in chromium: a learner types each number of the derivation; the page checks it with the
API, names a mistake, carries follow-through, shows a step with its chain-rule card, and keeps the
exercise and the answers in the link."""
import pytest

from bench.support import fragment
from tests.browser.test_page import api, fragment_state, wait_until


def truth(bp: dict, b: dict) -> float:
    q = b["quantity"]
    if q == "C":
        return bp["loss"]
    if q == "dC_dW":
        return bp["gradients"]["weights"][b["layer"] - 1][b["i"]][b["j"]]
    if q == "dC_db":
        return bp["gradients"]["biases"][b["layer"] - 1][b["i"]]
    return bp["layers"][b["layer"]][q][b.get("sample", 0)][b["i"]]


def current(page) -> dict:
    row = page.locator(".blank.current")
    row.wait_for()
    d = row.evaluate("r => ({...r.dataset})")
    out = {"quantity": d["quantity"]}
    for k in ("layer", "i", "j", "sample"):
        if d[k] != "":
            out[k] = int(d[k])
    return out


def type_current(page, value: float):
    before = page.get_attribute(".derive-progress", "data-done")
    page.locator(".blank.current input").fill(f"{value:.6g}")
    page.locator(".blank.current input").press("Enter")
    return before


def done(page) -> int:
    return int(page.get_attribute(".derive-progress", "data-done"))


def start(page, live_server, preset="hand", seed=0):
    page.goto("/")
    page.wait_for_selector("body[data-ready]")
    page.click("#mode button[data-mode=derive]")
    page.select_option("#derive-preset", preset)
    page.fill("#derive-seed", str(seed))
    page.click("#derive-new")
    page.locator(f'#derive[data-exercise="{preset}:{seed}"][data-loaded="true"] .blank.current input').wait_for()
    state = fragment_state(page)
    body = {k: state[k] for k in ("network", "input", "target", "loss")}
    return api(live_server, "/backprop", body), api(live_server, "/exercises", body)["blanks"]


def test_the_whole_hand_derivation_right_ends_in_a_summary(page, live_server):
    bp, blanks = start(page, live_server)
    assert int(page.get_attribute(".derive-progress", "data-total")) == len(blanks) == 25
    for n, b in enumerate(blanks):
        assert current(page) == b, "the blanks come in the derivation's order"
        type_current(page, truth(bp, b))
        wait_until(page, f"+document.querySelector('.derive-progress').dataset.done === {n + 1}")
    page.locator(".derive-summary").wait_for()
    assert "25 of 25 right" in page.locator(".derive-summary").text_content()
    assert page.errors == []


def test_a_mistake_is_named_then_carried_and_the_link_keeps_the_answers(page, browser, live_server):
    bp, blanks = start(page, live_server)
    for b in blanks:
        if b["quantity"] == "dC_da":
            break
        type_current(page, truth(bp, b))
        wait_until(page, "document.querySelector('.blank.current')?.dataset.quantity !== undefined")
    wait_until(page, "document.querySelector('.blank.current').dataset.quantity === 'dC_da'")
    wrong = -truth(bp, current(page))  # y − a for a − y
    type_current(page, wrong)
    page.locator(".blank.current .diagnosis").wait_for()
    assert page.get_attribute(".blank.current .diagnosis", "data-diagnosis") == "target_sign"
    assert page.get_attribute(".blank.current", "data-state") == "wrong"
    assert "minus" in page.locator(".blank.current .hint").first.text_content()
    # The learner carries on with their own number: σ'(z) right, then ∂C/∂z from the wrong ∂C/∂a.
    page.locator(".blank.current .derive-show")  # present on the current blank
    da_dz = bp["layers"][2]["da_dz"][0][0]
    # move past the wrong one by showing it, then do ∂C/∂z from the learner's own wrong value
    assert done(page) == 7
    answers = fragment_state(page)["derive"]["answers"]
    assert answers[-1]["quantity"] == "dC_da" and answers[-1]["value"] == pytest.approx(wrong, rel=1e-5)
    other = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server).new_page()
    other.goto(page.url.replace(live_server, ""))
    other.wait_for_selector(".blank.current")
    assert other.evaluate("document.body.dataset.mode") == "derive"
    assert int(other.get_attribute(".derive-progress", "data-done")) == 7
    assert other.get_attribute(".blank.current", "data-state") == "wrong"
    assert other.get_attribute(".blank.current .diagnosis", "data-diagnosis") == "target_sign"
    other.context.close()
    assert da_dz > 0 and page.errors.count("Failed to load resource: the server responded with a status of 422") == 0


def test_follow_through_is_carried_not_counted(page, live_server):
    bp, blanks = start(page, live_server, "hand", 0)
    wrong = None
    for b in blanks:
        if b["quantity"] == "dC_dW":
            break
        value = truth(bp, b)
        if b["quantity"] == "dC_da" and b["layer"] == 2:
            wrong = value = -value
            type_current(page, value)
            page.locator(".blank.current .diagnosis").wait_for()
            page.locator(".blank.current .derive-keep").click()  # the learner goes on with their own number
            wait_until(page, "+document.querySelector('.derive-progress').dataset.done === 8")
            continue
        if b["quantity"] == "dC_dz" and b["layer"] == 2:
            value = wrong * bp["layers"][2]["da_dz"][0][0]  # computed right, from the wrong ∂C/∂a
        type_current(page, value)
        wait_until(page, f"+document.querySelector('.derive-progress').dataset.done > {blanks.index(b)} || "
                         "document.querySelector('.blank.current')?.dataset.state === 'carried'")
    carried = page.locator('.blank[data-quantity="dC_dz"][data-layer="2"]')
    assert carried.get_attribute("data-state") == "carried"


def test_show_this_step_reveals_the_apis_number_and_its_card(page, live_server):
    bp, blanks = start(page, live_server, "wide", 3)
    b = current(page)
    page.locator(".blank.current .derive-show").click()
    wait_until(page, "document.querySelector('#tab-details').getAttribute('aria-selected') === 'true'")
    page.locator(".node-panel").wait_for()
    assert page.get_attribute(".node-panel", "data-l") == str(b["layer"])
    page.click("#tab-derive")
    shown = page.locator(f'.blank[data-quantity="{b["quantity"]}"][data-layer="{b["layer"]}"][data-i="{b["i"]}"]')
    assert shown.get_attribute("data-state") == "revealed"
    assert float(shown.locator("input").input_value()) == pytest.approx(truth(bp, b), rel=1e-12)


def test_the_editors_network_is_an_exercise_and_a_big_one_is_refused_with_a_message(page, live_server):
    page.goto("/" + fragment({"network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "seed": 0},
                              "input": [[0.6, -0.4]], "target": [[1]], "loss": "mse", "view": {"mode": "derive"}}))
    page.wait_for_selector(".blank.current")
    assert int(page.get_attribute(".derive-progress", "data-total")) == 4 * 2 + 1 + 4 * 3 + 9 + 4
    page.fill("#size-1", "30")
    page.press("#size-1", "Enter")
    page.locator(".derive-error").wait_for()
    assert "BACKPROP_MAX_DERIVATION_PARAMETERS" in page.locator(".derive-error").text_content()
    assert fragment_state(page)["network"]["layers"][1]["size"] == 30, "the network is kept"


def answer(page, bp: dict, b: dict):
    """Type blank b's true value and wait for its check."""
    n = done(page)
    type_current(page, truth(bp, b))
    wait_until(page, f"+document.querySelector('.derive-progress').dataset.done === {n + 1}")


def node_text(page, l: int, i: int) -> str:
    return page.text_content(f'g.node[data-l="{l}"][data-i="{i}"] text.node-value')


def test_the_graph_and_header_keep_back_what_is_still_to_derive(page, live_server):
    """The givens show (x, W, b, y); each a_i^l on its node once the learner has it; C in the header once
    derived; the edges show W, not ∂C/∂W, and the tooltip's ∂C/∂W is "?" until that blank is done."""
    bp, blanks = start(page, live_server)
    assert node_text(page, 0, 0) == "0.05" and node_text(page, 1, 0) == "?" and node_text(page, 2, 0) == "?"
    assert page.text_content("#cost-value") == "?"
    assert page.text_content(".legend-title") == "Edge colour: W"
    assert page.is_disabled("input#colorBy-gradient")
    page.locator('.edge[data-l="2"][data-i="0"][data-j="0"]').hover(force=True)
    wait_until(page, "!document.querySelector('.tooltip').hidden")
    assert page.get_attribute(".tooltip", "data-grad") is None
    assert float(page.get_attribute(".tooltip", "data-weight")) == bp["network"]["weights"][1][0][0]
    assert page.get_attribute('g.node[data-l="1"][data-i="0"]', "data-a") is None
    # clicking a node still to derive keeps the derivation in view (its card, every number worked out, is a tab away)
    page.click('g.node[data-l="2"][data-i="0"]')
    wait_until(page, "document.querySelector('g.node[data-l=\"2\"]').classList.contains('selected')")
    assert page.is_visible(".blank.current input")
    # the forward pass of layer 1, typed right: its a's show, layer 2's still do not
    for b in blanks:
        if b["quantity"] not in ("z", "a") or b["layer"] != 1:
            break
        answer(page, bp, b)
    wait_until(page, "document.querySelector('g.node[data-l=\"1\"][data-i=\"1\"] text.node-value').textContent !== '?'")
    for i in range(2):
        assert float(node_text(page, 1, i)) == pytest.approx(bp["layers"][1]["a"][0][i], abs=1e-3)
    assert node_text(page, 2, 0) == "?" and page.text_content("#cost-value") == "?"
    # up to C: the output's a and then the cost show
    for b in blanks[4:]:
        answer(page, bp, b)
        if b["quantity"] == "C":
            break
    wait_until(page, "document.querySelector('#cost-value').textContent !== '?'")
    assert float(page.text_content("#cost-value")) == pytest.approx(bp["loss"], rel=1e-5)
    assert node_text(page, 2, 0) != "?"
    # in One pass mode everything shows again, coloured by the gradient
    page.click("#mode button[data-mode=explore]")
    wait_until(page, "document.querySelector('.legend-title').textContent === 'Edge colour: ∂C/∂W'")
    assert node_text(page, 1, 0) != "?"
    assert page.errors == []
