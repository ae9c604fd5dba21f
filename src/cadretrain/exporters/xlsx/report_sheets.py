"""The computed report's tables as sheets: the same period a year earlier and the
partners, with live formulas for the shares and totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from openpyxl.workbook import Workbook

from cadretrain.exporters.xlsx.layout import (
    COMPARISON_SHEET,
    PARTNERS_SHEET,
    sheet_name,
)
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    TableWriter,
    styled_cell,
)

if TYPE_CHECKING:
    from cadretrain.report import Cell, ReportTable


def _write_report_table(wb: Workbook, title: str, table: ReportTable,
                        rates: Mapping[int, tuple[int, int]] = {}) -> None:
    """A table of the computed report (:class:`cadretrain.report.ReportTable`)
    as a sheet: counts as numbers, each column of ``rates`` (index: numerator
    and denominator columns) as a live formula, the total row (when the table
    has one) as sums, then the table's title and notes below it."""
    from openpyxl.utils import get_column_letter

    body = list(table.rows[:-1] if table.total_last else table.rows)
    kinds = ["percent" if i in rates else
             "int" if body and all(r[i].figure is not None for r in body) else
             "wrap" if i else "text"  # names of course types and partners are long
             for i in range(len(table.columns))]
    writer = TableWriter(wb, title, table.columns, kinds)
    ws = writer.ws
    letter = get_column_letter

    def value(i: int, cell: Cell, r: int) -> Any:
        if i in rates:
            num, den = (letter(c + 1) for c in rates[i])
            return f'=IF(N({den}{r})=0,"",{num}{r}/{den}{r})'
        if kinds[i] == "int" and cell.figure is not None:
            return cell.figure.value
        if i == 0 and cell.text.isdigit():  # the row number (TT)
            return int(cell.text)
        return cell.text

    rows = [[value(i, c, n) for i, c in enumerate(row)] for n, row in enumerate(body, start=2)]
    first, last = 2, len(body) + 1
    footer: list[list[Any]] = []
    if table.total_last and body:
        total: list[Any] = []
        for i, cell in enumerate(table.rows[-1]):
            if i in rates:
                num, den = (letter(c + 1) for c in rates[i])
                total.append(styled_cell(
                    ws, f'=IF(N({den}{last + 1})=0,"",{num}{last + 1}/{den}{last + 1})',
                    "0.0%", font=BOLD))
            elif kinds[i] == "int":
                col = letter(i + 1)
                total.append(styled_cell(ws, f"=SUM({col}{first}:{col}{last})", "#,##0",
                                         font=BOLD))
            else:
                total.append(styled_cell(ws, cell.text, font=BOLD) if cell.text else None)
        footer.append(total)
    footer.append([])
    footer.append([None, styled_cell(ws, table.title, font=BOLD)])
    footer += [[None, note] for note in table.notes]
    writer.write(rows, footer)


def _write_report_tables(wb: Workbook, comparison: ReportTable | None,
                         partners: ReportTable | None) -> None:
    if comparison is not None:
        # Columns: TT, course, then classes now / then / %, learners now / then / %.
        _write_report_table(wb, sheet_name(COMPARISON_SHEET), comparison,
                            {4: (2, 3), 7: (5, 6)})
    if partners is not None:
        _write_report_table(wb, sheet_name(PARTNERS_SHEET), partners)
