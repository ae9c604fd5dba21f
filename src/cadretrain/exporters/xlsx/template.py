"""The empty workbook an office fills in: ``cadretrain template xlsx``.

It has the data sheets of :mod:`~cadretrain.exporters.xlsx.layout` with their
Vietnamese headers (no derived columns), drop-down lists for the columns that
take a fixed set of values, a ``Danh mục`` sheet with those lists and the
built-in course types, and a ``Hướng dẫn`` sheet saying how to fill it in.
"""

from __future__ import annotations

import os

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from cadretrain.catalog import builtin_course_types
from cadretrain.exporters.xlsx.layout import (
    BOOL_LABELS,
    DATA_SHEETS,
    DATE_FORMAT,
    SheetLayout,
    enum_labels,
)
from cadretrain.exporters.xlsx.workbook import TITLE_LABEL, save_atomically
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    FONT_NAME,
    TableWriter,
    fit_to_page_width,
    styled_cell,
)

__all__ = ["GUIDE_SHEET", "LISTS_SHEET", "build_template", "write_template"]

GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
#: Rows of the template that carry drop-down lists and date formats.
PREPARED_ROWS = 2000

_KIND_HELP = {
    "text": "chữ",
    "int": "số nguyên",
    "decimal": "số (dấu phẩy hoặc chấm thập phân)",
    "date": "ngày, dạng dd/mm/yyyy hoặc ô ngày của Excel",
    "bool": "có / không",
    "ids": "các mã, cách nhau bởi dấu ;",
}


def _lists(wb: Workbook) -> dict[str, str]:
    """Write the ``Danh mục`` sheet; returns, per list, the range holding it."""
    names = ["course-type", "bool", *sorted({c.kind[5:] for s in DATA_SHEETS
                                             for c in s.columns if c.kind.startswith("enum:")})]
    values: dict[str, list[str]] = {
        "course-type": [ct.id for ct in builtin_course_types()],
        "bool": list(BOOL_LABELS.values()),
    }
    for name in names[2:]:
        values[name] = list(enum_labels(name).values())
    ws = wb.create_sheet(LISTS_SHEET)
    headers = {"course-type": "Loại lớp có sẵn (mã)", "bool": "Có / không",
               "organization-kind": "Loại tổ chức", "party-status": "Tình trạng đảng",
               "qualification-kind": "Loại văn bằng", "level": "Trình độ",
               "course-category": "Nhóm loại lớp", "classification": "Xếp loại",
               "attitude": "Ý thức học tập", "lecturer-role": "Vai trò giảng viên",
               "measure": "Chỉ số", "body-type": "Loại hình cơ quan",
               "post-placement": "Vị trí chức vụ (NĐ 29)",
               "managed-by": "Diện quản lý (QĐ 145)", "bound": "Giới hạn",
               "change": "So với cùng kỳ"}
    columns = [*names, "course-name"]
    values["course-name"] = [ct.name for ct in builtin_course_types()]
    headers["course-name"] = "Tên loại lớp có sẵn"
    for i, name in enumerate(columns, 1):
        width = max(len(v) for v in [headers[name], *values[name]]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(width, 60)
    ws.freeze_panes = "A2"
    ws.append([styled_cell(ws, headers[n], font=BOLD) for n in columns])
    for r in range(max(len(v) for v in values.values())):
        ws.append([values[n][r] if r < len(values[n]) else None for n in columns])
    return {
        name: f"'{LISTS_SHEET}'!${get_column_letter(i)}$2:"
              f"${get_column_letter(i)}${len(values[name]) + 1}"
        for i, name in enumerate(names, 1)
    }


def _guide(wb: Workbook) -> None:
    ws = wb.create_sheet(GUIDE_SHEET, 0)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 60
    wrap = Alignment(wrap_text=True, vertical="top")
    fit_to_page_width(ws, landscape=False, repeat_header=False)
    ws.append([styled_cell(ws, "Mẫu nhập dữ liệu đào tạo, bồi dưỡng (cadretrain)",
                           font=Font(name=FONT_NAME, bold=True, size=14))])
    for row, line in enumerate((
        "Mỗi sheet là một loại dữ liệu; dòng 1 là tiêu đề cột, mỗi dòng sau là một bản ghi.",
        "Các bản ghi tham chiếu nhau bằng mã (cột có chữ “mã”): ví dụ cột “Tổ chức (mã)” "
        "ghi mã một tổ chức ở sheet Tổ chức.",
        "Ngày ghi dạng dd/mm/yyyy (15/01/2018) hoặc nhập ô ngày của Excel.",
        "Các cột có danh sách chọn sẵn: xem sheet Danh mục.",
        "Kiểm tra tệp: cadretrain validate TỆP.xlsx (mọi lỗi được báo kèm sheet, dòng, cột).",
        f"Tên bộ dữ liệu: ghi ở sheet Nguồn dữ liệu, ô B2 (cạnh “{TITLE_LABEL}”).",
    ), 2):
        # Each line spans the three columns, wrapped, so that it prints whole.
        ws.merged_cells.add(f"A{row}:C{row}")
        ws.row_dimensions[row].height = 30
        ws.append([styled_cell(ws, line, alignment=wrap)])
    ws.append([])
    ws.append([styled_cell(ws, h, font=BOLD) for h in ("Sheet", "Cột", "Cách ghi")])
    for layout in DATA_SHEETS:
        ws.append([styled_cell(ws, layout.name, font=BOLD), None,
                   styled_cell(ws, layout.description, alignment=wrap)])
        for column in layout.read_columns:
            kind = column.kind
            help_text = ("một giá trị ở sheet Danh mục" if kind.startswith("enum:")
                         else _KIND_HELP[kind])
            if column.required:
                help_text += "; bắt buộc"
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
        elif column.header == "Loại lớp":
            source = lists["course-type"]
        if source is None:
            continue
        # A warning, not a stop: a dataset's own course types are valid too.
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                    errorStyle="warning" if column.header == "Loại lớp"
                                    else "stop")
        validation.add(f"{letter}2:{letter}{last}")
        table.ws.data_validations.append(validation)
    table.write([])


def build_template() -> Workbook:
    wb = Workbook(write_only=True)
    _guide(wb)
    lists = _lists(wb)
    for layout in DATA_SHEETS:
        _data_sheet(wb, layout, lists)
    ws = wb.create_sheet("Nguồn dữ liệu")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    ws.append([styled_cell(ws, "Thông tin", font=BOLD)])
    ws.append([styled_cell(ws, TITLE_LABEL, font=BOLD), None])
    ws.append([styled_cell(ws, "Định dạng ngày", font=BOLD), DATE_FORMAT])
    return wb


def write_template(path: str | os.PathLike[str]) -> None:
    """Write the empty template workbook to ``path``."""
    save_atomically(build_template(), path)
