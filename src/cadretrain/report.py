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
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
from attrs import Factory, field, frozen

from cadretrain.attainment import (
    Attainment,
    AttainmentLine,
    AttainmentTable,
    OrganizationTree,
    attainment,
    figure_decimals,
    printed_precision,
    year_period,
)
from cadretrain.catalog import course_catalog, course_names
from cadretrain.formatting import format_count, format_date, format_percent
from cadretrain.i18n import N_
from cadretrain.metadata import SECTION_NAMES, ReportMeta
from cadretrain.model import (
    Classification,
    ClassRecord,
    CourseCategory,
    Dataset,
    LecturerRole,
    Measure,
    Organization,
    OrganizationKind,
    PartyStatus,
    Person,
)
from cadretrain.partners import Held
from cadretrain.partners import held as held_with_co_hosts
from cadretrain.periods import period_label
from cadretrain.progress import counted

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


# ------------------------------------------------------------------- pieces


@frozen(kw_only=True)
class Figure:
    """One number of the report: ``value`` / ``denominator`` exactly (a count
    has denominator 1; a rate is a ratio of 1, 100% = 1), ``text`` as printed
    (``1.909``, ``162,5%``), ``source`` where it comes from in the dataset
    (``class_groups[dvm-2017]``, ``attainment[dang-vien-moi].classes``,
    ``plans[ke-hoach-dvm-2017]``), and ``derived`` when the data holds it only
    as derived from other printed figures (a plan computed from a percentage)."""

    text: str
    value: int
    denominator: int = 1
    source: str
    derived: bool = False

    @property
    def exact(self) -> Fraction:
        return Fraction(self.value, self.denominator)


class BlockKind(enum.Enum):
    """What a paragraph is: body text, a heading inside a section, an item."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    NUMBERED = "numbered"  #: an item of a numbered list ("1. …")
    BULLET = "bullet"  #: an item of a list ("- …")


@frozen(kw_only=True)
class Span:
    """A run of text, bold or not (Markdown ``**bold**``)."""

    text: str
    bold: bool = False


def _spans_text(self: Paragraph) -> str:
    return "".join(s.text for s in self.spans)


@frozen(kw_only=True)
class Paragraph:
    """A paragraph: its text in spans, the figures its numbers are, and for a
    numbered item its number; ``text`` is the spans' text together."""

    kind: BlockKind = BlockKind.PARAGRAPH
    spans: tuple[Span, ...]
    figures: tuple[Figure, ...] = ()
    number: int | None = None
    text: str = field(default=Factory(_spans_text, takes_self=True))


@frozen(kw_only=True)
class Section:
    """A numbered part of the report's body: ``key`` (``situation``,
    ``results``, ``limitations``, ``tasks``), its ``number`` (``I``) and
    ``heading``, its paragraphs, and ``origin``: ``data`` (written from the
    dataset) or ``office`` (the metadata's own text)."""

    key: str
    number: str
    heading: str
    paragraphs: tuple[Paragraph, ...]
    origin: str


@frozen(kw_only=True)
class Cell:
    """A table cell: its text and, when it is a number, its figure."""

    text: str
    figure: Figure | None = None


@frozen(kw_only=True)
class ReportTable:
    """A table of the report: ``heading`` (``PHỤ LỤC``), ``title``, column
    headers, rows of cells (the last a total when ``total_last``), notes."""

    heading: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    total_last: bool = False


@frozen(kw_only=True)
class Signature:
    """The signature block: ``authority`` (``T/M Ban Thường vụ``), ``title``
    (the signer's post) and ``name`` (empty: space left to sign and fill)."""

    authority: str = ""
    title: str = ""
    name: str = ""


