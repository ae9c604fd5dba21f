"""Every printed figure of a dataset, checked against the data.

A report prints counts ("120 lớp"), attainment against a plan ("đạt 102% kế
hoạch"), progress against a longer plan ("đạt 75% kế hoạch năm" after six
months), shares of a population ("7.950/8.000 đảng viên ..., đạt 99,38%"),
result distributions ("12 giỏi (25,5%)"), change against the same period a
year earlier ("tăng 12% so với cùng kỳ", "bằng 105% so với cùng kỳ năm
trước") and bounds ("trên 85%"). A
:class:`~cadretrain.model.PrintedFigure` records one such figure with its
source and quote; :func:`check_figure` computes what the data gives for it
and says whether the two agree, as a :class:`FigureCheck`.

Ratios are exact :class:`~fractions.Fraction` values; a percentage agrees
when the exact value, rounded half up at the printed precision, is what was
printed. A bound holds when the exact value lies on its side.

Why one module of over 450 lines: the kinds, statuses and reasons of a
printed figure and its check are one dispatch on the figure's measure, read
together; each kind's own computation lives in its module
(:mod:`cadretrain.attainment`, :mod:`cadretrain.population`,
:mod:`cadretrain.distribution`, :mod:`cadretrain.partners`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from attrs import evolve, frozen

from cadretrain.attainment import OrganizationTree
from cadretrain.distribution import result_distribution
from cadretrain.formatting import format_count, format_percent, round_half_up
from cadretrain.i18n import N_, Language, _, language, pgettext, translate
from cadretrain.inference import (
    PlanRange,
    achievable,
    consistent_plans,
    printed_decimals,
    printed_text,
)
from cadretrain.model import (
    Bound,
    Change,
    Classification,
    Dataset,
    Measure,
    Plan,
    PrintedFigure,
)
from cadretrain.periods import Period, bounds, contains, period_label, same_period_last_year
from cadretrain.population import attendance, member_count_on
from cadretrain.selection import ActivityIndex, Selection, select

__all__ = [
    "FigureCheck",
    "FigureKind",
    "FigureStatus",
    "InferredPlans",
    "Reason",
    "check_figure",
    "check_figures",
    "figure_data",
    "figure_kind",
    "status_label",
]


class FigureKind(enum.Enum):
    """What a printed figure states."""

    COUNT = "count"  #: classes or learners held (số lớp, số học viên)
    ATTAINMENT = "attainment"  #: % of the plan of the same period
    PROGRESS = "progress"  #: % of the plan of a longer period (kế hoạch năm)
    SHARE = "share"  #: members (or non-members) reached, or their share
    DISTRIBUTION = "distribution"  #: learners by result classification
    CHANGE = "change"  #: against the same period a year earlier (bằng / tăng / giảm %)


class FigureStatus(enum.Enum):
    """What the data says of a printed figure."""

    AGREES = "agrees"  #: the data gives the printed figure (a bound holds)
    DIFFERS = "differs"  #: the data gives another figure (a bound fails)
    UNACHIEVABLE = "unachievable"  #: no whole count gives the printed percentage
    NOT_COMPUTABLE = "not-computable"  #: the data cannot give it: see :class:`Reason`


class Reason(enum.Enum):
    """Why a figure is not computable."""

    NO_PLAN = "no-plan"  #: no plan of the period (or a longer one) for it
    PLAN_OF_ZERO = "plan-of-zero"  #: the plan is 0
    NO_MEMBER_COUNT = "no-member-count"  #: no member count on or before the date
    PARTY_STATUS_UNKNOWN = "party-status-unknown"  #: learners whose party status is unknown
    NO_LEARNERS = "no-learners"  #: the selected classes have no learners
    UNCLASSIFIED = "unclassified"  #: learners without a result classification
    #: no classes (or learners) in the same period a year earlier
    NO_EARLIER_ACTIVITY = "no-earlier-activity"

    def describe(self, locale: str = "vi") -> str:
        return translate(_REASONS[self], _lang(locale))


def _lang(locale: str) -> Language:
    return "en" if locale.split("_")[0] == "en" else "vi"


_REASONS = {
    Reason.NO_PLAN: N_("no plan"),
    Reason.PLAN_OF_ZERO: N_("the plan is 0"),
    Reason.NO_MEMBER_COUNT: N_("no member count of the organization on or before that day"),
    Reason.PARTY_STATUS_UNKNOWN: N_("some learners' party status is not known"),
    Reason.NO_LEARNERS: N_("the classes have no learners"),
    Reason.UNCLASSIFIED: N_("some learners have no result classification"),
    Reason.NO_EARLIER_ACTIVITY: N_("no classes or learners in the same period a year earlier"),
}


def figure_kind(figure: PrintedFigure, plan_period: tuple[date, date] | None = None) -> FigureKind:
    """The kind of a printed figure (``plan_period``: a longer plan's period,
    which makes an attainment figure progress)."""
    measure = figure.measure
    if measure in (Measure.CLASSES, Measure.LEARNERS):
        return FigureKind.COUNT
    if measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT):
        return FigureKind.ATTAINMENT if plan_period is None else FigureKind.PROGRESS
    if measure in (Measure.RESULT_COUNT, Measure.RESULT_SHARE):
        return FigureKind.DISTRIBUTION
    if measure in _CHANGE_MEASURES:
        return FigureKind.CHANGE
    return FigureKind.SHARE


_CHANGE_MEASURES = (Measure.CLASSES_CHANGE, Measure.LEARNERS_CHANGE)


@frozen(kw_only=True)
class InferredPlans:
    """The whole plans a printed percentage allows, counted in ``unit``
    (``classes`` or ``learners``) over the ``actual`` count the data gives."""

    unit: str
    actual: int
    plans: PlanRange


@frozen(kw_only=True)
class FigureCheck:
    """One printed figure against the data.

    ``figure`` is the record (its ``id``, ``source``, ``quote``: where it was
    printed). ``computed`` is what the data gives, exactly: a count, or a
    ratio as a Fraction of 1 (1 is 100%); for a ratio, ``numerator`` and
    ``denominator`` are the whole counts behind it (not reduced). None when
    the data cannot give it (``reason`` says why; a share with learners of
    unknown party status keeps its lower bound in ``numerator``).
    ``plan_period`` is the longer plan's period of a progress figure;
    ``previous_period`` the same period a year earlier of a change figure
    (whose ``numerator`` and ``denominator`` are: this period's count and
    the earlier one's for a ratio, their difference and the earlier count
    for an increase or a decrease).
    ``consistent`` lists, for a percentage of a plan, the whole plans that
    give the printed percentage, in classes and in learners.
    ``unknown`` counts learners whose party status or result is not known.
    """

    figure: PrintedFigure
    kind: FigureKind
    status: FigureStatus
    computed: Fraction | int | None
    numerator: int | None = None
    denominator: int | None = None
    reason: Reason | None = None
    plan_period: tuple[date, date] | None = None
    previous_period: tuple[date, date] | None = None
    consistent: tuple[InferredPlans, ...] = ()
    unknown: int = 0

    @property
    def printed(self) -> Decimal:
        return self.figure.value

    @property
    def bound(self) -> Bound | None:
        return self.figure.bound

    @property
    def reproduced(self) -> bool:
        """Whether the data gives the figure as printed."""
        return self.status is FigureStatus.AGREES

    def describe(self, locale: str = "vi", *, plans: bool = True) -> str:
        """What was printed against what the data gives, in the words and
        number format of ``locale``: ``in 147%, dữ liệu cho 146,9%``; a
        computed percentage shows one decimal more than the printed one.
        With ``plans``, a percentage that is not computable or unachievable
        also gives the whole plans consistent with it, in its own unit."""
        with language(_lang(locale)):
            return self._describe(locale, plans)

    def _describe(self, locale: str, plans: bool) -> str:
        figure = self.figure
        places = printed_decimals(figure.value)
        percent = figure.measure.is_percent
        printed = printed_text(figure.value, percent, locale)
        if figure.measure in _CHANGE_MEASURES:
            printed = _change_words(figure.change or Change.RATIO).format(value=printed)
        if figure.bound is not None:
            printed = _bound_words(figure.bound).format(value=printed)
        if self.computed is None:
            text = (_("printed {printed}, not computable ({reason})").format(
                printed=printed, reason=self.reason.describe(locale)) if self.reason else
                _("printed {printed}, not computable").format(printed=printed))
        else:
            computed = (format_percent(self.computed, places + 1, locale) if percent
                        else format_count(int(self.computed), locale))
            text = _("printed {printed}, data gives {computed}").format(
                printed=printed, computed=computed)
        if self.plan_period is not None:
            text += " (" + _("against the plan of {period}").format(
                period=period_label(self.plan_period, locale)) + ")"
        if self.previous_period is not None:
            text += " (" + pgettext("earlier period", "against {period}").format(
                period=period_label(self.previous_period, locale)) + ")"
        if self.status is FigureStatus.UNACHIEVABLE:
            text += "; " + _("no whole count gives this percentage")
        if plans and (self.computed is None or self.status is FigureStatus.UNACHIEVABLE):
            for inferred in self.consistent:
                if inferred.unit == _unit_of(figure.measure):
                    unit = (pgettext("unit", "classes") if inferred.unit == "classes"
                            else pgettext("unit", "learners"))
                    text += "; " + _("plans that give the printed percentage: {plans}").format(
                        plans=inferred.plans.describe(unit, locale))
        return text


def _change_words(change: Change) -> str:
    """``{value}`` with the words of a change ("tăng 12%", "up 12%")."""
    if change is Change.INCREASE:
        return _("up {value}")
    if change is Change.DECREASE:
        return _("down {value}")
    return pgettext("a ratio to the year before", "{value}")  # "bằng 95%"


def _bound_words(bound: Bound) -> str:
    """``{value}`` with the words of a bound ("trên 90%", "more than 90%")."""
    return {
        Bound.MORE_THAN: pgettext("bound", "more than {value}"),
        Bound.AT_LEAST: pgettext("bound", "at least {value}"),
        Bound.LESS_THAN: pgettext("bound", "less than {value}"),
        Bound.AT_MOST: pgettext("bound", "at most {value}"),
    }[bound]


def _unit_of(measure: Measure) -> str:
    return "classes" if measure in (Measure.CLASSES, Measure.CLASSES_ATTAINMENT,
                                    Measure.CLASSES_CHANGE) else "learners"


# ------------------------------------------------------------------ checking


def _plans_for(dataset: Dataset, figure: PrintedFigure, tree: OrganizationTree,
               ) -> tuple[list[Plan], tuple[date, date] | None]:
    """The plans a percentage figure is against: those within its scope, of
    its course types, whose period lies within the figure's; when there are
    none, those whose period holds the figure's (progress), with that period."""
    span = (figure.period_start, figure.period_end)
    types = set(figure.course_types)
    mine = [p for p in dataset.plans
            if (not types or p.types <= types) and tree.within(p.scope, figure.scope)]
    within = [p for p in mine if contains(span, (p.period_start, p.period_end))]
    if within:
        return within, None
    longer = [p for p in mine if contains((p.period_start, p.period_end), span)]
    if not longer:
        return [], None
    return longer, (min(p.period_start for p in longer), max(p.period_end for p in longer))


