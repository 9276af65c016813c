"""Toy datasets for training: 2-D classification and 1-D regression.

Each function takes (samples, noise, rng, classes) and returns x (N, d) and y (N, k):
two classes give one 0/1 column (one sigmoid output), more give one-hot rows
(a softmax output with cross-entropy).
"""
import numpy as np


def _targets(labels: np.ndarray, classes: int) -> np.ndarray:
    if classes == 2:
        return labels[:, None].astype(np.float64)
    return np.eye(classes)[labels]


def xor(samples, noise, rng, classes=2):
    """Four clusters at (±1, ±1); label 1 where the signs differ. 4 samples, no noise: the truth table."""
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    k = np.arange(samples) % 4
    x = corners[k] + noise * rng.standard_normal((samples, 2))
    return x, _targets((k == 1) | (k == 2), 2)


def circle(samples, noise, rng, classes=2):
    """Label 1 inside radius 0.5, label 0 on a ring from 0.7 to 1."""
    inside = np.arange(samples) % 2 == 0
    r = np.where(inside, 0.5 * np.sqrt(rng.uniform(0, 1, samples)), rng.uniform(0.7, 1.0, samples))
    t = rng.uniform(0, 2 * np.pi, samples)
    x = np.stack([r * np.cos(t), r * np.sin(t)], axis=1) + noise * rng.standard_normal((samples, 2))
    return x, _targets(inside, 2)


def spiral(samples, noise, rng, classes=2):
    """`classes` interleaved arms, each turning 1.5 times around the origin."""
    labels = np.arange(samples) % classes
    t = rng.uniform(0.05, 1.0, samples)
    angle = 3 * np.pi * t + 2 * np.pi * labels / classes
    x = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1) + noise * rng.standard_normal((samples, 2))
    return x, _targets(labels, classes)


def gaussians(samples, noise, rng, classes=2):
    """One blob per class, centred on a circle of radius 0.6; the spread grows with noise."""
    labels = np.arange(samples) % classes
    angle = 2 * np.pi * labels / classes + np.pi / 4
    centres = 0.6 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    x = centres + (0.15 + noise) * rng.standard_normal((samples, 2))
    return x, _targets(labels, classes)


def sine(samples, noise, rng, classes=2):
    """y = 0.5 + 0.4 sin(πx) on x in [-1, 1]: inside (0, 1), so a sigmoid output can fit it."""
    x = rng.uniform(-1, 1, (samples, 1))
    return x, 0.5 + 0.4 * np.sin(np.pi * x) + noise * rng.standard_normal((samples, 1))


DATASETS = {"xor": xor, "circle": circle, "spiral": spiral, "gaussians": gaussians, "sine": sine}
MULTICLASS = frozenset({"spiral", "gaussians"})
REGRESSION = frozenset({"sine"})


def make(name: str, samples: int, noise: float, seed: int, classes: int = 2):
    return DATASETS[name](samples, noise, np.random.default_rng(seed), classes)
