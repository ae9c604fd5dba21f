"""Reading a filled-in workbook as a dataset.

A workbook (the template of ``cadretrain template xlsx``, or a workbook that
``cadretrain export --to xlsx`` wrote) is turned into the same plain data a
JSON or TOML file gives, and goes through the one converter and validation of
:mod:`cadretrain.readers.json_toml`. Every problem is reported with its sheet, row and
column, in the current language (Vietnamese by default), all at once::

    Học viên!D17: ngày sinh "31/02/1990" không hợp lệ
    Học viên!D17: column "ngày sinh": "31/02/1990" is not a valid date   (English)

A column is named by its header in the workbook, which is the file's own text.

Dates may be typed as Excel dates or as ``dd/mm/yyyy`` text; enumerations by
their Vietnamese label (``đảng viên dự bị``) or their value (``probationary``).

The workbook is untrusted input. Before any spreadsheet parser sees it,
:mod:`cadretrain.readers.archive` reads the zip itself: sizes against
:class:`Limits` (the grid each sheet's cells span included), CRCs, document
type declarations, error cells and numbers the reader cannot take. Cells are
then read with python-calamine, about ten times faster than openpyxl's
read-only mode on large rosters (see ``benchmarks/bench_xlsx.py``).

Why one module of over 500 lines: reading a workbook is one pass per sheet
(find the header, convert each cell, assemble the records, place every
problem at its sheet and cell), and those steps share the sheet's position
bookkeeping; the raw-file checks before it have their own module.
"""

from __future__ import annotations

import functools
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any, NamedTuple

from attrs import define

from cadretrain import i18n
from cadretrain._collector import paused
from cadretrain.exporters.xlsx.layout import REPORT_SHEETS as _REPORT_KEYS
from cadretrain.exporters.xlsx.layout import SOURCE_SHEET as _SOURCE_KEY
from cadretrain.exporters.xlsx.layout import TITLE_LABEL as _TITLE_KEY
from cadretrain.exporters.xlsx.layout import (
    Column,
    SheetLayout,
    data_sheets,
    enum_labels,
    sheet_name,
    value_of_label,
    workbook_language,
)
from cadretrain.i18n import LANGUAGES, N_, _, ngettext, translate
from cadretrain.model import SCHEMA_VERSION
from cadretrain.problems import DatasetError, Problem, Severity
from cadretrain.progress import counted
from cadretrain.readers.archive import DEFAULT_LIMITS, ArchiveScan, Limits, scan_workbook
from cadretrain.readers.plain import DatasetFileError, Loaded, from_dict

__all__ = ["Limits", "read_workbook"]  # Limits lives in cadretrain.readers.archive

#: Sheets an exported workbook has that hold no data to read.
REPORT_SHEETS = ("Kế hoạch - Thực hiện", "So sánh cùng kỳ", "Phối hợp", "Phát hiện",
                 "Hướng dẫn", "Danh mục")
SOURCE_SHEET = "Nguồn dữ liệu"
TITLE_LABEL = "Tên bộ dữ liệu"


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ------------------------------------------------------------------ cell values


class CellError(ValueError):
    """A cell's value cannot be read; the message is complete, in the current language."""


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_INT_TEXT = re.compile(r"^\s*-?(\d{1,3}(\.\d{3})+|\d+)\s*$")
_BOOLS = {"có": True, "x": True, "c": True, "true": True, "đúng": True, "yes": True,
          "không": False, "k": False, "false": False, "sai": False, "no": False}


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _what(column: Column) -> str:
    return _what_header(column.header)


@functools.cache  # by the header's text: hashing a Column hashes every field of it
def _what_header(header: str) -> str:
    return header.split(" (")[0].lower()


def cell_value(column: Column, raw: object) -> Any:
    """The plain-data value of a cell, or :class:`CellError`."""
    return _value_reader(column.kind)(column, raw)


def _value_reader(kind: str) -> Callable[[Column, object], Any]:
    """The function that reads a cell of a column of ``kind`` (looked up once
    per sheet, not once per cell)."""
    if kind.startswith("enum:"):
        return _enum_value
    try:
        return _VALUE_READERS[kind]
    except KeyError:  # pragma: no cover - the layout names only the kinds below
        raise AssertionError(kind) from None


# Each takes the column and the cell's value; the column's name for a message
# (_what) is worked out only when there is a message to write.


