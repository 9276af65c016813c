"""What the page says follows what it shows (issue 13's majors): layer heads, new data and Reset,
divergence and saturation named where they happen. Each test fails on the code before the fix.
"""
import pytest

from bench.support import poll
from tests.browser.test_page import edges, fragment_state, ready
from tests.browser.test_training import link, steps, train_mode


def heads(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('g.head text.head-sub:not(.head-note)')].map((t) => t.textContent)")


def weights(page) -> dict:
    return {(e["l"], e["i"], e["j"]): e["w"] for e in edges(page)}


def cost(page) -> float:
    return float(page.evaluate("document.querySelector('#cost-value').dataset.value"))


def test_a_layer_head_follows_its_activation(page):
    ready(page)
    assert heads(page)[1].startswith("sigmoid")
    page.select_option("#act-1", "tanh")
    poll(page, "document.querySelector('g.head:nth-child(2) text.head-sub:not(.head-note)').textContent", lambda t: t.startswith("tanh"))
    assert fragment_state(page)["network"]["layers"][1]["activation"] == "tanh"


def test_the_relu_preset_heads_say_relu(page):
    page.set_viewport_size({"width": 1920, "height": 1000})  # room for eight heads' activations
    train_mode(page)
    page.click("button[data-preset=vanishing-sigmoid]")
    poll(page, "location.hash", lambda _: len(fragment_state(page)["network"]["layers"]) == 8)
    poll(page, "[...document.querySelectorAll('g.head text.head-sub:not(.head-note)')].slice(1, -1).map((t) => t.textContent).join('|')",
         lambda t: all(h.startswith("sigmoid") for h in t.split("|")))
    page.click("button[data-preset=vanishing-relu]")
    poll(page, "location.hash", lambda _: fragment_state(page)["network"]["layers"][1]["activation"] == "relu")
    poll(page, "[...document.querySelectorAll('g.head text.head-sub:not(.head-note)')].slice(1, -1).map((t) => t.textContent).join('|')",
         lambda t: all(h.startswith("relu") for h in t.split("|")))


def test_new_data_starts_from_the_seeded_weights_and_reset_restores_step_0(page):
    train_mode(page)
    seeded = weights(page)
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 300)
    page.click("#train-play")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Paused"))
    assert weights(page) != seeded
    # another dataset: the network's seeded weights again, the run at step 0, and the status says so
    page.select_option("#train-dataset", "circle")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: "circle" in t)
    status = page.text_content("#train-status")
    assert "step 0" in status and "seeded weights" in status and "Paused" not in status
    assert weights(page) == seeded
    fresh = cost(page)
    assert steps(page) == 0
    # train on the circle, then Reset: back to the weights of the run's step 0 (the seeded ones)
    for k in range(3):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k + 1)
    poll(page, "document.querySelector('#cost-value').dataset.value", lambda v: float(v) != fresh)
    page.click("#train-reset")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Reset"))
    poll(page, "document.querySelector('#cost-value').dataset.value", lambda v: float(v) == fresh)
    assert weights(page) == seeded
    assert page.errors == []


def test_a_point_added_continues_the_run(page):
    train_mode(page)
    for k in range(2):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k + 1)
    trained = weights(page)
    curve = page.evaluate("document.querySelector('svg.loss-curve path.series.train').getAttribute('d')")
    page.click("button.seg-button[data-tool=add1]")
    box = page.locator("svg.plane").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    status = poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Point added"))
    assert "161 training" in status and "step 2" in status
    assert steps(page) == 2  # the counter goes on
    assert weights(page) == trained  # the weights the run reached
    assert page.evaluate("document.querySelector('svg.loss-curve path.series.train').getAttribute('d')") == curve
    page.click("#train-step")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n == 3)
    assert page.errors == []


