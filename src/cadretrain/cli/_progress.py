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

    def step(self, label: str) -> None:
        """Start the next step, called ``label``."""
        self.done += 1
        if self.enabled:
            count = f"{self.done}" if self.total is None else f"{self.done}/{self.total}"
            line = f"[{count}] {label}…"
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
