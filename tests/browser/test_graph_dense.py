"""A dense graph ([8,64,64,64,8], 9,216 weights): its edges are drawn on a canvas, and the .edge
elements stay as the carriers of every weight's numbers; pointing at a line on the canvas still
hovers and selects the weight under the pointer."""
import math

from bench.support import fragment, sigmoid_state
from tests.browser.test_page import api, body_of, edges, fragment_state, wait_until

SIZES = [8, 64, 64, 64, 8]


def load(page, sizes=SIZES):
    page.goto("/" + fragment(sigmoid_state(sizes)))
    page.wait_for_selector("body[data-ready]")


def node_centres(page) -> dict:
    """(l, i) -> the node's centre in the viewport's pixels (through the SVG's screen matrix: the
    viewBox is whole pixels, the box it is fitted in need not be)."""
    return {
        (n["l"], n["i"]): (n["x"], n["y"])
        for n in page.eval_on_selector_all(".node", """ns => ns.map(n => {
            const m = n.getScreenCTM();
            return {l: +n.dataset.l, i: +n.dataset.i, x: m.e, y: m.f};
        })""")
    }


def distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def point_near(centres, l, i, j, sizes=SIZES):
    """A whole pixel (a mouse event's coordinates may be rounded) close to W_ij^l, and the edge
    nearest to it by brute force over layer l: in 4,096 lines 100 px wide that is often a
    neighbour. Points where two edges are within 0.01 px of a tie are skipped."""
    a, b = centres[(l - 1, j)], centres[(l, i)]
    layer = [((k, q), centres[(l - 1, q)], centres[(l, k)]) for k in range(sizes[l]) for q in range(sizes[l - 1])]
    for t, dy in ((t / 100, dy) for t in range(30, 71, 2) for dy in (0, 1, -1)):
        p = (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t) + dy)
        (d0, (k, q)), (d1, _) = sorted((distance(p, c, e), kq) for kq, c, e in layer)[:2]
        if d1 - d0 > 0.01:
            assert d0 < 1, d0
            return p, (l, k, q)
    raise AssertionError(f"no clear point near W{l}_{i}_{j}")


def test_every_weight_has_its_carrier_with_the_apis_numbers_and_the_canvas_draws(page, live_server):
    load(page)
    state = fragment_state(page)
    res = api(live_server, "/backprop", body_of(state))
    es = edges(page)
    assert len(es) == sum(a * b for a, b in zip(SIZES, SIZES[1:])) == 9216
    for e in es:
        assert float(e["g"]) == res["gradients"]["weights"][e["l"] - 1][e["i"]][e["j"]], e
        assert float(e["w"]) == res["network"]["weights"][e["l"] - 1][e["i"]][e["j"]], e
    assert page.locator(".graph-svg.dense").count() == 1
    assert page.is_visible(".graph-canvas")
    assert not page.is_visible(".edge >> nth=0"), "the carriers are not displayed"
    # the canvas has ink: purple and orange lines, not a blank sheet
    coloured = page.evaluate("""() => {
        const c = document.querySelector('.graph-canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let k = 3; k < px.length; k += 4) if (px[k] > 0) n++;
        return n / (c.width * c.height);
    }""")
    assert coloured > 0.2, coloured
    assert page.errors == []


