"""GET /datasets and /meta: toy and real datasets, and what the API offers and allows."""
from app.engine import datasets, realdata
from app.engine.activations import ACTIVATIONS
from app.engine.exercises import PRESETS
from app.engine.losses import LOSSES
from app.engine.training import OPTIMIZERS
from app.settings import ROOT, get_settings

from .. import schemas as s
from ..errors import Unavailable

DATA = ROOT / "static/vendor/data"  # the real datasets' files, copied from node_modules by scripts/build-assets.sh


def dataset(req: s.DatasetRequest) -> s.DatasetResponse:
    if req.name in realdata.REAL:
        return real_dataset(req.name)
    x, y = datasets.make(req.name, req.samples, req.noise, req.seed, req.classes)
    return {"input": x.tolist(), "target": y.tolist()}


def _real(name: str) -> realdata.RealData:
    try:
        return realdata.load(name, DATA)
    except FileNotFoundError:
        raise Unavailable(
            f"the {name} dataset's file ({realdata.REAL[name].file}) is not installed on the server: "
            "run `make assets` (scripts/build-assets.sh copies it from node_modules)"
        ) from None


def real_dataset(name: str) -> s.DatasetResponse:
    d, spec = _real(name), realdata.REAL[name]
    return {
        "input": d.x.tolist(),
        "target": d.y.tolist(),
        "columns": {"input": list(spec.inputs), "target": spec.target_columns},
        "classes": None if spec.classes is None else list(spec.classes),
        "kind": spec.kind,
        "source": spec.source,
        "licence": spec.licence,
        "dropped": d.dropped,
    }


def _toy_meta(name: str) -> s.DatasetMeta:
    x, y = datasets.make(name, 1, 0.0, 0)  # one sample, for the widths
    regression = name in datasets.REGRESSION
    multiclass = name in datasets.MULTICLASS
    return {
        "multiclass": multiclass,
        "kind": "regression" if regression else "classification",
        "inputs": x.shape[1],
        "outputs": y.shape[1],
        "classes": None if regression or multiclass else ["0", "1"],
        "real": False,
    }


def _real_meta(spec: realdata.Spec) -> s.DatasetMeta:
    # from the spec, not the file: /meta answers before `make assets` too (a test checks the two agree)
    return {
        "multiclass": False,
        "kind": spec.kind,
        "inputs": len(spec.inputs),
        "outputs": len(spec.target_columns),
        "classes": None if spec.classes is None else list(spec.classes),
        "real": True,
        "samples": spec.samples,
        "source": spec.source,
        "licence": spec.licence,
    }


def meta() -> s.MetaResponse:
    return {
        "activations": list(ACTIVATIONS),
        "output_only_activations": [n for n, a in ACTIVATIONS.items() if a.output_only],
        "losses": {name: {"requires": loss.requires} for name, loss in LOSSES.items()},
        "optimizers": list(OPTIMIZERS),
        "datasets": {**{n: _toy_meta(n) for n in datasets.DATASETS}, **{n: _real_meta(sp) for n, sp in realdata.REAL.items()}},
        "exercise_presets": list(PRESETS),
        "limits": get_settings().limits(),
    }
