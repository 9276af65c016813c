"""The page in Debian's chromium: what it draws must be the API's numbers.

Each test reads the page's state from its own #s= fragment, asks the API independently for the
same request, and compares with the data-* attributes the page wrote.
"""
import base64
import json
import math
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"


# ---- helpers ----

def api(base: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(base + "/api/v1" + path, data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def fragment_state(page) -> dict:
    h = page.evaluate("location.hash")
    assert h.startswith("#s="), h
    b64 = h[3:]
    return json.loads(base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4)).decode("utf-8"))


def body_of(state: dict) -> dict:
    return {k: state[k] for k in ("network", "input", "target", "loss")}


def ready(page, url="/"):
    page.goto(url)
    page.wait_for_selector("body[data-ready]")
    page.wait_for_selector(".edge")


def edges(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".edge",
        "els => els.map(e => ({l: +e.dataset.l, i: +e.dataset.i, j: +e.dataset.j, w: e.dataset.weight, g: e.dataset.grad}))",
    )


def nodes(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".node", "els => els.map(e => ({l: +e.dataset.l, i: +e.dataset.i, a: e.dataset.a, z: e.dataset.z ?? null}))"
    )


def assert_matches_api(page, base):
    """Every edge's weight and gradient, and every node's a and z, equal the API's answer."""
    state = fragment_state(page)
    res = api(base, "/backprop", body_of(state))
    sizes = [layer["size"] for layer in state["network"]["layers"]]
    es = edges(page)
    assert len(es) == sum(sizes[l] * sizes[l - 1] for l in range(1, len(sizes)))
    assert {(e["l"], e["i"], e["j"]) for e in es} == {
        (l, i, j) for l in range(1, len(sizes)) for i in range(sizes[l]) for j in range(sizes[l - 1])
    }
    for e in es:
        assert float(e["g"]) == res["gradients"]["weights"][e["l"] - 1][e["i"]][e["j"]], e
        assert float(e["w"]) == res["network"]["weights"][e["l"] - 1][e["i"]][e["j"]], e
    s = state["view"]["sample"]
    for n in nodes(page):
        layer = res["layers"][n["l"]]
        assert float(n["a"]) == layer["a"][s][n["i"]]
        if n["l"] > 0:
            assert float(n["z"]) == layer["z"][s][n["i"]]
    assert float(page.get_attribute("#cost-value", "data-value")) == res["loss"]
    return state, res