def test_clicking_a_line_on_the_canvas_opens_that_weights_chain_rule(page, live_server):
    load(page)
    centres = node_centres(page)
    for e in ((2, 10, 20), (1, 40, 3), (4, 5, 60), (3, 33, 17)):
        p, (l, i, j) = point_near(centres, *e)
        page.mouse.click(*p)
        chain = page.locator(f'.chain[data-l="{l}"][data-i="{i}"][data-j="{j}"]')
        chain.wait_for()
        carrier = page.locator(f'.edge[data-l="{l}"][data-i="{i}"][data-j="{j}"]')
        grad = float(carrier.get_attribute("data-grad"))
        factors = page.eval_on_selector_all(".chain-rule .factor", "els => els.map(e => +e.dataset.value)")
        assert math.isclose(math.prod(factors), grad, rel_tol=1e-12)
        assert float(page.get_attribute(".chain .big-number", "data-grad")) == grad
        assert page.eval_on_selector_all(".edge.selected", "els => els.map(e => [+e.dataset.l, +e.dataset.i, +e.dataset.j])") == [[l, i, j]]
        # over the gradient-check limit, the panel checks this one weight through /cost-curve
        numeric = float(page.get_attribute(".gradcheck dd[data-numeric]", "data-numeric", timeout=15000))
        assert math.isclose(numeric, grad, rel_tol=1e-4, abs_tol=1e-9), (numeric, grad)
    # a click on empty space clears the selection; a node above the canvas still takes its clicks
    page.mouse.click(centres[(0, 0)][0] + 20, centres[(1, 0)][1] + 5)  # above layer 0's fan of lines
    wait_until(page, "!document.querySelector('.chain')")
    page.mouse.click(*centres[(2, 5)])
    page.locator(".node-panel").wait_for()
    assert page.errors == []


def test_hovering_a_line_on_the_canvas_shows_its_weight_and_gradient(page, live_server):
    load(page)
    centres = node_centres(page)
    p, (l, i, j) = point_near(centres, 2, 7, 50)
    page.mouse.move(*p)
    tip = page.locator(".tooltip")
    tip.wait_for()
    expected = page.evaluate(f"""async () => {{
        const {{texNum, DIGITS}} = await import('/static/js/lib/format.js');
        const e = document.querySelector('.edge[data-l="{l}"][data-i="{i}"][data-j="{j}"]');
        const mantissa = (v) => texNum(Math.abs(v), DIGITS).split("\\\\cdot")[0];
        return [mantissa(+e.dataset.weight), mantissa(+e.dataset.grad), e.dataset.weight, e.dataset.grad];
    }}""")
    text = tip.text_content()
    assert all(x in text for x in expected[:2]), (text, expected)
    assert [tip.get_attribute(f"data-{k}") for k in ("l", "i", "j", "weight", "grad")] == [str(l), str(i), str(j), *expected[2:]]
    assert page.locator(".graph-svg.over-edge").count() == 1
    page.mouse.move(3, 3)
    assert tip.is_hidden()
    assert page.errors == []


def test_new_gradients_recolour_the_same_carriers_and_the_canvas(page, live_server):
    load(page)
    page.eval_on_selector('.edge[data-l="3"][data-i="1"][data-j="2"]', "e => e.__kept = true")
    before = {(e["l"], e["i"], e["j"]): float(e["g"]) for e in edges(page)}
    pixels = "document.querySelector('.graph-canvas').toDataURL()"
    drawn = page.evaluate(pixels)
    page.evaluate("window.__bpv.recolour(-1.3)")
    after = edges(page)
    assert len(after) == 9216
    for e in after:
        assert float(e["g"]) == before[(e["l"], e["i"], e["j"])] * -1.3
    assert page.eval_on_selector('.edge[data-l="3"][data-i="1"][data-j="2"]', "e => e.__kept === true")
    assert page.evaluate(pixels) != drawn
    assert page.errors == []


def test_the_passes_and_a_smaller_network_after_a_dense_one(page, live_server):
    load(page)
    pixels = "document.querySelector('.graph-canvas').toDataURL()"
    drawn = page.evaluate(pixels)
    page.locator("body").press("ArrowRight")
    wait_until(page, "document.querySelectorAll('.layer-edges.pending').length > 0")
    assert page.evaluate(pixels) != drawn, "the stage is drawn on the canvas too"
    page.goto("/" + fragment(sigmoid_state([2, 3, 1])))
    wait_until(page, "document.querySelectorAll('.edge').length === 9")
    assert page.is_hidden(".graph-canvas")
    assert page.locator(".graph-svg.dense").count() == 0
    assert page.is_visible('.edge[data-l="1"][data-i="0"][data-j="0"]'), "SVG lines again"
    assert page.eval_on_selector_all(".edge", "els => els.every(e => e.hasAttribute('x1') && e.hasAttribute('stroke-width'))")
    assert len(set(page.eval_on_selector_all(".edge", "els => els.map(e => e.getAttribute('stroke'))"))) > 1
    assert page.errors == []