def _compare(figure: PrintedFigure, value: Fraction | int) -> bool:
    """Whether ``value`` (a ratio of 1 for a percentage) gives the printed figure."""
    if figure.measure.is_percent:
        exact = Fraction(value) * 100
        if figure.bound is None:
            return round_half_up(exact, printed_decimals(figure.value)) == figure.value
    else:
        exact = Fraction(value)
        if figure.bound is None:
            return exact == Fraction(figure.value)
    printed = Fraction(figure.value)
    return {
        Bound.MORE_THAN: exact > printed,
        Bound.AT_LEAST: exact >= printed,
        Bound.LESS_THAN: exact < printed,
        Bound.AT_MOST: exact <= printed,
    }[figure.bound]


def _done(figure: PrintedFigure, kind: FigureKind, value: Fraction | int | None,
          numerator: int | None = None, denominator: int | None = None,
          reason: Reason | None = None, **more: object) -> FigureCheck:
    if value is None:
        status = FigureStatus.NOT_COMPUTABLE
    elif (figure.measure.is_percent and figure.bound is None and denominator
          and not achievable(figure.value, denominator)):
        status = FigureStatus.UNACHIEVABLE
    else:
        status = FigureStatus.AGREES if _compare(figure, value) else FigureStatus.DIFFERS
    return FigureCheck(figure=figure, kind=kind, status=status, computed=value,
                       numerator=numerator, denominator=denominator, reason=reason,
                       **more)  # type: ignore[arg-type]