@frozen(kw_only=True)
class ReportDocument:
    """The whole báo cáo as data.

    ``superior``, ``issuer``: the header's organization lines; ``number``
    and ``number_line`` (``Số 12-BC/ĐUK``); ``place_date``: the place-and-date
    line as printed; ``kind`` (``Báo cáo``) and ``title``; ``opening``: the
    basis paragraph; ``sections``: the numbered body; ``appendix``: the
    statistical table (phụ lục); ``notes``: the reconciliation notes (printed
    figures the data does not give, plans that are derived); ``findings``:
    the rule findings as a second table when given; ``signature`` and
    ``recipients`` ("Nơi nhận"); ``period_start`` and ``period_end``: the
    first and last day reported on (None: all the data).

    ``comparison``: the period beside the same period a year earlier ("kỳ
    này / cùng kỳ năm trước / %"), when the dataset holds activity of both;
    ``partners``: the classes held jointly, by partner (co-host) with their
    counts, when any class of the period has a co-host. Both are appendix
    tables after the statistical one (None when there is nothing to show).
    """

    kind: str
    superior: str
    issuer: str
    number: str
    number_line: str
    place: str
    place_date: str
    title: str
    period_start: date | None
    period_end: date | None
    date: date | None
    opening: Paragraph | None
    sections: tuple[Section, ...]
    appendix: ReportTable
    notes: tuple[Paragraph, ...]
    findings: ReportTable | None
    signature: Signature
    recipients: tuple[str, ...]
    comparison: ReportTable | None = None
    partners: ReportTable | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def paragraphs(self) -> Iterable[Paragraph]:
        """Every paragraph of the body, the opening first."""
        if self.opening is not None:
            yield self.opening
        for section in self.sections:
            yield from section.paragraphs


# --------------------------------------------------------------- Markdown

_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def _spans(text: str) -> tuple[Span, ...]:
    parts = re.split(r"\*\*(.+?)\*\*", text)
    spans = [Span(text=part, bold=i % 2 == 1) for i, part in enumerate(parts) if part]
    return tuple(spans) or (Span(text=""),)


def parse_markdown(text: str) -> tuple[Paragraph, ...]:
    """The paragraphs of an office's text: blank lines separate paragraphs;
    ``# …`` is a heading, ``1. …`` a numbered item, ``- …`` an item,
    ``**…**`` bold; lines of one paragraph are joined with a space. Anything
    else is plain text, kept as written."""
    blocks: list[Paragraph] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(spans=_spans(" ".join(lines))))
            lines.clear()

    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        for pattern, kind in ((_HEADING, BlockKind.HEADING), (_NUMBERED, BlockKind.NUMBERED),
                              (_BULLET, BlockKind.BULLET)):
            found = pattern.match(line)
            if found:
                flush()
                body = found.group(found.lastindex or 1)
                number = int(found.group(1)) if kind is BlockKind.NUMBERED else None
                blocks.append(Paragraph(kind=kind, spans=_spans(body), number=number))
                break
        else:
            if blocks and blocks[-1].kind in (BlockKind.NUMBERED, BlockKind.BULLET) \
                    and not lines and raw[:1].isspace():
                last = blocks.pop()  # an item's continuation line
                blocks.append(Paragraph(kind=last.kind, number=last.number,
                                        spans=(*last.spans, *_spans(" " + line))))
            else:
                lines.append(line)
    flush()
    return tuple(blocks)


# ---------------------------------------------------------------- writing


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


# --------------------------------------------------------------- figures


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
    năm trước / %", :func:`cadretrain.attainment.year_on_year`), per line of
    the attainment table and in total (last), when the dataset has activity
    in both periods (else None): the report's ``comparison``, which the Word
    report and the workbook both show."""
    return _comparison(_Facts(dataset, period))


def partner_table(dataset: Dataset, period: tuple[date, date] | None) -> ReportTable | None:
    """The classes of ``period`` held jointly, by partner with their counts
    (None when no class has a co-host): the report's ``partners``."""
    return _partner_table(_Facts(dataset, period))


def _comparison(facts: _Facts) -> ReportTable | None:
    from cadretrain.attainment import year_on_year

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


# ------------------------------------------------------------- sentences


