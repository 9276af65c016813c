"""GET /embed in Debian's chromium: the page inside another site's iframe. A host page on a second loopback
origin shows it when BACKPROP_FRAME_ANCESTORS lists that origin, and the browser refuses it when the
setting is empty; the snippet comes from the page's own Embed dialog; /embed fits its frame (800×500,
400×600) without a page scrollbar, and draws the #s= state's gradients as /backprop gives them.
Screenshots in screenshots/embed-*.png."""
import json
import subprocess
import sys
import urllib.request

import pytest

from bench.support import ROOT, fragment, free_port, serve, wait_for

SHOTS = ROOT / "screenshots"
HAND = {
    "network": {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
                "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], "biases": [[0.35, 0.35], [0.6]]},
    "input": [[0.05, 0.1]], "target": [[0.01]], "loss": "mse",
}
W01 = {"kind": "W", "l": 2, "i": 0, "j": 1}  # W_01^2: its chain rule in the card
EDGES = "els => els.map(e => ({l: +e.dataset.l, i: +e.dataset.i, j: +e.dataset.j, g: e.dataset.grad}))"


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """Another site: python -m http.server on its own loopback port, serving the pages the tests write. -> (url, dir)"""
    root = tmp_path_factory.mktemp("school")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", proc=proc)
        yield url, root
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def framable(live_server, host):
    """A second app server whose /embed the host's origin may frame (live_server built the bundle)."""
    proc, url = serve(env={"BACKPROP_FRAME_ANCESTORS": host[0]})
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def backprop_grads(base: str, state: dict) -> dict:
    req = urllib.request.Request(base + "/api/v1/backprop", data=json.dumps(state).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        weights = json.loads(r.read())["gradients"]["weights"]
    return {(l + 1, i, j): g for l, W in enumerate(weights) for i, row in enumerate(W) for j, g in enumerate(row)}


def assert_hand_gradients(edges: list[dict], base: str):
    expected = backprop_grads(base, HAND)
    assert len(edges) == 6
    assert {(e["l"], e["i"], e["j"]): float(e["g"]) for e in edges} == expected


def school_page(host, name: str, snippet: str) -> str:
    url, root = host
    (root / name).write_text(f"<!doctype html><meta charset='utf-8'><title>Lesson 3</title><link rel='icon' href='data:,'>"
                             f"<h1>Lesson 3: the chain rule</h1>\n{snippet}\n")
    return f"{url}/{name}"


def embed_snippet(page, base: str) -> str:
    """The snippet the page's Embed dialog offers for the hand network, at its default 800×500."""
    page.goto(base + "/" + fragment(HAND))
    page.wait_for_selector("body[data-ready]")
    page.click("#teach summary")
    page.click("#embed")
    dialog = page.locator("#embed-dialog")
    assert dialog.is_visible() and "BACKPROP_FRAME_ANCESTORS" in dialog.inner_text()
    page.fill("#embed-width", "640")
    assert 'width="640" height="500"' in page.text_content("#embed-code")
    page.fill("#embed-width", "800")
    page.click("#embed-copy")
    snippet = page.text_content("#embed-code")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    return snippet


def test_a_configured_origin_shows_the_embed_from_the_pages_snippet(browser, framable, host):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=framable)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    snippet = embed_snippet(page, framable)
    assert snippet.startswith(f'<iframe src="{framable}/embed#s=') and 'width="800" height="500"' in snippet
    assert 'title="backprop-viz: the chain rule in a 2-2-1 network" style="border:0"></iframe>' in snippet

    page.goto(school_page(host, "framed.html", snippet))
    frame = page.frame_locator("iframe")
    frame.locator("body[data-embed='true'][data-ready]").wait_for(timeout=15_000)
    assert [f.url.split("#")[0] for f in page.frames] == [f"{host[0]}/framed.html", f"{framable}/embed"]
    frame.locator(".edge").first.wait_for(state="attached")
    assert_hand_gradients(frame.locator(".edge").evaluate_all(EDGES), framable)
    frame.locator(".edge[data-l='2'][data-i='0'][data-j='1']").dispatch_event("click")  # the card follows a click
    frame.locator(".chain").wait_for()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "embed-in-a-school-page.png"))
    assert errors == []
    context.close()


def test_without_the_setting_the_browser_refuses_to_frame_it(browser, live_server, host):
    page = browser.new_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(school_page(host, "refused.html", f'<iframe src="{live_server}/embed{fragment(HAND)}" width="800" height="500" '
                                                f'title="backprop-viz" style="border:0"></iframe>'))
    for _ in range(100):  # Chromium says why in the host page's console
        if any("frame-ancestors 'none'" in m for m in messages):
            break
        page.wait_for_timeout(50)
    assert any("frame-ancestors 'none'" in m and "blocked" in m for m in messages), messages
    page.wait_for_timeout(1000)
    assert page.frame_locator("iframe").locator("body[data-ready]").count() == 0
    assert [f.url for f in page.frames][1:] == ["chrome-error://chromewebdata/"]  # its error page, not the app
    page.close()


@pytest.mark.parametrize("width,height", [(800, 500), (400, 600)])
def test_the_embed_fits_its_frame_with_the_graph_and_the_card(browser, live_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=2)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server}/embed{fragment({**HAND, 'view': {'selected': W01}})}")
    page.wait_for_selector("body[data-embed='true'][data-ready]")
    page.locator(".chain .cost-curve").wait_for()
    page.wait_for_timeout(300)
    fits = page.evaluate("[document.scrollingElement.scrollHeight, innerHeight, document.scrollingElement.scrollWidth, innerWidth]")
    assert fits[0] <= fits[1] and fits[2] <= fits[3], fits
    graph = page.locator("#graph").bounding_box()
    card = page.locator("#detail").bounding_box()
    assert graph["height"] >= 0.35 * height and graph["width"] >= 0.5 * width, graph
    beside = width >= 640
    assert (card["x"] >= graph["x"] + graph["width"]) if beside else (card["y"] >= graph["y"] + graph["height"]), (graph, card)
    assert card["y"] + 40 < height and page.locator(".chain .big-number").is_visible()
    assert page.locator("#cost-value").is_visible() and page.locator("#mode").is_visible()
    for hidden in ("aside.controls", "#viewbar", "#actions", "#preset", "#export", "#import-label", "#copy-curl", "#teach"):
        assert not page.locator(hidden).is_visible(), hidden
    assert_hand_gradients(page.locator(".edge").evaluate_all(EDGES), live_server)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"embed-{width}x{height}.png"))
    assert errors == []
    context.close()


def test_the_embed_draws_the_links_state(page, live_server):
    page.goto(f"/embed{fragment(HAND)}")
    page.wait_for_selector("body[data-ready]")
    page.locator(".edge").first.wait_for(state="attached")
    assert_hand_gradients(page.locator(".edge").evaluate_all(EDGES), live_server)
    assert float(page.get_attribute("#cost-value", "data-value")) > 0
    assert page.errors == []
