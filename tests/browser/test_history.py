"""The history scrubber, in Debian's chromium: the network at any kept step is the one the API trains.

Step 0 is the network training started from; a later kept step k is what POST /api/v1/train returns
for k steps from it with the page's settings (its minibatches, its optimizer), whatever the frames.
"""
import math

from tests.browser.test_page import api, edges, fragment_state
from tests.browser.test_training import poll, steps, train_mode

PLANE = "document.querySelector('canvas.plane-heat').toDataURL()"  # run A's heatmap, as drawn


def weights(page) -> dict:
    return {(e["l"], e["i"], e["j"]): float(e["w"]) for e in edges(page)}


def api_weights(network: dict) -> dict:
    return {(l + 1, i, j): w for l, W in enumerate(network["weights"]) for i, row in enumerate(W) for j, w in enumerate(row)}


def close(a: dict, b: dict, rel: float = 1e-9) -> bool:
    return a.keys() == b.keys() and all(math.isclose(a[k], b[k], rel_tol=rel, abs_tol=1e-15) for k in a)


def scrub(page, index: int) -> str:
    """Move the scrubber to kept snapshot `index` as a drag does (an input event); returns its label."""
    page.evaluate("(k) => { const r = document.querySelector('#train-history'); r.value = k; r.dispatchEvent(new Event('input')); }", index)
    return page.text_content("#train-history-step")


def setting(page, field: str, value: str):
    if page.evaluate(f"document.querySelector('#train-{field}').tagName") == "SELECT":
        page.select_option(f"#train-{field}", value)
    else:
        page.fill(f"#train-{field}", value)
        page.press(f"#train-{field}", "Tab")


def test_the_scrubber_shows_the_start_a_kept_step_as_the_api_trains_it_and_live(page, live_server):
    train_mode(page)
    # minibatches and momentum: every frame carries the optimizer's state and the minibatch order
    setting(page, "batch", "16")
    setting(page, "optimizer", "momentum")
    setting(page, "lr", "0.5")
    poll(page, "location.hash", lambda h: fragment_state(page)["train"]["batch_size"] == 16
         and fragment_state(page)["train"]["learning_rate"] == 0.5 and fragment_state(page)["train"]["optimizer"] == "momentum")
    start_state = fragment_state(page)
    start = weights(page)
    assert close(start, api_weights(start_state["network"]), rel=0)

    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 120)
    page.click("#train-play")
    poll(page, "document.querySelector('#train-play').getAttribute('aria-pressed')", lambda p: p == "false")
    page.wait_for_timeout(400)  # the frame under way lands
    n = steps(page)
    live = weights(page)
    live_plane = page.evaluate(PLANE)
    assert page.text_content("#train-history-step") == f"step {n} · live"
    assert page.evaluate("document.querySelectorAll('svg.chart g.cursor').length") == 0

    # step 0: exactly the network training started from
    assert scrub(page, 0) == f"step 0 of {n}"
    poll(page, "1", lambda _: weights(page) == start)
    assert page.evaluate("document.querySelector('#train-history').max") == str(page.evaluate("window.__bpv.run().snapshots.length") - 1)

    # a later kept step k: what /train returns for k steps from the start with the page's settings
    label = scrub(page, 3)
    k = int(label.split()[1])
    assert 0 < k < n and label == f"step {k} of {n}"
    t = start_state["train"]
    body = {"network": start_state["network"], "input": start_state["input"], "target": start_state["target"],
            "loss": start_state["loss"], "learning_rate": t["learning_rate"], "steps": k, "optimizer": t["optimizer"],
            "seed": t["seed"], "l2": t["l2"], "batch_size": t["batch_size"], "optimizer_state": None}
    trained = api(live_server, "/train", body)
    expected = api_weights(trained["network"])
    poll(page, "1", lambda _: close(weights(page), expected))
    assert steps(page) == n, "the run's own numbers stay the latest"
    # the header and the cards follow the store's normal path: C of that network on the training set
    cost = api(live_server, "/backprop", {**{key: body[key] for key in ("input", "target", "loss")}, "network": trained["network"]})["loss"]
    poll(page, "+document.querySelector('#cost-value').dataset.value", lambda c: math.isclose(c, cost, rel_tol=1e-9))
    # the charts' cursor at step k, the plane redrawn for that network
    assert page.evaluate("[...document.querySelectorAll('svg.chart g.cursor')].map(g => g.dataset.step)") == [str(k), str(k)]
    poll(page, PLANE, lambda h: h != live_plane)
    assert page.is_enabled("#train-live")

    # back to live: the latest weights again, the cursor gone
    page.click("#train-live")
    poll(page, "1", lambda _: weights(page) == live)
    assert page.text_content("#train-history-step") == f"step {n} · live"
    assert page.evaluate("document.querySelectorAll('svg.chart g.cursor').length") == 0
    poll(page, PLANE, lambda h: h == live_plane)
    assert page.errors == []


def test_play_while_looking_back_continues_the_run_from_its_latest_network(page, live_server):
    train_mode(page)
    for k in range(4):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k + 1)
    latest = weights(page)
    scrub(page, 1)
    poll(page, "1", lambda _: weights(page) != latest)
    assert "Looking back at step 1" in page.text_content("#train-status")
    page.click("#train-step")  # back to live first, then one more step from step 4
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n == 5)
    assert page.text_content("#train-history-step") == "step 5 · live"
    state = fragment_state(page)
    five = api(live_server, "/train", {"network": page.evaluate("window.__bpv.run().startNetwork"), "input": state["input"],
                                       "target": state["target"], "loss": state["loss"], "learning_rate": state["train"]["learning_rate"],
                                       "steps": 5, "optimizer": state["train"]["optimizer"], "seed": state["train"]["seed"]})
    poll(page, "1", lambda _: close(weights(page), api_weights(five["network"])))
    # the link holds the latest network, never a snapshot
    scrub(page, 0)
    poll(page, "1", lambda _: weights(page) != api_weights(five["network"]))
    assert close(api_weights(fragment_state(page)["network"]), api_weights(five["network"]), rel=0)
    assert page.errors == []
