"""A progress display for long commands that stays quiet when not on a terminal.

Scripts and CI read the command's output from a pipe; they get the final lines
only, never carriage-return animations. On a terminal the line shows the step,
and inside a long step the count of its items and the time left::

    [2/5] đọc dữ liệu… người 120.000/200.000, 7.512/giây, còn 11 giây

:meth:`Progress.count` is a :data:`cadretrain.progress.Listener`: the library's
long loops (records read, people checked, rows written) report to it through
:func:`cadretrain.progress.listening`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TextIO

from cadretrain import progress as library_progress
from cadretrain.i18n import _, decimal, number, translate

#: The line is redrawn at most this often (seconds), except for a new step or the end.
REDRAW = 0.2


class Progress:
    """Shows ``[3/7] writing the Word report…`` on one line of a terminal.

    ``stream`` defaults to standard error; nothing is drawn unless it is a TTY.
    ``total`` may be None until it is known (``[1] reading…``) and set later.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._started = time.monotonic()
        self._label = ""
        self._counting: str | None = None
        self._count_started: dict[str, float] = {}
        self._drawn = float("-inf")

    def step(self, label: str) -> None:
        """Start the next step, called ``label``."""
        self.done += 1
        self._label = label
        self._counting = None
        now = time.monotonic()
        if self.enabled:
            shown = f"{self._position()} {label}…"
            if self.total is not None and 0 < self.done - 1 < self.total:
                # The time so far spread evenly over the steps.
                left = (now - self._started) / (self.done - 1) * (self.total - self.done + 1)
                shown += " — " + _left(left) if left >= 1 else ""
            self._draw(shown)

    def count(self, what: str, done: int, total: int) -> None:
        """Within the current step, ``done`` of ``total`` items called ``what`` (a
        catalog message id: ``"people"``, ``"result notices"``) are done: shows the
        counts, the rate and the time left, redrawn at most five times a second."""
        now = time.monotonic()
        if done == 0 or what not in self._count_started:  # a loop (re)starts
            self._count_started[what] = now
        if what != self._counting:
            self._counting, self._drawn = what, float("-inf")
        if not self.enabled or (done < total and now - self._drawn < REDRAW):
            return
        self._drawn = now
        shown = (f"{self._position()} {self._label}… {translate(what)} "
                 f"{number(done)}/{number(total)}")
        elapsed = now - self._count_started[what]
        if 1 < done < total and elapsed > 0:
            rate = (done - 1) / elapsed  # the first item starts the clock
            shown += ", " + _("{rate}/s").format(rate=number(round(rate)))
            if rate and (total - done) / rate >= 1:
                shown += ", " + _left((total - done) / rate)
        self._draw(shown)

    @contextmanager
    def listening(self) -> Iterator[None]:
        """Show the counts of the library's long loops run in this block."""
        with library_progress.listening(self.count):
            yield

    def clear(self) -> None:
        """Remove the progress line (before an error message)."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def finish(self) -> None:
        """Replace the progress line by the time the whole command took."""
        if self.enabled:
            seconds = time.monotonic() - self._started
            total = self.done if self.total is None else self.total
            done = _("done in {seconds} s").format(seconds=decimal(Decimal(f"{seconds:.1f}"), 1))
            self.stream.write(f"\r\033[K[{total}/{total}] {done}\n")
            self.stream.flush()

    def _position(self) -> str:
        return f"[{self.done}]" if self.total is None else f"[{self.done}/{self.total}]"

    def _draw(self, line: str) -> None:
        self.stream.write("\r\033[K" + line)
        self.stream.flush()


def _left(seconds: float) -> str:
    """``45 s left``, ``12 min 05 s left``, ``2 h 10 min left``."""
    whole = round(seconds)
    if whole < 60:
        duration = _("{seconds} s").format(seconds=whole)
    elif whole < 3600:
        duration = _("{minutes} min {seconds:02d} s").format(minutes=whole // 60,
                                                             seconds=whole % 60)
    else:
        duration = _("{hours} h {minutes:02d} min").format(hours=whole // 3600,
                                                           minutes=whole % 3600 // 60)
    return _("{duration} left").format(duration=duration)
