"""The empty workbook an office fills in: ``cadretrain template xlsx``.

It has the data sheets of :mod:`~cadretrain.exporters.xlsx.layout` with their
headers (no derived columns), drop-down lists for the columns that take a fixed
set of values, a ``Danh mục`` ("Lists") sheet with those lists and the built-in
course types, and a ``Hướng dẫn`` ("Guide") sheet saying how to fill it in; in
the language of the run (Vietnamese by default), which the reader reads back.
"""

from __future__ import annotations

import os

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from cadretrain.catalog import builtin_course_types
from cadretrain.exporters.xlsx.layout import (
    DATE_FORMAT,
    GUIDE_SHEET,
    LISTS_SHEET,
    SOURCE_SHEET,
    TITLE_LABEL,
    Column,
    SheetLayout,
    bool_label,
    data_sheets,
    enum_labels,
    sheet_name,
)
from cadretrain.exporters.xlsx.workbook import save_atomically
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    FONT_NAME,
    TableWriter,
    fit_to_page_width,
    styled_cell,
)
from cadretrain.i18n import N_, _, translate

__all__ = ["GUIDE_SHEET", "LISTS_SHEET", "build_template", "write_template"]

# GUIDE_SHEET and LISTS_SHEET (English msgids) are defined in the layout.
#: Rows of the template that carry drop-down lists and date formats.
PREPARED_ROWS = 2000

_KIND_HELP = {
    "text": N_("text"),
    "int": N_("whole number"),
    "decimal": N_("number (decimal comma or point)"),
    "date": N_("date, as dd/mm/yyyy or an Excel date cell"),
    "bool": N_("yes / no"),
    "ids": N_("ids, separated by ;"),
}

_LIST_HEADERS = {
    "course-type": N_("Built-in course types (id)"), "bool": N_("Yes / no"),
    "organization-kind": N_("Organization kind"), "party-status": N_("Party status"),
    "qualification-kind": N_("Qualification kind"), "level": N_("Level"),
    "course-category": N_("Course type group"), "classification": N_("Classification"),
    "attitude": N_("Attitude"), "lecturer-role": N_("Lecturer role"),
    "measure": N_("Measure"), "body-type": N_("Type of body"),
    "post-placement": N_("Post placement (Decree 29)"),
    "managed-by": N_("Managed by (Decision 145)"), "bound": N_("Bound"),
    "change": N_("Against the same period"), "course-name": N_("Built-in course type name"),
}


def _takes_course_type(layout: SheetLayout, column: Column) -> bool:
    """The columns that get the list of built-in course types (a warning only:
    a dataset's own course types are valid too)."""
    return column.field == "course_type" or (layout.key == "figures"
                                             and column.field == "course_types")


