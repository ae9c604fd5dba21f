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
