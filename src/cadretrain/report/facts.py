"""What the report's sentences draw on: the dataset's facts gathered once for a
period and a scope, the attainment table's figures with their sources, and the
small writing helpers (lists of names, Roman numerals).

Every word comes from the message catalog and every number and date is
formatted for :func:`cadretrain.i18n.current_language` (Vietnamese unless the
caller asks for English).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from cadretrain.attainment import Attainment, AttainmentLine, AttainmentTable, OrganizationTree
from cadretrain.catalog import course_catalog, course_names
from cadretrain.formatting import format_count, format_percent
from cadretrain.i18n import N_, _, current_language, pgettext
from cadretrain.model import (
    Classification,
    ClassRecord,
    CourseCategory,
    Dataset,
    Measure,
    Organization,
    OrganizationKind,
    PartyStatus,
    Person,
)
from cadretrain.partners import Held
from cadretrain.partners import held as held_with_co_hosts
from cadretrain.periods import period_label
from cadretrain.reconciliation import figure_decimals
from cadretrain.report.document import Cell, Figure, Paragraph, ReportTable, Span


class _Writer:
    """Builds a paragraph from text pieces and figures."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.figures: list[Figure] = []

    def add(self, *texts: str) -> _Writer:
        self.parts.extend(texts)
        return self

    def figure(self, figure: Figure) -> str:
        self.figures.append(figure)
        return figure.text

    def count(self, n: int, source: str, derived: bool = False) -> str:
        return self.figure(Figure(text=format_count(n, current_language()), value=n,
                                  source=source, derived=derived))

    def paragraph(self) -> Paragraph:
        return Paragraph(spans=(Span(text="".join(self.parts)),), figures=tuple(self.figures))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("{items} and {last}").format(items=", ".join(names[:-1]), last=names[-1])


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

#: Who the learners of a course category are, by definition of the course
#: (Quy định on the courses): said of a class known only by its count.
# (Nouns after a count: plural in English, as Vietnamese has no plural; give
# them to translate() when written.)
_LEARNERS_BY_CATEGORY = {
    CourseCategory.NEW_MEMBER: N_("probationary party members"),
    CourseCategory.PARTY_AWARENESS: N_("admission candidates"),
}
_STATUS_WORDS = {
    PartyStatus.FULL: N_("full party members"),
    PartyStatus.PROBATIONARY: N_("probationary party members"),
    PartyStatus.CANDIDATE: N_("admission candidates"),
    PartyStatus.NON_MEMBER: N_("non-members"),
}
#: The words of a result distribution: Classification.label() in the current language.
_CLASSIFICATION_WORDS = {c: c.label("vi") for c in Classification}
_OWN_BODY_KINDS = (OrganizationKind.DEPARTMENT, OrganizationKind.TRAINING_CENTRE)
_SCHOOL_KINDS = (OrganizationKind.SCHOOL, OrganizationKind.ACADEMY)
_REPORT_NUMBER = re.compile(r"-BC/", re.IGNORECASE)


class _Facts:
    """What the sentences are written from, looked up once."""

    def __init__(self, dataset: Dataset, period: tuple[date, date] | None) -> None:
        self.dataset = dataset
        self.period = period
        self.orgs: dict[str, Organization] = {o.id: o for o in dataset.organizations}
        self.people: dict[str, Person] = {p.id: p for p in dataset.people}
        self.catalog = course_catalog(dataset)
        self.tree = OrganizationTree(dataset.organizations)

    def name(self, org: str) -> str:
        found = self.orgs.get(org)
        return found.name if found else org

    def course(self, course_type: str) -> str:
        return _lower_first(self.course_name(course_type))

    def course_name(self, course_type: str) -> str:
        """The name of a course type (its English name in English, where the
        catalog has one)."""
        return course_names(self.catalog, (course_type,), current_language())

    def courses(self, course_types: Sequence[str]) -> str:
        return course_names(self.catalog, course_types, current_language())

    def category(self, course_type: str) -> CourseCategory | None:
        found = self.catalog.get(course_type)
        return found.category if found else None

    def inside(self, day: date) -> bool:
        return self.period is None or self.period[0] <= day <= self.period[1]

    def classes(self) -> list[ClassRecord]:
        return [c for c in self.dataset.classes if self.inside(c.start)]

    def held(self) -> tuple[Held, ...]:
        """Every class of the period once with its co-hosts, as
        :func:`cadretrain.partners.held` counts them (a class of a group
        that names its own co-hosts is listed for them)."""
        return held_with_co_hosts(self.dataset, period=self.period)

    def kind(self, org: str) -> OrganizationKind | None:
        found = self.orgs.get(org)
        return found.kind if found else None




def _rate_text(value: Attainment, decimals: int | None) -> str:
    if value.ratio is None:
        return "–"
    return format_percent(value.ratio, 1 if decimals is None else decimals, current_language())