def check_figure(dataset: Dataset, figure: PrintedFigure,
                 index: ActivityIndex | None = None) -> FigureCheck:
    """What the data gives for ``figure``, and whether it agrees (``index``:
    made once for many figures of the same dataset)."""
    index = index or ActivityIndex(dataset)
    tree = index.tree
    selection = Selection.of_figure(figure)
    measure = figure.measure
    if measure in (Measure.CLASSES, Measure.LEARNERS, Measure.CLASSES_ATTAINMENT,
                   Measure.LEARNERS_ATTAINMENT):
        classes = learners = 0
        for act in select(dataset, selection, index=index):
            classes += act.classes
            learners += act.learners
        if measure is Measure.CLASSES:
            return _done(figure, FigureKind.COUNT, classes)
        if measure is Measure.LEARNERS:
            return _done(figure, FigureKind.COUNT, learners)
        plans, plan_period = _plans_for(dataset, figure, tree)
        kind = figure_kind(figure, plan_period)
        consistent = tuple(
            InferredPlans(unit=unit, actual=count, plans=consistent_plans(figure.value, count))
            for unit, count in (("classes", classes), ("learners", learners))
        ) if figure.bound is None else ()
        by_classes = measure is Measure.CLASSES_ATTAINMENT
        actual = classes if by_classes else learners
        stated = [p.classes if by_classes else p.learners for p in plans]
        known = [v for v in stated if v is not None]
        if not known:
            return _done(figure, kind, None, actual, None, Reason.NO_PLAN,
                         plan_period=plan_period, consistent=consistent)
        plan = sum(known)
        if plan == 0:
            return _done(figure, kind, None, actual, 0, Reason.PLAN_OF_ZERO,
                         plan_period=plan_period, consistent=consistent)
        return _done(figure, kind, Fraction(actual, plan), actual, plan,
                     plan_period=plan_period, consistent=consistent)
    if measure in (Measure.MEMBERS_ATTENDED, Measure.NON_MEMBERS_ATTENDED,
                   Measure.MEMBERS_REACHED):
        came = attendance(dataset, selection, index)
        if came.unknown:
            lower = came.members if measure is not Measure.NON_MEMBERS_ATTENDED else None
            return _done(figure, FigureKind.SHARE, None, lower, None,
                         Reason.PARTY_STATUS_UNKNOWN, unknown=came.unknown)
        if measure is Measure.MEMBERS_ATTENDED:
            return _done(figure, FigureKind.SHARE, came.members)
        if measure is Measure.NON_MEMBERS_ATTENDED:
            return _done(figure, FigureKind.SHARE, came.non_members)
        org = next((o for o in dataset.organizations if o.id == figure.scope), None)
        count = member_count_on(org.member_counts if org else (),
                                figure.counted_on or figure.period_end)
        if count is None or count.members == 0:
            return _done(figure, FigureKind.SHARE, None, came.members, None,
                         Reason.NO_MEMBER_COUNT)
        return _done(figure, FigureKind.SHARE, Fraction(came.members, count.members),
                     came.members, count.members)
    if measure in _CHANGE_MEASURES:
        return _change(dataset, figure, selection, index)
    # result counts and shares
    results = result_distribution(dataset, selection, index)
    wanted = figure.classifications or tuple(c for c in Classification if c.passed)
    if results.unclassified:
        return _done(figure, FigureKind.DISTRIBUTION, None, results.count(wanted),
                     results.learners, Reason.UNCLASSIFIED, unknown=results.unclassified)
    if measure is Measure.RESULT_COUNT:
        return _done(figure, FigureKind.DISTRIBUTION, results.count(wanted))
    if not results.learners:
        return _done(figure, FigureKind.DISTRIBUTION, None, 0, 0, Reason.NO_LEARNERS)
    return _done(figure, FigureKind.DISTRIBUTION, results.share(wanted),
                 results.count(wanted), results.learners)


