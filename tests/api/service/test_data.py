"""service/data.py: the datasets and what /meta lists, without HTTP."""
from typing import get_args

from app.api import schemas as s
from app.api import service
from app.engine.losses import LOSSES


def test_dataset_is_the_engines_in_json_lists():
    assert service.dataset(s.DatasetRequest(name="xor", samples=4, noise=0)) == {
        "input": [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]],
        "target": [[0.0], [1.0], [1.0], [0.0]],
    }
    one_hot = service.dataset(s.DatasetRequest(name="gaussians", samples=6, classes=3, seed=2))["target"]
    assert all(sorted(row) == [0.0, 0.0, 1.0] for row in one_hot)


def test_meta_lists_what_the_schemas_accept_and_the_limits_in_force(settings):
    settings(max_nodes=7)
    meta = service.meta()
    assert meta["activations"] == list(get_args(s.ActivationName)) and meta["output_only_activations"] == ["softmax"]
    assert meta["losses"] == {name: {"requires": loss.requires} for name, loss in LOSSES.items()}
    assert meta["optimizers"] == list(get_args(s.OptimizerName))
    assert [n for n, d in meta["datasets"].items() if d["multiclass"]] == ["spiral", "gaussians"]
    assert meta["limits"]["max_nodes"] == 7