def _marked_rates(table: AttainmentTable) -> list[tuple[AttainmentLine, Measure]]:
    """The rates whose base is not all the activity of their row (a total over
    planned and unplanned course types), in table order: marked *, ** ..."""
    return [(line, measure) for line in [*table.rows, table.total]
            for measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT)
            if line.of(measure).partly_outside_plan]


def _line_source(line: AttainmentLine, table: AttainmentTable) -> str:
    if line is table.total:
        return "attainment[total]"
    return f"attainment[{','.join(line.course_types) or line.course_type}]"


def _derived_plans(dataset: Dataset, period: tuple[date, date] | None) -> dict[str, bool]:
    """Course type -> whether its plans of the period are derived: their
    source is a document that prints figures (a report, not a plan)."""
    reports = {f.source for f in dataset.figures}
    out: dict[str, bool] = {}
    for plan in dataset.plans:
        if period is not None and not (period[0] <= plan.period_start
                                       and plan.period_end <= period[1]):
            continue
        derived = plan.source is not None and plan.source in reports
        for course in sorted(plan.types):  # a plan may name several course types
            out[course] = out.get(course, False) or derived
    return out


class _Table:
    """The attainment table of the period with each cell's figure."""

    def __init__(self, facts: _Facts, table: AttainmentTable) -> None:
        self.facts = facts
        self.table = table
        self.marks = {(id(line), measure): i
                      for i, (line, measure) in enumerate(_marked_rates(table), start=1)}
        self.derived = _derived_plans(facts.dataset, facts.period)

    def rate(self, line: AttainmentLine, measure: Measure) -> Figure | None:
        value = line.of(measure)
        ratio = value.ratio
        if ratio is None:
            return None
        decimals = figure_decimals(self.facts.dataset, self.table, line, measure)
        word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
        return Figure(text=_rate_text(value, decimals), value=ratio.numerator,
                      denominator=ratio.denominator,
                      source=f"{_line_source(line, self.table)}.{word}.rate")

    def plan(self, line: AttainmentLine, measure: Measure) -> Figure | None:
        value = line.of(measure)
        if value.planned is None:
            return None
        types = [line.course_type] if line.course_type else [
            ln.course_type for ln in self.table.rows if ln.of(measure).planned is not None]
        derived = any(self.derived.get(t or "", False) for t in types)
        word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
        return Figure(text=format_count(value.planned, current_language()), value=value.planned,
                      source=f"{_line_source(line, self.table)}.{word}.planned",
                      derived=derived)

    def actual(self, line: AttainmentLine, measure: Measure) -> Figure:
        value = line.of(measure)
        word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
        return Figure(text=format_count(value.actual, current_language()), value=value.actual,
                      source=f"{_line_source(line, self.table)}.{word}.actual")

    def name(self, line: AttainmentLine) -> str:
        if line is self.table.total:
            return _("Total")
        # A plan of several course types is one line named by all of them.
        return self.facts.courses(line.course_types or
                                  ((line.course_type,) if line.course_type else ()))

    def appendix(self, title: str) -> ReportTable:
        rows = []
        for i, line in enumerate([*self.table.rows, self.table.total], start=1):
            cells = [Cell(text=str(i) if line is not self.table.total else ""),
                     Cell(text=self.name(line))]
            for measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT):
                plan = self.plan(line, measure)
                rate = self.rate(line, measure)
                mark = "*" * self.marks.get((id(line), measure), 0)
                derived_mark = "a" if plan is not None and plan.derived else ""
                cells += [
                    Cell(text=plan.text + derived_mark, figure=plan) if plan
                    else Cell(text="–"),
                    Cell(text=self.actual(line, measure).text,
                         figure=self.actual(line, measure)),
                    Cell(text=rate.text + mark, figure=rate) if rate else Cell(text="–"),
                ]
            rows.append(tuple(cells))
        lang = current_language()
        notes = [_("(–: no plan is set for this measure)")]
        for i, (line, measure) in enumerate(_marked_rates(self.table), start=1):
            unit = pgettext("unit", "classes") if measure is Measure.CLASSES_ATTAINMENT \
                else pgettext("unit", "learners")
            notes.append(f"({'*' * i}) {self.name(line)}: {line.of(measure).basis(unit, lang)}.")
        if any(c.figure is not None and c.figure.derived for row in rows for c in row):
            notes.append(_("(a) The plan is not in the source document: it is derived from "
                           "the printed percentage (see the notes on the figures)."))
        attained = _("Attained (%)")
        return ReportTable(
            heading=_("APPENDIX"), title=title,
            columns=(pgettext("table", "No."), _("Course type"),
                     _("Plan (classes)"), _("Actual (classes)"), attained,
                     _("Plan (learners)"), _("Actual (learners)"), attained),
            rows=tuple(rows), notes=tuple(notes), total_last=True)


