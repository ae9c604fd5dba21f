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
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from attrs import evolve, frozen
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from cadretrain._collector import paused
from cadretrain._version import __version__
from cadretrain.atomic import SOURCE_DATE_EPOCH, Target, document_time, output
from cadretrain.attainment import Period, Status, attainment
from cadretrain.catalog import course_catalog, course_names
from cadretrain.exporters.xlsx.layout import (
    COMPARISON_SHEET,
    DATE_FORMAT,
    FINDINGS_SHEET,
    LIST_SEPARATOR,
    PARTNERS_SHEET,
    PLAN_SHEET,
    SOURCE_SHEET,
    Column,
    SheetLayout,
    bool_label,
    data_sheets,
    label_of,
    sheet_name,
)
from cadretrain.exporters.xlsx.layout import (
    TITLE_LABEL as TITLE_LABEL,  # the old name of the module (xlsx_export)
)
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    FONT_NAME,
    TableWriter,
    styled_cell,
    text_cell,
)
from cadretrain.formatting import format_date
from cadretrain.i18n import N_, _, current_language, pgettext, translate
from cadretrain.model import Dataset
from cadretrain.periods import period_label
from cadretrain.progress import counted
from cadretrain.readers.json_toml import to_dict
from cadretrain.rules.findings import CheckResult

if TYPE_CHECKING:
    from cadretrain.report import Cell, ReportDocument, ReportTable

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

#: The headers of the plan sheet (msgids; translated when written).
PLAN_HEADERS = (
    N_("No."), N_("Course type"), N_("Unit"),
    N_("Plan (classes)"), N_("Actual (classes)"), N_("Attained (classes)"),
    N_("Plan (learners)"), N_("Actual (learners)"), N_("Attained (learners)"), N_("Note"),
)
PLAN_KINDS = ("int", "text", "text", "int", "int", "percent", "int", "int", "percent", "text")
#: Columns of the plan sheet (letters): plan, actual and attainment of each measure.
ATTAINMENT_COLUMNS = {"classes": ("D", "E", "F"), "learners": ("G", "H", "I")}


@frozen(kw_only=True)
class PlanLine:
    """One line of :func:`cadretrain.attainment.attainment`: a planning
    organization and a course type, with plan and actual of both measures.
    ``None`` where no plan sets a figure for that measure."""

    organization: str
    organization_name: str
    course_type: str
    course_name: str
    planned_classes: int | None
    actual_classes: int
    planned_learners: int | None
    actual_learners: int
    note: str | None = None


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


# ------------------------------------------------------------------ plan lines

#: The statuses a plan line's note names (in Status.label's words).
_NOTED = (Status.OUTSIDE_PLAN, Status.PLAN_OF_ZERO)


def plan_lines(dataset: Dataset, period: Period | None = None) -> list[PlanLine]:
    """The lines of the plan sheet: the base lines of
    :func:`cadretrain.attainment.attainment` (planning organization × course
    type, and activity no plan covers), in its order and with its counting
    rules, so that every formula of the sheet recalculates to its figure."""
    catalog = course_catalog(dataset)
    orgs = {o.id: o for o in dataset.organizations}
    lines = []
    for line in attainment(dataset, period=period).lines:
        org_id = line.organization or ""
        org = orgs.get(org_id)
        statuses = {line.classes.status, line.learners.status}
        notes = [s.label() for s in sorted(statuses & set(_NOTED), key=str)]
        if line.plan_period is not None:
            notes.append(_("against the plan of {period}").format(
                period=period_label(line.plan_period, current_language())))
        lines.append(PlanLine(
            organization=org_id,
            organization_name=(org.short_name or org.name) if org else org_id,
            course_type=", ".join(line.course_types),
            course_name=course_names(catalog, line.course_types, current_language()),
            planned_classes=line.classes.planned,
            actual_classes=line.classes.actual,
            planned_learners=line.learners.planned,
            actual_learners=line.learners.actual,
            note="; ".join(notes) or None,
        ))
    return lines


