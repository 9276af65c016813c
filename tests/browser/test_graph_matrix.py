"""A network at the API's limits ([100,256,256,10], 94,218 parameters): its layers of more than
10,000 weights are drawn as matrices, a <canvas class="matrix"> each with a pixel per weight and
no element per weight; hovering a cell shows that weight, clicking it opens its card, a switch
under each layer draws it as lines or as a matrix (and the link keeps the choice), and the colour
switch recolours the cells. Screenshots go to screenshots/matrix-*.png."""
import math

import pytest

from bench.support import ROOT, fragment, sigmoid_state
from tests.browser.test_figures import SVG, download, parse
from tests.browser.test_page import api, body_of, fragment_state, wait_until

SIZES = [100, 256, 256, 10]
SHOTS = ROOT / "screenshots"


@pytest.fixture
def loaded(page, live_server):
    """The page with SIZES loaded, and /backprop's answer for the same state."""
    page.set_default_timeout(60000)
    page.goto("/" + fragment(sigmoid_state(SIZES)))
    page.wait_for_selector("body[data-ready]")
    return page, api(live_server, "/backprop", body_of(fragment_state(page)))


def cell_point(page, l, i, j):
    """A whole pixel (a click's coordinates are whole) in or near cell (i, j) of layer l's matrix,
    clear of its cell's borders, found from the canvas's box split into data-cols × data-rows cells
    as the README says; and the cell that pixel is in (cells of about a pixel: often a neighbour)."""
    box = page.eval_on_selector(f'canvas.matrix[data-l="{l}"]', """c => {
        const r = c.getBoundingClientRect();
        return {left: r.left, top: r.top, w: r.width / +c.dataset.cols, h: r.height / +c.dataset.rows};
    }""")
    x0, y0 = round(box["left"] + (j + 0.5) * box["w"]), round(box["top"] + (i + 0.5) * box["h"])
    clear = lambda f, size: min(f % 1, 1 - f % 1) * size > 0.1  # noqa: E731
    xs = [x0 + d for d in sorted(range(-12, 13), key=abs) if clear((x0 + d - box["left"]) / box["w"], box["w"])]
    ys = [y0 + d for d in sorted(range(-12, 13), key=abs) if clear((y0 + d - box["top"]) / box["h"], box["h"])]
    assert xs and ys, f"no clear pixel near cell {i},{j} of layer {l}"
    x, y = xs[0], ys[0]
    return (x, y), (l, math.floor((y - box["top"]) / box["h"]), math.floor((x - box["left"]) / box["w"]))


def matrix_pixels(page, l) -> str:
    return page.eval_on_selector(f'canvas.matrix[data-l="{l}"]', "c => c.toDataURL()")


def pixel(page, l, i, j) -> str:
    """Cell (i, j)'s colour on layer l's canvas (one pixel per cell) as #rrggbb."""
    return page.eval_on_selector(f'canvas.matrix[data-l="{l}"]', f"""c => {{
        const [r, g, b] = c.getContext('2d').getImageData({j}, {i}, 1, 1).data;
        return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
    }}""")


def test_the_dense_layers_are_matrices_without_an_element_per_weight(loaded):
    page, res = loaded
    mats = page.eval_on_selector_all("canvas.matrix", "cs => cs.map(c => [+c.dataset.l, +c.dataset.rows, +c.dataset.cols])")
    assert mats == [[1, 256, 100], [2, 256, 256]]
    assert page.eval_on_selector("canvas.matrix", "c => [c.width, c.height]") == [100, 256], "a pixel per weight"
    counts = page.evaluate("[1, 2, 3].map(l => document.querySelectorAll(`.edge[data-l='${l}']`).length)")
    assert counts == [0, 0, 10 * 256], "layer 3's 2,560 weights stay lines (10,000 or fewer: lines)"
    assert page.evaluate("document.getElementsByTagName('*').length") < 5000
    assert page.eval_on_selector_all(".layout-switch", "bs => bs.map(b => [b.dataset.l, b.getAttribute('aria-pressed'), b.dataset.control])") == [
        ["1", "true", "layout"], ["2", "true", "layout"], ["3", "false", "layout"]]
    assert page.eval_on_selector_all(".matrix-labels[data-l='2'] text", "ts => ts.map(t => t.textContent)") == [
        "0", "j →", "255", "0", "i ↓", "255", "W² · 256×256"]
    # every cell is painted with its weight's colour, the one the page's scale gives it
    for l, i, j in ((1, 0, 0), (1, 255, 99), (2, 17, 200), (2, 255, 255)):
        cell = page.evaluate(f"window.__bpv.cell({l}, {i}, {j})")
        assert cell["w"] == res["network"]["weights"][l - 1][i][j]
        assert cell["g"] == res["gradients"]["weights"][l - 1][i][j]
        assert pixel(page, l, i, j) == cell["colour"], (l, i, j)
    SHOTS.mkdir(exist_ok=True)
    page.mouse.move(2, 2)
    page.screenshot(path=str(SHOTS / "matrix-gradient.png"))
    page.click("label[for=norm-layer]")
    wait_until(page, "document.querySelectorAll('.legend-row.chip').length === 3")
    page.screenshot(path=str(SHOTS / "matrix-gradient-per-layer.png"))
    assert page.errors == []


