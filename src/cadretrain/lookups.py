"""Records of a dataset by id, built once per dataset.

:class:`~cadretrain.model.Dataset` offers them as methods (``dataset.person("an")``,
``dataset.children("duk")``); this module holds the index behind them. An index is
made the first time a dataset is asked, kept while the dataset lives, and shared
by every consumer (exporters, rules, the report pack), so none builds its own
dictionaries. A dataset is immutable, so its index never goes stale.

When an id is given twice (which :func:`~cadretrain.validation.validate`
reports), the first record with it is the one found.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from cadretrain.i18n import N_, translate

if TYPE_CHECKING:
    from cadretrain.model import (
        ClassGroup,
        ClassRecord,
        CourseType,
        Dataset,
        Organization,
        Person,
        Post,
        PrintedFigure,
        SourceDocument,
    )

__all__ = ["DatasetIndex", "UnknownId", "index_of"]

R = TypeVar("R")


class UnknownId(KeyError):
    """No record of this kind has this id. ``kind`` is the section's singular
    (``person``), ``id`` the id asked for."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(id)
        self.kind, self.id = kind, id

    def __str__(self) -> str:
        return translate(_UNKNOWN[self.kind]).format(value=self.id)


_UNKNOWN = {
    "organization": N_('unknown organization "{value}"'),
    "person": N_('unknown person "{value}"'),
    "post": N_('unknown post "{value}"'),
    "class": N_('unknown class "{value}"'),
    "class group": N_('unknown class group "{value}"'),
    "course type": N_('unknown course type "{value}"'),
    "document": N_('unknown document "{value}"'),
    "figure": N_('unknown figure "{value}"'),
}


class _ById(Mapping[str, R]):
    """A read-only mapping whose missing key raises :class:`UnknownId`."""

    __slots__ = ("_kind", "_records")

    def __init__(self, kind: str, records: Iterable[R]) -> None:
        self._kind = kind
        found: dict[str, R] = {}
        for record in records:
            found.setdefault(record.id, record)  # type: ignore[attr-defined]
        self._records = found

    def __getitem__(self, key: str) -> R:
        try:
            return self._records[key]
        except KeyError:
            pass
        # Ids are NFC (as every text of a record); a key typed in another
        # form is the same id.
        if isinstance(key, str):
            found = self._records.get(unicodedata.normalize("NFC", key))
            if found is not None:
                return found
        raise UnknownId(self._kind, key)

    def __contains__(self, key: object) -> bool:
        return key in self._records or (
            isinstance(key, str) and unicodedata.normalize("NFC", key) in self._records)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class DatasetIndex:
    """Every record of one dataset by id, and each organization's children.

    Mappings from id to record; a missing id raises :class:`UnknownId`
    (a :class:`KeyError`) whose message names the kind and the id.
    ``course_types`` holds the dataset's own course types and the built-in
    catalog's (the dataset's win, as everywhere)."""

    def __init__(self, dataset: Dataset) -> None:
        from cadretrain.catalog import course_catalog

        self.organizations: Mapping[str, Organization] = _ById(
            "organization", dataset.organizations)
        self.people: Mapping[str, Person] = _ById("person", dataset.people)
        self.posts: Mapping[str, Post] = _ById("post", dataset.posts)
        self.classes: Mapping[str, ClassRecord] = _ById("class", dataset.classes)
        self.class_groups: Mapping[str, ClassGroup] = _ById("class group", dataset.class_groups)
        self.documents: Mapping[str, SourceDocument] = _ById("document", dataset.documents)
        self.figures: Mapping[str, PrintedFigure] = _ById("figure", dataset.figures)
        catalog = course_catalog(dataset)
        self.course_types: Mapping[str, CourseType] = _ById("course type", catalog.values())
        children: dict[str, list[Organization]] = {}
        for org in dataset.organizations:
            if org.parent is not None:
                children.setdefault(org.parent, []).append(org)
        self._children = {k: tuple(v) for k, v in children.items()}

    def children(self, organization: str) -> tuple[Organization, ...]:
        """The organizations whose parent is ``organization``, in dataset order
        (empty for a leaf; :class:`UnknownId` for an id that is no organization)."""
        if organization not in self.organizations:
            raise UnknownId("organization", organization)
        return self._children.get(organization, ())


_lock = threading.Lock()
# id(dataset) -> (a weak reference to it, its index). Keyed by identity, not by
# value: hashing a dataset hashes every record in it.
_indexes: dict[int, tuple[weakref.ref[Dataset], DatasetIndex]] = {}


def index_of(dataset: Dataset) -> DatasetIndex:
    """The index of ``dataset``, built on first use and kept while it lives."""
    key = id(dataset)
    entry = _indexes.get(key)
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    index = DatasetIndex(dataset)

    def forget(ref: weakref.ref[Dataset]) -> None:
        _forget(key, ref)

    with _lock:
        _indexes[key] = (weakref.ref(dataset, forget), index)
    return index


def _forget(key: int, ref: weakref.ref[Dataset]) -> None:
    with _lock:
        entry = _indexes.get(key)
        if entry is not None and entry[0] is ref:
            del _indexes[key]
