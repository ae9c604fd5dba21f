"""Reconciliation: the printed figures the data does not reproduce, and the
precision a report prints each percentage with.

:func:`reconcile` gives every printed figure of a dataset that the data does
not give at the printed precision, as a :class:`Discrepancy` (what was
printed, what the data gives, why); the checking itself is
:func:`cadretrain.figures.check_figure`. :func:`figure_decimals` and
:func:`printed_precision` say how many decimals a line's percentage is
printed with, so that cadretrain prints it as the office does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import field, frozen

from cadretrain.attainment import AttainmentLine, AttainmentTable, OrganizationTree, _language
from cadretrain.formatting import format_count, format_percent
from cadretrain.i18n import N_, _, language, translate
from cadretrain.inference import printed_decimals, printed_text
from cadretrain.model import Dataset, Measure, PrintedFigure

if TYPE_CHECKING:
    from cadretrain.figures import FigureCheck

__all__ = ["Discrepancy", "computed_figure", "figure_decimals", "printed_precision",
           "reconcile"]


def figure_decimals(ds: Dataset, table: AttainmentTable, line: AttainmentLine,
                    measure: Measure) -> int | None:
    """The decimals the source reports print this line's percentage with, if
    any: the precision rule of every percentage cadretrain prints by default.

    A figure states it when it has the same measure and period, names exactly
    the course types whose plans the line counts, and its scope is the line's
    organization (for a row across organizations: any scope holding them all).
    When no figure of the table's period states it, a figure of the same line
    in another period does (the one whose period ends nearest): the office
    prints the line so ("đạt 147%" in the year's report gives the six months'
    "đạt 147%", not "147,4%"). None when neither exists (the caller's default
    then applies: one decimal, as Hướng dẫn 36-HD/VPTW writes "162,5%").
    """
    tree = OrganizationTree(ds.organizations)
    if line.organization is not None and line.course_types:
        parts = [line]
    else:
        parts = [
            ln for ln in table.lines
            if (not line.course_types or ln.course_types == line.course_types)
            and (line.organization is None
                 or tree.within(ln.organization or "", line.organization))
        ]
    planned = [ln for ln in parts if ln.of(measure).planned is not None]
    types: set[str] = set().union(*(ln.course_types for ln in planned))
    return printed_precision(
        (fig for fig in ds.figures
         if fig.measure is measure and set(fig.course_types) == types
         and (line.organization is None or fig.scope == line.organization)
         and all(tree.within(ln.organization or "", fig.scope) for ln in planned)),
        table.period)


def printed_precision(figures: Iterable[PrintedFigure],
                      period: tuple[date, date] | None) -> int | None:
    """The decimals of the printed figure of ``figures`` (each stating the
    same thing) of ``period``, else of the one whose period ends nearest to
    it; None when there is none. Reports print a line's percentage with the
    same precision from one period to the next."""
    nearest: tuple[int, int] | None = None  # (days between period ends, decimals)
    for fig in figures:
        if period is None or (fig.period_start, fig.period_end) == period:
            return printed_decimals(fig.value)
        distance = abs((fig.period_end - period[1]).days)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, printed_decimals(fig.value))
    return None if nearest is None else nearest[1]


@frozen(kw_only=True)
class Discrepancy:
    """A printed figure that the data does not give at the printed precision.

    ``computed`` is exact (a count, or a ratio as a Fraction of 1); None when
    the data gives no value (a percentage with no plan). ``unachievable`` is
    set for a printed percentage that no whole count can produce over the
    data's denominator. ``check`` is the full check it comes from
    (:class:`cadretrain.figures.FigureCheck`: kind, status, reason,
    consistent plans).
    """

    figure: str
    source: str
    quote: str
    measure: Measure
    printed: Decimal
    computed: Fraction | int | None
    unachievable: bool = False
    check: FigureCheck | None = field(default=None, eq=False, repr=False)

    @classmethod
    def of(cls, check: FigureCheck) -> Discrepancy:
        from cadretrain.figures import FigureStatus

        f = check.figure
        return cls(figure=f.id, source=f.source, quote=f.quote, measure=f.measure,
                   printed=f.value, computed=check.computed,
                   unachievable=check.status is FigureStatus.UNACHIEVABLE, check=check)

    def describe(self, locale: str | None = None) -> str:
        """What was printed against what the data gives, in the words and
        number format of ``locale`` (``vi`` or ``en``): ``in 147%, dữ liệu
        cho 146,9%``. A computed percentage shows one decimal more than the
        printed one, so the reader sees why the two differ."""
        locale = _language(locale)
        if self.check is not None:
            return self.check.describe(locale)
        places = printed_decimals(self.printed)
        percent = self.measure.is_percent
        printed = printed_text(self.printed, percent, locale)
        if self.computed is None:
            computed = translate(N_("not computable"), locale)
        elif percent:
            computed = format_percent(self.computed, places + 1, locale)
        else:
            computed = format_count(int(self.computed), locale)
        with language(locale):
            return _("printed {printed}, data gives {computed}").format(
                printed=printed, computed=computed)


def computed_figure(dataset: Dataset, figure: PrintedFigure) -> Fraction | int | None:
    """What the data gives for ``figure``: a count, or a ratio (1 is 100%);
    None when it cannot be computed (see :func:`cadretrain.figures.check_figure`)."""
    from cadretrain.figures import check_figure

    return check_figure(dataset, figure).computed


def reconcile(dataset: Dataset) -> tuple[Discrepancy, ...]:
    """Every printed figure the data does not reproduce at the printed precision
    (differs, unachievable or not computable), in the dataset's order."""
    from cadretrain.figures import check_figures

    return tuple(Discrepancy.of(c) for c in check_figures(dataset) if not c.reproduced)