def _write_plan_sheet(wb: Workbook, lines: Sequence[PlanLine]) -> None:
    table = TableWriter(wb, sheet_name(PLAN_SHEET), [translate(h) for h in PLAN_HEADERS],
                        PLAN_KINDS,
                        widths=(5, 40, 14, 10, 10, 10, 11, 11, 11, 16))
    rows = []
    for i, line in enumerate(lines):
        r = i + 2
        rows.append((
            i + 1, line.course_name, line.organization_name,
            line.planned_classes, line.actual_classes, f'=IF(D{r}=0,"",E{r}/D{r})',
            line.planned_learners, line.actual_learners, f'=IF(G{r}=0,"",H{r}/G{r})',
            line.note,
        ))
    first, last = 2, len(lines) + 1
    ws = table.ws
    bold = BOLD

    def total(col: str) -> Any:
        return styled_cell(ws, f"=SUM({col}{first}:{col}{last})", "#,##0", font=bold)

    def total_plan(col: str) -> Any:
        # Empty, not 0, while no line has a plan for the measure: a plan total
        # of 0 reads as "planned none" ("kế hoạch 0"), which nobody decided.
        cells = f"{col}{first}:{col}{last}"
        return styled_cell(ws, f'=IF(COUNT({cells})=0,"",SUM({cells}))', "#,##0", font=bold)

    def attained(plan: str, actual: str) -> Any:
        # Only what was done against a plan counts towards the total's attainment.
        formula = (f'=IF(SUM({plan}{first}:{plan}{last})=0,"",'
                   f'SUMIF({plan}{first}:{plan}{last},"<>",{actual}{first}:{actual}{last})'
                   f"/SUM({plan}{first}:{plan}{last}))")
        return styled_cell(ws, formula, "0.0%", font=bold)

    # Every measure gets its total plan and attainment as formulas, whether or
    # not the data has plans for it: a plan typed into an empty cell gives its
    # line's percentage and the total's (both stay empty while no plan is set).
    footer = [(None, styled_cell(ws, _("Total"), font=bold), None,
               total_plan("D"), total("E"), attained("D", "E"),
               total_plan("G"), total("H"), attained("G", "H"),
               # The total's rate counts only lines with a plan; say so, since
               # its "Thực hiện" also counts the lines without one.
               styled_cell(ws, _("The rates count only the lines with a plan")))] \
        if lines else []
    table.write(rows, footer)
    if lines:
        # Below the table, so that it prints on the same page width.
        below = len(lines) + 4
        _add_chart(table, lines, "classes", _("Classes: plan and actual"), f"B{below}")
        if any(line.planned_learners is not None for line in lines):
            # Below the first chart (a row is about 0.5 cm): side by side they
            # would not fit a page width.
            rows_of_chart = int(_chart_height(lines) / 0.5) + 2
            _add_chart(table, lines, "learners", _("Learners: plan and actual"),
                       f"B{below + rows_of_chart}")


def _chart_height(lines: Sequence[PlanLine]) -> float:
    """Centimetres: room for the title, the axis and the legend, and a pair of bars a line."""
    return 4.0 + 1.2 * len(lines)


def _add_chart(table: TableWriter, lines: Sequence[PlanLine], measure: str, title: str,
               anchor: str) -> None:
    plan_col = ATTAINMENT_COLUMNS[measure][0]
    col = {"D": 4, "G": 7}[plan_col]
    chart = BarChart()
    # Horizontal bars: course type names are long, and read best on the left.
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = title
    chart.x_axis.scaling.orientation = "maxMin"  # first line at the top, as in the table
    chart.y_axis.crosses = "max"  # and the value axis at the bottom
    chart.y_axis.title = pgettext("unit", "classes") if measure == "classes" \
        else pgettext("unit", "learners")
    chart.y_axis.numFmt = "#,##0"
    chart.y_axis.majorGridlines = None
    # openpyxl hides both axes unless told otherwise (delete=True by default in 3.1).
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    last = len(lines) + 1
    data = Reference(table.ws, min_col=col, max_col=col + 1, min_row=1, max_row=last)
    categories = Reference(table.ws, min_col=2, max_col=2, min_row=2, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.legend.position = "b"
    chart.height, chart.width = _chart_height(lines), 22.0
    table.ws.add_chart(chart, anchor)


# -------------------------------------------------- comparison and partners


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


# ------------------------------------------------------------------ data sheets


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Vowel marks that make a letter of its own (ă â ê ô ơ ư), and the tones in
# dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(
            c for c in parts if not unicodedata.combining(c) or c in _LETTER_MARKS))
        tone = max((_TONES.get(c, 0) for c in parts), default=0)
        index = _ALPHABET.find(base)
        letters.append(index if index >= 0 else len(_ALPHABET) + ord(base[0]))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def _fallback_name_key(name: str) -> tuple[Any, ...]:
    """Vietnamese name order: the given name (last word) first, then the family
    and middle names; letters by the Vietnamese alphabet (đ after d), then tones."""
    words = unicodedata.normalize("NFC", name).casefold().split()
    ordered = [words[-1], *words[:-1]] if words else [""]
    keys = [_word_key(w) for w in ordered]
    return (tuple(k[0] for k in keys), tuple(k[1] for k in keys), name)


def name_sort_key() -> Callable[[str], Any]:
    """The key rosters are sorted by: Vietnamese name order."""
    try:  # the project's Vietnamese collation, once it is there
        from cadretrain.collation import (  # type: ignore[import-not-found,unused-ignore]
            name_sort_key as project_key,
        )
    except ImportError:
        return _fallback_name_key
    key: Callable[[str], Any] = project_key
    return key


def _cell_value(column: Column, value: Any, present: bool) -> Any:
    """The value a data cell holds for the plain-data ``value``."""
    kind = column.kind
    if value is None:
        # A bool inside a record that is there is False, which plain data leaves out.
        return bool_label(False) if kind == "bool" and present else None
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bool":
        return bool_label(bool(value))
    if kind == "ids":
        return LIST_SEPARATOR.join(value)
    if kind.startswith("enum:"):
        return label_of(kind[5:], value)
    return value


