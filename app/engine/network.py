"""A fully-connected network: layer sizes, activations, weights and biases.

Lists are indexed by layer l = 0..L, so that ``net.W[l]`` is W^l of the notation;
index 0 (the input layer) holds None.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

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


class Flat:
    """A network's parameters as one vector θ = (W^1, b^1, W^2, b^2, …) and each parameter as a view of it.

    A small network's step is numpy calls, each costing more than its arithmetic: on the vector, an update,
    an optimizer's moments and a finiteness test are one call each, whatever the number of layers.
    """

    def __init__(self, net: Network):
        self.net = net
        params = net.parameters()
        self.shapes = [p.shape for p in params]
        self.cuts = list(accumulate((p.size for p in params), initial=0))

    def vector(self, arrays: list[np.ndarray]) -> np.ndarray:
        """A new vector holding these parameter-shaped arrays."""
        return np.concatenate([a.ravel() for a in arrays])

    def views(self, v: np.ndarray) -> list[np.ndarray]:
        """v's parameter-shaped views: writes go into v."""
        return [v[a:b].reshape(shape) for a, b, shape in zip(self.cuts, self.cuts[1:], self.shapes)]

    def network(self, v: np.ndarray) -> Network:
        """The network whose parameters are v (views: it changes with v)."""
        p = self.views(v)
        return Network(self.net.sizes, self.net.activations, [None] + p[0::2], [None] + p[1::2], self.net.seed)
