"""The data sheets: each section of the dataset as the rows of its
:class:`~cadretrain.exporters.xlsx.layout.SheetLayout`, people in Vietnamese name
order, which :mod:`cadretrain.readers.xlsx` reads back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from attrs import evolve
from openpyxl.workbook import Workbook

from cadretrain.exporters.xlsx.layout import (
    LIST_SEPARATOR,
    Column,
    SheetLayout,
    bool_label,
    data_sheets,
    label_of,
)
from cadretrain.exporters.xlsx.writing import TableWriter
from cadretrain.i18n import N_
from cadretrain.model import Dataset
from cadretrain.progress import counted

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Vowel marks that make a letter of its own (ă â ê ô ơ ư), and the tones in
# dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(
            c for c in parts if not unicodedata.combining(c) or c in _LETTER_MARKS))
        tone = max((_TONES.get(c, 0) for c in parts), default=0)
        index = _ALPHABET.find(base)
        letters.append(index if index >= 0 else len(_ALPHABET) + ord(base[0]))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def _fallback_name_key(name: str) -> tuple[Any, ...]:
    """Vietnamese name order: the given name (last word) first, then the family
    and middle names; letters by the Vietnamese alphabet (đ after d), then tones."""
    words = unicodedata.normalize("NFC", name).casefold().split()
    ordered = [words[-1], *words[:-1]] if words else [""]
    keys = [_word_key(w) for w in ordered]
    return (tuple(k[0] for k in keys), tuple(k[1] for k in keys), name)


def name_sort_key() -> Callable[[str], Any]:
    """The key rosters are sorted by: Vietnamese name order."""
    try:  # the project's Vietnamese collation, once it is there
        from cadretrain.collation import (  # type: ignore[import-not-found,unused-ignore]
            name_sort_key as project_key,
        )
    except ImportError:
        return _fallback_name_key
    key: Callable[[str], Any] = project_key
    return key


def _cell_value(column: Column, value: Any, present: bool) -> Any:
    """The value a data cell holds for the plain-data ``value``."""
    kind = column.kind
    if value is None:
        # A bool inside a record that is there is False, which plain data leaves out.
        return bool_label(False) if kind == "bool" and present else None
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bool":
        return bool_label(bool(value))
    if kind == "ids":
        return LIST_SEPARATOR.join(value)
    if kind.startswith("enum:"):
        return label_of(kind[5:], value)
    return value


#: Reads a cell's value from a record of plain data and its parent's id.
_CellReader = Callable[[Mapping[str, Any], str | None], Any]


def _cell_reader(column: Column, names: Mapping[str, str],
                 statuses: Mapping[str, str]) -> _CellReader:
    """How the cells of ``column`` are read from a record, decided once per
    sheet rather than for every one of a million cells."""
    field = column.field
    if field == "":
        return lambda record, parent_id: parent_id
    if field == "~status":
        return lambda record, parent_id: statuses.get(record.get("id", ""))
    if field == "~person_name":
        def person_name(record: Mapping[str, Any], parent_id: str | None) -> Any:
            person = record.get("person", parent_id)
            return names.get(person) if isinstance(person, str) else None
        return person_name
    if "." in field:
        outer, inner = field.split(".", 1)

        def nested_value(record: Mapping[str, Any], parent_id: str | None) -> Any:
            nested = record.get(outer)
            return _cell_value(column, nested.get(inner) if nested is not None else None,
                               nested is not None)
        return nested_value
    if column.kind in ("text", "int", "decimal"):  # written as plain data has them
        return lambda record, parent_id: record.get(field)
    if column.kind == "date":
        return lambda record, parent_id: (None if (value := record.get(field)) is None
                                          else date.fromisoformat(value))
    return lambda record, parent_id: _cell_value(column, record.get(field), True)


def _row_reader(layout: SheetLayout, names: Mapping[str, str],
                statuses: Mapping[str, str]) -> Callable[[Mapping[str, Any], str | None],
                                                         list[Any]]:
    """The row of a data sheet for a record and its parent's id."""
    readers = [_cell_reader(column, names, statuses) for column in layout.columns]
    return lambda record, parent_id: [read(record, parent_id) for read in readers]


_PARENTS = {"classes": N_("classes"), "people": N_("people"),
            "organizations": N_("organizations")}


def data_sheet_rows(layout: SheetLayout, data: Mapping[str, Any],
                    name_key: Callable[[str], Any] | None = None,
                    statuses: Mapping[str, str] | None = None) -> Iterator[list[Any]]:
    """The rows of a data sheet for a dataset given as plain data
    (:func:`cadretrain.readers.json_toml.to_dict`). Rosters are in Vietnamese name order.
    ``statuses`` gives, by printed figure id, what the reconciliation says of
    it (the figures sheet's status column)."""
    names = {p["id"]: p["full_name"] for p in data.get("people", ())}
    row = _row_reader(layout, names, statuses or {})
    if layout.parent is None:
        for record in counted(data.get(layout.section, ()), N_("rows")):
            yield row(record, None)
        return
    parent_section = next(s.section for s in data_sheets() if s.name == layout.parent)
    name_order = name_key or name_sort_key()
    # A person is on several rosters; the collation key of a name (~40 µs) is
    # made once per name, not once per enrollment (1,000,000 at national scale).
    keys: dict[str, Any] = {}

    def key(name: str) -> Any:
        found = keys.get(name)
        if found is None:
            found = keys[name] = name_order(name)
        return found

    # The rows of a roster are counted by the records they belong to (classes, people).
    for parent in counted(data.get(parent_section, ()), _PARENTS.get(parent_section, N_("rows"))):
        children = parent.get(layout.section) or ()
        if layout.section == "enrollments":
            children = sorted(children, key=lambda e: key(names.get(e["person"], "")))
        for child in children:
            yield row(child, parent["id"])


def as_read_back(dataset: Dataset) -> Dataset:
    """``dataset`` as reading its workbook back gives it: each class's roster
    in the order the workbook shows it (Vietnamese name order), and a class
    with an empty roster as a class without roster whose learner count is 0."""
    key = name_sort_key()
    names = {p.id: p.full_name for p in dataset.people}
    classes = tuple(
        evolve(cls, enrollments=tuple(sorted(cls.enrollments,
                                             key=lambda e: key(names.get(e.person, "")))))
        if cls.enrollments
        else evolve(cls, enrollments=None, learner_count=cls.learner_count or 0)
        if cls.enrollments is not None else cls
        for cls in dataset.classes
    )
    return evolve(dataset, classes=classes)


_WRITE_KINDS = {"int": "int", "decimal": "decimal", "date": "date"}


def write_data_sheet(wb: Workbook, layout: SheetLayout, rows: Iterable[Sequence[Any]]) -> int:
    """Write one data sheet from its rows (streamed); returns the row count."""
    table = TableWriter(
        wb, layout.name, [c.header for c in layout.columns],
        [_WRITE_KINDS.get(c.kind, "text") for c in layout.columns],
        widths=[c.width for c in layout.columns],
    )
    return table.write(rows)


def _for_export(data: dict[str, Any]) -> dict[str, Any]:
    """A class with an empty roster and no count is written with the count 0:
    the workbook has no way to show an empty roster."""
    for cls in data.get("classes", ()):
        if cls.get("enrollments") == [] and "learner_count" not in cls:
            cls["learner_count"] = 0
    return data
