"""Keep freed heap memory in the process, so that passes on large batches stop page-faulting; and keep the
cyclic garbage collector off the objects that live as long as the process.

glibc hands freed memory back to the OS once about 0.5 MB sits free at the top of
the heap, and serves arrays above its threshold with fresh mmaps. A forward and
backward pass allocates and frees a few MB of arrays each call, so every call
faulted its memory back in: half the time of a [64,128,128,10] × 256 pass
(570 page faults per call; bench/engine.py). Fixed thresholds stop that churn.
"""
import ctypes
import gc

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # from glibc's malloc.h
MMAP_THRESHOLD = 8 << 20  # arrays below 8 MB come from the heap
TRIM_THRESHOLD = 64 << 20  # and up to 64 MB of freed heap is kept for the next call


def keep_freed_memory() -> bool:
    """Set glibc's malloc thresholds; False where the C library has no mallopt (musl, macOS)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


_frozen = False


def freeze_startup_objects() -> bool:
    """Hide the objects alive now (modules, the app, its schemas) from the cyclic collector, once per process.

    Its full collections walk every object it tracks: about 40 ms for the app's 70,000, once every ~70
    training frames, which added 0.6 ms to each frame on average. What exists when the app is built lives
    as long as the process; frozen, a collection walks only what requests have made since.
    """
    global _frozen
    if _frozen:
        return False
    gc.collect()
    gc.freeze()
    _frozen = True
    return True
