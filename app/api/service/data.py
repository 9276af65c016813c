"""GET /datasets and /meta: toy datasets, and what the API offers and allows."""
from app.engine import datasets
from app.engine.activations import ACTIVATIONS
from app.engine.exercises import PRESETS
from app.engine.losses import LOSSES
from app.engine.training import OPTIMIZERS
from app.settings import get_settings

from .. import schemas as s


def dataset(req: s.DatasetRequest) -> s.DatasetResponse:
    x, y = datasets.make(req.name, req.samples, req.noise, req.seed, req.classes)
    return {"input": x.tolist(), "target": y.tolist()}


def meta() -> s.MetaResponse:
    return {
        "activations": list(ACTIVATIONS),
        "output_only_activations": [n for n, a in ACTIVATIONS.items() if a.output_only],
        "losses": {name: {"requires": loss.requires} for name, loss in LOSSES.items()},
        "optimizers": list(OPTIMIZERS),
        "datasets": {n: {"multiclass": n in datasets.MULTICLASS} for n in datasets.DATASETS},
        "exercise_presets": list(PRESETS),
        "limits": get_settings().limits(),
    }
