"""Samples a server keeps for a while, so that a live-training frame can name them by a key instead of sending them.

A frame sends the same samples every time (160 training and 40 test samples for the page's defaults):
reading and validating them was the largest part of a frame's cost after its arithmetic (bench/classroom.py).
A request with remember_data gets a data_key back: the hash of its samples' values. Later requests may send
data_key instead of input, target, test_input and test_target. Each replica keeps the last samples it was
sent, up to a budget, in memory: a replica that does not hold the key (another replica, a restart, an eviction)
refuses the request, naming data_key, and the client sends the samples again. So any replica still answers
any frame, and nothing is lost when one goes.
"""
import hashlib
import threading
from collections import OrderedDict

import numpy as np

SAMPLE_FIELDS = ("input", "target", "test_input", "test_target")
MAX_NUMBERS = 2_000_000  # the numbers kept, over all the samples held (about 16 MB of arrays and their lists)


class Rows(list):
    """Samples validated when they were sent, given again by their key: accepted as they are, with their array."""

    __slots__ = ("array", "widths")

    def __init__(self, rows: list, array: np.ndarray):
        super().__init__(rows)
        self.array = array
        self.widths = {len(row) for row in rows}  # check_samples asks each request


_kept: OrderedDict[str, dict[str, Rows | None]] = OrderedDict()
_sizes: dict[str, int] = {}
_lock = threading.Lock()


def data_key(arrays: list[np.ndarray | None]) -> str:
    """The key of these samples: a hash of their values and shapes (the same samples, the same key anywhere)."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        h.update(b"-" if a is None else repr(a.shape).encode() + np.ascontiguousarray(a, dtype="<f8").tobytes())
    return h.hexdigest()


def keep(rows: dict[str, list | None], arrays: dict[str, np.ndarray | None]) -> str:
    """Keep the validated samples (SAMPLE_FIELDS: their lists and arrays) and return their key."""
    key = data_key([arrays[name] for name in SAMPLE_FIELDS])
    size = sum(a.size for a in arrays.values() if a is not None)
    if size > MAX_NUMBERS:
        return key  # too large to keep: the key will be refused, and the samples sent again
    for a in arrays.values():
        if a is not None:
            a.flags.writeable = False  # shared by the requests that name them
    entry = {name: None if rows[name] is None else Rows(rows[name], arrays[name]) for name in SAMPLE_FIELDS}
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return key
        _kept[key], _sizes[key] = entry, size
        while sum(_sizes.values()) > MAX_NUMBERS:
            old, _ = _kept.popitem(last=False)
            del _sizes[old]
    return key


def kept(key: str) -> dict[str, Rows | None] | None:
    """The samples kept under key (the most recently used last to go), or None."""
    with _lock:
        entry = _kept.get(key)
        if entry is not None:
            _kept.move_to_end(key)
        return entry
