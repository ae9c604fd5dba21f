"""How far a long loop is, for whoever shows it (the command line's progress line).

The library's long loops (the records of a dataset being read, the people whose
rules are checked, the rows of a workbook read or written) go through
:func:`counted`, which tells the listener of the calling context how many of how
many items are done. Nobody listens unless a caller asks with :func:`listening`:
then :func:`counted` hands back the loop's own sequence, and costs nothing more.

A program embedding cadretrain can show the same progress::

    from cadretrain.progress import listening

    def show(what: str, done: int, total: int) -> None:
        print(f"{what}: {done}/{total}")

    with listening(show):
        loaded = cadretrain.read("data.json")
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["Listener", "counted", "listening", "tell"]

T = TypeVar("T")

#: Called with what is counted (an English message id of the catalog, such as
#: ``"people"``: translate it with :func:`cadretrain.i18n.translate`), how many
#: are done and how many there are in all; ``done == total`` at the end.
Listener = Callable[[str, int, int], None]

_listener: ContextVar[Listener | None] = ContextVar("cadretrain_progress", default=None)

#: A listener is told at most this often (seconds), and always of the last item.
INTERVAL = 0.2


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Tell ``listener`` how far each counted loop run in this block is."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def counted(items: Iterable[T], what: str, total: int | None = None) -> Iterable[T]:
    """``items``, iterated as they are; the listener, if any, hears how many of
    ``total`` (default: ``len(items)``) are done."""
    listener = _listener.get()
    if listener is None:
        return items
    if total is None:
        assert isinstance(items, Collection), "counted() needs a total for an iterator"
        total = len(items)
    return _counting(items, what, total, listener) if total else items


def tell(what: str, done: int, total: int) -> None:
    """Tell the listener, if any, that ``done`` of ``total`` are done (for a loop
    that goes by batches rather than item by item)."""
    listener = _listener.get()
    if listener is not None:
        listener(what, done, total)


def _counting(items: Iterable[T], what: str, total: int, listener: Listener) -> Iterator[T]:
    told = time.monotonic()
    listener(what, 0, total)
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        # The clock is read at each item of a short loop (its items are slow ones:
        # course types, rules), at every 64th of a long one.
        if done < total and (total < 1024 or not done & 63) \
                and time.monotonic() - told >= INTERVAL:
            told = time.monotonic()
            listener(what, done, total)
    listener(what, total if done >= total else done, total)
