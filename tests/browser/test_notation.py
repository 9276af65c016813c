"""One index format and one number format everywhere, at every width: a layer of 12 nodes writes
W_{10,1}^1, never W_{101}^1, in the card, the tooltip, the graph's tag, the C(w) chart and the check;
and no formula of the card is cut at its right edge."""
from bench.support import fragment, sigmoid_state
from tests.browser.test_page import wait_until

SIZES = [2, 12, 1]
EDGE = '.edge[data-l="1"][data-i="10"][data-j="1"]'


def open_weight(page):
    page.goto("/" + fragment(sigmoid_state(SIZES)))
    page.wait_for_selector("body[data-ready]")
    page.locator(EDGE).dispatch_event("click")
    page.locator(".chain .cost-curve").wait_for()
    page.locator(".gradcheck [data-numeric]").wait_for()


def mantissa(text: str) -> str:
    """The digits of a number as shown, whatever the minus sign and the exponent's dot."""
    return text.replace("−", "-").replace("⋅", "·").split("·")[0].strip().lstrip("-")


def test_a_weights_indices_take_a_comma_in_every_place(page):
    open_weight(page)
    head = page.locator(".chain .panel-head h2").text_content()
    assert "10,1" in head and "101" not in head
    assert "10,1" in page.locator(".edge-tag").text_content()
    caption = page.locator(".curve .chart-key").text_content()
    assert "10,1" in caption and "∂C/∂ =" not in caption.replace(" ", "")
    label = page.eval_on_selector(".cost-curve .axis-label.x", "t => [...t.querySelectorAll('tspan')].map(s => s.textContent)")
    assert label == ["W", "10,1", "1"]
    note = page.locator(".gradcheck .note")
    assert note.locator("math").count() >= 1, "the worst parameter is typeset, not raw text"
    assert "_" not in note.text_content() and "^" not in note.text_content()
    page.locator(EDGE).hover(force=True)
    tip = page.locator(".tooltip")
    tip.wait_for()
    assert "10,1" in tip.text_content()
    assert page.errors == []


def test_the_tooltip_and_the_card_write_a_number_alike(page):
    open_weight(page)
    card = page.locator(".chain .big-number").text_content()
    page.locator(EDGE).hover(force=True)
    page.locator(".tooltip").wait_for()
    tip = page.locator(".tooltip").text_content()
    assert mantissa(card) in tip, (card, tip)
    assert "e−" not in tip and "e-" not in tip and "e−" not in card


def test_no_formula_of_the_card_is_cut_at_its_edge(page):
    page.goto("/" + fragment(sigmoid_state([2, 12, 3])))
    page.wait_for_selector("body[data-ready]")
    for edge in ('.edge[data-l="1"][data-i="10"][data-j="1"]', '.edge[data-l="2"][data-i="2"][data-j="11"]'):
        page.locator(edge).dispatch_event("click")
        page.locator(".chain .expansion .formula").first.wait_for()
        wait_until(page, "document.querySelectorAll('.chain math').length > 5")
        cut = page.eval_on_selector_all(
            ".chain .formula", "fs => fs.filter(f => f.scrollWidth > f.clientWidth + 1).map(f => f.textContent.slice(0, 60))")
        assert cut == [], cut
    assert page.errors == []


def test_the_worksheet_link_follows_the_state(page, live_server):
    page.goto("/")
    page.wait_for_selector("body[data-ready]")
    page.select_option("#preset", "hand")
    wait_until(page, "document.querySelectorAll('.edge').length === 6")
    page.click("#teach summary")
    href = page.get_attribute("#worksheet", "href")
    assert href.startswith("/worksheet#s=") and href.endswith(page.evaluate("location.hash"))
    other = page.context.new_page()
    other.goto(href)
    other.locator(".sheet, main, body").first.wait_for()
    wait_until(other, "document.querySelectorAll('math').length > 10")
    other.close()
