"""The computed report (báo cáo) as data: sections, paragraphs, tables, notes.

:func:`compute_report` turns a dataset and its report metadata into a
:class:`ReportDocument`: plain, typed, immutable data, with no document
library behind it. The Word template, the JSON export and any exporter
render this one object (plugin authors get it as
``ExportContext.report``), so every output says the same thing.

Every number in a sentence is a :class:`Figure`: its exact value, the text
printed and where it comes from (the class groups, classes, plans or
attainment line of the dataset). A sentence is written from its figures and
nothing else, so what it says is what the data gives; a plan that is not
given but derived (from a printed percentage) says so.

The report reads as party committees write them: an opening that states its
basis (from the dataset's documents, or the metadata's ``basis``); the
office's own "đặc điểm tình hình" when given; the results, as sentences, for
every kind of class held (classes, learners, who they were, % of plan, the
classes held with each partner organization and school, lecturers and guest
speakers, result distributions); the office's "hạn chế và nguyên nhân" and
"phương hướng, nhiệm vụ" (plain text or simple Markdown, left out when not
given); the statistical table as an appendix (phụ lục) with its notes and the
reconciliation notes; signature and "Nơi nhận".

Each part in a module of its own: :mod:`cadretrain.report.document` (the data a
report is made of), :mod:`cadretrain.report.markdown` (the office's own sections),
:mod:`cadretrain.report.facts` (what the sentences draw on),
:mod:`cadretrain.report.sentences` (the sentences); here the entry points.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from cadretrain.attainment import AttainmentTable, attainment, year_period
from cadretrain.formatting import format_count, format_date
from cadretrain.i18n import N_, _, current_language, ngettext, pgettext, translate
from cadretrain.metadata import ReportMeta, number_line
from cadretrain.model import Dataset
from cadretrain.periods import period_label
from cadretrain.report.document import (
    BlockKind,
    Cell,
    Figure,
    Paragraph,
    ReportDocument,
    ReportTable,
    Section,
    Signature,
    Span,
)
from cadretrain.report.facts import (
    _ROMAN,
    _comparison,
    _Facts,
    _lower_first,
    _partner_table,
    _Table,
    comparison_table,
    partner_table,
)
from cadretrain.report.markdown import parse_markdown
from cadretrain.report.sentences import _notes, _opening, _results

if TYPE_CHECKING:
    from cadretrain.rules.findings import Finding

__all__ = [
    "BlockKind",
    "Cell",
    "Figure",
    "Paragraph",
    "ReportDocument",
    "ReportTable",
    "Section",
    "Signature",
    "Span",
    "appendix_table",
    "comparison_table",
    "compute_report",
    "parse_markdown",
    "partner_table",
    "report_data",
]


def appendix_table(dataset: Dataset, table: AttainmentTable, title: str = "") -> ReportTable:
    """The statistical table of ``table`` as the report prints it (phụ lục):
    plan, actual and rate of classes and of learners per course type, the
    total last, each number with its figure; its notes say what a marked
    rate counts and that a plan marked ``a`` is derived."""
    return _Table(_Facts(dataset, table.period), table).appendix(title)


def compute_report(dataset: Dataset, meta: ReportMeta, *, findings: object | None = None,
                   period: tuple[date, date] | None = None) -> ReportDocument:
    """The report of ``period`` (default: ``meta.year``, else all the data).

    ``findings`` (a :class:`~cadretrain.rules.findings.CheckResult`) adds
    the rule findings as a second table when it has any."""
    if period is None and meta.year is not None:
        period = year_period(meta.year)
    facts = _Facts(dataset, period)
    table = attainment(dataset, period=period)
    tab = _Table(facts, table)
    roots = [o.id for o in dataset.organizations if o.parent is None]
    root = next((o.id for o in dataset.organizations if o.parent is None
                 and o.name == meta.issuer), roots[0] if roots else None)
    issuer_name = facts.name(root) if root else meta.issuer
    # The heading states the period reported on ("6 tháng đầu năm 2025"), which is
    # the metadata's year only when no other period was asked for.
    lang = current_language()
    labelled = period or (year_period(meta.year) if meta.year else None)
    year = _(" in {period}").format(period=period_label(labelled, lang)) if labelled else ""
    subject = meta.title or _("the results of training and retraining{period}").format(
        period=year)
    place_date = ", ".join(p for p in (meta.place, format_date(meta.date, lang)
                                       if meta.date else "") if p)
    sections: list[Section] = []

    def add(key: str, heading: str, paragraphs: Sequence[Paragraph], origin: str) -> None:
        if paragraphs:
            sections.append(Section(key=key, number=_ROMAN[len(sections)], heading=heading,
                                    paragraphs=tuple(paragraphs), origin=origin))

    add("situation", translate(_SECTION_HEADINGS["situation"]),
        parse_markdown(meta.sections.situation), "office")
    add("results", _("Results achieved"), _results(facts, tab, root), "data")
    add("limitations", translate(_SECTION_HEADINGS["limitations"]),
        parse_markdown(meta.sections.limitations), "office")
    add("tasks", translate(_SECTION_HEADINGS["tasks"]), parse_markdown(meta.sections.tasks),
        "office")
    appendix_title = (_("Results of the training and retraining plan{period}").format(
        period=year) + (_(" (attached to Report No. {number})").format(number=meta.number)
                        if meta.number and not meta.number.startswith("-") else ""))
    return ReportDocument(
        kind=pgettext("document kind", "Report"), superior=meta.superior, issuer=meta.issuer,
        number=meta.number,
        number_line=number_line(meta.number), place=meta.place, date=meta.date,
        place_date=place_date, title=subject[:1].upper() + subject[1:],
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        opening=_opening(facts, meta, issuer_name, _lower_first(
            subject if re.match(r"(?i)(kết quả|tình hình|công tác|the results)\b", subject)
            else _("the results of training and retraining{period}").format(period=year))),
        sections=tuple(sections), appendix=tab.appendix(appendix_title),
        notes=tuple(_notes(facts)), findings=_findings_table(findings),
        signature=Signature(authority=meta.authority, title=meta.signer_title,
                            name=meta.signer),
        recipients=meta.recipients or (_("Archive: the Office."),),
        comparison=_comparison(facts), partners=_partner_table(facts),
    )


#: The headings of the office's own sections (metadata.SECTION_NAMES in Vietnamese).
_SECTION_HEADINGS = {
    "situation": N_("Situation"),
    "limitations": N_("Shortcomings and their causes"),
    "tasks": N_("Directions and tasks"),
}


def finding_text(f: Finding) -> str:
    """A finding as the report's table states it: the message, then the text
    it rests on (each document, article and quoted sentence), so that a reader
    can check it against the regulation (in the current language)."""
    if not f.basis:
        return _("{message}. Basis: {regulation}.").format(message=f.message(),
                                                           regulation=f.regulation)
    cited = "; ".join(f"{c.document}, {c.article}: “{c.quote}”" for c in f.basis)
    return _("{message}. Basis: {cited}").format(message=f.message(), cited=cited)


def _findings_table(findings: object | None) -> ReportTable | None:
    from cadretrain.rules.findings import CheckResult

    if not isinstance(findings, CheckResult) or not findings.findings:
        return None
    lang = current_language()
    rows = tuple(
        (Cell(text=str(i)), Cell(text=f.severity.label()[:1].upper() + f.severity.label()[1:]),
         Cell(text=f"{f.person_name} ({f.organization})"), Cell(text=finding_text(f)))
        for i, f in enumerate(findings.findings, start=1))
    n = len(findings.findings)
    return ReportTable(
        heading=_("APPENDIX"), title=ngettext(
            "Review against the regulations ({date}, rule set version {version}): {n} case",
            "Review against the regulations ({date}, rule set version {version}): {n} cases",
            n).format(date=format_date(findings.on, lang, "short" if lang == "vi" else "long"),
                      version=findings.ruleset_version, n=format_count(n, lang)),
        columns=(pgettext("table", "No."), _("Severity"), _("Subject"), _("Finding")),
        rows=rows)


def report_data(document: ReportDocument) -> dict[str, object]:
    """The report as plain JSON data, every field present (dates as
    ``YYYY-MM-DD``, kinds as their names): what the JSON export writes under
    ``report`` and what a Word template sees (docs/word.md lists the names;
    ``schema/report-context.schema.json`` is its JSON Schema)."""

    def value(_instance: object, _field: object, v: object) -> object:
        if isinstance(v, enum.Enum):
            return v.value
        if isinstance(v, date):
            return v.isoformat()
        return v

    def lists(v: object) -> object:
        if isinstance(v, dict):
            return {k: lists(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [lists(x) for x in v]
        return v

    data = lists(attrs.asdict(document, value_serializer=value))
    assert isinstance(data, dict)
    return data
