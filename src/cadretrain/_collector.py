"""Pausing Python's cycle collector around work on a large, acyclic heap.

Loading a national dataset and writing its documents make millions of small
objects (records, plain-data dicts, rows, cells) and no reference cycles.
Python's cycle collector would still walk the whole growing heap again and
again while they are made: at national scale that was over a quarter of the
workbook's time (docs/benchmarks.md). :func:`paused` stops it for the
duration and sets it back as it was found; nothing else of the host's
collector is changed (no object is frozen or moved between generations).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Collector off inside the block (also usable as a decorator), back on
    after it only if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
