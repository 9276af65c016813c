"""Figures to take away: the graph with its legend, the input plane, the cost and gradient-norm charts
and C(w), each downloaded as a standalone SVG (it parses as XML, names no URL of the app, and carries
the page's data) and as a PNG twice its size. Each exported SVG is rendered on its own page and
screenshot into screenshots/ to be looked at."""
import re
import struct
import xml.etree.ElementTree as ET

import pytest

from bench.support import fragment, sigmoid_state
from tests.browser.test_page import SHOTS, api, body_of, fragment_state, ready, wait_until
from tests.browser.test_training import poll, train_mode

SVG = "{http://www.w3.org/2000/svg}"
GENERIC = {"sans-serif", "serif", "monospace"}


def download(page, which: str, fmt: str, tmp_path) -> bytes:
    with page.expect_download() as d:
        page.click(f"[data-control=figures][data-figure={which}] button[data-format={fmt}]")
    path = tmp_path / d.value.suggested_filename
    d.value.save_as(path)
    return path.read_bytes()


def parse(data: bytes) -> ET.Element:
    """The SVG as XML, checked to stand alone: its namespace, size, white ground, generic fonts, and
    no reference outside itself."""
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and width > 100 and height > 100
    ground = root[0]
    assert ground.tag == SVG + "rect" and ground.get("fill") == "#ffffff"
    assert (float(ground.get("width")), float(ground.get("height"))) == (width, height)
    text = data.decode()
    assert "/static" not in text and "@font-face" not in text
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    refs = re.findall(r"url\(([^)]*)\)", text)
    assert all(r.startswith("#") and r[1:] in ids for r in refs), refs
    for el in root.iter():
        href = el.get("{http://www.w3.org/1999/xlink}href") or el.get("href")
        assert href is None or href.startswith("data:image/png") or href[1:] in ids, href
        assert el.get("font-family") in GENERIC | {None}, el.get("font-family")
    return root


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def assert_twice(png: bytes, root: ET.Element):
    assert png_size(png) == (2 * int(root.get("width")), 2 * int(root.get("height")))


def classed(root, tag, cls):
    return [el for el in root.iter(SVG + tag) if cls in (el.get("class") or "").split()]


def shoot(browser, data: bytes, name: str):
    """The exported SVG on a page of its own, screenshot at its size (to look at)."""
    root = ET.fromstring(data)
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"figure-{name}.svg"
    path.write_bytes(data)
    page = browser.new_page(viewport={"width": int(root.get("width")), "height": int(root.get("height"))})
    page.goto(path.as_uri())
    page.screenshot(path=str(SHOTS / f"figure-{name}.png"))
    page.close()


def texts(root) -> str:
    return " ".join("".join(el.itertext()) for el in root.iter(SVG + "text"))


