"""The same period a year earlier: "kỳ này / cùng kỳ năm trước / %".

:func:`year_on_year` sets a period's attainment rows beside those of the same
period a year earlier, matched by organization and course types, as the
statistical forms of party work lay them out.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from attrs import evolve, frozen

from cadretrain.attainment import (
    Attainment,
    AttainmentLine,
    Grouping,
    _bounds,
    _plan_choice,
    attainment,
)
from cadretrain.model import Dataset, Measure
from cadretrain.periods import Period

__all__ = ["Comparison", "YearOnYear", "year_on_year"]


@frozen(kw_only=True)
class Comparison:
    """One row of this period beside the same period a year earlier ("kỳ này /
    cùng kỳ năm trước / %", as the statistical forms of party work lay it out).
    A row that exists in only one period has zeros in the other."""

    organization: str | None
    course_types: tuple[str, ...]
    current: AttainmentLine
    previous: AttainmentLine

    def change(self, measure: Measure) -> Fraction | None:
        """This period's activity over the earlier one's (1 is 100%); None
        when the earlier period had none."""
        before = self.previous.of(measure).actual
        if not before:
            return None
        return Fraction(self.current.of(measure).actual, before)


@frozen(kw_only=True)
class YearOnYear:
    """A period's rows beside the same period a year earlier, and the totals."""

    period: tuple[date, date]
    previous_period: tuple[date, date]
    rows: tuple[Comparison, ...]
    total: Comparison


def year_on_year(dataset: Dataset, period: Period, *,
                 by: Grouping = "course-type") -> YearOnYear:
    """The attainment rows of ``period`` and of the same period a year
    earlier (:func:`cadretrain.periods.same_period_last_year`), matched by
    organization and course types, in this period's order (rows found only a
    year earlier after them)."""
    from cadretrain.periods import same_period_last_year

    span = _bounds(period)
    assert span is not None
    earlier = same_period_last_year(span)
    now = attainment(dataset, period=span, by=by)
    # The earlier period is counted with this period's plans, moved a year
    # back, so that its rows group course types and organizations as this
    # period's do (a year without plans would otherwise be grouped otherwise).
    chosen, _partly = _plan_choice(dataset.plans, span)
    moved = []
    for plan in chosen:
        start, end = same_period_last_year((plan.period_start, plan.period_end))
        moved.append(evolve(plan, period_start=start, period_end=end))
    then = attainment(evolve(dataset, plans=tuple(moved)), period=earlier, by=by)
    empty = Attainment(planned=None, actual=0, actual_planned=0)

    def key(line: AttainmentLine) -> tuple[str | None, tuple[str, ...]]:
        return line.organization, line.course_types

    def blank(line: AttainmentLine) -> AttainmentLine:
        return AttainmentLine(organization=line.organization, course_type=line.course_type,
                              classes=empty, learners=empty, course_types=line.course_types)

    before = {key(ln): ln for ln in then.rows}
    current = {key(ln): ln for ln in now.rows}
    rows = [Comparison(organization=ln.organization, course_types=ln.course_types,
                       current=ln, previous=before.get(key(ln)) or blank(ln))
            for ln in now.rows]
    rows += [Comparison(organization=ln.organization, course_types=ln.course_types,
                        current=blank(ln), previous=ln)
             for ln in then.rows if key(ln) not in current]
    return YearOnYear(
        period=span, previous_period=earlier, rows=tuple(rows),
        total=Comparison(organization=None, course_types=(), current=now.total,
                         previous=then.total),
    )
