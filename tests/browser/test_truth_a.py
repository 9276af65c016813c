"""Issue 13 (truth-a): what the page shows follows the state it describes — refusals in words with
their fix, stale numbers marked, the tooltip after a redraw, numbers that never clip, chart ticks
that resolve their range, the phone's card, the input plane's legend and the link to /docs."""
from bench.support import fragment, serve, sigmoid_state
from tests.browser.test_page import edges, only_the_refused_request, ready, wait_until


def stale_marks(page) -> dict:
    return page.evaluate("""() => ({
        cost: !!document.querySelector('header .cost.stale > .stale-note'),
        graph: !!document.querySelector('#graph.stale > .stale-note'),
        detail: !!document.querySelector('#detail.stale > .stale-note'),
        text: document.querySelector('header .cost .stale-note')?.textContent ?? '',
    })""")


def test_a_refused_loss_is_said_in_words_with_its_fix_and_the_old_numbers_marked_stale(page, live_server):
    ready(page)
    before = edges(page)
    assert stale_marks(page) == {"cost": False, "graph": False, "detail": False, "text": ""}
    page.select_option("#loss", value="cross_entropy")
    fix = page.locator("#loss-fix")
    fix.wait_for()
    slot = page.locator("#loss ~ .field-error")
    assert "Cross-entropy needs a softmax output layer" in slot.text_content()
    assert "cross_entropy" not in slot.text_content()  # the page's words, not the API's field names
    assert fix.text_content() == "Switch the output to softmax"
    # the header, the graph and the card still show the last good network's numbers: marked so
    marks = stale_marks(page)
    assert marks["cost"] and marks["graph"] and marks["detail"]
    assert marks["text"].startswith("stale — last good network")
    assert "last network the server accepted" in marks["text"]  # the accessible text says what it means
    assert edges(page) == before
    fix.click()
    wait_until(page, "!document.querySelector('.stale')")
    state = page.evaluate("window.__bpv.state()")
    assert state["loss"] == "cross_entropy" and state["network"]["layers"][-1]["activation"] == "softmax"
    assert stale_marks(page) == {"cost": False, "graph": False, "detail": False, "text": ""}
    assert only_the_refused_request(page.errors, 1)


def test_a_refused_edit_of_any_kind_marks_the_numbers_stale_until_a_good_answer(page):
    ready(page)
    page.select_option("#act-2", value="softmax")  # fine with MSE
    wait_until(page, "window.__bpv.state().network.layers[2].activation === 'softmax'")
    page.select_option("#loss", value="binary_cross_entropy")  # needs a sigmoid output: refused
    page.locator("#loss-fix").wait_for()
    assert page.locator("#loss-fix").text_content() == "Switch the output to sigmoid"
    assert stale_marks(page)["cost"]
    page.locator('.node[data-l="1"][data-i="0"]').dispatch_event("click")  # a new card while the edit stands refused
    page.locator(".node-panel").wait_for()
    assert stale_marks(page)["detail"], "the new card shows the last good network's numbers too"
    page.select_option("#loss", value="mse")  # a good answer clears the mark
    wait_until(page, "!document.querySelector('.stale')")


def hover_edge(page, l, i, j):
    box = page.evaluate(f"""() => {{
        const e = document.querySelector('.edge[data-l="{l}"][data-i="{i}"][data-j="{j}"]');
        const len = e.getTotalLength(), p = e.getPointAtLength(len / 2), m = e.getScreenCTM();
        return {{x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f}};
    }}""")
    page.mouse.move(box["x"], box["y"])
    wait_until(page, "!document.querySelector('#graph .tooltip').hidden")


def test_the_tooltip_follows_a_redraw_new_numbers_in_place_or_hidden_after_a_layout_change(page):
    ready(page)
    hover_edge(page, 2, 0, 1)
    tip = page.locator("#graph .tooltip")
    before = float(tip.get_attribute("data-grad"))
    page.evaluate("window.__bpv.recolour(-2)")  # new gradients through the one draw path, the pointer still
    wait_until(page, f"+document.querySelector('#graph .tooltip').dataset.grad === {before * -2}")
    assert tip.get_attribute("data-l") == "2" and not tip.is_hidden()
    # a layout change (the window narrows): the old position means nothing now, so the tooltip goes
    page.set_viewport_size({"width": 1000, "height": 800})
    wait_until(page, "document.querySelector('#graph .tooltip').hidden")


