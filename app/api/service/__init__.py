"""Between the API and the engine: validated requests in, JSON-ready dicts (the response types) out."""
from .checks import cost_curve, gradcheck
from .code import script
from .data import dataset, meta
from .exercises import check as check_answers
from .exercises import exercise
from .passes import backprop, forward
from .training import train

__all__ = ["backprop", "check_answers", "cost_curve", "dataset", "exercise", "forward", "gradcheck", "meta", "script", "train"]
