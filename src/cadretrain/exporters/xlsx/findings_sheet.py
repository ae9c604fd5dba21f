"""The sheets of the rules' findings (``Phát hiện``) and of the data's source
(``Nguồn dữ liệu``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from attrs import frozen
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from cadretrain._version import __version__
from cadretrain.atomic import SOURCE_DATE_EPOCH, document_time
from cadretrain.exporters.xlsx.layout import (
    DATE_FORMAT,
    FINDINGS_SHEET,
    PLAN_SHEET,
    SOURCE_SHEET,
    TITLE_LABEL,
    sheet_name,
)
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    FONT_NAME,
    TableWriter,
    styled_cell,
    text_cell,
)
from cadretrain.formatting import format_date
from cadretrain.i18n import _, current_language, pgettext, translate
from cadretrain.model import Dataset
from cadretrain.rules.findings import CheckResult


@frozen(kw_only=True)
class FindingRow:
    """One row of the findings sheet: a rule finding
    (:class:`cadretrain.rules.Finding`) as text. Formerly named ``Finding``
    (a deprecated alias, kept one release)."""

    severity: str
    rule: str
    subject: str
    message: str
    #: the documents and articles the finding rests on
    article: str = ""
    #: the sentences quoted from them
    quote: str = ""
    #: where each was read, and whether that is the official text
    source: str = ""


@frozen(kw_only=True)
class SourceInfo:
    """Where the data of a workbook came from, and which period it covers."""

    source: str | None = None
    exported_at: datetime | None = None
    rule_set: str | None = None
    period: tuple[date, date] | None = None




def _day(d: date) -> str:
    """A date in a cell of text: 15/01/2018; January 15, 2018."""
    lang = current_language()
    return format_date(d, lang, "short" if lang == "vi" else "long")


def findings_from_check(result: CheckResult) -> list[FindingRow]:
    """The rows of the findings sheet for a :func:`cadretrain.rules.check`
    result, in the current language."""
    def cited(c: Any) -> str:
        if c.issued:
            return _("{document} of {date}, {article}").format(
                document=c.document, date=_day(c.issued), article=c.article)
        return _("{document}, {article}").format(document=c.document, article=c.article)

    def read_at(c: Any) -> str:
        text = _("official text: {source}") if c.official else _("secondary source: {source}")
        return text.format(source=c.source)

    return [
        FindingRow(
            severity=f.severity.label(),
            rule=f"{f.rule_id} ({f.regulation})" if f.regulation else f.rule_id,
            subject=f"{f.person_name} ({f.person}), {f.organization}",
            message=_("{message}; evidence: {evidence}").format(
                message=f.message(), evidence="; ".join(str(e) for e in f.evidence))
            if f.evidence else f.message(),
            article="; ".join(cited(c) for c in f.basis),
            quote=f.quote,
            source="; ".join(read_at(c) for c in f.basis),
        )
        for f in result.findings
    ]




def _write_findings(wb: Workbook, findings: Sequence[FindingRow]) -> None:
    table = TableWriter(wb, sheet_name(FINDINGS_SHEET),
                        (_("Severity"), _("Rule"), _("Subject"), _("Finding"),
                         _("Basis (document, article, point)"), _("Quote"), _("Source read")),
                        ("wrap",) * 7, widths=(10, 30, 30, 80, 40, 80, 40))
    table.write((f.severity, f.rule, f.subject, f.message, f.article, f.quote, f.source)
                for f in findings)


def _write_source(wb: Workbook, dataset: Dataset, info: SourceInfo) -> None:
    ws = wb.create_sheet(sheet_name(SOURCE_SHEET))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    bold = BOLD
    # Not the clock: the same input gives the same workbook (docs/robustness.md).
    exported = info.exported_at
    if exported is None and os.environ.get(SOURCE_DATE_EPOCH):
        exported = document_time()
    plan_sheet = sheet_name(PLAN_SHEET)
    rows: list[tuple[str, Any]] = [
        (translate(TITLE_LABEL), dataset.title),
        (_("Data file"), info.source or _("(none: data from a program)")),
        *([(_("Exported at"), exported.replace(tzinfo=None)),
           (_("Time zone"), exported.strftime("UTC%z") if exported.tzinfo else None)]
          if exported else []),
        (_("cadretrain version"), __version__),
        (_("Rule set"), info.rule_set or _("(rules not checked)")),
        (_("Period ({sheet})").format(sheet=plan_sheet),
         f"{_day(info.period[0])} - {_day(info.period[1])}" if info.period
         else _("every plan and class of the dataset")),
        (pgettext("count", "Organizations"), len(dataset.organizations)),
        (pgettext("count", "People"), len(dataset.people)),
        (pgettext("count", "Classes"), len(dataset.classes)),
        (pgettext("count", "Plans"), len(dataset.plans)),
        (_("Note"), _("The rate cells of the sheet “{sheet}” are formulas: change a plan or "
                      "an actual figure and the rate is computed again. The data sheets can be "
                      "read back by cadretrain (cadretrain validate FILE.xlsx).").format(
                          sheet=plan_sheet)),
    ]
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # A key/value sheet: values to the left, long text wrapped in its column.
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    ws.append([styled_cell(ws, _("About"), font=Font(name=FONT_NAME, bold=True, size=13)),
               None])
    for row, (label, value) in enumerate(rows, 2):
        if isinstance(value, str):
            lines = -(-len(value) // 75)  # about 75 characters fit a line of column B
            if lines > 1:
                ws.row_dimensions[row].height = 15 * lines
            value = text_cell(ws, value)
        if isinstance(value, (str, int, datetime)):
            fmt = DATE_FORMAT + " hh:mm" if isinstance(value, datetime) else None
            value = styled_cell(ws, value, fmt, alignment=left)
        elif value is not None:  # a text cell made safe by text_cell
            value.alignment = left
        ws.append([styled_cell(ws, label, font=bold, alignment=Alignment(vertical="top")),
                   value])