def test_hovering_a_cell_shows_its_weight_and_clicking_it_opens_its_card(loaded):
    page, res = loaded
    for target in ((2, 100, 37), (1, 3, 98)):
        point, (l, i, j) = cell_point(page, *target)
        page.mouse.move(*point)
        tip = page.locator(".tooltip")
        wait_until(page, f"document.querySelector('.tooltip[data-l=\"{l}\"][data-i=\"{i}\"][data-j=\"{j}\"]:not([hidden])') !== null")
        w, g = res["network"]["weights"][l - 1][i][j], res["gradients"]["weights"][l - 1][i][j]
        assert [float(tip.get_attribute("data-weight")), float(tip.get_attribute("data-grad"))] == [w, g]
        mantissas = page.evaluate(f"""async () => {{
            const {{texNum, DIGITS}} = await import('/static/js/lib/format.js');
            return [{w}, {g}].map(v => texNum(Math.abs(v), DIGITS).split("\\\\cdot")[0]);
        }}""")
        assert all(m in tip.text_content() for m in mantissas), (tip.text_content(), mantissas)
        assert page.locator(".graph-svg.over-edge").count() == 1
        assert page.is_visible(".cell-hover")
        page.mouse.click(*point)
        chain = page.locator(f'.chain[data-l="{l}"][data-i="{i}"][data-j="{j}"]')
        chain.wait_for()
        assert float(chain.locator(".big-number").get_attribute("data-grad")) == g
        assert page.locator(".cell-mark").count() == 1 and page.is_visible(".edge-tag")
        # the selection is in the link (written after the card is painted, for a network this size)
        wait_until(page, f"location.hash.length > 1000 && window.__bpv.state().view.selected?.i === {i}")
        poll = 0
        while fragment_state(page)["view"]["selected"] != {"kind": "W", "l": l, "i": i, "j": j}:
            poll += 1
            assert poll < 50, "the link keeps the selection"
            page.wait_for_timeout(100)
    page.mouse.move(3, 3)
    assert page.locator(".tooltip").is_hidden()
    page.screenshot(path=str(SHOTS / "matrix-card.png"))
    # over the gradient-check limit, the card checks this one weight through /cost-curve
    numeric = float(page.get_attribute(".gradcheck dd[data-numeric]", "data-numeric"))
    assert math.isclose(numeric, g, rel_tol=1e-4, abs_tol=1e-9), (numeric, g)
    assert page.errors == []


def link_matrix(page, expected, tries=60):
    for _ in range(tries):
        if fragment_state(page)["view"]["matrix"] == expected:
            return
        page.wait_for_timeout(100)
    assert fragment_state(page)["view"]["matrix"] == expected


def test_a_layer_switches_between_lines_and_matrix_and_the_link_keeps_it(loaded):
    page, res = loaded
    page.click('.layout-switch[data-l="1"]')
    wait_until(page, "document.querySelectorAll('.edge[data-l=\"1\"]').length === 25600")
    assert page.locator('canvas.matrix[data-l="1"]').count() == 0
    assert page.get_attribute('.layout-switch[data-l="1"]', "aria-pressed") == "false"
    e = page.eval_on_selector('.edge[data-l="1"][data-i="7"][data-j="42"]', "e => [+e.dataset.weight, +e.dataset.grad]")
    assert e == [res["network"]["weights"][0][7][42], res["gradients"]["weights"][0][7][42]]
    link_matrix(page, [2])
    page.click('.layout-switch[data-l="1"]')
    wait_until(page, "document.querySelectorAll('canvas.matrix[data-l=\"1\"]').length === 1")
    assert page.locator('.edge[data-l="1"]').count() == 0
    link_matrix(page, "auto")
    # and a layer of lines as a matrix, which a reload keeps
    page.click('.layout-switch[data-l="3"]')
    wait_until(page, "document.querySelectorAll('canvas.matrix').length === 3")
    assert page.evaluate("document.querySelectorAll('.edge').length") == 0
    link_matrix(page, [1, 2, 3])
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert page.eval_on_selector_all("canvas.matrix", "cs => cs.map(c => +c.dataset.l)") == [1, 2, 3]
    assert page.errors == []


def test_the_graphs_figure_has_the_matrices(loaded, tmp_path):
    page, _ = loaded
    root = parse(download(page, "graph", "svg", tmp_path))
    images = [e for e in root.iter(SVG + "image") if e.get("class") == "matrix"]
    assert [e.get("data-l") for e in images] == ["1", "2"]
    assert all(e.get("href").startswith("data:image/png;base64,") for e in images)
    assert len([e for e in root.iter(SVG + "line") if e.get("class") == "edge"]) == 2560, "layer 3's lines"


def test_the_colour_switch_recolours_the_cells(loaded):
    page, _ = loaded
    before = matrix_pixels(page, 2)
    page.click("label[for=colorBy-weight]")
    wait_until(page, "document.querySelector('.legend-title').textContent === 'Edge colour: W'")
    assert matrix_pixels(page, 2) != before
    cell = page.evaluate("window.__bpv.cell(2, 5, 9)")
    assert pixel(page, 2, 5, 9) == cell["colour"]
    page.mouse.move(2, 2)
    page.screenshot(path=str(SHOTS / "matrix-weight.png"))
    assert page.errors == []
