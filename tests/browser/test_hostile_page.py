"""Markup in what a learner loads (an imported file, a link) is shown as text, never run."""
import json

from bench.support import fragment
from tests.browser.test_page import edges, only_the_refused_request, ready, wait_until

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2\">"


def test_markup_in_an_imported_files_fields_is_shown_as_text(page):
    ready(page)
    before = edges(page)
    bad = {
        "network": {"layers": [{"size": 2}, {"size": 1, "activation": IMG}], SCRIPT: 1},
        "input": [0.5, 0.5], "target": [1], "loss": "mse",
    }
    page.set_input_files("#import-file", files=[{"name": "lesson.json", "mimeType": "application/json",
                                                 "buffer": json.dumps(bad).encode()}])
    wait_until(page, "document.querySelector('#banner').textContent.includes('lesson.json')")
    text = page.locator("#banner").text_content()
    assert SCRIPT in text  # the unknown field is named, as text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#banner *").count() == 0  # no element was made from the message
    assert page.locator("body script:not([src]), body img").count() == 0
    assert edges(page) == before
    assert only_the_refused_request(page.errors, 1)


def test_markup_in_a_link_is_never_run(page):
    state = {
        "network": {"layers": [{"size": 2}, {"size": 3, "activation": "sigmoid"}, {"size": 1}], "seed": 0},
        "input": [[0.1, 0.2]], "target": [[1]], "loss": "mse",
        "view": {"selected": {"kind": IMG, "l": SCRIPT, "i": 0}, "colorBy": SCRIPT},
        "train": {"dataset": IMG, "optimizer": SCRIPT},
    }
    ready(page, "/" + fragment(state))
    assert page.evaluate("window.__pwned") is None
    assert page.locator("body img").count() == 0
    assert len(edges(page)) == 2 * 3 + 3 * 1
    assert page.errors == []