def sine_relu(learning_rate: float, seed: int = 0) -> dict:
    xs = [k / 20 - 1 for k in range(41)]
    return {
        "network": {"layers": [{"size": 1}, {"size": 4, "activation": "relu"}, {"size": 1, "activation": "linear"}],
                    "seed": seed},
        "input": [[x] for x in xs],
        "target": [[0.5 + 0.4 * __import__("math").sin(3.141592653589793 * x)] for x in xs],
        "loss": "mse",
        "train": {"dataset": "custom", "learning_rate": learning_rate, "optimizer": "sgd", "stepsPerFrame": 10},
        "view": {"mode": "train"},
    }


def test_a_cost_blown_up_is_named_a_divergence_with_its_layer(page):
    ready(page, link(sine_relu(5)))
    page.click("#train-play")
    status = poll(page, "document.querySelector('#train-status').textContent", lambda t: "diverged" in t)
    assert "layer" in status and "η = 5" in status
    assert page.get_attribute("#train-play", "aria-pressed") == "false"
    # the first-order note never claims a straight-line view of a run that blew up
    note = page.text_content(".step-note")
    assert "small enough" not in note
    # the gradient-norm legend is not all zeros: ‖∂C/∂b‖ shows what drove it
    legend = page.evaluate("document.querySelector('svg.grad-norms').getAttribute('aria-label')")
    assert "∂C/∂b" in legend and any(c in legend for c in "123456789")
    assert page.errors == []


def test_saturation_is_named_with_its_layer_and_share(page):
    train_mode(page)
    page.fill("#train-lr", "1000000")
    page.press("#train-lr", "Tab")
    poll(page, "location.hash", lambda _: fragment_state(page)["train"]["learning_rate"] == 1e6)
    page.click("#train-play")
    warning = poll(page, "document.querySelector('#train-warning').hidden ? '' : document.querySelector('#train-warning').textContent",
                   lambda t: "Layer 1" in t and "%" in t)
    assert "saturated" in warning and "σ'(z)" in warning
    poll(page, "document.querySelector('g.head:nth-child(2) text.head-warn').textContent", lambda t: "saturated" in t)
    page.click("#train-play")
    poll(page, "document.querySelector('#train-status').textContent", lambda t: t.startswith("Paused"))
    # a fresh network (Reset) has no saturated layer: the warning and the head's mark go
    page.click("#train-reset")
    poll(page, "document.querySelector('#train-warning').hidden", lambda h: h is True)
    assert page.text_content("g.head:nth-child(2) text.head-warn") == ""
    assert page.errors == []


@pytest.mark.parametrize("dataset,noise", [("spiral", 0.04), ("circle", 0.05)])
def test_a_dataset_comes_with_the_noise_that_shows_its_shape(page, dataset, noise):
    train_mode(page)
    page.select_option("#train-dataset", dataset)
    poll(page, "location.hash", lambda _: fragment_state(page)["train"]["dataset"] == dataset)
    assert float(page.input_value("#train-noise")) == noise
    assert fragment_state(page)["train"]["noise"] == noise


@pytest.mark.parametrize("width", [1440, 900])
def test_the_activation_menus_keep_their_words(page, width):
    """Each layer's activation menu is wide enough for its word (leaky_relu) beside the size stepper."""
    page.set_viewport_size({"width": width, "height": 900})
    ready(page)
    page.select_option("#act-1", "leaky_relu")
    poll(page, "window.__bpv.state().network.layers[1].activation", lambda a: a == "leaky_relu")
    fits = page.evaluate("""[...document.querySelectorAll('.layer-row select')].map((s) => {
      const c = document.createElement('canvas').getContext('2d');
      const st = getComputedStyle(s);
      c.font = `${st.fontSize} ${st.fontFamily}`;
      return c.measureText(s.selectedOptions[0].text).width + 24 <= s.clientWidth;  // the word, the arrow, padding
    })""")
    assert fits and all(fits), fits
    # the narrower size stepper still shows three digits whole
    page.fill("#size-1", "256")
    page.press("#size-1", "Tab")
    poll(page, "window.__bpv.state().network.layers[1].size", lambda n: n == 256)
    sizes = page.evaluate("(i => [i.scrollWidth, i.clientWidth])(document.querySelector('#size-1'))")
    assert sizes[0] <= sizes[1], sizes
