"""What every check writes to: the collector of problems with their paths, and the
messages the checks share (unknown references, duplicate ids).
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Iterable, Iterator
from typing import TypeVar

from cadretrain.converter import Suggestions, shorten
from cadretrain.i18n import N_, translate
from cadretrain.problems import Problem, Severity

T = TypeVar("T")

#: Whether the checks take their shortcuts for records with nothing to report
#: (a clean roster, a person with nothing but an organization, ids without
#: repeats). The tests turn them off to compare: the problems are the same.
SHORTCUTS = True


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._suggestions: dict[int, tuple[Collection[str], Suggestions]] = {}

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(severity=Severity.ERROR, path=path, message=message))

    def warning(self, path: str, message: str) -> None:
        self.problems.append(Problem(severity=Severity.WARNING, path=path, message=message))

    def reference(
        self, path: str, value: str | None, known: Collection[str], what: str
    ) -> None:
        if value is not None and value not in known:
            self._unknown(path, value, known, what)

    def _unknown(self, path: str, value: str, known: Collection[str], what: str) -> None:
        self.error(path, _unknown_message(what, value, self._hints(known)))

    def _hints(self, known: Collection[str]) -> Suggestions:
        # Indexed once per collection, not once per unknown reference: a file
        # with thousands of bad references stays near linear. The collection
        # is kept in the cache so its id cannot be reused while cached.
        cached = self._suggestions.get(id(known))
        if cached is None or cached[0] is not known:
            cached = (known, Suggestions(sorted(known)))
            self._suggestions[id(known)] = cached
        return cached[1]


class _ReferencesOnly(_Collector):
    """Collects the unknown references only.

    A reference check depends on nothing but the referring value and the ids
    that exist; every other check may compare fields of the record with each
    other. For a record read with stand-ins for its unreadable fields, only
    the references are sound to report.
    """

    def error(self, path: str, message: str) -> None:
        pass

    def warning(self, path: str, message: str) -> None:
        pass

    def _unknown(self, path: str, value: str, known: Collection[str], what: str) -> None:
        _Collector.error(self, path, _unknown_message(what, value, self._hints(known)))


# One whole message per kind of record, so that each reads as one sentence in
# either language (never "unknown " + an English noun).
_UNKNOWN = {
    "organization": N_('unknown organization "{value}"'),
    "person": N_('unknown person "{value}"'),
    "post": N_('unknown post "{value}"'),
    "course type": N_('unknown course type "{value}"'),
    "class group": N_('unknown class group "{value}"'),
    "document": N_('unknown document "{value}"'),
    "figure": N_('unknown figure "{value}"'),
    "class or class group": N_('unknown class or class group "{value}"'),
}
_DUPLICATE = {
    "organization": N_('duplicate organization id "{id}" (first at {first})'),
    "person": N_('duplicate person id "{id}" (first at {first})'),
    "post": N_('duplicate post id "{id}" (first at {first})'),
    "class": N_('duplicate class id "{id}" (first at {first})'),
    "class group": N_('duplicate class group id "{id}" (first at {first})'),
    "plan": N_('duplicate plan id "{id}" (first at {first})'),
    "document": N_('duplicate document id "{id}" (first at {first})'),
    "figure": N_('duplicate figure id "{id}" (first at {first})'),
    "course type": N_('duplicate course type id "{id}" (first at {first})'),
    "qualification": N_('duplicate qualification id "{id}" (first at {first})'),
}


def _unknown_message(what: str, value: str, known: Suggestions) -> str:
    return translate(_UNKNOWN[what]).format(value=shorten(value)) + known.hint(value)


def _duplicates(
    out: _Collector, items: Iterable[tuple[str, str]], what: str
) -> None:
    """``items`` are (path, id) pairs; every repeat after the first is an error."""
    first: dict[str, str] = {}
    for path, ident in items:
        if ident in first:
            out.error(path, translate(_DUPLICATE[what]).format(id=shorten(ident),
                                                               first=first[ident]))
        else:
            first[ident] = path


def _indexed(prefix: str, records: Iterable[T]) -> Iterator[tuple[str, T]]:
    for index, record in enumerate(records):
        yield f"{prefix}[{index}]", record


_id_of = operator.attrgetter("id")
_person_of = operator.attrgetter("person")
_sender_of = operator.attrgetter("sending_organization")
