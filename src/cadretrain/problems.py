"""Problems found in a dataset, and the one exception that carries them."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import frozen

from cadretrain.i18n import N_, _, ngettext, number, translate

__all__ = ["DatasetError", "Problem", "Severity"]


class Severity(enum.Enum):
    """How serious a problem or a rule finding is: an error stops the work (and
    makes ``cadretrain check`` exit 1); a warning is reported and the work goes
    on; ``info`` (rule findings only) is said for the record."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def label(self) -> str:
        """The word printed before a line of this severity, in the current language."""
        return translate(_SEVERITY_LABELS[self])


_SEVERITY_LABELS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


@frozen(kw_only=True)
class Problem:
    """One thing wrong with a dataset, with where it is.

    ``path`` points into the data (``classes[3].course_type``); ``source`` names
    the file when the data came from one.
    """

    severity: Severity
    path: str
    message: str
    source: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.source}: {self.path}" if self.source else self.path
        if self.is_error:
            return f"{where}: {self.message}"
        return _("{where}: warning: {message}").format(where=where, message=self.message)


class DatasetError(Exception):
    """A dataset could not be used. ``problems`` lists every problem found,
    errors and warnings, in the order found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        n = len(errors)
        head = ngettext("{n} error in the dataset", "{n} errors in the dataset", n).format(
            n=number(n))
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)
