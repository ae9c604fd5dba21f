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
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import frozen

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
    kind = column.kind
    what = _what(column)
    if kind == "text":
        if isinstance(raw, str):
            return unicodedata.normalize("NFC", raw)
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))  # an id typed as a number
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return repr(raw)
        raise CellError(_('column "{column}": "{value}" must be text').format(
            column=what, value=_shown(raw)))
    if kind == "date":
        return _date_value(what, raw)
    if kind == "int":
        if isinstance(raw, bool):
            raise CellError(_not_whole(what, raw))
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, int):
            return raw
        if isinstance(raw, str) and _INT_TEXT.match(raw):
            return int(raw.replace(".", ""))
        raise CellError(_not_whole(what, raw))
    if kind == "decimal":
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
            column=what, value=_shown(raw)))
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().casefold() in _BOOLS:
            return _BOOLS[raw.strip().casefold()]
        raise CellError(_('column "{column}": "{value}" is not valid; write "yes" or '
                          '"no"').format(column=what, value=_shown(raw)))
    if kind == "ids":
        if isinstance(raw, float) and raw.is_integer():
            raw = str(int(raw))
        if not isinstance(raw, str):
            raise CellError(_('column "{column}": "{value}" must be ids separated by ;').format(
                column=what, value=_shown(raw)))
        return [unicodedata.normalize("NFC", part.strip())
                for part in re.split(r"[;,]", raw) if part.strip()]
    if kind.startswith("enum:"):
        name = kind[5:]
        if isinstance(raw, str):
            value = value_of_label(name, raw)
            if value is not None:
                return value
        # the labels of the message's language (either language's are read)
        choices = ", ".join(enum_labels(name, i18n.current_language()).values())
        raise CellError(_('column "{column}": "{value}" is not valid; choose one of: '
                          '{choices}').format(column=what, value=_shown(raw), choices=choices))
    raise AssertionError(kind)  # pragma: no cover - the layout names only the kinds above


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


@frozen
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
        self.records: dict[str, _Record] = {}
        self.columns: dict[str, dict[str, str]] = {}  # sheet -> field -> column letter

    def where(self, path: str) -> str | None:
        """``Sheet!D17`` for a field's path, ``Sheet!17`` for a record's."""
        suffix: list[str] = []
        while path:
            record = self.records.get(path)
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


#: (index in the row, column, whether it is text, field, nested field or "")
_Slot = tuple[int, Column, bool, str, str]


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
        # What each read column does with its cell, worked out once per sheet
        # (a roster has 200,000 rows): (index, column, whether it is text, the
        # field, or the record and its field for a nested one such as
        # result.grade; no field: the parent's id).
        slots = [(j, c, c.kind == "text", *_field_parts(c.field)) for j, c in columns.items()]
        records = []
        for number, cells in enumerate(rows, header_row + 1):
            if number > limits.max_rows:
                raise DatasetFileError(_("{path}: {sheet} has more than {n} rows").format(
                    path=self.source, sheet=layout.name, n=i18n.number(limits.max_rows)))
            if cells.count("") + cells.count(None) == len(cells):  # an empty row
                continue
            record = self._read_row(layout, slots, cells, number, col_offset)
            records.append(record)
        return records

    def _read_row(self, layout: SheetLayout, slots: list[_Slot], cells: Sequence[Any],
                  number: int, col_offset: int) -> _Record:
        data: dict[str, Any] = {}
        parent_id = parent_j = None
        width = len(cells)
        for j, column, text, field, inner in slots:
            raw = cells[j] if j < width else ""
            if raw == "" or raw is None:
                if column.required:
                    ref = self._ref(layout, col_offset, j, number)
                    if ref not in self.reported:  # an error cell, reported as such
                        self.error(ref, _('column "{column}": missing').format(
                            column=_what(column)))
                continue
            if text and type(raw) is str:
                value: Any = unicodedata.normalize("NFC", raw)  # the common case, made fast
            else:
                try:
                    value = cell_value(column, raw)
                except CellError as exc:
                    self.error(self._ref(layout, col_offset, j, number), str(exc))
                    continue
            if not field:
                parent_id, parent_j = value, j
            elif inner:
                data.setdefault(field, {})[inner] = value
            else:
                data[field] = value
        return _Record(layout.name, number, data, parent_id,
                       None if parent_j is None else col_offset + parent_j + 1)

    @staticmethod
    def _ref(layout: SheetLayout, col_offset: int, j: int, number: int) -> str:
        return f"{layout.name}!{column_letter(col_offset + j + 1)}{number}"


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
        for record in records[layout.name]:
            path_ = f"{layout.section}[{len(items)}]"
            locations.records[path_] = record
            ident = record.data.get("id")
            if isinstance(ident, str):
                ids.setdefault(ident, len(items))
            items.append(record.data)
        index_of[layout.name] = ids
    for layout in sheets:
        if layout.parent is None or layout.name not in records:
            continue
        parent_layout = next(s for s in sheets if s.name == layout.parent)
        parents = data.get(parent_layout.section, [])
        ids = index_of.get(layout.parent, {})
        for record in records[layout.name]:
            if record.parent_id is None:
                continue  # reported as a missing cell already
            position = ids.get(record.parent_id)
            if position is None:
                reader.error(record.parent_cell,
                             _('no id "{id}" in the sheet {sheet}').format(
                                 id=record.parent_id, sheet=layout.parent))
                continue
            children = parents[position].setdefault(layout.section, [])
            path_ = f"{parent_layout.section}[{position}].{layout.section}[{len(children)}]"
            locations.records[path_] = record
            children.append(record.data)
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

    Raises :class:`~cadretrain.readers.json_toml.DatasetFileError` when the file is not a
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