#: Reads a cell's value from a record of plain data and its parent's id.
_CellReader = Callable[[Mapping[str, Any], str | None], Any]


def _cell_reader(column: Column, names: Mapping[str, str],
                 statuses: Mapping[str, str]) -> _CellReader:
    """How the cells of ``column`` are read from a record, decided once per
    sheet rather than for every one of a million cells."""
    field = column.field
    if field == "":
        return lambda record, parent_id: parent_id
    if field == "~status":
        return lambda record, parent_id: statuses.get(record.get("id", ""))
    if field == "~person_name":
        def person_name(record: Mapping[str, Any], parent_id: str | None) -> Any:
            person = record.get("person", parent_id)
            return names.get(person) if isinstance(person, str) else None
        return person_name
    if "." in field:
        outer, inner = field.split(".", 1)

        def nested_value(record: Mapping[str, Any], parent_id: str | None) -> Any:
            nested = record.get(outer)
            return _cell_value(column, nested.get(inner) if nested is not None else None,
                               nested is not None)
        return nested_value
    if column.kind in ("text", "int", "decimal"):  # written as plain data has them
        return lambda record, parent_id: record.get(field)
    if column.kind == "date":
        return lambda record, parent_id: (None if (value := record.get(field)) is None
                                          else date.fromisoformat(value))
    return lambda record, parent_id: _cell_value(column, record.get(field), True)


def _row_reader(layout: SheetLayout, names: Mapping[str, str],
                statuses: Mapping[str, str]) -> Callable[[Mapping[str, Any], str | None],
                                                         list[Any]]:
    """The row of a data sheet for a record and its parent's id."""
    readers = [_cell_reader(column, names, statuses) for column in layout.columns]
    return lambda record, parent_id: [read(record, parent_id) for read in readers]


_PARENTS = {"classes": N_("classes"), "people": N_("people"),
            "organizations": N_("organizations")}


def data_sheet_rows(layout: SheetLayout, data: Mapping[str, Any],
                    name_key: Callable[[str], Any] | None = None,
                    statuses: Mapping[str, str] | None = None) -> Iterator[list[Any]]:
    """The rows of a data sheet for a dataset given as plain data
    (:func:`cadretrain.readers.json_toml.to_dict`). Rosters are in Vietnamese name order.
    ``statuses`` gives, by printed figure id, what the reconciliation says of
    it (the figures sheet's status column)."""
    names = {p["id"]: p["full_name"] for p in data.get("people", ())}
    row = _row_reader(layout, names, statuses or {})
    if layout.parent is None:
        for record in counted(data.get(layout.section, ()), N_("rows")):
            yield row(record, None)
        return
    parent_section = next(s.section for s in data_sheets() if s.name == layout.parent)
    name_order = name_key or name_sort_key()
    # A person is on several rosters; the collation key of a name (~40 µs) is
    # made once per name, not once per enrollment (1,000,000 at national scale).
    keys: dict[str, Any] = {}

    def key(name: str) -> Any:
        found = keys.get(name)
        if found is None:
            found = keys[name] = name_order(name)
        return found

    # The rows of a roster are counted by the records they belong to (classes, people).
    for parent in counted(data.get(parent_section, ()), _PARENTS.get(parent_section, N_("rows"))):
        children = parent.get(layout.section) or ()
        if layout.section == "enrollments":
            children = sorted(children, key=lambda e: key(names.get(e["person"], "")))
        for child in children:
            yield row(child, parent["id"])


def as_read_back(dataset: Dataset) -> Dataset:
    """``dataset`` as reading its workbook back gives it: each class's roster
    in the order the workbook shows it (Vietnamese name order), and a class
    with an empty roster as a class without roster whose learner count is 0."""
    key = name_sort_key()
    names = {p.id: p.full_name for p in dataset.people}
    classes = tuple(
        evolve(cls, enrollments=tuple(sorted(cls.enrollments,
                                             key=lambda e: key(names.get(e.person, "")))))
        if cls.enrollments
        else evolve(cls, enrollments=None, learner_count=cls.learner_count or 0)
        if cls.enrollments is not None else cls
        for cls in dataset.classes
    )
    return evolve(dataset, classes=classes)


_WRITE_KINDS = {"int": "int", "decimal": "decimal", "date": "date"}


def write_data_sheet(wb: Workbook, layout: SheetLayout, rows: Iterable[Sequence[Any]]) -> int:
    """Write one data sheet from its rows (streamed); returns the row count."""
    table = TableWriter(
        wb, layout.name, [c.header for c in layout.columns],
        [_WRITE_KINDS.get(c.kind, "text") for c in layout.columns],
        widths=[c.width for c in layout.columns],
    )
    return table.write(rows)


def _for_export(data: dict[str, Any]) -> dict[str, Any]:
    """A class with an empty roster and no count is written with the count 0:
    the workbook has no way to show an empty roster."""
    for cls in data.get("classes", ()):
        if cls.get("enrollments") == [] and "learner_count" not in cls:
            cls["learner_count"] = 0
    return data


# ------------------------------------------------------------ findings, source


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


# -------------------------------------------------------------------- workbook


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
