"""POST /code: the request's network, filled in as /backprop fills it, as a script that computes /backprop's numbers."""
from app import code
from app.settings import env_name, get_settings

from .. import schemas as s
from ..errors import ComputeError
from .common import network_out
from .passes import run


def problem(req: s.CodeRequest) -> code.Problem:
    net, _, _ = run(req)  # /backprop's own checked passes: what overflows there is refused here too
    out = network_out(net)
    activations = [layer["activation"] for layer in out["layers"][1:]]
    return code.Problem(activations, out["weights"], out["biases"], req.input, req.target, req.loss)


def check_size(req: s.CodeRequest, size: int) -> None:
    """Refuse a script over max_code_bytes, naming what makes it large: the samples or the network."""
    limit = get_settings().max_code_bytes
    if size > limit:
        sizes = req.network.sizes
        samples = len(req.input) * (sizes[0] + sizes[-1]) > req.network.parameter_count
        raise ComputeError(
            "input" if samples else "network.layers",
            f"the script is {size:,} bytes, over the limit of {limit:,} ({env_name('max_code_bytes')}): "
            f"send {'fewer samples' if samples else 'a smaller network'}",
        )


def script(req: s.CodeRequest) -> str:
    text = code.script(req.language, problem(req))
    check_size(req, len(text.encode()))
    return text