def wait_until(page, expression: str, timeout: float = 10.0):
    """Poll a JS expression until it is truthy. (wait_for_function evaluates strings with eval,
    which the page's CSP forbids, as it should.)"""
    for _ in range(int(timeout / 0.025)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(25)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def wait_edges(page, n):
    wait_until(page, f"document.querySelectorAll('.edge').length === {n}")


def only_the_refused_request(errors: list[str], n: int) -> bool:
    """Chromium logs every 4xx fetch as a console error; the refused request may be there, nothing else."""
    return len(errors) == n and all("status of 422" in e for e in errors)


def close(a, b, rel=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-300)


# ---- tests ----

def test_default_page_draws_the_apis_gradients_without_a_click(page, live_server):
    ready(page)
    state, res = assert_matches_api(page, live_server)
    assert [layer["size"] for layer in state["network"]["layers"]] == [2, 3, 1]
    assert all(layer.get("activation", "sigmoid") == "sigmoid" for layer in state["network"]["layers"][1:])
    assert len(state["input"]) == 1
    # gradients are drawn: colours differ between edges, and nonzero gradients exist
    strokes = set(page.eval_on_selector_all(".edge", "els => els.map(e => e.getAttribute('stroke'))"))
    assert len(strokes) > 1
    assert any(float(e["g"]) != 0 for e in edges(page))
    assert page.errors == []


def test_adding_a_layer_and_a_node_redraws_the_right_edges(page, live_server):
    ready(page)
    # mark an existing edge element: a keyed join keeps it when the network grows
    page.eval_on_selector('.edge[data-l="1"][data-i="0"][data-j="0"]', "e => e.__kept = true")
    page.click("#add-layer")
    wait_edges(page, 2 * 3 + 3 * 3 + 3 * 1)
    state, _ = assert_matches_api(page, live_server)
    assert [layer["size"] for layer in state["network"]["layers"]] == [2, 3, 3, 1]
    assert page.eval_on_selector('.edge[data-l="1"][data-i="0"][data-j="0"]', "e => e.__kept === true")
    assert page.locator('.layer-edges[data-l="3"] .edge').count() == 3

    page.click('button[aria-label="more nodes in layer 1"]')
    wait_edges(page, 2 * 4 + 4 * 3 + 3 * 1)
    state2, _ = assert_matches_api(page, live_server)
    assert [layer["size"] for layer in state2["network"]["layers"]] == [2, 4, 3, 1]
    # the weights that existed are kept; only node 3's row and column are new
    assert state2["network"]["weights"][0][:3] == state["network"]["weights"][0]
    assert [row[:3] for row in state2["network"]["weights"][1]] == state["network"]["weights"][1]
    assert page.locator('.edge[data-l="1"][data-i="3"]').count() == 2
    assert page.locator('.edge[data-l="2"][data-j="3"]').count() == 3

    page.click('button[aria-label="remove layer 2"]')
    wait_edges(page, 2 * 4 + 4 * 1)
    assert_matches_api(page, live_server)
    assert page.errors == []


def test_clicking_an_edge_opens_the_chain_rule_whose_numbers_multiply_out(page, live_server):
    ready(page)
    for sel in ('.edge[data-l="2"][data-i="0"][data-j="1"]', '.edge[data-l="1"][data-i="2"][data-j="0"]'):
        edge = page.locator(sel)
        grad = float(edge.get_attribute("data-grad"))
        edge.dispatch_event("click")
        panel = page.locator(".detail .chain")
        panel.wait_for()
        factors = page.eval_on_selector_all(".chain-rule .factor", "els => els.map(e => [e.dataset.name, +e.dataset.value])")
        assert [f[0] for f in factors] == ["dC_da", "da_dz", "a_prev"]
        assert close(math.prod(v for _, v in factors), grad)
        assert float(page.get_attribute(".chain .big-number", "data-grad")) == grad
        assert panel.locator("math").count() > 3, "typeset as MathML"
        # the finite-difference value beside it
        numeric = page.locator(".gradcheck [data-numeric]")
        numeric.wait_for()
        assert close(float(numeric.get_attribute("data-numeric")), grad, rel=1e-6)
        # C(w) with the tangent of slope dC/dW through the current point
        curve = page.locator(".cost-curve")
        curve.wait_for()
        assert float(curve.get_attribute("data-slope")) == grad
        assert float(curve.get_attribute("data-value")) == float(edge.get_attribute("data-weight"))
        assert page.locator(".cost-curve path.tangent").get_attribute("d")
    assert page.errors == []


def test_the_hidden_layers_dC_da_is_the_sum_over_the_layer_above(page, live_server):
    ready(page)
    page.locator('.edge[data-l="1"][data-i="1"][data-j="0"]').dispatch_event("click")
    page.locator(".expansion table.terms").wait_for()
    state = fragment_state(page)
    res = api(live_server, "/backprop", body_of(state))
    terms = page.eval_on_selector_all(".expansion tbody tr", "rows => rows.length")
    assert terms == 1  # 2-3-1: one node above
    dC_da = float(page.get_attribute('.factor[data-name="dC_da"]', "data-value"))
    assert close(dC_da, res["layers"][1]["dC_da"][0][1])
    expected = res["layers"][2]["dC_da"][0][0] * res["layers"][2]["da_dz"][0][0] * state["network"]["weights"][1][0][1]
    assert close(dC_da, expected)


def test_mazur_worked_example_gives_his_numbers(page, live_server):
    ready(page)
    page.select_option("#preset", "mazur")
    wait_until(page, "document.querySelector('#cost-value').dataset.value.startsWith('0.2983')")
    assert close(float(page.get_attribute("#cost-value", "data-value")), 0.298371109, rel=1e-8)
    # his ∂E/∂w5 (h1 -> o1) and ∂E/∂w1 (i1 -> h1)
    assert close(float(page.get_attribute('.edge[data-l="2"][data-i="0"][data-j="0"]', "data-grad")), 0.082167041, rel=1e-7)
    assert close(float(page.get_attribute('.edge[data-l="1"][data-i="0"][data-j="0"]', "data-grad")), 0.000438568, rel=1e-5)
    assert "½" in page.locator("#note-text").text_content()
    assert_matches_api(page, live_server)


def test_a_batch_shows_each_samples_share_beside_the_mean(page, live_server):
    ready(page)
    page.select_option("#preset", "softmax")
    wait_edges(page, 2 * 4 + 4 * 3)
    assert_matches_api(page, live_server)
    edge = page.locator('.edge[data-l="2"][data-i="1"][data-j="2"]')
    grad = float(edge.get_attribute("data-grad"))
    edge.dispatch_event("click")
    table = page.locator(".batch-table")
    table.wait_for()
    shares = [float(v) for v in page.eval_on_selector_all(".batch-table tbody tr", "rs => rs.map(r => r.dataset.value)")]
    assert len(shares) == 4
    assert close(sum(shares) / 4, grad, rel=1e-10)
    assert close(float(table.get_attribute("data-mean")), grad, rel=1e-10)
    # softmax: no elementwise σ'(z); the chain goes through ∂C/∂z
    factors = page.eval_on_selector_all(".chain-rule .factor", "els => els.map(e => e.dataset.name)")
    assert factors == ["dC_dz", "a_prev"]
    assert page.errors == []


def test_clicking_a_node_shows_its_quantities_and_its_bias_chain(page, live_server):
    ready(page)
    node = page.locator('.node[data-l="1"][data-i="1"]')
    node.dispatch_event("click")
    panel = page.locator(".node-panel")
    panel.wait_for()
    state = fragment_state(page)
    res = api(live_server, "/backprop", body_of(state))
    layer = res["layers"][1]
    q = dict(page.eval_on_selector_all(".quantities > div", "ds => ds.map(d => [d.dataset.q, d.dataset.value])"))
    assert float(q["z"]) == layer["z"][0][1] and float(q["a"]) == layer["a"][0][1]
    assert float(q["da_dz"]) == layer["da_dz"][0][1]
    assert float(q["dC_da"]) == layer["dC_da"][0][1] and float(q["dC_dz"]) == layer["dC_dz"][0][1]
    assert panel.locator("table.incoming tbody tr").count() == 2
    factors = page.eval_on_selector_all(".bias .chain-rule .factor", "els => els.map(e => +e.dataset.value)")
    assert len(factors) == 2
    assert close(math.prod(factors), res["gradients"]["biases"][0][1])
    # an incoming weight's button opens its chain rule
    panel.locator("table.incoming button").nth(1).click()
    page.locator('.chain[data-kind="W"][data-l="1"][data-i="1"][data-j="1"]').wait_for()
    assert page.errors == []


def test_editing_a_weight_redraws_with_new_gradients(page, live_server):
    ready(page)
    page.locator('.edge[data-l="2"][data-i="0"][data-j="0"]').dispatch_event("click")
    field = page.locator(".chain .edit-param input")
    field.fill("2.5")
    field.press("Enter")
    wait_until(page, "document.querySelector('.edge[data-l=\"2\"][data-i=\"0\"][data-j=\"0\"]').dataset.weight === '2.5'")
    state, _ = assert_matches_api(page, live_server)
    assert state["network"]["weights"][1][0][0] == 2.5
    assert page.errors == []


def test_a_link_restores_the_same_network_and_view(page, browser, live_server):
    ready(page)
    page.select_option("#preset", "deep")
    wait_edges(page, 2 * 6 + 4 * 36 + 6)
    page.check("#norm-layer", force=True)
    page.check("#colorBy-update", force=True)
    page.locator('.edge[data-l="3"][data-i="2"][data-j="4"]').dispatch_event("click")
    page.locator(".chain").wait_for()
    url = page.url
    before = edges(page)
    assert "#s=" in url

    other = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    errors = []
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    other.goto(url)
    other.wait_for_selector("body[data-ready]")
    assert edges(other) == before
    assert other.is_checked("#norm-layer") and other.is_checked("#colorBy-update")
    assert other.locator(".legend-row").count() == 6
    assert other.locator('.chain[data-l="3"][data-i="2"][data-j="4"]').count() == 1
    def strokes(p):
        return p.eval_on_selector_all(".edge", "els => els.map(e => e.getAttribute('stroke'))")

    assert strokes(other) == strokes(page)
    assert errors == []
    other.context.close()


def test_a_bad_import_is_refused_with_a_message_and_the_network_kept(page, live_server):
    ready(page)
    before = edges(page)
    hash_before = page.evaluate("location.hash")
    # wrong shapes, and markup that must be shown as text, never run
    bad = {
        "network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "weights": [[[1, 2]], [[1, 2, 3]]]},
        "input": [0.5, 0.5], "target": [1], "loss": "mse",
    }
    page.set_input_files("#import-file", files=[{"name": "<img src=x onerror=alert(1)>.json", "mimeType": "application/json",
                                                 "buffer": json.dumps(bad).encode()}])
    banner = page.locator("#banner")
    banner.wait_for()
    text = banner.text_content()
    assert "refused" in text and "weights[0] is 1×2" in text and "unchanged" in text
    assert "<img src=x onerror=alert(1)>.json" in text
    assert page.locator("#banner img, body img").count() == 0
    assert edges(page) == before
    assert page.evaluate("location.hash") == hash_before

    page.set_input_files("#import-file", files=[{"name": "notes.json", "mimeType": "application/json", "buffer": b"{not json"}])
    wait_until(page, "document.querySelector('#banner').textContent.includes('notes.json')")
    assert "not valid JSON" in banner.text_content()
    assert edges(page) == before
    assert only_the_refused_request(page.errors, 1)


def test_an_import_of_an_export_loads_it(page, live_server, tmp_path):
    ready(page)
    page.select_option("#preset", "hand")
    wait_edges(page, 2 * 2 + 2)
    with page.expect_download() as dl:
        page.click("#export")
    path = tmp_path / "net.json"
    dl.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["network"]["weights"] == [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]]
    page.select_option("#preset", "deep")
    wait_edges(page, 2 * 6 + 4 * 36 + 6)
    page.set_input_files("#import-file", str(path))
    wait_edges(page, 2 * 2 + 2)
    assert fragment_state(page) == exported
    assert_matches_api(page, live_server)