def _text_value(column: Column, raw: object) -> str:
    if isinstance(raw, str):
        return unicodedata.normalize("NFC", raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # an id typed as a number
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return repr(raw)
    raise CellError(_('column "{column}": "{value}" must be text').format(
        column=_what(column), value=_shown(raw)))


def _day_value(column: Column, raw: object) -> date:
    return _date_value(_what(column), raw)


def _int_value(column: Column, raw: object) -> int:
    if isinstance(raw, bool):
        raise CellError(_not_whole(_what(column), raw))
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and _INT_TEXT.match(raw):
        return int(raw.replace(".", ""))
    raise CellError(_not_whole(_what(column), raw))


def _decimal_value(column: Column, raw: object) -> Decimal:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if isinstance(raw, float):
            return Decimal(int(raw)) if raw.is_integer() else Decimal(repr(raw))
        return Decimal(raw)
    if isinstance(raw, str):
        try:
            number = Decimal(raw.strip().replace(",", "."))
        except InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    raise CellError(_('column "{column}": "{value}" is not a number').format(
        column=_what(column), value=_shown(raw)))


def _bool_value(column: Column, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().casefold() in _BOOLS:
        return _BOOLS[raw.strip().casefold()]
    raise CellError(_('column "{column}": "{value}" is not valid; write "yes" or '
                      '"no"').format(column=_what(column), value=_shown(raw)))


def _ids_value(column: Column, raw: object) -> list[str]:
    if isinstance(raw, float) and raw.is_integer():
        raw = str(int(raw))
    if not isinstance(raw, str):
        raise CellError(_('column "{column}": "{value}" must be ids separated by ;').format(
            column=_what(column), value=_shown(raw)))
    return [unicodedata.normalize("NFC", part.strip())
            for part in re.split(r"[;,]", raw) if part.strip()]


def _enum_value(column: Column, raw: object) -> str:
    name = column.kind[5:]
    if isinstance(raw, str):
        value = value_of_label(name, raw)
        if value is not None:
            return value
    # the labels of the message's language (either language's are read)
    choices = ", ".join(enum_labels(name, i18n.current_language()).values())
    raise CellError(_('column "{column}": "{value}" is not valid; choose one of: '
                      '{choices}').format(column=_what(column), value=_shown(raw),
                                          choices=choices))


_VALUE_READERS: dict[str, Callable[[Column, Any], Any]] = {
    "text": _text_value, "date": _day_value, "int": _int_value, "decimal": _decimal_value,
    "bool": _bool_value, "ids": _ids_value,
}


def _date_value(what: str, raw: object) -> date:
    if isinstance(raw, datetime):
        if raw.time() != datetime.min.time():
            raise CellError(_('column "{column}": "{value}" has a time of day; write the date '
                              'only').format(column=what, value=f"{raw:%d/%m/%Y %H:%M}"))
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        match = _DMY.match(raw) or _ISO.match(raw)
        if match:
            parts = [int(p) for p in match.groups()]
            day, month, year = parts if match.re is _DMY else parts[::-1]
            try:
                return date(year, month, day)
            except ValueError:
                raise CellError(_('column "{column}": "{value}" is not a valid date').format(
                    column=what, value=raw.strip())) from None
    raise CellError(_('column "{column}": "{value}" is not a date; write it as '
                      'dd/mm/yyyy').format(column=what, value=_shown(raw)))


def _not_whole(what: str, raw: object) -> str:
    return _('column "{column}": "{value}" is not a whole number').format(
        column=what, value=_shown(raw))


# ------------------------------------------------------------------ the sheets


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


_STEP_BACK = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")
_RECORD_PATH = re.compile(r"(\w+)\[(\d+)\](?:\.(\w+)\[(\d+)\])?")


@define  # not frozen: made for every row, and never changed once made
class _Record:
    sheet: str
    row: int
    data: dict[str, Any]
    parent_id: str | None
    #: the number of the parent id's column (its cell is named only in a message)
    parent_column: int | None

    @property
    def parent_cell(self) -> str:
        if self.parent_column is None:
            return f"{self.sheet}!{self.row}"
        return f"{self.sheet}!{column_letter(self.parent_column)}{self.row}"


class Locations:
    """Where each record of the plain data came from, to put problems back in
    their cells. One entry per record, not per cell: a 200,000-row roster
    would otherwise hold millions of cell references."""

    def __init__(self) -> None:
        #: The records of each section of the data, in its order (``people[3]``).
        self.sections: dict[str, list[_Record]] = {}
        #: The records nested in one (``classes[2].enrollments[5]``), by
        #: (section, the record's index, nested section).
        self.nested: dict[tuple[str, int, str], list[_Record]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # sheet -> field -> column letter

    def record(self, path: str) -> _Record | None:
        """The row that gave the record at ``path``, if a row did."""
        match = _RECORD_PATH.fullmatch(path)
        if match is None:
            return None
        section, index, inner, inner_index = match.groups()
        if inner is None:
            records, at = self.sections.get(section), int(index)
        else:
            records, at = self.nested.get((section, int(index), inner)), int(inner_index)
        return records[at] if records is not None and at < len(records) else None

    def where(self, path: str) -> str | None:
        """``Sheet!D17`` for a field's path, ``Sheet!17`` for a record's."""
        suffix: list[str] = []
        while path:
            record = self.record(path)
            if record is not None:
                field = ".".join(suffix)
                letter = self.columns.get(record.sheet, {}).get(field) if field else None
                if letter is None and suffix:
                    letter = self.columns.get(record.sheet, {}).get(suffix[0])
                if letter is not None:
                    return f"{record.sheet}!{letter}{record.row}"
                return f"{record.sheet}!{record.row}"
            match = _STEP_BACK.search(path)
            if match is None:
                return None
            step = match.group(0)
            if step.startswith("."):
                suffix.insert(0, step[1:])
            path = path[: match.start()]
        return None


#: Rows read at once, column by column (a bounded share of a large sheet).
_ROWS_AT_ONCE = 4096
#: A cell left empty, or one that cannot be read: no value in the record.
_ABSENT: Any = object()
_is_absent = functools.partial(operator.is_, _ABSENT)
_nfc = functools.partial(unicodedata.normalize, "NFC")


class _Slot(NamedTuple):
    """What a read column does with its cells, worked out once per sheet."""

    place: int  # its index in the row
    column: Column
    read: Callable[[Column, Any], Any]
    field: str  # "" for the parent's id
    inner: str  # the nested record's field (result.grade: result, grade), or ""


def _field_parts(field: str) -> tuple[str, str]:
    """``result.grade`` -> (``result``, ``grade``); ``id`` -> (``id``, "")."""
    outer, _dot, inner = field.partition(".")
    return outer, inner


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.reported: set[str] = set()
        self.column_letters: dict[str, dict[str, str]] = {}

    def error(self, where: str, message: str) -> None:
        self.reported.add(where)
        self.problems.append(Problem(severity=Severity.ERROR, path=where, message=message,
                                     source=self.source))

    def warning(self, where: str, message: str) -> None:
        self.problems.append(Problem(severity=Severity.WARNING, path=where, message=message,
                                     source=self.source))

    def read_sheet(self, layout: SheetLayout, rows: Iterator[list[Any]],
                   col_offset: int, limits: Limits) -> list[_Record]:
        header_row, headers = 0, None
        for index, cells in enumerate(rows, 1):
            if any(c not in ("", None) for c in cells):
                header_row, headers = index, cells
                break
        if headers is None:
            return []
        known = {_fold(c.header): c for c in layout.columns}
        columns: dict[int, Column] = {}
        seen: set[str] = set()
        for j, text in enumerate(headers):
            if text in ("", None):
                continue
            ref = f"{layout.name}!{column_letter(col_offset + j + 1)}{header_row}"
            column = known.get(_fold(str(text)))
            if column is None:
                self.warning(ref, _('column "{column}" is not in the template and is not '
                                    'read').format(column=text))
            elif column.header in seen:
                self.error(ref, _('column "{column}" is there twice').format(column=text))
            else:
                seen.add(column.header)
                if not column.derived:
                    columns[j] = column
        self.column_letters[layout.name] = {
            c.field: column_letter(col_offset + j + 1) for j, c in columns.items() if c.field}
        missing = [c.header for c in layout.read_columns if c.required and c.header not in seen]
        if missing:
            self.error(f"{layout.name}!{header_row}",
                       ngettext("missing column {columns}", "missing columns {columns}",
                                len(missing)).format(
                           columns=", ".join(f'"{m}"' for m in missing)))
            return []
        # What each read column does with its cells, worked out once per sheet
        # (a roster has 200,000 rows).
        slots = [_Slot(j, c, _value_reader(c.kind), *_field_parts(c.field))
                 for j, c in columns.items()]
        records: list[_Record] = []
        first = header_row + 1
        while chunk := list(islice(rows, _ROWS_AT_ONCE)):
            if first + len(chunk) - 1 > limits.max_rows:
                raise DatasetFileError(_("{path}: {sheet} has more than {n} rows").format(
                    path=self.source, sheet=layout.name, n=i18n.number(limits.max_rows)))
            records += self._read_rows(layout, slots, chunk, first, col_offset)
            first += len(chunk)
        return records

    def _read_rows(self, layout: SheetLayout, slots: list[_Slot], rows: list[list[Any]],
                   first: int, col_offset: int) -> list[_Record]:
        """The records of consecutive rows, the first of them numbered ``first``.

        Read column by column: a column's cells are of one kind and repeat a
        few values (dates, grades, true/false), so each distinct value is
        read once, and a column of text only is put in NFC in one call per
        cell. Problems are reported row by row, as they read in the sheet.
        """
        # Not an empty row: a cell that is true (most rows: any() stops at it),
        # or a cell that is neither "" nor None (0, False).
        numbers = [number for number, cells in enumerate(rows, first)
                   if any(cells) or cells.count("") + cells.count(None) != len(cells)]
        kept = [rows[number - first] for number in numbers]
        width = max((slot.place + 1 for slot in slots), default=0)
        if any(len(cells) < width for cells in kept):  # calamine's rows are as wide as the sheet
            kept = [cells + [""] * (width - len(cells)) for cells in kept]
        problems: list[tuple[int, int, str, str]] = []  # (row, slot, cell, message)
        columns = [self._read_column(layout, slot, k, list(map(operator.itemgetter(slot.place),
                                                                kept)),
                                     numbers, col_offset, problems)
                   for k, slot in enumerate(slots)]
        for _row, _slot, ref, message in sorted(problems):
            self.error(ref, message)
        # The records' fields from the columns that hold anything, then each
        # nested record (result.grade ...) into its field, then the parent's id.
        count = len(numbers)
        filled = [(slot, values) for slot, values in zip(slots, columns, strict=True)
                  if values is not None]
        plain = [(slot.field, values) for slot, values in filled if slot.field and not slot.inner]
        datas = _dicts([field for field, _values in plain],
                       [values for _field, values in plain], count)
        nested: dict[str, list[tuple[str, list[Any]]]] = {}
        for slot, values in filled:
            if slot.inner:
                nested.setdefault(slot.field, []).append((slot.inner, values))
        for field, parts in nested.items():
            inner_datas = _dicts([inner for inner, _values in parts],
                                 [values for _inner, values in parts], count)
            for data, inner_data in zip(datas, inner_datas, strict=True):
                if inner_data:
                    data[field] = inner_data
        parent = next(((slot.place, values) for slot, values in filled if not slot.field), None)
        if parent is None:
            return [_Record(layout.name, number, data, None, None)
                    for number, data in zip(numbers, datas, strict=True)]
        letter = col_offset + parent[0] + 1
        return [_Record(layout.name, number, data, None, None) if parent_id is _ABSENT
                else _Record(layout.name, number, data, parent_id, letter)
                for number, data, parent_id in zip(numbers, datas, parent[1], strict=True)]

    def _read_column(self, layout: SheetLayout, slot: _Slot, k: int, cells: list[Any],
                     numbers: list[int], col_offset: int,
                     problems: list[tuple[int, int, str, str]]) -> list[Any] | None:
        """The values of one column's cells (``_ABSENT`` for an empty cell or
        one that cannot be read; None if no cell holds anything); its problems
        added to ``problems``."""
        j, column, read = slot.place, slot.column, slot.read
        empty = cells.count("") + cells.count(None)
        if empty == len(cells) and not column.required:
            return None  # an empty column
        types = set(map(type, cells))
        if read is _text_value and not empty and types == {str}:
            return list(map(_nfc, cells))  # a column of text, the common case, made fast
        # True, 1 and 1.0 are equal keys of a dict: told apart by type when mixed.
        mixed = len(types & {bool, int, float}) > 1
        keys: list[Any] = list(zip(map(type, cells), cells, strict=True)) if mixed else cells
        values: dict[Any, Any] = {}
        for key in set(keys):
            raw = key[1] if mixed else key
            if raw == "" or raw is None:
                values[key] = _ABSENT
                continue
            try:
                values[key] = read(column, raw)
            except CellError as exc:
                values[key] = exc
        read_cells = list(map(values.__getitem__, keys))
        if not any((value is _ABSENT and column.required) or isinstance(value, CellError)
                   for value in values.values()):
            return read_cells
        for i, value in enumerate(read_cells):
            if isinstance(value, CellError):
                problems.append((i, k, self._ref(layout, col_offset, j, numbers[i]), str(value)))
                read_cells[i] = _ABSENT
            elif value is _ABSENT and column.required:
                ref = self._ref(layout, col_offset, j, numbers[i])
                if ref not in self.reported:  # an error cell, reported as such
                    problems.append((i, k, ref, _('column "{column}": missing').format(
                        column=_what(column))))
        return read_cells

    @staticmethod
    def _ref(layout: SheetLayout, col_offset: int, j: int, number: int) -> str:
        return f"{layout.name}!{column_letter(col_offset + j + 1)}{number}"


def _dicts(keys: list[str], columns: list[list[Any]], count: int) -> list[dict[str, Any]]:
    """A dict per row of the columns' values under ``keys``, the absent left out."""
    if not columns:
        return [{} for _row in range(count)]
    rows = zip(*columns, strict=True)
    if any(map(_is_absent, chain.from_iterable(columns))):
        return [{key: value for key, value in zip(keys, row, strict=True) if value is not _ABSENT}
                for row in rows]
    return list(map(dict, map(zip, repeat(keys), rows)))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}"


def _sheet_rows(sheet: Any) -> tuple[Iterator[list[Any]], int]:
    return iter(sheet.iter_rows()), int(sheet.start[1]) if sheet.start else 0


def _read_title(sheet: Any) -> str | None:
    # The label of a workbook written in either language.
    labels = {_fold(translate(_TITLE_KEY, lang)) for lang in LANGUAGES}
    for row in sheet.iter_rows():
        cells = [c for c in row if c not in ("", None)]
        if len(cells) >= 2 and isinstance(cells[0], str) and _fold(cells[0]) in labels:
            return str(cells[1]) if isinstance(cells[1], str) else None
    return None


_STATES = {
    "hidden": N_("the sheet is hidden; its data is read all the same: show the sheet to "
                 "check it (Format > Sheet > Unhide)"),
    "veryHidden": N_("the sheet is very hidden (only a VBA macro can show it again); its data "
                     "is read all the same: show the sheet to check it"),
}


def _is_reader_failure(exc: BaseException) -> bool:
    """calamine's own errors, and its panics (pyo3's PanicException, a
    BaseException): the file is the cause, not cadretrain."""
    from python_calamine import CalamineError

    return isinstance(exc, CalamineError) or type(exc).__name__ == "PanicException"


def _note_scan(reader: _Reader, scan: ArchiveScan, data_sheets: set[str]) -> None:
    """What the zip check found in the data sheets: error cells, cells the
    reader cannot take (refused here, before it sees them), hidden sheets."""
    bad = False
    for sheet in scan.sheets:
        if _fold(sheet.name) not in data_sheets:
            continue
        if sheet.state in _STATES:
            reader.warning(sheet.name, translate(_STATES[sheet.state]))
        for ref, shown in sheet.error_cells:
            reader.error(f"{sheet.name}!{ref}", _("the cell shows the error {error}; correct "
                                                  "the formula or clear the cell").format(
                error=shown))
        for ref, message in sheet.bad_cells:
            reader.error(f"{sheet.name}!{ref}", message)
            bad = True
    if bad:
        raise DatasetError(reader.problems)


def _load(path: Path, limits: Limits,
          scan: ArchiveScan) -> tuple[dict[str, Any], Locations, _Reader]:
    from python_calamine import CalamineWorkbook  # only a workbook needs it

    reader = _Reader(str(path))
    # The workbook's sheets and headers are read in the language it is written in
    # (the sheet names tell), whatever the language of the messages.
    lang = workbook_language(sheet.name for sheet in scan.sheets)
    sheets = data_sheets(lang)
    source_sheet = sheet_name(_SOURCE_KEY, lang)
    by_name = {_fold(layout.name): layout for layout in sheets}
    ignored = {_fold(sheet_name(key, lang)) for key in _REPORT_KEYS}
    _note_scan(reader, scan, {*by_name, _fold(source_sheet)})
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except BaseException as exc:
        if not _is_reader_failure(exc):
            raise
        raise DatasetFileError(_("{path}: cannot read the Excel file: {error}").format(
            path=path, error=_short(exc))) from None
    records: dict[str, list[_Record]] = {}
    title: str | None = None
    for name in workbook.sheet_names:
        layout = by_name.get(_fold(name))
        if layout is None and _fold(name) != _fold(source_sheet):
            if _fold(name) not in ignored:
                reader.warning(name, _("the sheet is not in the template and is not read"))
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
            if layout is None:
                title = _read_title(sheet)
                continue
            if sheet.height > limits.max_rows or sheet.height * sheet.width > limits.max_cells:
                raise DatasetFileError(_(
                    "{path}: {sheet} has {rows} rows × {columns} columns, over the limit").format(
                    path=path, sheet=name, rows=i18n.number(sheet.height),
                    columns=i18n.number(sheet.width)))
            rows, offset = _sheet_rows(sheet)
            rows = iter(counted(rows, N_("rows"), sheet.height))
            records[layout.name] = reader.read_sheet(layout, rows, offset, limits)
        except BaseException as exc:
            if not _is_reader_failure(exc):
                raise
            raise DatasetFileError(_("{path}: sheet {sheet}: cannot be read ({error})").format(
                path=path, sheet=name, error=_short(exc))) from None
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if title:
        data["title"] = unicodedata.normalize("NFC", title)
    locations = Locations()
    locations.columns = reader.column_letters
    index_of: dict[str, dict[str, int]] = {}
    for layout in sheets:
        if layout.parent is not None or layout.name not in records:
            continue
        items = data.setdefault(layout.section, [])
        ids: dict[str, int] = {}
        for at, record in enumerate(records[layout.name], len(items)):
            ident = record.data.get("id")
            if isinstance(ident, str):
                ids.setdefault(ident, at)
        items += [record.data for record in records[layout.name]]
        locations.sections.setdefault(layout.section, []).extend(records[layout.name])
        index_of[layout.name] = ids
    for layout in sheets:
        if layout.parent is None or layout.name not in records:
            continue
        parent_layout = next(s for s in sheets if s.name == layout.parent)
        parents = data.get(parent_layout.section, [])
        ids = index_of.get(layout.parent, {})
        # Each parent's rows, in the sheet's order (a class's learners).
        children: dict[int, list[_Record]] = {}
        for record in records[layout.name]:
            if record.parent_id is None:
                continue  # reported as a missing cell already
            position = ids.get(record.parent_id)
            if position is None:
                reader.error(record.parent_cell,
                             _('no id "{id}" in the sheet {sheet}').format(
                                 id=record.parent_id, sheet=layout.parent))
                continue
            children.setdefault(position, []).append(record)
        for position, its_rows in children.items():
            parents[position].setdefault(layout.section, []).extend(r.data for r in its_rows)
            locations.nested.setdefault((parent_layout.section, position, layout.section),
                                        []).extend(its_rows)
    return data, locations, reader


#: A path into the plain data inside a message ("first at organizations[3]").
_DATA_PATH = re.compile(r"(?<![\w.!])[a-z_]+\[\d+\](?:\.[a-z_]+(?:\[\d+\])?)*")


def _in_cells(message: str, locations: Locations) -> str:
    """``message`` (the validation's, already in the current language) with the
    paths into the data it names put as the cells they came from."""
    return _DATA_PATH.sub(lambda m: locations.where(m.group(0)) or m.group(0), message)


def _relocate(problems: Sequence[Problem], locations: Locations,
              reader: _Reader) -> list[Problem]:
    out = []
    for problem in problems:
        where = locations.where(problem.path)
        if where is not None and where in reader.reported:
            continue  # the cell's own message says it better
        out.append(Problem(
            severity=problem.severity,
            path=where or problem.path,
            message=_in_cells(problem.message, locations),
            source=reader.source,
        ))
    return out


def read_workbook(path: str | os.PathLike[str], *, on: date | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Load a workbook as a dataset, with its warnings.

    Raises :class:`~cadretrain.readers.plain.DatasetFileError` when the file is not a
    readable workbook or is over ``limits``, and
    :class:`~cadretrain.problems.DatasetError` listing every problem, each
    located as ``Sheet!A1``, when its content has errors.
    """
    path = Path(path)
    if not path.exists():
        raise DatasetFileError(_("{path}: no such file").format(path=path))
    scan = scan_workbook(path, limits)
    with paused():  # the rows and the plain data are as acyclic as the records
        data, locations, reader = _load(path, limits, scan)
    try:
        loaded = from_dict(data, on=on)
    except DatasetError as exc:
        problems = reader.problems + _relocate(exc.problems, locations, reader)
        raise DatasetError(problems) from None
    if any(p.is_error for p in reader.problems):
        raise DatasetError(reader.problems + _relocate(loaded.warnings, locations, reader))
    warnings = reader.problems + _relocate(loaded.warnings, locations, reader)
    return Loaded(loaded.dataset, tuple(warnings), str(path))
