"""The PyTorch script: the same network and cost in float64 tensors; autograd does the backward pass."""
from string import Template

from .common import Problem, assemble, names

# σ by name: torch's own function, or one defined in the script (ACTIVATIONS)
SIGMA = {"sigmoid": "torch.sigmoid", "tanh": "torch.tanh", "relu": "torch.relu"}

ACTIVATIONS = {
    "leaky_relu": '''
def leaky_relu(z):
    """a = z for z > 0, 0.01 z otherwise (its derivative at 0 is 0.01, as the API's)."""
    return torch.nn.functional.leaky_relu(z, negative_slope=0.01)
''',
    "linear": '''
def linear(z):
    """a = z."""
    return z
''',
    "softmax": '''
def softmax(z):
    """a_i = e^(z_i) / Σ_k e^(z_k) over each sample's outputs."""
    return torch.softmax(z, dim=-1)
''',
}

COST = {
    "mse": """\
# C = (1/n_L) Σ_i (a_i^L − y_i)² for each sample, averaged over the B samples
C = torch.mean((a - y) ** 2)
""",
    "binary_cross_entropy": """\
# C = −(1/n_L) Σ_i [y_i log a_i^L + (1 − y_i) log(1 − a_i^L)] for each sample, averaged over the batch,
# computed from z^L (a = σ(z)): the same number, and no log(0) when a rounds to 0 or 1
C = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
""",
    "cross_entropy": """\
# C = −Σ_i y_i log a_i^L for each sample, averaged over the batch; log a^L = log softmax(z^L), from z^L
C = torch.mean(-torch.sum(y * torch.log_softmax(z, dim=-1), dim=-1))
""",
}

BODY = Template('''
# Every weight and bias a float64 leaf of autograd's graph: C.backward() fills in its .grad
W = [None] + [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in $W]  # W[l] is W^l
b = [None] + [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in $b]
sigma = [None, $sigma]  # σ_l, l = 1..L
x, y = torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)  # (B, n_0), (B, n_L)
L = len(W) - 1

# The forward pass, every sample at once (a row per sample): z = W a + b, a = σ(z)
a = x
for l in range(1, L + 1):
    z = a @ W[l].T + b[l]  # (B, n_l)
    a = sigma[l](z)

$cost
# The backward pass: autograd applies the chain rule from C down to every W^l and b^l
C.backward()

# /backprop's "loss" and "gradients": dC_dW[l-1] is ∂C/∂W^l, dC_db[l-1] is ∂C/∂b^l
result = {
    "C": C.item(),
    "dC_dW": [W[l].grad.tolist() for l in range(1, L + 1)],
    "dC_db": [b[l].grad.tolist() for l in range(1, L + 1)],
}
print(json.dumps(result, allow_nan=False))
''')


def script(p: Problem) -> str:
    body = BODY.substitute(W=names(p, "W"), b=names(p, "b"), sigma=", ".join(SIGMA.get(a, a) for a in p.activations), cost=COST[p.loss])
    return assemble(p, ("with PyTorch's autograd", "torch", "backprop_pytorch.py"), "torch", ACTIVATIONS, body)