def _change(dataset: Dataset, figure: PrintedFigure, selection: Selection,
            index: ActivityIndex) -> FigureCheck:
    """A change against the same period a year earlier: the selection's
    classes (or learners) over those of the same selection a year back."""
    assert selection.period is not None
    earlier = same_period_last_year(selection.period)
    by_classes = figure.measure is Measure.CLASSES_CHANGE

    def count(sel: Selection) -> int:
        return sum(act.classes if by_classes else act.learners
                   for act in select(dataset, sel, index=index))

    now = count(selection)
    then = count(evolve(selection, period=earlier))
    if then == 0:
        return _done(figure, FigureKind.CHANGE, None, now, 0, Reason.NO_EARLIER_ACTIVITY,
                     previous_period=earlier)
    form = figure.change or Change.RATIO
    numerator = {Change.RATIO: now, Change.INCREASE: now - then,
                 Change.DECREASE: then - now}[form]
    return _done(figure, FigureKind.CHANGE, Fraction(numerator, then), numerator, then,
                 previous_period=earlier)


def check_figures(dataset: Dataset, *, period: Period | None = None,
                  figures: Iterable[PrintedFigure] | None = None) -> tuple[FigureCheck, ...]:
    """Every printed figure of ``dataset`` (or ``figures``) whose period lies
    within ``period`` (all when None), checked, in the dataset's order."""
    span = bounds(period)
    index = ActivityIndex(dataset)
    chosen = dataset.figures if figures is None else tuple(figures)
    return tuple(
        check_figure(dataset, f, index) for f in chosen
        if span is None or contains(span, (f.period_start, f.period_end))
    )


