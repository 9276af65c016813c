"""Between the API and the engine: validated requests in, JSON-ready dicts (the response types) out."""
from .checks import cost_curve, gradcheck
from .data import dataset, meta
from .passes import backprop, forward
from .training import train

__all__ = ["backprop", "cost_curve", "dataset", "forward", "gradcheck", "meta", "train"]