def clipped_numbers(page) -> list[str]:
    """Every target label, data cell and gradient-check number that does not show whole."""
    return page.evaluate("""() => {
        const out = [];
        const svg = document.querySelector('#graph svg.graph-svg');
        const width = svg.viewBox.baseVal.width;
        for (const t of svg.querySelectorAll('.side-label.target')) {
            const b = t.getBBox();
            if (b.x + b.width > width + 0.5) out.push(`label ${t.textContent} ends at ${b.x + b.width} > ${width}`);
        }
        for (const i of document.querySelectorAll('table.samples input'))
            if (i.scrollWidth > i.clientWidth) out.push(`cell ${i.id} = ${i.value}: ${i.scrollWidth} > ${i.clientWidth}`);
        const scroll = document.querySelector('.table-scroll');
        const hint = document.querySelector('.scroll-hint');  // more columns than fit: the table says it scrolls
        if (scroll && scroll.scrollWidth > scroll.clientWidth + 1 && !hint) out.push(`table ${scroll.scrollWidth} > ${scroll.clientWidth}, no hint`);
        for (const dd of document.querySelectorAll('.compare dd')) {
            const lines = dd.getClientRects().length, box = dd.parentElement.getBoundingClientRect();
            if (lines > 1 || dd.scrollWidth > dd.clientWidth || dd.getBoundingClientRect().right > box.right + 0.5)
                out.push(`check ${dd.textContent}: wraps or overflows`);
        }
        return out;
    }""")