@pytest.mark.parametrize("sizes", [[2, 3, 1], [8, 64, 64, 64, 8]], ids=["sparse", "dense"])
def test_the_graphs_figure_has_every_weight_in_the_pages_colour(page, browser, live_server, tmp_path, sizes):
    if sizes == [2, 3, 1]:
        ready(page)
    else:
        page.goto("/" + fragment(sigmoid_state(sizes)))
        page.wait_for_selector("body[data-ready]")
    state = fragment_state(page)
    res = api(live_server, "/backprop", body_of(state))
    dense = page.locator(".graph-svg.dense").count() == 1
    assert dense == (sizes != [2, 3, 1])
    data = download(page, "graph", "svg", tmp_path)
    root = parse(data)
    shoot(browser, data, "graph-dense" if dense else "graph")

    weights = {(l, i, j) for l in range(1, len(sizes)) for i in range(sizes[l]) for j in range(sizes[l - 1])}
    lines = classed(root, "line", "edge")
    assert len(lines) == len(weights) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    drawn = {(int(e.get("data-l")), int(e.get("data-i")), int(e.get("data-j"))): e.get("stroke") for e in lines}
    assert set(drawn) == weights
    model = page.evaluate("window.__bpv.edgeColours()")
    for (l, i, j), stroke in drawn.items():
        assert stroke == model[l - 1][i][j], (l, i, j)
    if not dense:  # the SVG lines the page shows, with the API's weights
        on_page = page.eval_on_selector_all(".edge", "els => els.map(e => [+e.dataset.l, +e.dataset.i, +e.dataset.j, e.getAttribute('stroke')])")
        assert {(l, i, j): s for l, i, j, s in on_page} == drawn
        for e in lines:
            l, i, j = int(e.get("data-l")), int(e.get("data-i")), int(e.get("data-j"))
            assert float(e.get("data-weight")) == res["network"]["weights"][l - 1][i][j]
    else:  # the canvas's colours: one LUT entry per position on the scale, t = 1/2 + g / (2 max|g|)
        grads = res["gradients"]["weights"]
        m = max(abs(g) for layer in grads for row in layer for g in row)
        by_slot = {}
        for (l, i, j), stroke in drawn.items():
            slot = round((0.5 + grads[l - 1][i][j] / (2 * m)) * 510)
            assert by_slot.setdefault(slot, stroke) == stroke, (l, i, j)
        assert len(set(drawn.values())) > 20
    assert len(classed(root, "g", "node")) == sum(sizes)
    words = texts(root)
    for heading in (f"layer {l}" for l in range(len(sizes))):
        assert heading in words
    assert "Edge colour: ∂C/∂W" in words and "largest |value|" in words and "width: |W|" in words
    assert "SVG" not in words and "PNG" not in words, "the buttons are not part of the figure"
    side = [t for t in root.iter(SVG + "text") if "side-label" in (t.get("class") or "")]
    assert len(side) == sizes[0] + sizes[-1]
    assert len(classed(root, "rect", "background")) == 1 and root.find(f".//{SVG}linearGradient") is not None

    assert_twice(download(page, "graph", "png", tmp_path), root)
    assert page.errors == []


def test_the_training_charts_export_with_their_data(page, browser, tmp_path):
    train_mode(page)
    for k in range(3):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k + 1)
    poll(page, "document.querySelector('svg.plane').dataset.drawn", lambda d: d == "true")

    plane = download(page, "plane", "svg", tmp_path)
    root = parse(plane)
    shoot(browser, plane, "plane")
    assert len(classed(root, "circle", "dot")) == 200
    image = root.find(f".//{SVG}image")
    assert image.get("{http://www.w3.org/1999/xlink}href").startswith("data:image/png;base64,")
    assert_twice(download(page, "plane", "png", tmp_path), root)

    cost = download(page, "cost", "svg", tmp_path)
    root = parse(cost)
    shoot(browser, cost, "cost")
    assert [len(p.get("d")) > 10 for p in classed(root, "path", "series")] == [True, True]  # training and test cost
    assert "training cost" in texts(root) and "test cost" in texts(root)
    assert_twice(download(page, "cost", "png", tmp_path), root)

    norms = download(page, "gradNorms", "svg", tmp_path)
    root = parse(norms)
    shoot(browser, norms, "gradient-norms")
    series = classed(root, "path", "series")
    assert len(series) == 2 and len({p.get("stroke") for p in series}) == 2
    assert "‖∂C/∂W^1‖" in texts(root)
    assert page.errors == []


def test_c_of_w_exports_its_curve_tangent_and_point(page, browser, tmp_path):
    ready(page)
    page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
    page.locator(".chain .cost-curve path.curve").wait_for()
    wait_until(page, "document.querySelector('.cost-curve path.curve').getAttribute('d')")
    data = download(page, "curve", "svg", tmp_path)
    root = parse(data)
    shoot(browser, data, "cost-curve")
    curve = root.find(f".//{SVG}svg[@class='cost-curve']")
    assert float(curve.get("data-slope")) == float(page.get_attribute(".cost-curve", "data-slope"))
    assert len(classed(root, "path", "curve")[0].get("d")) > 100
    tangent = classed(root, "path", "tangent")[0]
    assert tangent.get("stroke-dasharray") == "5 4"
    clip = tangent.get("clip-path")[5:-1]
    assert root.find(f".//{SVG}clipPath[@id='{clip}']") is not None
    assert len(classed(root, "circle", "here")) == 1
    assert_twice(download(page, "curve", "png", tmp_path), root)
    assert page.errors == []