def _rate_figure(ratio: Fraction, source: str, decimals: int = 1) -> Figure:
    return Figure(text=format_percent(ratio, decimals, current_language()), value=ratio.numerator,
                  denominator=ratio.denominator, source=source)


def comparison_table(dataset: Dataset, period: tuple[date, date] | None) -> ReportTable | None:
    """This period beside the same period a year earlier ("kỳ này / cùng kỳ
    năm trước / %", :func:`cadretrain.year_on_year.year_on_year`), per line of
    the attainment table and in total (last), when the dataset has activity
    in both periods (else None): the report's ``comparison``, which the Word
    report and the workbook both show."""
    return _comparison(_Facts(dataset, period))


def partner_table(dataset: Dataset, period: tuple[date, date] | None) -> ReportTable | None:
    """The classes of ``period`` held jointly, by partner with their counts
    (None when no class has a co-host): the report's ``partners``."""
    return _partner_table(_Facts(dataset, period))


def _comparison(facts: _Facts) -> ReportTable | None:
    from cadretrain.year_on_year import year_on_year

    if facts.period is None:
        return None
    compared = year_on_year(facts.dataset, facts.period)
    total = compared.total
    if not (total.previous.classes.actual or total.previous.learners.actual) or not (
            total.current.classes.actual or total.current.learners.actual):
        return None
    lang = current_language()
    rows = []
    for i, row in enumerate((*compared.rows, total), start=1):
        last = row is total
        key = "total" if last else ",".join(row.course_types) or "-"
        cells = [Cell(text="" if last else str(i)),
                 Cell(text=_("Total") if last else facts.courses(row.course_types) or _("Other"))]
        for measure, word in ((Measure.CLASSES_ATTAINMENT, "classes"),
                              (Measure.LEARNERS_ATTAINMENT, "learners")):
            source = f"year_on_year[{key}].{word}"
            now = row.current.of(measure).actual
            then = row.previous.of(measure).actual
            change = row.change(measure)
            rate = _rate_figure(change, f"{source}.change") if change is not None else None
            cells += [
                Cell(text=format_count(now, lang), figure=Figure(
                    text=format_count(now, lang), value=now, source=f"{source}.current")),
                Cell(text=format_count(then, lang), figure=Figure(
                    text=format_count(then, lang), value=then, source=f"{source}.previous")),
                Cell(text=rate.text, figure=rate) if rate else Cell(text="–"),
            ]
        rows.append(tuple(cells))
    now_label = period_label(compared.period, lang)
    then_label = period_label(compared.previous_period, lang)
    return ReportTable(
        heading=_("APPENDIX"),
        title=_("Against the same period a year earlier: {now} and {then}").format(
            now=now_label, then=then_label),
        columns=(pgettext("table", "No."), _("Course type"), _("Classes: this period"),
                 _("Classes: a year earlier"), _("Classes: compared (%)"),
                 _("Learners: this period"), _("Learners: a year earlier"),
                 _("Learners: compared (%)")),
        rows=tuple(rows), total_last=True,
        notes=(_("(This period: {now}; a year earlier: {then}. Compared = this period / a year "
                 "earlier; –: no class a year earlier.)").format(now=now_label, then=then_label),))


def _partner_table(facts: _Facts) -> ReportTable | None:
    """The classes of the period held jointly, by partner (co-host): what
    reports print of partners though a co-host does not count the class as
    its own (:func:`cadretrain.partners.partners`)."""
    from cadretrain.partners import partners

    lines = partners(facts.dataset, period=facts.period)
    if not lines:
        return None
    lang = current_language()
    rows = []
    for i, line in enumerate(lines, start=1):
        source = f"partners[{line.partner}]"
        rows.append((
            Cell(text=str(i)), Cell(text=facts.name(line.partner)),
            Cell(text=facts.courses(line.course_types)),
            Cell(text=format_count(line.classes, lang), figure=Figure(
                text=format_count(line.classes, lang), value=line.classes,
                source=f"{source}.classes")),
            Cell(text=format_count(line.learners, lang), figure=Figure(
                text=format_count(line.learners, lang), value=line.learners,
                source=f"{source}.learners")),
        ))
    notes = [_("(Classes held by the host unit with the unit of column 2; a class counts for "
               "its host, not for the partner.)")]
    listed = [r for line in lines for r in line.records]
    if len(listed) != len(set(listed)):
        notes.append(_("(A class with several partners is on the line of each, so the lines do "
                       "not add up to the number of classes.)"))
    title = _("Classes held jointly in {period}").format(
        period=period_label(facts.period, lang)) if facts.period else _("Classes held jointly")
    return ReportTable(
        heading=_("APPENDIX"), title=title,
        columns=(pgettext("table", "No."), _("Partner"), _("Course type"),
                 pgettext("count", "Classes"), _("Learners")),
        rows=tuple(rows), notes=tuple(notes))