def test_numbers_show_whole_at_every_layer_width_and_in_a_three_output_network(page):
    targets = [0.01, -0.02, 0.5, -0.123, 1, 0, 0.25, -1, 0.01, 0.99]
    for width in (1280, 800, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for n in (1, 3, 5, 10):
            state = sigmoid_state([2, n, n])
            state["target"] = [targets[:n]]
            state["input"] = [[-0.5, -0.4]]
            state["view"] = {"selected": {"kind": "W", "l": 1, "i": 0, "j": 0}}
            page.goto("about:blank")  # a new page each time, not a hash change on the old one
            page.goto("/" + fragment(state))
            page.wait_for_selector("body[data-ready]")
            page.wait_for_selector(".compare dd")  # the finite-difference check has come
            problems = clipped_numbers(page)
            assert not problems, (width, n, problems)
            if n <= 3:  # two inputs and three targets fit whole, y_2 included
                assert page.evaluate("(s => s.scrollWidth <= s.clientWidth + 1)(document.querySelector('.table-scroll'))"), (width, n)


def tick_labels(page, selector: str) -> list[str]:
    return page.evaluate(f"[...document.querySelectorAll('{selector} .tick text')].map(t => t.textContent)")


def test_chart_ticks_resolve_their_range_on_a_ten_layer_network(page):
    for width in (1, 2, 3):
        state = sigmoid_state([2] + [width] * 9 + [1])
        state["view"] = {"selected": {"kind": "W", "l": 1, "i": 0, "j": 0}}
        page.goto("about:blank")
        page.goto("/" + fragment(state))
        page.wait_for_selector(".cost-curve .axis.y .tick")
        for axis in (".cost-curve .axis.y", ".cost-curve .axis.x"):
            labels = tick_labels(page, axis)
            assert len(labels) >= 2 and len(set(labels)) == len(labels), (width, axis, labels)
        # the layers' matrix switches under a ten-layer graph: side by side, none running into the next
        boxes = page.evaluate("[...document.querySelectorAll('.layout-switch')].map(b => b.getBoundingClientRect()).map(r => [r.left, r.right])")
        assert all(a[1] <= b[0] + 0.5 for a, b in zip(boxes, boxes[1:])), boxes
        key = page.locator(".chart-key").text_content()
        if labels and float(tick_labels(page, ".cost-curve .axis.y")[0]) < 0.24:  # drawn flat: the key says by how much C moves
            assert "less than a billionth" in key
    # the training charts: a few steps of a ten-layer network, whose cost barely moves
    state = sigmoid_state([2] + [3] * 9 + [1])
    state["view"] = {"mode": "train"}
    page.goto("about:blank")
    page.goto("/" + fragment(state))
    page.wait_for_selector("body[data-ready]")
    for _ in range(3):
        page.locator("#train-step").click()
        page.wait_for_timeout(300)
    wait_until(page, "document.querySelectorAll('svg.loss-curve .axis.y .tick').length >= 2")
    for chart in ("svg.loss-curve .axis.y", "svg.loss-curve .axis.x", "svg.grad-norms .axis.y", "svg.plane .axis.y", "svg.plane .axis.x"):
        labels = tick_labels(page, chart)
        assert len(labels) >= 2 and len(set(labels)) == len(labels), (chart, labels)


def test_on_a_phone_a_tapped_weight_brings_its_card_into_view(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server, has_touch=True)
    page = context.new_page()
    ready(page)
    assert page.evaluate("document.querySelector('aside.detail').getBoundingClientRect().top") > 844  # below the screen
    page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
    page.locator(".chain").wait_for()
    wait_until(page, "(t => t >= -2 && t < innerHeight - 200)(document.querySelector('aside.detail').getBoundingClientRect().top)")
    assert page.locator(".chain h2").is_visible()
    context.close()


def test_the_empty_training_charts_show_their_note_without_axes_under_it(browser, live_server):
    for width, height in ((1280, 800), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server)
        page = context.new_page()
        ready(page)
        page.click("[data-mode=train]")
        page.wait_for_selector("svg.loss-curve .chart-empty")
        overlaps = page.evaluate("""() => [...document.querySelectorAll('svg.loss-curve, svg.grad-norms')].flatMap(svg => {
            const note = svg.querySelector('.chart-empty').getBoundingClientRect();
            return [...svg.querySelectorAll('.tick text')].filter(t => {
                const r = t.getBoundingClientRect();
                return r.width > 0 && r.left < note.right && r.right > note.left && r.top < note.bottom && r.bottom > note.top;
            }).map(t => t.textContent);
        })""")
        assert overlaps == [], (width, overlaps)
        page.locator("#train-step").click()  # a step: the note goes, the axes come
        wait_until(page, "document.querySelector('svg.loss-curve .chart-empty').getAttribute('display') === 'none'")
        wait_until(page, "document.querySelector('svg.loss-curve .axis.y').getAttribute('display') === null")
        context.close()


def test_the_input_plane_has_a_key_that_follows_its_data(page):
    ready(page)
    page.click("[data-mode=train]")
    page.wait_for_selector(".plane-legend .key-item")
    key = page.locator(".plane-legend").first.text_content()
    for words in ("class 0", "class 1", "training, filled", "test, held out: faint, outlined", "sample 1"):
        assert words in key, key
    assert "class 2" not in key
    n_test = page.evaluate("window.__bpv.state().test?.input.length ?? 0")
    assert f"({n_test})" in key  # the count drawn


def test_the_header_links_to_the_api_docs_under_the_apps_root_path(page, browser):
    ready(page)
    assert page.get_attribute("#api-docs", "href") == "/docs"
    assert page.request.get(page.url.split("#")[0].rstrip("/") + "/docs").status == 200
    # behind a proxy that strips /backprop (uvicorn --root-path), the link keeps the prefix
    proc, url = serve(flags=("--log-level", "warning", "--root-path", "/backprop"))
    try:
        context = browser.new_context(base_url=url)
        p = context.new_page()
        p.route("**/backprop/**", lambda route: route.continue_(url=route.request.url.replace("/backprop/", "/", 1)))
        p.goto("/")
        p.wait_for_selector("body[data-ready]")
        assert p.get_attribute("#api-docs", "href") == "/backprop/docs"
        context.close()
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_long_node_value_is_set_smaller_to_fit_its_circle_not_squeezed(page):
    state = sigmoid_state([2, 3, 1])
    state["input"] = [[0.000035, -0.000123]]  # x written 3.5·10⁻⁵ and −1.23·10⁻⁴ inside their circles
    page.goto("/" + fragment(state))
    page.wait_for_selector("body[data-ready]")
    texts = page.evaluate("""() => [...document.querySelectorAll('.node[data-l="0"]')].map(n => {
        const t = n.querySelector('text'), r = +n.querySelector('circle').getAttribute('r');
        return {text: t.textContent, squeezed: t.hasAttribute('textLength'), width: t.getBBox().width, r};
    })""")
    for t in texts:
        assert "10" in t["text"] and not t["squeezed"], t
        assert t["width"] <= 2 * t["r"], t