_STATUS_WORDS = {
    FigureStatus.AGREES: N_("agrees"),
    FigureStatus.DIFFERS: N_("differs"),
    FigureStatus.UNACHIEVABLE: N_("unachievable"),
    FigureStatus.NOT_COMPUTABLE: N_("not computable"),
}


def status_label(status: FigureStatus, locale: str = "vi") -> str:
    """The status in words: ``khớp``, ``khác``, ``không thể đạt``, ``không tính được``."""
    return translate(_STATUS_WORDS[status], _lang(locale))


def _exact(value: Fraction | int | None) -> object:
    if isinstance(value, Fraction):
        return [value.numerator, value.denominator]
    return value


def figure_data(check: FigureCheck) -> dict[str, object]:
    """One check as plain JSON data (``cadretrain figures --json``, the JSON
    export's ``figures`` and ``discrepancies``): ratios as ``[numerator,
    denominator]``, percentages also as text with four decimals."""
    figure = check.figure
    computed = check.computed
    percent = None
    if computed is not None and figure.measure.is_percent:
        percent = str(round_half_up(Fraction(computed) * 100, 4))
    data: dict[str, object] = {
        "figure": figure.id,
        "kind": check.kind.value,
        "measure": figure.measure.value,
        "source": figure.source,
        "quote": figure.quote,
        "period": [figure.period_start.isoformat(), figure.period_end.isoformat()],
        "scope": figure.scope,
        "printed": str(figure.value),
        "computed": _exact(computed),
        "percent": percent,
        "numerator": check.numerator,
        "denominator": check.denominator,
        "status": check.status.value,
        "reason": None if check.reason is None else check.reason.value,
    }
    if figure.bound is not None:
        data["bound"] = figure.bound.value
    if check.plan_period is not None:
        data["plan_period"] = [d.isoformat() for d in check.plan_period]
    if check.previous_period is not None:
        data["previous_period"] = [d.isoformat() for d in check.previous_period]
        data["change"] = (figure.change or Change.RATIO).value
    if check.consistent:
        data["consistent_plans"] = [
            {"unit": c.unit, "actual": c.actual, "low": c.plans.low, "high": c.plans.high,
             "none": c.plans.empty}
            for c in check.consistent
        ]
    if check.unknown:
        data["unknown"] = check.unknown
    return data
