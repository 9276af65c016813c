"""Lesson links: made in the page's Lesson dialog, they open with exactly their controls hidden and
locked, the task shown as text, on the mode and panel chosen; nothing the lesson locks can be changed."""
import json

from bench.support import fragment
from tests.browser.test_page import fragment_state, ready, wait_until

HIDE = ["presets", "import", "mode-derive", "seed"]
LOCK = ["cost", "color-by", "train-lr", "network"]
TASK = "Bring C under 0.1 by changing only the batch size.\n<b>Not bold</b> & <img src=x onerror=\"window.__pwned=1\">"


def make_lesson(page, hide, lock, task, mode="train", panel="details") -> str:
    page.click("#teach summary")
    page.click("#lesson")
    page.locator("#lesson-dialog[open]").wait_for()
    page.fill("#lesson-task", task)
    for name in hide:
        page.check(f"#lesson-hide-{name}")
    for name in lock:
        page.check(f"#lesson-lock-{name}")
    page.select_option("#lesson-mode", mode)
    page.select_option("#lesson-panel", panel)
    page.click("#lesson-make")
    return page.input_value("#lesson-link")


def control(page, name):
    return page.locator(f'[data-control="{name}"]').first


def test_a_lesson_made_in_the_page_opens_with_its_controls_hidden_and_locked(page, browser, live_server):
    ready(page)
    page.click("#mode button[data-mode=train]")
    wait_until(page, "document.querySelectorAll('svg.plane circle.dot').length > 0")
    url = make_lesson(page, HIDE, LOCK, TASK)
    assert "#s=" in url
    learner = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    errors = []
    learner.on("pageerror", lambda e: errors.append(str(e)))
    learner.goto(url)
    learner.wait_for_selector("body[data-ready]")
    wait_until(learner, "document.body.dataset.mode === 'train'")
    state = fragment_state(learner)
    assert set(state["lesson"]["hide"]) == set(HIDE) and set(state["lesson"]["lock"]) == set(LOCK)
    for name in HIDE:
        assert learner.locator(f'[data-control="{name}"]').count() >= 1, name
        assert all(not e.is_visible() for e in learner.locator(f'[data-control="{name}"]').all()), f"{name} is hidden"
    for name in LOCK:
        c = control(learner, name)
        assert c.is_visible(), name
        assert c.get_attribute("title") == "Locked by the lesson"
        fields = c.locator("input, select, button")
        assert fields.count() >= 1 and all(f.is_disabled() for f in fields.all()), f"{name}'s fields are disabled"
    # what it does not name stays as it was
    assert not learner.locator("#train-batch").is_disabled() and learner.locator("#copy-link").is_visible()
    assert learner.get_attribute("#tab-details", "aria-selected") == "true"
    strip = learner.locator("#task")
    assert strip.is_visible() and strip.locator("p").text_content() == TASK, "the task, as text"
    assert learner.locator("#task img, #task b").count() == 0 and learner.evaluate("window.__pwned") is None
    assert errors == []
    learner.context.close()


def test_nothing_a_lesson_locks_changes_whatever_the_learner_tries(page, live_server):
    state = {"network": {"layers": [{"size": 2}, {"size": 3}, {"size": 1}], "seed": 0}, "input": [[0.5, 0.5]], "target": [[1]],
             "loss": "mse", "lesson": {"lock": ["network", "cost", "color-by"], "hide": ["presets"], "task": "Look only."}}
    ready(page, "/" + fragment(state))
    before = fragment_state(page)
    # a forced click on a locked button, a change on a locked select, Enter in a locked field
    page.locator('button[aria-label="more nodes in layer 1"]').dispatch_event("click")
    page.locator("#loss").evaluate("s => { s.disabled = false; s.value = 'cross_entropy'; s.dispatchEvent(new Event('change')); }")
    page.locator("#colorBy-weight").evaluate("r => { r.disabled = false; r.checked = true; r.dispatchEvent(new Event('change')); }")
    page.wait_for_timeout(500)
    after = fragment_state(page)
    assert after["network"] == before["network"] and after["loss"] == "mse" and after["view"]["colorBy"] == "gradient"
    # a link from another place (here: an import) keeps the lesson
    other = {"network": {"layers": [{"size": 1}, {"size": 1}]}, "input": [[1]], "target": [[0]]}
    page.set_input_files("#import-file", files=[{"name": "o.json", "mimeType": "application/json", "buffer": json.dumps(other).encode()}])
    wait_until(page, "document.querySelectorAll('.edge').length === 1")
    assert set(fragment_state(page)["lesson"]["lock"]) == {"network", "cost", "color-by"}
    assert page.locator("#loss").is_disabled()


def fresh(page, state):
    """A new page load for each link (a hash-only navigation would keep the page and its drawing)."""
    page.goto("about:blank")
    ready(page, "/" + fragment(state))


def test_a_task_too_long_or_not_text_is_refused_with_a_message(page, live_server):
    base = {"network": {"layers": [{"size": 2}, {"size": 1}], "seed": 0}, "input": [[0.5, 0.5]], "target": [[1]], "loss": "mse"}
    fresh(page, {**base, "lesson": {"task": "x" * 100_000, "hide": ["presets"]}})
    assert page.locator("#task").is_hidden()
    assert "100,000 characters" in page.locator("#note-text").text_content()
    assert not control(page, "presets").is_visible(), "the rest of the lesson holds"
    fresh(page, {**base, "lesson": {"task": "tab\tline\nbell\u0007\u2028end", "hide": ["nonsense", "seed"]}})
    assert page.locator("#task p").text_content() == "tab\tline\nbellend", "control characters taken out"
    assert fragment_state(page)["lesson"]["hide"] == ["seed"], "a name the page does not know is dropped"
    fresh(page, {**base, "lesson": {"task": ["not", "text"]}})
    assert page.locator("#task").is_hidden() and "not text" in page.locator("#note-text").text_content()


def test_every_control_a_lesson_names_is_on_the_page(page, live_server):
    ready(page)
    page.click("#teach summary")
    page.click("#lesson")
    listed = page.eval_on_selector_all("#lesson-dialog input[id^=lesson-hide-]", "bs => bs.map(b => b.id.slice('lesson-hide-'.length))")
    page.keyboard.press("Escape")
    seen = set()
    for mode in ("explore", "train", "derive"):
        page.click(f"#mode button[data-mode={mode}]")
        wait_until(page, f"document.body.dataset.mode === '{mode}'")
        page.wait_for_timeout(800)
        if mode == "explore":
            page.locator('.edge[data-l="1"][data-i="0"][data-j="0"]').dispatch_event("click")
            page.locator(".chain .cost-curve").wait_for()
        seen |= set(page.eval_on_selector_all("[data-control]", "es => es.map(e => e.dataset.control)"))
    assert seen <= set(listed), f"on the page but not in the dialog: {seen - set(listed)}"
    missing = set(listed) - seen
    assert missing <= {"history", "compare", "figures", "layout"}, f"listed but not on the page: {missing}"