def _opening(facts: _Facts, meta: ReportMeta, issuer: str, subject: str) -> Paragraph:
    if meta.basis:
        return Paragraph(spans=(Span(text=meta.basis.strip()),))
    dataset = facts.dataset
    reports = {f.source for f in dataset.figures}
    plan_sources = [p.source for p in dataset.plans if p.source  # plans overlapping it
                    and (facts.period is None or (p.period_start <= facts.period[1]
                                                  and facts.period[0] <= p.period_end))]
    by_id = {d.id: d for d in dataset.documents}
    chosen = [by_id[s] for s in dict.fromkeys(plan_sources) if s in by_id and s not in reports]
    if not chosen:  # no plan document: the instructions the dataset names
        chosen = [d for d in dataset.documents if d.id not in reports and d.number
                  and not _REPORT_NUMBER.search(d.number)]
    phrases = []
    for doc in chosen:
        title = doc.title.strip()
        kind, _, rest = title.partition(" ")
        for word in ("Kế hoạch", "Kết luận", "Chỉ thị", "Nghị quyết", "Hướng dẫn", "Quy định",
                     "Quyết định", "Thông báo", "Chương trình"):
            if title.lower().startswith(word.lower() + " "):
                kind, rest = word, title[len(word) + 1:]
                break
        else:
            kind, rest = "văn bản", title
        phrase = kind + (f" số {doc.number}" if doc.number else "")
        if doc.issued:
            phrase += f" {format_date(doc.issued)}"
        if doc.issuer:
            phrase += f" của {facts.name(doc.issuer)}"
        if rest:
            phrase += (" " if rest.lower().startswith("về ") else " về ") + _lower_first(rest)
        phrases.append(phrase)
    text = (f"Thực hiện {_join(phrases)}, " if phrases else "") + \
        f"{issuer} báo cáo {subject} như sau:"
    return Paragraph(spans=(Span(text=text[:1].upper() + text[1:]),))


def _classes_phrase(w: _Writer, facts: _Facts, course_type: str, classes: Figure,
                    learners: Figure, who: str = "học viên") -> str:
    name = facts.course(course_type)
    joint = "với" if " cho " in f" {name} " else "cho"  # never "… cho đảng viên mới cho …"
    return f"{w.figure(classes)} lớp {name} {joint} {w.figure(learners)} {who}"


def _who(facts: _Facts, course_type: str, records: Sequence[ClassRecord],
         w: _Writer) -> tuple[str, str]:
    """The learners' noun and a clause on their party status: from the
    rosters when every class of the line has one, else by course category."""
    if records and all(r.enrollments is not None for r in records):
        counts: dict[str, int] = {}
        for record in records:
            for e in record.enrollments or ():
                person = facts.people.get(e.person)
                status = _status_on(person, record.start) if person else None
                word = _STATUS_WORDS.get(status) if status else None
                counts[word or "chưa rõ"] = counts.get(word or "chưa rõ", 0) + 1
        if len(counts) > 1 or "chưa rõ" not in counts:
            ids = "+".join(r.id for r in records)
            parts = [f"{w.count(n, f'enrollments[{ids}].party_status')} {word}"
                     for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                     if word != "chưa rõ"]
            rest = counts.get("chưa rõ", 0)
            if rest:
                parts.append(f"{w.count(rest, f'enrollments[{ids}].party_status')} "
                             "học viên chưa rõ")
            return "học viên", f" (gồm {', '.join(parts)})"
        return "học viên", ""
    category = facts.category(course_type)
    return _LEARNERS_BY_CATEGORY.get(category, "học viên") if category else "học viên", ""


def _status_on(person: Person, day: date) -> PartyStatus | None:
    status = None
    for change in sorted(person.party_status, key=lambda c: c.since):
        if change.since <= day:
            status = change.status
    return status