def test_a_422_is_shown_beside_its_control_and_the_last_good_state_kept(page, live_server):
    ready(page)
    before = edges(page)
    hash_before = page.evaluate("location.hash")
    cost_before = page.get_attribute("#cost-value", "data-value")
    page.select_option("#loss", "cross_entropy")
    slot = page.locator("#loss ~ .field-error")
    slot.wait_for()
    assert "Cross-entropy needs a softmax output layer" in slot.text_content()  # in words (issue 13), the API says cross_entropy
    assert page.get_attribute("#loss", "aria-invalid") == "true"
    assert edges(page) == before
    assert page.evaluate("location.hash") == hash_before
    assert page.get_attribute("#cost-value", "data-value") == cost_before
    # fixing it clears the message
    page.select_option("#act-2", "softmax")
    wait_until(page, "document.querySelector('#loss ~ .field-error').hidden")
    state = fragment_state(page)
    assert state["loss"] == "cross_entropy" and state["network"]["layers"][2]["activation"] == "softmax"
    assert_matches_api(page, live_server)
    assert only_the_refused_request(page.errors, 1)


def test_switches_recolour_and_the_legend_follows(page, live_server):
    ready(page)
    def stroke():
        return page.eval_on_selector_all(".edge", "els => els.map(e => e.getAttribute('stroke'))")

    by_grad = stroke()
    assert "∂C/∂W" in page.locator(".legend-title").text_content()
    grads = [abs(float(e["g"])) for e in edges(page)]
    assert float(page.get_attribute(".legend-row", "data-max")) == max(grads)
    page.check("#colorBy-weight", force=True)
    wait_until(page, "document.querySelector('.legend-title').textContent.endsWith('W')")
    assert stroke() != by_grad
    ws = [abs(float(e["w"])) for e in edges(page)]
    assert float(page.get_attribute(".legend-row", "data-max")) == max(ws)
    page.check("#colorBy-update", force=True)
    page.fill("#eta", "2")
    page.press("#eta", "Enter")
    wait_until(page, f"+document.querySelector('.legend-row').dataset.max === {2 * max(grads)!r}")
    page.check("#norm-layer", force=True)
    wait_until(page, "document.querySelectorAll('.legend-row').length === 2")
    maxima = [float(m) for m in page.eval_on_selector_all(".legend-row", "rs => rs.map(r => r.dataset.max)")]
    by_layer = {}
    for e in edges(page):
        by_layer[e["l"]] = max(by_layer.get(e["l"], 0), abs(float(e["g"])) * 2)
    assert maxima == [by_layer[1], by_layer[2]]
    ticks = page.eval_on_selector_all(".legend-scale .tick text", "ts => ts.map(t => t.textContent)")
    assert ticks == ["−max", "−0.5max", "0", "0.5max", "max"]
    assert page.errors == []


