"""The sheet of plan against actual (``Kế hoạch - Thực hiện``): one row per attainment
line, live formulas for the rates and totals, and the bar charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook import Workbook

from cadretrain.attainment import Period, Status, attainment
from cadretrain.catalog import course_catalog, course_names
from cadretrain.exporters.xlsx.layout import (
    PLAN_SHEET,
    sheet_name,
)
from cadretrain.exporters.xlsx.writing import (
    BOLD,
    TableWriter,
    styled_cell,
)
from cadretrain.i18n import N_, _, current_language, pgettext, translate
from cadretrain.model import Dataset
from cadretrain.periods import period_label

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