def _results(facts: _Facts, tab: _Table, host_root: str | None) -> list[Paragraph]:
    table = tab.table
    paragraphs: list[Paragraph] = []
    held = facts.held()
    records_by_type: dict[str, list[ClassRecord]] = {}
    for record in facts.classes():
        if record.group is None:
            records_by_type.setdefault(record.course_type, []).append(record)
    grouped_types = {g.course_type for g in facts.dataset.class_groups
                     if facts.inside(g.period_start)}

    def who(course_type: str, w: _Writer) -> tuple[str, str]:
        if course_type in grouped_types:  # counts only: by category
            return _who(facts, course_type, (), w)
        return _who(facts, course_type, records_by_type.get(course_type, []), w)

    planned = [ln for ln in table.rows if ln.classes.planned is not None
               or ln.learners.planned is not None]
    unplanned = [ln for ln in table.rows if ln not in planned]
    described: set[str] = set()  # held entries told in a course type's sentence

    # The planned course types together, as "28 lớp ..., đạt 147% kế hoạch, trong đó: ...".
    if planned and _sum_planned(planned) == (0, 0):
        plan = _plan_words(planned)
        paragraphs.append(Paragraph(spans=(Span(
            text=f"Chưa tổ chức lớp nào trong các lớp theo {plan}."),)))
    elif planned:
        w = _Writer()
        total = _sum_planned(planned)
        rate_c = _planned_rate(tab, planned, Measure.CLASSES_ATTAINMENT)
        rate_l = _planned_rate(tab, planned, Measure.LEARNERS_ATTAINMENT)
        n_classes = w.count(total[0], "attainment[planned].classes.actual")
        n_learners = w.count(total[1], "attainment[planned].learners.actual")
        w.add(f"Thực hiện kế hoạch, đã tổ chức {n_classes} lớp cho {n_learners} học viên")
        w.add(*_rates_clause(w, rate_c, rate_l, _plan_words(planned)))
        if len(planned) > 1:
            w.add(", trong đó: ")
            items = []
            for line in counted(planned, N_("course types")):
                items.append(_type_item(w, facts, tab, line, who))
            w.add("; ".join(items))
        w.add(".")
        paragraphs.append(w.paragraph())

    unplanned_paragraphs: list[tuple[bool, Paragraph]] = []
    for line in counted(unplanned, N_("course types")):
        course_type = line.course_type or ""
        entries = [h for h in held if h.course_type == course_type]
        w = _Writer()
        classes = tab.actual(line, Measure.CLASSES_ATTAINMENT)
        learners = tab.actual(line, Measure.LEARNERS_ATTAINMENT)
        noun, status = who(course_type, w)
        hosts = list(dict.fromkeys(h.host for h in entries))
        co_sets = {h.co_hosts for h in entries}
        if len(hosts) == 1 and len(co_sets) == 1 and next(iter(co_sets)):
            co = next(iter(co_sets))
            verb = "liên kết, phối hợp với" if all(facts.kind(c) in _SCHOOL_KINDS for c in co) \
                else "phối hợp với"
            w.add(f"{facts.name(hosts[0])} {verb} {_join([facts.name(c) for c in co])} tổ chức ")
            described.update(h.source for h in entries)
        else:
            w.add("Tổ chức ")
        w.add(_classes_phrase(w, facts, course_type, classes, learners, noun), status, ".")
        first = facts.category(course_type) is CourseCategory.KNOWLEDGE_UPDATE
        unplanned_paragraphs.append((first, w.paragraph()))

    # As committees write it: knowledge-update classes first, then the planned
    # classes, the classes held with member organizations, the other kinds,
    # and the classes held with schools.
    members, others = _partners(facts, [h for h in held if h.source not in described])
    paragraphs[:0] = [p for first, p in unplanned_paragraphs if first]
    paragraphs += members
    paragraphs += [p for first, p in unplanned_paragraphs if not first]
    paragraphs += others
    lecturers = _lecturers(facts, host_root)
    if lecturers is not None:
        paragraphs.append(lecturers)
    results = _distribution(facts)
    if results is not None:
        paragraphs.append(results)
    share = _members_reached(facts, host_root)
    if share is not None:
        paragraphs.append(share)
    return paragraphs