def test_the_passes_play_step_by_step_with_the_keyboard(page, live_server):
    ready(page)
    page.locator("body").press("ArrowRight")
    assert page.locator("svg.stage-forward").count() == 1
    assert "Forward: the input" in page.locator(".player-title").text_content()
    for _ in range(3):
        page.locator("body").press("ArrowRight")
    assert page.locator("svg.stage-backward").count() == 1
    assert page.locator('.layer-edges[data-l="1"].pending').count() == 1
    assert page.locator('.layer-edges[data-l="2"].pending').count() == 0
    page.click('button[aria-label="next step"]')
    assert page.locator(".layer-edges.pending").count() == 0
    page.locator("body").press("End")
    assert page.locator("svg.stage-backward, svg.stage-forward").count() == 0
    assert page.errors == []


def test_copy_as_curl_and_python_show_the_current_request(page, live_server):
    ready(page)
    page.click("#copy-curl")
    dialog = page.locator("#code-dialog")
    dialog.wait_for()
    text = page.locator("#code-text").text_content()
    assert text.startswith("curl -s '" + live_server + "/api/v1/backprop'")
    sent = json.loads(text.split("-d '", 1)[1].rstrip("'"))
    assert sent == body_of(fragment_state(page))
    page.click("#code-close")
    page.click("#copy-python")
    text = page.locator("#code-text").text_content()
    assert "requests.post(" in text and '"loss": "mse"' in text
    assert page.errors == []


