"""How well a network's outputs a (N, k) fit the targets y (N, k): per class for classes, R² and MAE for numbers.

Classes are read as the page draws them: one output with 0/1 targets is two classes, class 1 where
a ≥ 0.5; several outputs with one-hot targets are one class per column, the largest output's.
"""
import numpy as np


def first_not_class(y: np.ndarray) -> int | None:
    """The first row that is not a class (0 or 1 in one column, one-hot in several); None when every row is."""
    ok = (y == 0) | (y == 1)
    row_ok = ok[:, 0] if y.shape[1] == 1 else ok.all(axis=1) & (y.sum(axis=1) == 1)
    bad = np.flatnonzero(~row_ok)
    return int(bad[0]) if len(bad) else None


def labels(v: np.ndarray) -> np.ndarray:
    """Each row's class (N,): 1 where one column is ≥ 0.5, else the largest column's index."""
    return (v[:, 0] >= 0.5).astype(np.intp) if v.shape[1] == 1 else v.argmax(axis=1)


def classification(a: np.ndarray, y: np.ndarray) -> dict:
    """accuracy, per_class (each class's samples and recall, None without samples) and confusion[t][p]:
    the samples of true class t predicted as p."""
    k = max(2, y.shape[1])
    t, p = labels(y), labels(a)
    confusion = np.bincount(t * k + p, minlength=k * k).reshape(k, k)  # (k, k)
    right, counts = np.diag(confusion), confusion.sum(axis=1)
    return {
        "accuracy": int(right.sum()) / len(y),
        "per_class": [{"class": c, "samples": int(n), "accuracy": int(r) / int(n) if n else None}
                      for c, (r, n) in enumerate(zip(right, counts))],
        "confusion": confusion.tolist(),
    }


def regression(a: np.ndarray, y: np.ndarray) -> dict:
    """mae: the mean |a - y| over samples and columns; r2: 1 - SS_res / SS_tot averaged over the columns whose
    targets vary (None when none does). None, too, for either when it overflowed."""
    with np.errstate(all="ignore"):
        err = a - y  # (N, k)
        mae = float(np.mean(np.abs(err)))
        varies = y.max(axis=0) > y.min(axis=0)  # exactly: a constant column has no variance to explain
        r2 = None
        if varies.any():
            yv = y[:, varies]
            ss_res = np.sum(err[:, varies] ** 2, axis=0)
            ss_tot = np.sum((yv - yv.mean(axis=0)) ** 2, axis=0)
            r2 = float(np.mean(1 - ss_res / ss_tot))
    return {"r2": r2 if r2 is not None and np.isfinite(r2) else None, "mae": mae if np.isfinite(mae) else None}
