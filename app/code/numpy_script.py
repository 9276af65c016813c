"""The numpy script: the backward pass written out step by step in the notation, as the engine computes it.

Each formula is the engine's own (app/engine/activations.py, losses.py, backprop.py), in the same
order, so the script prints the numbers /backprop answers to the last bit or nearly.
"""
from string import Template

from .common import Problem, assemble, names

ACTIVATIONS = {
    "sigmoid": '''
def sigmoid(z):
    """a = 1/(1 + e^(−z)) and σ'(z) = a(1 − a), both from e^(−|z|) ≤ 1: no overflow, no cancellation."""
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)  # σ(|z|)
    s = e * r  # σ(−|z|) = 1 − σ(|z|)
    return np.where(z >= 0, r, s), s * r
''',
    "tanh": '''
def tanh(z):
    """a = tanh(z) and σ'(z) = 1 − a², written 4e/(1 + e)² with e = e^(−2|z|): it does not cancel to 0."""
    e = np.exp(-np.abs(z))
    e = e * e
    return np.tanh(z), 4.0 * e / (1.0 + e) ** 2
''',
    "relu": '''
def relu(z):
    """a = max(z, 0); σ'(z) is 1 for z > 0 and 0 otherwise (0 at z = 0 too)."""
    return np.maximum(z, 0.0), (z > 0).astype(np.float64)
''',
    "leaky_relu": '''
def leaky_relu(z):
    """a = z for z > 0, 0.01 z otherwise; σ'(z) is 1 or 0.01 (0.01 at z = 0)."""
    return np.where(z > 0, z, 0.01 * z), np.where(z > 0, 1.0, 0.01)
''',
    "linear": '''
def linear(z):
    """a = z and σ'(z) = 1."""
    return z, np.ones_like(z)
''',
    "softmax": '''
def softmax(z):
    """a_i = e^(z_i) / Σ_k e^(z_k) for each sample (shifted by the largest z: same a, no overflow).
    Its Jacobian ∂a_i/∂z_k = a_i(δ_ik − a_k) is not diagonal: there is no σ'(z) vector (None)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True), None
''',
}

COST = {
    "mse": """\
# C = (1/n_L) Σ_i (a_i^L − y_i)² for each sample, averaged over the B samples
C = float(np.mean((a[L] - y) ** 2))
""",
    "binary_cross_entropy": """\
# C = −(1/n_L) Σ_i [y_i log a_i^L + (1 − y_i) log(1 − a_i^L)] for each sample, averaged over the batch.
# With a = σ(z) each term is log(1 + e^z) − y z: the same number, and no log(0) when a rounds to 0 or 1.
C = float(np.mean(np.logaddexp(0.0, z[L]) - y * z[L]))
""",
    "cross_entropy": """\
# C = −Σ_i y_i log a_i^L for each sample, averaged over the batch; log a^L = log softmax(z^L) is taken
# from z^L (z − max z − log Σ_k e^(z_k − max z)), so it never takes log(0)
shifted = z[L] - z[L].max(axis=-1, keepdims=True)
log_a = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
C = float(np.mean(-np.sum(y * log_a, axis=-1)))
""",
}

MSE_DC_DA = """\
# ∂C/∂a^L = (2/n_L)(a^L − y) for each sample, divided by B: C is the mean over the batch
dC_da[L] = (a[L] - y) * (2.0 / (n_L * B))
"""

OUTPUT = {
    "mse": MSE_DC_DA + """\
# ∂C/∂z^L = ∂C/∂a^L ⊙ σ'(z^L)
dC_dz[L] = dC_da[L] * da_dz[L]
""",
    "mse softmax": MSE_DC_DA + """\
# ∂C/∂z^L through softmax's Jacobian: ∂C/∂z_k = Σ_i ∂C/∂a_i a_i(δ_ik − a_k) = a_k (∂C/∂a_k − ∂C/∂a · a)
dC_dz[L] = a[L] * (dC_da[L] - np.sum(dC_da[L] * a[L], axis=-1, keepdims=True))
""",
    "binary_cross_entropy": """\
# ∂C/∂z^L = ∂C/∂a^L ⊙ σ'(z^L) = [(a − y) / (a(1 − a)) / (n_L B)] ⊙ a(1 − a): σ' cancels, leaving
# ∂C/∂z^L = (a^L − y)/(n_L B)
dC_dz[L] = (a[L] - y) / (B * n_L)
""",
    "cross_entropy": """\
# Through softmax the chain rule gives ∂C/∂z^L = (a^L Σ_i y_i − y)/B, which is (a^L − y)/B since each
# target sums to 1 (written with Σ_i y_i, it stays exact for targets that sum to 1 up to rounding)
dC_dz[L] = (a[L] * y.sum(axis=-1, keepdims=True) - y) / B
""",
}

BODY = Template('''
W = [None] + [np.array(w, dtype=np.float64) for w in $W]  # W[l] is W^l, l = 1..L
b = [None] + [np.array(v, dtype=np.float64) for v in $b]
sigma = [None, $sigma]  # σ_l, l = 1..L
x, y = np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)  # (B, n_0), (B, n_L)
L = len(W) - 1
B, n_L = y.shape

# The forward pass, every sample at once (a row per sample)
z, a, da_dz = [None] * (L + 1), [x] + [None] * L, [None] * (L + 1)
for l in range(1, L + 1):
    z[l] = a[l - 1] @ W[l].T + b[l]  # z = W a + b for each sample: (B, n_l)
    a[l], da_dz[l] = sigma[l](z[l])  # a = σ(z), and σ'(z) beside it

$cost
# The backward pass, from the output layer down to layer 1
dC_da, dC_dz, dC_dW, dC_db = ([None] * (L + 1) for _ in range(4))
$output
for l in range(L, 0, -1):
    # ∂C/∂W^l = ∂C/∂z^l (a^(l-1))ᵀ, summed over the samples: (n_l, n_(l-1))
    dC_dW[l] = dC_dz[l].T @ a[l - 1]
    # ∂C/∂b^l = Σ_s ∂C/∂z^l: (n_l,)
    dC_db[l] = dC_dz[l].sum(axis=0)
    if l > 1:
        # ∂C/∂a^(l-1) = (W^l)ᵀ ∂C/∂z^l for each sample: (B, n_(l-1))
        dC_da[l - 1] = dC_dz[l] @ W[l]
        # ∂C/∂z^(l-1) = ∂C/∂a^(l-1) ⊙ σ'(z^(l-1))
        dC_dz[l - 1] = dC_da[l - 1] * da_dz[l - 1]

# /backprop's "loss" and "gradients": dC_dW[l-1] is ∂C/∂W^l, dC_db[l-1] is ∂C/∂b^l
result = {
    "C": C,
    "dC_dW": [dC_dW[l].tolist() for l in range(1, L + 1)],
    "dC_db": [dC_db[l].tolist() for l in range(1, L + 1)],
}
print(json.dumps(result, allow_nan=False))
''')


def output_step(p: Problem) -> str:
    """∂C/∂z^L: through σ' for mse (softmax's Jacobian on a softmax output), fused for the cross-entropies."""
    if p.loss == "mse" and p.activations[-1] == "softmax":
        return OUTPUT["mse softmax"]
    return OUTPUT[p.loss]


def script(p: Problem) -> str:
    body = BODY.substitute(W=names(p, "W"), b=names(p, "b"), sigma=", ".join(p.activations), cost=COST[p.loss], output=output_step(p))
    return assemble(p, ("in numpy", "numpy", "backprop_numpy.py"), "numpy as np", ACTIVATIONS, body)