def _lists(wb: Workbook) -> dict[str, str]:
    """Write the ``Danh mục`` sheet; returns, per list, the range holding it."""
    names = ["course-type", "bool", *sorted({c.kind[5:] for s in data_sheets()
                                             for c in s.columns if c.kind.startswith("enum:")})]
    values: dict[str, list[str]] = {
        "course-type": [ct.id for ct in builtin_course_types()],
        "bool": [bool_label(True), bool_label(False)],
    }
    for name in names[2:]:
        values[name] = list(enum_labels(name).values())
    lists_sheet = sheet_name(LISTS_SHEET)
    ws = wb.create_sheet(lists_sheet)
    headers = {name: translate(header) for name, header in _LIST_HEADERS.items()}
    columns = [*names, "course-name"]
    values["course-name"] = [ct.name for ct in builtin_course_types()]
    for i, name in enumerate(columns, 1):
        width = max(len(v) for v in [headers[name], *values[name]]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(width, 60)
    ws.freeze_panes = "A2"
    ws.append([styled_cell(ws, headers[n], font=BOLD) for n in columns])
    for r in range(max(len(v) for v in values.values())):
        ws.append([values[n][r] if r < len(values[n]) else None for n in columns])
    return {
        name: f"'{lists_sheet}'!${get_column_letter(i)}$2:"
              f"${get_column_letter(i)}${len(values[name]) + 1}"
        for i, name in enumerate(names, 1)
    }


def _guide(wb: Workbook) -> None:
    ws = wb.create_sheet(sheet_name(GUIDE_SHEET), 0)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 60
    wrap = Alignment(wrap_text=True, vertical="top")
    fit_to_page_width(ws, landscape=False, repeat_header=False)
    ws.append([styled_cell(ws, _("Training data entry form (cadretrain)"),
                           font=Font(name=FONT_NAME, bold=True, size=14))])
    organizations = next(s for s in data_sheets() if s.key == "organizations")
    for row, line in enumerate((
        _("Each sheet is one kind of data; row 1 holds the column headers, each row after "
          "it one record."),
        _("Records refer to each other by id (the columns that say “id”): the column "
          "“{column}”, for example, holds the id of an organization on the sheet "
          "{sheet}.").format(column=_("Organization (id)"), sheet=organizations.name),
        _("Dates are written as dd/mm/yyyy (15/01/2018), or entered as Excel date cells."),
        _("The columns with a list to choose from: see the sheet {sheet}.").format(
            sheet=sheet_name(LISTS_SHEET)),
        _("Check the file: cadretrain validate FILE.xlsx (every error is given with its "
          "sheet, row and column)."),
        _("Dataset title: on the sheet {sheet}, cell B2 (beside “{label}”).").format(
            sheet=sheet_name(SOURCE_SHEET), label=translate(TITLE_LABEL)),
    ), 2):
        # Each line spans the three columns, wrapped, so that it prints whole.
        ws.merged_cells.add(f"A{row}:C{row}")
        ws.row_dimensions[row].height = 30
        ws.append([styled_cell(ws, line, alignment=wrap)])
    ws.append([])
    ws.append([styled_cell(ws, h, font=BOLD)
               for h in (_("Sheet"), _("Column"), _("How to write it"))])
    for layout in data_sheets():
        ws.append([styled_cell(ws, layout.name, font=BOLD), None,
                   styled_cell(ws, layout.description, alignment=wrap)])
        for column in layout.read_columns:
            kind = column.kind
            help_text = (_("a value of the sheet {sheet}").format(sheet=sheet_name(LISTS_SHEET))
                         if kind.startswith("enum:") else translate(_KIND_HELP[kind]))
            if column.required:
                help_text = _("{what}; required").format(what=help_text)
            ws.append([None, column.header, help_text])


def _data_sheet(wb: Workbook, layout: SheetLayout, lists: dict[str, str]) -> None:
    columns = layout.read_columns
    table = TableWriter(wb, layout.name, [c.header for c in columns],
                        ["date" if c.kind == "date" else "text" for c in columns],
                        widths=[max(c.width or 0, 14) for c in columns])
    last = PREPARED_ROWS + 1
    for i, column in enumerate(columns, 1):
        letter = get_column_letter(i)
        source = None
        if column.kind.startswith("enum:"):
            source = lists[column.kind[5:]]
        elif column.kind == "bool":
            source = lists["bool"]
        elif _takes_course_type(layout, column):
            source = lists["course-type"]
        if source is None:
            continue
        # A warning, not a stop: a dataset's own course types are valid too.
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                    errorStyle="warning" if _takes_course_type(layout, column)
                                    else "stop")
        validation.add(f"{letter}2:{letter}{last}")
        table.ws.data_validations.append(validation)
    table.write([])


def build_template() -> Workbook:
    wb = Workbook(write_only=True)
    _guide(wb)
    lists = _lists(wb)
    for layout in data_sheets():
        _data_sheet(wb, layout, lists)
    ws = wb.create_sheet(sheet_name(SOURCE_SHEET))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    ws.append([styled_cell(ws, _("About"), font=BOLD)])
    ws.append([styled_cell(ws, translate(TITLE_LABEL), font=BOLD), None])
    ws.append([styled_cell(ws, _("Date format"), font=BOLD), DATE_FORMAT])
    return wb


def write_template(path: str | os.PathLike[str]) -> None:
    """Write the empty template workbook to ``path``."""
    save_atomically(build_template(), path)
