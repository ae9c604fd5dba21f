"""What the report's sentences draw on: the dataset's facts gathered once for a
period and a scope, the attainment table's figures with their sources, and the
small writing helpers (lists of names, Roman numerals).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from cadretrain.attainment import Attainment, AttainmentLine, AttainmentTable, OrganizationTree
from cadretrain.catalog import course_catalog, course_names
from cadretrain.formatting import format_count, format_percent
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
        return self.figure(Figure(text=format_count(n), value=n, source=source,
                                  derived=derived))

    def paragraph(self) -> Paragraph:
        return Paragraph(spans=(Span(text="".join(self.parts)),), figures=tuple(self.figures))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

#: Who the learners of a course category are, by definition of the course
#: (Quy định on the courses): said of a class known only by its count.
_LEARNERS_BY_CATEGORY = {
    CourseCategory.NEW_MEMBER: "đảng viên dự bị",
    CourseCategory.PARTY_AWARENESS: "quần chúng ưu tú",
}
_STATUS_WORDS = {
    PartyStatus.FULL: "đảng viên chính thức",
    PartyStatus.PROBATIONARY: "đảng viên dự bị",
    PartyStatus.CANDIDATE: "quần chúng ưu tú",
    PartyStatus.NON_MEMBER: "quần chúng",
}
_CLASSIFICATION_WORDS = {
    Classification.OUTSTANDING: "xuất sắc",
    Classification.EXCELLENT: "giỏi",
    Classification.GOOD: "khá",
    Classification.AVERAGE: "trung bình",
    Classification.PASS: "đạt",
    Classification.FAIL: "không đạt",
}
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
        found = self.catalog.get(course_type)
        return _lower_first(found.name if found else course_type)

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
    return format_percent(value.ratio, 1 if decimals is None else decimals)


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
        return Figure(text=format_count(value.planned), value=value.planned,
                      source=f"{_line_source(line, self.table)}.{word}.planned",
                      derived=derived)

    def actual(self, line: AttainmentLine, measure: Measure) -> Figure:
        value = line.of(measure)
        word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
        return Figure(text=format_count(value.actual), value=value.actual,
                      source=f"{_line_source(line, self.table)}.{word}.actual")

    def name(self, line: AttainmentLine) -> str:
        if line is self.table.total:
            return "Tổng cộng"
        # A plan of several course types is one line named by all of them.
        return course_names(self.facts.catalog, line.course_types or
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
        notes = ["(–: không có kế hoạch giao cho chỉ tiêu này)"]
        for i, (line, measure) in enumerate(_marked_rates(self.table), start=1):
            unit = "lớp" if measure is Measure.CLASSES_ATTAINMENT else "học viên"
            notes.append(f"({'*' * i}) {self.name(line)}: {line.of(measure).basis(unit, 'vi')}.")
        if any(c.figure is not None and c.figure.derived for row in rows for c in row):
            notes.append("(a) Kế hoạch không có trong văn bản nguồn, được suy ra từ tỷ lệ % "
                         "đã in (xem ghi chú về số liệu).")
        return ReportTable(
            heading="PHỤ LỤC", title=title,
            columns=("TT", "Loại lớp", "Kế hoạch (lớp)", "Thực hiện (lớp)", "Đạt (%)",
                     "Kế hoạch (học viên)", "Thực hiện (học viên)", "Đạt (%)"),
            rows=tuple(rows), notes=tuple(notes), total_last=True)


def _rate_figure(ratio: Fraction, source: str, decimals: int = 1) -> Figure:
    return Figure(text=format_percent(ratio, decimals), value=ratio.numerator,
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
    rows = []
    for i, row in enumerate((*compared.rows, total), start=1):
        last = row is total
        key = "total" if last else ",".join(row.course_types) or "-"
        cells = [Cell(text="" if last else str(i)),
                 Cell(text="Tổng cộng" if last else
                      course_names(facts.catalog, row.course_types) or "Khác")]
        for measure, word in ((Measure.CLASSES_ATTAINMENT, "classes"),
                              (Measure.LEARNERS_ATTAINMENT, "learners")):
            source = f"year_on_year[{key}].{word}"
            now = row.current.of(measure).actual
            then = row.previous.of(measure).actual
            change = row.change(measure)
            rate = _rate_figure(change, f"{source}.change") if change is not None else None
            cells += [
                Cell(text=format_count(now), figure=Figure(
                    text=format_count(now), value=now, source=f"{source}.current")),
                Cell(text=format_count(then), figure=Figure(
                    text=format_count(then), value=then, source=f"{source}.previous")),
                Cell(text=rate.text, figure=rate) if rate else Cell(text="–"),
            ]
        rows.append(tuple(cells))
    now_label, then_label = period_label(compared.period), period_label(compared.previous_period)
    return ReportTable(
        heading="PHỤ LỤC", title=f"So sánh với cùng kỳ năm trước: {now_label} và {then_label}",
        columns=("TT", "Loại lớp", "Lớp: kỳ này", "Lớp: cùng kỳ năm trước", "Lớp: so sánh (%)",
                 "Học viên: kỳ này", "Học viên: cùng kỳ năm trước", "Học viên: so sánh (%)"),
        rows=tuple(rows), total_last=True,
        notes=(f"(Kỳ này: {now_label}; cùng kỳ năm trước: {then_label}. Tỷ lệ so sánh = kỳ "
               "này / cùng kỳ năm trước; –: cùng kỳ năm trước không có lớp.)",))


def _partner_table(facts: _Facts) -> ReportTable | None:
    """The classes of the period held jointly, by partner (co-host): what
    reports print of partners though a co-host does not count the class as
    its own (:func:`cadretrain.partners.partners`)."""
    from cadretrain.partners import partners

    lines = partners(facts.dataset, period=facts.period)
    if not lines:
        return None
    rows = []
    for i, line in enumerate(lines, start=1):
        source = f"partners[{line.partner}]"
        rows.append((
            Cell(text=str(i)), Cell(text=facts.name(line.partner)),
            Cell(text=course_names(facts.catalog, line.course_types)),
            Cell(text=format_count(line.classes), figure=Figure(
                text=format_count(line.classes), value=line.classes,
                source=f"{source}.classes")),
            Cell(text=format_count(line.learners), figure=Figure(
                text=format_count(line.learners), value=line.learners,
                source=f"{source}.learners")),
        ))
    notes = ["(Lớp do đơn vị chủ trì tổ chức, phối hợp với đơn vị ở cột 2; lớp được tính "
             "cho đơn vị chủ trì, không tính cho đơn vị phối hợp.)"]
    listed = [r for line in lines for r in line.records]
    if len(listed) != len(set(listed)):
        notes.append("(Một lớp có nhiều đơn vị phối hợp được ghi ở dòng của từng đơn vị, nên "
                     "các dòng không cộng thành tổng số lớp.)")
    period = f" {period_label(facts.period)}" if facts.period else ""
    return ReportTable(
        heading="PHỤ LỤC", title=f"Các lớp phối hợp tổ chức{period}",
        columns=("TT", "Đơn vị phối hợp", "Loại lớp", "Số lớp", "Số học viên"),
        rows=tuple(rows), notes=tuple(notes))
