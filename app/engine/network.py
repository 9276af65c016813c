"""A fully-connected network: layer sizes, activations, weights and biases.

Lists are indexed by layer l = 0..L, so that ``net.W[l]`` is W^l of the notation;
index 0 (the input layer) holds None.
"""
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .activations import ACTIVATIONS, HE_INIT, Activation


@dataclass
class Network:
    sizes: list[int]  # n_0 .. n_L
    activations: list[str | None]  # σ_l by name; None for layer 0
    W: list[np.ndarray | None] = field(default_factory=list)  # W[l]: (n_l, n_(l-1))
    b: list[np.ndarray | None] = field(default_factory=list)  # b[l]: (n_l,)
    seed: int = 0

    @property
    def L(self) -> int:
        return len(self.sizes) - 1

    def act(self, l: int) -> Activation:
        return ACTIVATIONS[self.activations[l]]

    def copy(self) -> "Network":
        return Network(
            list(self.sizes),
            list(self.activations),
            [None] + [w.copy() for w in self.W[1:]],
            [None] + [v.copy() for v in self.b[1:]],
            self.seed,
        )

    def parameters(self) -> list[np.ndarray]:
        """W^1, b^1, W^2, b^2, … as the arrays themselves (updates write through)."""
        return [p for l in range(1, self.L + 1) for p in (self.W[l], self.b[l])]


def init_weights(n_out: int, n_in: int, activation: str, seed: int, l: int) -> np.ndarray:
    """W^l drawn from its own generator, so one layer's draw never shifts another's."""
    he = activation in HE_INIT
    if n_out * n_in <= SMALL:
        return _initial_small(n_out, n_in, he, seed, l).copy()
    return _initial(n_out, n_in, he, seed, l)


SMALL = 4096  # matrices up to 32 KB are remembered: at most 16 MB for the 512 kept


@lru_cache(maxsize=512)
def _initial_small(n_out: int, n_in: int, he: bool, seed: int, l: int) -> np.ndarray:
    # Seeding a generator costs more than a small pass; the same seed always gives the same draw.
    w = _initial(n_out, n_in, he, seed, l)
    w.flags.writeable = False
    return w


def _initial(n_out: int, n_in: int, he: bool, seed: int, l: int) -> np.ndarray:
    rng = np.random.default_rng([seed, l])
    if he:
        bound = np.sqrt(6.0 / n_in)  # He uniform
    else:
        bound = np.sqrt(6.0 / (n_in + n_out))  # Glorot uniform
    return rng.uniform(-bound, bound, size=(n_out, n_in))


def build(
    sizes: list[int],
    activations: list[str | None],
    weights: list | None = None,
    biases: list | None = None,
    seed: int = 0,
) -> Network:
    """A network from sizes, filling any weights or biases not given (seeded; biases 0)."""
    W: list[np.ndarray | None] = [None]
    b: list[np.ndarray | None] = [None]
    for l in range(1, len(sizes)):
        if weights is not None:
            W.append(np.asarray(weights[l - 1], dtype=np.float64).reshape(sizes[l], sizes[l - 1]))
        else:
            W.append(init_weights(sizes[l], sizes[l - 1], activations[l], seed, l))
        if biases is not None:
            b.append(np.asarray(biases[l - 1], dtype=np.float64).reshape(sizes[l]))
        else:
            b.append(np.zeros(sizes[l]))
    return Network(list(sizes), list(activations), W, b, seed)
