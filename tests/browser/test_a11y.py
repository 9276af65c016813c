"""The page for everyone: axe-core (from npm) finds nothing at WCAG 2 A and AA in any mode, every
control is reachable from the keyboard with a visible focus, and the graph's numbers are a table."""
import pytest

from bench.support import ROOT, fragment
from tests.browser.test_page import api, body_of, fragment_state, ready, wait_until

AXE = ROOT / "node_modules/axe-core/axe.min.js"


@pytest.fixture
def axe_page(browser, live_server):
    """A page whose CSP lets the test inject axe-core (the app's own CSP forbids inline scripts)."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `make assets` (npm ci)")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server, bypass_csp=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}).then(r => r.violations.map(v =>
        ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))""")


def test_nothing_in_explore_mode_nor_in_its_cards(axe_page):
    page = axe_page
    ready(page)
    assert violations(page) == []
    page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
    page.locator(".gradcheck [data-numeric]").wait_for()
    page.locator(".chain .jacobian button").click()
    page.locator(".jacobian-out math").first.wait_for()
    assert violations(page) == []
    page.locator('.node[data-l="1"][data-i="1"]').dispatch_event("click")
    page.locator(".node-panel").wait_for()
    page.click(".ops button")
    page.locator(".ops-graph").wait_for()
    page.locator("#numbers summary").click()
    page.locator("table.numbers").wait_for()
    assert violations(page) == []


def test_nothing_in_train_and_derive_modes(axe_page):
    page = axe_page
    ready(page)
    page.click("#mode button[data-mode=train]")
    wait_until(page, "document.querySelectorAll('svg.plane circle.dot').length > 0")
    for _ in range(3):
        page.click("#train-step")
    wait_until(page, "+(document.querySelector('#train-steps').dataset.value || 0) >= 3")
    assert violations(page) == []
    page.click("#mode button[data-mode=derive]")
    page.select_option("#derive-preset", "batch")
    page.click("#derive-new")
    page.locator('#derive[data-loaded="true"] .blank.current input').wait_for()
    page.locator(".blank.current input").fill("12")
    page.locator(".blank.current input").press("Enter")
    page.locator(".blank.current .hint").wait_for()
    assert violations(page) == []


def test_nothing_in_a_lesson_nor_in_the_teachers_dialogs(axe_page):
    page = axe_page
    state = {"network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "seed": 0}, "input": [[0.5, 0.5]], "target": [[1]],
             "loss": "mse", "lesson": {"lock": ["network", "cost", "color-by"], "hide": ["presets", "import"], "task": "Explain the thickest line."}}
    ready(page, "/" + fragment(state))
    assert violations(page) == []
    page.click("#teach summary")
    page.click("#lesson")
    page.locator("#lesson-dialog[open]").wait_for()
    assert violations(page) == []


def test_nothing_in_the_embed(axe_page, live_server):
    page = axe_page
    page.goto("/embed" + fragment({"network": {"layers": [{"size": 2}, {"size": 2}, {"size": 1}], "seed": 1},
                                   "input": [[0.2, 0.4]], "target": [[1]], "loss": "mse"}))
    page.wait_for_selector("body[data-ready]")
    assert violations(page) == []


def test_every_control_is_reached_from_the_keyboard_with_a_visible_focus(page, live_server):
    ready(page)
    reached, unseen = set(), []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e); const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const inputRing = e.matches('.seg input') && getComputedStyle(e.nextElementSibling).outlineStyle !== 'none';
            const node = e.matches('.node') && getComputedStyle(e.querySelector('circle')).stroke !== 'none';
            const key = e.id || e.dataset.mode || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
            return {key, ring: ring || inputRing || node}; }""")
        if info is None:
            continue
        reached.add(info["key"])
        if not info["ring"]:
            unseen.append(info["key"])
    for key in ("preset", "copy-link", "export", "import-label", "copy-curl", "explore", "train", "derive", "add-layer", "loss", "reseed"):
        assert key in reached, f"{key} is not reached by Tab: {sorted(reached)[:40]}"
    assert any(k.startswith("a_") for k in reached), "the nodes are reached"
    assert unseen == [], f"focused without a visible ring: {unseen}"


def test_the_table_holds_the_graphs_numbers(page, live_server):
    ready(page)
    page.locator("#numbers summary").click()
    table = page.locator("table.numbers")
    table.wait_for()
    res = api(live_server, "/backprop", body_of(fragment_state(page)))
    assert table.get_attribute("data-l") == "2", "the output layer's weights, with nothing selected"
    label = table.locator("tbody button").nth(1).get_attribute("aria-label")
    W = res["network"]["weights"][1][0][1]
    assert label.startswith("W_01^2 = ") and "∂C/∂W" in label
    table.locator("tbody button").nth(1).click()
    page.locator('.chain[data-l="2"][data-i="0"][data-j="1"]').wait_for()
    assert float(page.get_attribute(".chain .edit-param input", "value")) == W
    page.select_option("#numbers-layer", "1")
    assert page.locator("table.numbers tbody tr").count() == 3 and page.locator("table.numbers thead th").count() == 3