def test_no_console_errors_across_presets_and_panels(page, live_server):
    ready(page)
    for preset in ("hand", "mazur", "softmax", "deep"):
        page.select_option("#preset", preset)
        wait_until(page, "location.hash.length > 10 && document.querySelector('#preset').value === ''")
        page.wait_for_timeout(100)
        page.locator(".edge").last.dispatch_event("click")
        page.locator(".chain .cost-curve").wait_for()
        page.locator(".chain .jacobian button").click()
        page.locator(".jacobian-out math").first.wait_for()
        page.locator('.node[data-l="1"][data-i="0"]').dispatch_event("click")
        page.locator(".node-panel").wait_for()
    assert page.errors == []


@pytest.mark.parametrize("width,height,name", [(1280, 800, "desktop"), (390, 844, "phone")])
def test_screenshots(browser, live_server, width, height, name):
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server,
                                  device_scale_factor=2 if name == "phone" else 1)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    ready(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"page-{name}.png"))
    page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
    page.locator(".chain .cost-curve").wait_for()
    page.locator(".gradcheck [data-numeric]").wait_for()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"page-{name}-chain.png"), full_page=name == "phone")
    page.select_option("#preset", "softmax")
    wait_edges(page, 20)
    page.locator('.edge[data-l="1"][data-i="2"][data-j="0"]').dispatch_event("click")
    page.locator(".chain .cost-curve").wait_for()
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"page-{name}-batch.png"), full_page=name == "phone")
    assert (SHOTS / f"page-{name}.png").stat().st_size > 10_000
    assert errors == []
    context.close()