def _members_reached(facts: _Facts, root: str | None) -> Paragraph | None:
    """The share of the committee's party members who attended a class of the
    period, when the committee has a member count (a lower bound, and said
    so, when some learners' party status is not known)."""
    from cadretrain.population import member_share
    from cadretrain.selection import Selection

    if root is None or facts.period is None:
        return None
    share = member_share(facts.dataset, root, on=facts.period[1],
                         selection=Selection(period=facts.period))
    ratio = share.ratio
    if ratio is None or share.members is None:
        return None
    w = _Writer()
    source = f"population[{root}]"
    attended = w.count(share.attended.members, f"{source}.attended.members")
    members = w.count(share.members, f"{source}.members")
    # At the precision the committee prints its share with (99,38%), else one decimal.
    decimals = printed_precision((f for f in facts.dataset.figures
                                  if f.measure is Measure.MEMBERS_REACHED and f.scope == root),
                                 facts.period)
    rate = w.figure(Figure(text=format_percent(ratio, 1 if decimals is None else decimals),
                           value=ratio.numerator, denominator=ratio.denominator,
                           source=f"{source}.share"))
    w.add(f"Có {attended} đảng viên của {facts.name(root)} tham gia các lớp, bằng {rate} "
          f"tổng số {members} đảng viên")
    if not share.complete:
        unknown = w.count(share.attended.unknown, f"{source}.attended.unknown")
        w.add(f" (ít nhất; {unknown} học viên chưa rõ là đảng viên hay không)")
    w.add(".")
    return w.paragraph()


def _sum_planned(lines: Sequence[AttainmentLine]) -> tuple[int, int]:
    return (sum(ln.classes.actual for ln in lines), sum(ln.learners.actual for ln in lines))


def _planned_rate(tab: _Table, lines: Sequence[AttainmentLine],
                  measure: Measure) -> Figure | None:
    """The rate of the planned lines together: the total's when every line
    is planned, else from the planned lines' own sums (never an average)."""
    if len(lines) == 1:
        return tab.rate(lines[0], measure)
    with_plan = [ln for ln in lines if ln.of(measure).planned]
    if not with_plan:
        return None
    if len(with_plan) == len(tab.table.rows) or all(
            ln.of(measure).planned is not None for ln in tab.table.rows):
        return tab.rate(tab.table.total, measure)
    done = sum(ln.of(measure).actual_planned for ln in with_plan)
    plan = sum(ln.of(measure).planned or 0 for ln in with_plan)
    ratio = Fraction(done, plan)
    total = tab.table.total
    decimals = figure_decimals(tab.facts.dataset, tab.table, total, measure)
    word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
    return Figure(text=format_percent(ratio, 1 if decimals is None else decimals),
                  value=ratio.numerator, denominator=ratio.denominator,
                  source=f"attainment[planned].{word}.rate")


def _rates_clause(w: _Writer, by_classes: Figure | None, by_learners: Figure | None,
                  plan: str = "kế hoạch") -> list[str]:
    """``plan``: ``kế hoạch``, or ``kế hoạch năm 2025`` when the period is part
    of a longer plan's (progress against the year's plan)."""
    if by_classes and by_learners:
        return [f", đạt {w.figure(by_classes)} {plan} về số lớp và "
                f"{w.figure(by_learners)} về số học viên"]
    if by_classes:
        return [f", đạt {w.figure(by_classes)} so với {plan}"]
    if by_learners:
        return [f", đạt {w.figure(by_learners)} {plan} về số học viên"]
    return []


def _plan_words(lines: Sequence[AttainmentLine]) -> str:
    """``kế hoạch``, or ``kế hoạch năm N`` when the lines count against a
    plan longer than the period (a report part-way through the year)."""
    periods = {ln.plan_period for ln in lines if ln.plan_period is not None}
    if len(periods) != 1:
        return "kế hoạch"
    start, end = next(iter(periods))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"kế hoạch năm {end.year}"
    return "kế hoạch cả kỳ"  # a plan of several years or of odd dates


def _type_item(w: _Writer, facts: _Facts, tab: _Table, line: AttainmentLine,
               who: Callable[[str, _Writer], tuple[str, str]]) -> str:
    course_type = line.course_type or ""
    if line.classes.actual == 0 and line.learners.actual == 0:
        return f"chưa tổ chức lớp {facts.course(course_type)}"
    noun, status = who(course_type, w)
    phrase = _classes_phrase(w, facts, course_type, tab.actual(line, Measure.CLASSES_ATTAINMENT),
                             tab.actual(line, Measure.LEARNERS_ATTAINMENT), noun) + status
    rate_c = tab.rate(line, Measure.CLASSES_ATTAINMENT)
    rate_l = tab.rate(line, Measure.LEARNERS_ATTAINMENT)
    if rate_c and rate_l:
        phrase += f", đạt {w.figure(rate_c)} (số lớp) và {w.figure(rate_l)} (số học viên)"
    elif rate_c or rate_l:
        phrase += f", đạt {w.figure(rate_c or rate_l)}"  # type: ignore[arg-type]
    return phrase


