"""The Excel workbook a party office keeps working in.

Sheets, in order:

Sheet names, headers and notes are in the language of the run (Vietnamese by
default, English under ``i18n.language("en")`` or ``--lang en``), from the
message catalog; the dataset's own text (names, titles) stays as it is.

* ``Kế hoạch - Thực hiện`` ("Plan and actual"): plan against actual, one row per line of
  :func:`cadretrain.attainment.attainment`, with the attainment cells as live
  formulas (``=IF(D2=0,"",E2/D2)``), totals as ``SUM`` formulas and a native
  bar chart of plan against actual per course type;
* the data sheets of :mod:`~cadretrain.exporters.xlsx.layout` (classes,
  rosters with results in Vietnamese name order, qualifications, people,
  organizations, plans, ...), which :mod:`cadretrain.readers.xlsx` reads back;
* ``Phát hiện`` ("Findings"): the findings of the rules;
* ``Nguồn dữ liệu`` ("Data source"): where the data came from, when it was exported, and the
  versions of cadretrain and of the rule set.

Every sheet is written in openpyxl's write-only mode, row by row; see
:mod:`~cadretrain.exporters.xlsx.writing` for how cells are made safe.

Each kind of sheet is written by a module of its own: ``plan_sheet.py``,
``report_sheets.py`` (the same period a year earlier, partners),
``data_sheets.py`` and ``findings_sheet.py`` (findings, source); this module
puts them together in order (:func:`build_workbook`, :func:`write_workbook`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl.workbook import Workbook

from cadretrain._collector import paused
from cadretrain.atomic import Target, output
from cadretrain.exporters.xlsx.data_sheets import (
    _for_export,
    as_read_back,
    data_sheet_rows,
    name_sort_key,
    write_data_sheet,
)
from cadretrain.exporters.xlsx.findings_sheet import (
    FindingRow,
    SourceInfo,
    _write_findings,
    _write_source,
    findings_from_check,
)
from cadretrain.exporters.xlsx.layout import (
    COMPARISON_SHEET,
    FINDINGS_SHEET,
    PARTNERS_SHEET,
    PLAN_SHEET,
    SOURCE_SHEET,
    SheetLayout,
    data_sheets,
)
from cadretrain.exporters.xlsx.plan_sheet import PlanLine, _write_plan_sheet, plan_lines
from cadretrain.exporters.xlsx.report_sheets import _write_report_tables
from cadretrain.i18n import current_language
from cadretrain.model import Dataset
from cadretrain.readers.json_toml import to_dict

if TYPE_CHECKING:
    from cadretrain.report import ReportDocument

__all__ = [
    "COMPARISON_SHEET",
    "FINDINGS_SHEET",
    "PARTNERS_SHEET",
    "PLAN_SHEET",
    "SOURCE_SHEET",
    "FindingRow",
    "PlanLine",
    "SourceInfo",
    "as_read_back",
    "data_sheet_rows",
    "figure_statuses",
    "findings_from_check",
    "name_sort_key",
    "plan_lines",
    "write_workbook",
]


# The sheet names (PLAN_SHEET, FINDINGS_SHEET, SOURCE_SHEET, COMPARISON_SHEET,
# PARTNERS_SHEET) and TITLE_LABEL are the catalog's English msgids, defined in
# the layout (the reader knows them too): sheet_name() / translate() give them
# in a language.

# Report sheets come first, then the data sheets people read most (by key).
_DATA_SHEET_ORDER = ("classes", "classes.enrollments", "people.qualifications", "people",
                     "organizations", "plans")




def figure_statuses(dataset: Dataset) -> dict[str, str]:
    """What the reconciliation says of each printed figure, by id, as the
    figures sheet's status column shows it: ``khớp``, or the status and what
    was printed against what the data gives (``khác: in 1.909, dữ liệu cho 2.095``),
    in the current language."""
    from cadretrain.figures import check_figures, status_label

    lang = current_language()
    return {
        c.figure.id: status_label(c.status, lang) if c.reproduced
        else f"{status_label(c.status, lang)}: {c.describe(lang)}"
        for c in check_figures(dataset)
    }


def _data_sheets_in_order() -> list[SheetLayout]:
    sheets = data_sheets()
    first = [s for key in _DATA_SHEET_ORDER for s in sheets if s.key == key]
    return first + [s for s in sheets if s not in first]


def build_workbook(dataset: Dataset, *, lines: Sequence[PlanLine] | None = None,
                   findings: Sequence[FindingRow] = (), info: SourceInfo | None = None,
                   report: ReportDocument | None = None) -> Workbook:
    """The whole workbook, in memory as openpyxl streams it (rows are written
    to temporary files as they come); save it with :func:`save_atomically`.

    After the plan sheet come the report's comparison with the same period a
    year earlier (``So sánh cùng kỳ``) and its classes held with partners
    (``Phối hợp``), when it has them: those of ``report`` when given, else
    computed for ``info.period`` as :func:`cadretrain.report.compute_report`
    computes them."""
    from cadretrain.report import comparison_table, partner_table

    wb = Workbook(write_only=True)
    info = info or SourceInfo()
    _write_plan_sheet(wb, plan_lines(dataset, info.period) if lines is None else lines)
    if report is not None:
        _write_report_tables(wb, report.comparison, report.partners)
    else:
        _write_report_tables(wb, comparison_table(dataset, info.period),
                             partner_table(dataset, info.period))
    data = _for_export(to_dict(dataset))
    key = name_sort_key()
    statuses = figure_statuses(dataset)
    for layout in _data_sheets_in_order():
        write_data_sheet(wb, layout, data_sheet_rows(layout, data, key, statuses))
        if layout.key == "people.qualifications":
            _write_findings(wb, findings)
    _write_source(wb, dataset, info)
    return wb


def save_atomically(wb: Workbook, path: Target, *,
                    stamp: date | datetime | None = None) -> None:
    """Save to ``path`` whole or not at all (:func:`cadretrain.atomic.atomic_writer`),
    or to a binary stream (the same bytes; :func:`cadretrain.atomic.output`)."""
    with output(path, stamp=stamp) as handle:
        wb.save(handle)


def write_workbook(dataset: Dataset, path: Target, *,
                   lines: Sequence[PlanLine] | None = None,
                   findings: Sequence[FindingRow] = (), info: SourceInfo | None = None) -> None:
    """Write the workbook of ``dataset`` to ``path`` (.xlsx), or to a binary
    stream the caller opened (the same bytes as the file)."""
    with paused():  # millions of rows and cells, no cycles: see cadretrain._collector
        save_atomically(build_workbook(dataset, lines=lines, findings=findings, info=info), path)


def __getattr__(name: str) -> object:
    # The workbook's row was named Finding, as the rules' finding is: one name,
    # one concept (issue 15); the old name stays for one release.
    if name == "Finding":
        import warnings

        warnings.warn("cadretrain.exporters.xlsx.workbook.Finding is deprecated: it is "
                      "FindingRow (a row of the findings sheet); a rule finding is "
                      "cadretrain.rules.Finding", DeprecationWarning, stacklevel=2)
        return FindingRow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
