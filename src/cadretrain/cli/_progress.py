"""A progress display for long commands that stays quiet when not on a terminal.

Scripts and CI read the command's output from a pipe; they get the final lines
only, never carriage-return animations.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Shows ``[3/7] writing the Word report...`` on one line of a terminal.

    ``stream`` defaults to standard error; nothing is drawn unless it is a TTY.
    ``total`` may be None until it is known (``[1] reading…``) and set later.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._started = time.monotonic()
        self._step_started = self._started
        self._label = ""
        self._counting: str | None = None
        self._count_started = self._drawn = 0.0

    def step(self, label: str) -> None:
        """Start the next step, called ``label``."""
        self.done += 1
        self._label = label
        self._step_started = now = time.monotonic()
        if self.enabled:
            count = f"{self.done}" if self.total is None else f"{self.done}/{self.total}"
            left = self._left(self.done - 1, self.total, now - self._started)
            self._draw(f"[{count}] {label}…{left}")

    def count(self, done: int, total: int) -> None:
        """Within the current step, ``done`` of its ``total`` items are made (a pack's
        notices, say): shows the counts and the time the step has left."""
        if self.enabled and total:
            count = f"{self.done}" if self.total is None else f"{self.done}/{self.total}"
            left = self._left(done, total, time.monotonic() - self._step_started)
            self._draw(f"[{count}] {self._label}… {done:,}/{total:,}{left}".replace(",", "."))

    @staticmethod
    def _left(done: int, total: int | None, elapsed: float) -> str:
        """`` — 12 s left`` once something is done: the time so far, spread evenly."""
        if not done or total is None or done >= total:
            return ""
        seconds = elapsed / done * (total - done)
        return f" — {seconds:.0f} s left" if seconds >= 1 else ""

    def _draw(self, line: str) -> None:
        self.stream.write("\r\033[K" + line)
        self.stream.flush()

    def tally(self, label: str, done: int, total: int) -> None:
        """Item ``done`` of ``total`` of one step called ``label`` (the first
        call starts the step): shows the count, the rate and the time left,
        redrawn at most five times a second."""
        now = time.monotonic()
        if self._counting != label:
            self._counting, self._count_started, self._drawn = label, now, 0.0
            self.done += 1
        if not self.enabled or (done < total and now - self._drawn < 0.2):
            return
        self._drawn = now
        elapsed = now - self._count_started
        shown = f"{label}: {_grouped(done)}/{_grouped(total)}"
        if done > 1 and elapsed > 0:
            rate = (done - 1) / elapsed  # the first item starts the clock
            left = (total - done) / rate if rate else 0.0
            shown += f", {_grouped(rate)}/s, {_duration(left)} left"
        count = f"{self.done}" if self.total is None else f"{self.done}/{self.total}"
        self.stream.write(f"\r\033[K[{count}] {shown}…")
        self.stream.flush()

    def clear(self) -> None:
        """Remove the progress line (before an error message)."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def finish(self) -> None:
        """Clear the progress line."""
        if self.enabled:
            seconds = time.monotonic() - self._started
            total = self.done if self.total is None else self.total
            self.stream.write(f"\r\033[K[{total}/{total}] done in {seconds:.1f} s\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    """``45 s``, ``12 min 05 s``, ``2 h 10 min``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def _grouped(n: float) -> str:
    # Vietnamese grouping (1.234.567), as the rest of the output prints counts.
    return f"{n:,.0f}".replace(",", ".")