def _partners(facts: _Facts, held: Sequence[Held]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The classes held with each partner: member organizations one by one,
    then schools and other partners by the set they held classes with."""
    with_partner = [h for h in held if h.co_hosts]
    members: dict[str, list[Held]] = {}
    others: dict[tuple[str, ...], list[Held]] = {}
    for item in with_partner:
        single = item.co_hosts[0] if len(item.co_hosts) == 1 else None
        if single is not None and facts.kind(single) not in _SCHOOL_KINDS + _OWN_BODY_KINDS \
                and single in facts.orgs:
            members.setdefault(single, []).append(item)
        else:
            others.setdefault(item.co_hosts, []).append(item)
    paragraphs = []
    with_others = []
    if members:
        w = _Writer()
        kinds = {facts.kind(m) for m in members}
        noun = "đảng bộ" if kinds == {OrganizationKind.PARTY_COMMITTEE} else "tổ chức đảng"
        hosts = _join([facts.name(h) for h in dict.fromkeys(
            i.host for items in members.values() for i in items)])
        n = w.count(len(members), "classes.co_hosts")
        w.add(f"{hosts} đã phối hợp với {n} {noun} tổ chức các lớp, cụ thể: ")
        sentences = []
        for member in sorted(members, key=lambda m: _position(facts, m)):
            sentences.append(f"phối hợp với {facts.name(member)} tổ chức "
                             + "; ".join(_held_phrase(w, facts, members[member])))
        w.add(". ".join(s[:1].upper() + s[1:] for s in sentences), ".")
        paragraphs.append(w.paragraph())
    for co_hosts, items in others.items():
        w = _Writer()
        hosts = _join([facts.name(h) for h in dict.fromkeys(i.host for i in items)])
        schools = all(facts.kind(c) in _SCHOOL_KINDS for c in co_hosts)
        verb = "liên kết, phối hợp với" if schools else "phối hợp với"
        w.add(f"{hosts} {verb} {_join([facts.name(c) for c in co_hosts])} tổ chức ",
              "; ".join(_held_phrase(w, facts, items)), ".")
        with_others.append(w.paragraph())
    return paragraphs, with_others


def _position(facts: _Facts, org: str) -> int:
    ids = list(facts.orgs)
    return ids.index(org) if org in facts.orgs else len(ids)


def _held_phrase(w: _Writer, facts: _Facts, items: Sequence[Held]) -> list[str]:
    by_type: dict[str, list[Held]] = {}
    for item in items:
        by_type.setdefault(item.course_type, []).append(item)
    phrases = []
    for course_type, group in by_type.items():
        sources = "+".join(i.source for i in group)
        classes = sum(i.classes for i in group)
        learners = sum(i.learners for i in group)
        phrases.append(_classes_phrase(
            w, facts, course_type,
            Figure(text=format_count(classes), value=classes, source=f"{sources}.classes"),
            Figure(text=format_count(learners), value=learners, source=f"{sources}.learners")))
    return phrases


def _own_bodies(facts: _Facts, root: str | None) -> set[str]:
    if root is None:
        return set()
    return {root} | {o.id for o in facts.dataset.organizations
                     if o.parent == root and o.kind in _OWN_BODY_KINDS}


def _lecturers(facts: _Facts, root: str | None) -> Paragraph | None:
    """Who taught: lecturers and guest speakers of the period's classes (each
    counted once by person or name), those from outside the committee named
    by organization; and the cadres the committee sent to speak at classes
    of other organizations."""
    records = facts.classes()
    own = _own_bodies(facts, root)
    seen: dict[tuple[LecturerRole, str], str | None] = {}
    sent: dict[str, set[str]] = {}
    for record in records:
        for lecturer in record.lecturers:
            key = lecturer.person or lecturer.name
            seen.setdefault((lecturer.role, key), lecturer.organization)
            if lecturer.organization in own and record.host not in own:
                sent.setdefault(record.host, set()).add(key)
    if not seen:
        return None
    ids = "+".join(r.id for r in records if r.lecturers)
    w = _Writer()
    teachers = [org for (role, _), org in seen.items() if role is LecturerRole.LECTURER]
    speakers = [org for (role, _), org in seen.items() if role is LecturerRole.GUEST_SPEAKER]
    parts = []
    if teachers:
        outside = [o for o in teachers if o and root and not facts.tree.within(o, root)]
        text = f"{w.count(len(teachers), f'classes[{ids}].lecturers')} giảng viên"
        if outside:
            names = _join([facts.name(o) for o in dict.fromkeys(outside)])
            text += (f" (trong đó {w.count(len(outside), f'classes[{ids}].lecturers')} "
                     f"giảng viên của {names})")
        parts.append(text)
    if speakers:
        parts.append(f"{w.count(len(speakers), f'classes[{ids}].lecturers')} báo cáo viên")
    w.add(f"Tham gia giảng dạy các lớp có {' và '.join(parts)}.")
    if sent:
        n = sum(len(v) for v in sent.values())
        w.add(f" Đã cử {w.count(n, 'classes.lecturers')} lượt cán bộ làm giảng viên, báo cáo "
              f"viên cho các lớp của {_join([facts.name(h) for h in sent])}.")
    return w.paragraph()


def _distribution(facts: _Facts) -> Paragraph | None:
    """How the learners with a result were classified: from rosters and from
    the result counts stated for a class or group
    (:func:`cadretrain.distribution.result_distribution`); shares among the
    classified learners."""
    from cadretrain.distribution import result_distribution
    from cadretrain.selection import Selection

    dist = result_distribution(facts.dataset, Selection(period=facts.period))
    if not dist.classified:
        return None
    w = _Writer()
    source = "results.classification"
    classified = w.count(dist.classified, source)
    parts = []
    for classification in Classification:
        n = dist.counts.get(classification, 0)
        if not n:
            continue
        share = Fraction(n, dist.classified)
        rate = Figure(text=format_percent(share, 1), value=share.numerator,
                      denominator=share.denominator, source=f"{source}.{classification.value}")
        parts.append(f"{w.count(n, f'{source}.{classification.value}')} "
                     f"{_CLASSIFICATION_WORDS.get(classification, classification.value)} "
                     f"({w.figure(rate)})")
    w.add(f"Kết quả học tập của {classified} học viên được xếp loại: {', '.join(parts)}")
    unclassified = dist.reported - dist.classified  # in classes whose results are known
    if unclassified > 0:
        w.add(f"; {w.count(unclassified, source)} học viên chưa có xếp loại")
    w.add(".")
    return w.paragraph()


def _notes(facts: _Facts) -> list[Paragraph]:
    """The reconciliation notes: printed figures the data does not give, and
    the plans the data derives from printed percentages."""
    notes = []
    period = facts.period
    from cadretrain.figures import check_figures

    for check in check_figures(facts.dataset, period=period):
        if check.reproduced:
            continue
        fig = check.figure
        notes.append(Paragraph(spans=(Span(
            text=f"Số liệu đã in “{fig.quote}” ({fig.source}): {check.describe('vi')}; báo "
                 "cáo này dùng số liệu của dữ liệu."),)))
    reports = {f.source for f in facts.dataset.figures}
    for plan in facts.dataset.plans:
        if period is not None and not (period[0] <= plan.period_start
                                       and plan.period_end <= period[1]):
            continue
        if plan.source in reports:
            course = ", ".join(facts.course(c) for c in sorted(plan.types))
            note = f" {plan.note}" if plan.note else ""
            notes.append(Paragraph(spans=(Span(
                text=f"Kế hoạch lớp {course} ({plan.id}) không có trong văn bản nguồn mà được "
                     f"suy ra từ tỷ lệ % đã in.{note}"),)))
    return notes


# ------------------------------------------------------------------ entry


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
    year = f" {period_label(period)}" if period else (f" năm {meta.year}" if meta.year else "")
    subject = meta.title or f"kết quả công tác đào tạo, bồi dưỡng{year}"
    place_date = ", ".join(p for p in (meta.place, format_date(meta.date) if meta.date else "")
                           if p)
    sections: list[Section] = []

    def add(key: str, heading: str, paragraphs: Sequence[Paragraph], origin: str) -> None:
        if paragraphs:
            sections.append(Section(key=key, number=_ROMAN[len(sections)], heading=heading,
                                    paragraphs=tuple(paragraphs), origin=origin))

    add("situation", SECTION_NAMES["situation"], parse_markdown(meta.sections.situation),
        "office")
    add("results", "Kết quả đạt được", _results(facts, tab, root), "data")
    add("limitations", SECTION_NAMES["limitations"], parse_markdown(meta.sections.limitations),
        "office")
    add("tasks", SECTION_NAMES["tasks"], parse_markdown(meta.sections.tasks), "office")
    appendix_title = (f"Kết quả thực hiện kế hoạch đào tạo, bồi dưỡng{year}"
                      + (f" (kèm theo Báo cáo số {meta.number})"
                         if meta.number and not meta.number.startswith("-") else ""))
    return ReportDocument(
        kind="Báo cáo", superior=meta.superior, issuer=meta.issuer, number=meta.number,
        number_line=_number_line(meta.number), place=meta.place, date=meta.date,
        place_date=place_date, title=subject[:1].upper() + subject[1:],
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        opening=_opening(facts, meta, issuer_name, _lower_first(
            subject if re.match(r"(?i)(kết quả|tình hình|công tác)\b", subject)
            else f"kết quả công tác đào tạo, bồi dưỡng{year}")),
        sections=tuple(sections), appendix=tab.appendix(appendix_title),
        notes=tuple(_notes(facts)), findings=_findings_table(findings),
        signature=Signature(authority=meta.authority, title=meta.signer_title,
                            name=meta.signer),
        recipients=meta.recipients or ("Lưu Văn phòng.",),
        comparison=_comparison(facts), partners=_partner_table(facts),
    )


def _number_line(number: str) -> str:
    if not number:
        return ""
    return f"Số {'      ' if number.startswith('-') else ''}{number}"


_SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}


def finding_text(f: Finding) -> str:
    """A finding as the report's table states it: the message, then the text
    it rests on (each document, article and quoted sentence), so that a reader
    can check it against the regulation."""
    if not f.basis:
        return f"{f.message_vi}. Căn cứ: {f.regulation}."
    cited = "; ".join(f"{c.document}, {c.article}: “{c.quote}”" for c in f.basis)
    return f"{f.message_vi}. Căn cứ: {cited}"


def _findings_table(findings: object | None) -> ReportTable | None:
    from cadretrain.rules.findings import CheckResult

    if not isinstance(findings, CheckResult) or not findings.findings:
        return None
    rows = tuple(
        (Cell(text=str(i)), Cell(text=_SEVERITY_VI.get(f.severity.value, f.severity.value)),
         Cell(text=f"{f.person_name} ({f.organization})"), Cell(text=finding_text(f)))
        for i, f in enumerate(findings.findings, start=1))
    return ReportTable(
        heading="PHỤ LỤC", title=(
            f"Kết quả rà soát theo quy định (ngày {findings.on:%d/%m/%Y}, bộ quy tắc phiên bản "
            f"{findings.ruleset_version}): {format_count(len(findings.findings))} trường hợp"),
        columns=("TT", "Mức độ", "Đối tượng", "Nội dung"), rows=rows)


def report_data(document: ReportDocument) -> dict[str, object]:
    """The report as plain JSON data, every field present (dates as
    ``YYYY-MM-DD``, kinds as their names): what the JSON export writes under
    ``report`` and what a Word template sees (docs/word.md lists the names;
    ``schema/report-context.schema.json`` is its JSON Schema)."""

    def value(_: object, __: object, v: object) -> object:
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
