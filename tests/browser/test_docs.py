"""GET /docs in chromium: Swagger UI from our own files renders every operation, offline, under the CSP."""
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def docs(page, live_server):
    """/docs loaded with every request recorded; anything not for our server is refused, as offline."""
    requested = []

    def only_local(route):
        requested.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_local)
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    page.requested = requested
    return page


def test_docs_render_every_operation(docs):
    paths = docs.locator(".opblock-summary-path").all_inner_texts()
    for path in ["/api/v1/forward", "/api/v1/backprop", "/api/v1/gradcheck", "/api/v1/train", "/api/v1/meta"]:
        assert any(p.replace("\u200b", "") == path for p in paths), paths
    assert docs.errors == []  # CSP violations and script errors are console errors


def test_docs_load_nothing_from_elsewhere(docs, live_server):
    assert docs.requested, "no request was seen"
    outside = [u for u in docs.requested if urlsplit(u).hostname != "127.0.0.1"]
    assert outside == []
    assert any(u.endswith("/openapi.json") for u in docs.requested)
    assert any("/static/vendor/swagger-ui/" in u for u in docs.requested)


def test_try_it_out_runs_the_documented_example(docs):
    block = docs.locator(".opblock-post", has_text="/api/v1/backprop").first
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=10_000)
    assert status.inner_text().strip().startswith("200")
    assert '"gradients"' in block.locator(".live-responses-table .microlight").first.inner_text()
    assert docs.errors == []
