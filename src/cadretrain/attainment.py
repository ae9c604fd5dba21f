"""Attainment: what was done against what was planned, exactly.

Pure functions over a :class:`~cadretrain.model.Dataset`; ratios are exact
:class:`~fractions.Fraction` values, rounded only when formatted
(:mod:`cadretrain.formatting`).

Counting rules (documented in ``docs/attainment.md``):

* A class counts once: a :class:`ClassRecord` whose ``group`` is set is already
  inside its :class:`ClassGroup` and is skipped; a group counts as its
  ``classes`` classes with its ``learners`` learners.
* A class belongs to a period by its start date (a group by ``period_start``).
* A class belongs to the scope of its **host only**: co-hosts take part but do
  not count it, so no class is counted twice when a tree is rolled up.
* A plan covers the classes of its course type hosted within its scope
  (its organization and everything below it). When plans for the same course
  type sit at nested scopes, a class counts towards the plan of the nearest
  one above its host, so the lines never share a class.
* Activity that no plan covers is its own line, with the status
  :attr:`Status.OUTSIDE_PLAN`, at its host organization.
* A total's ratio is the sum of actuals over the sum of plans, taken over the
  lines that have a plan for that measure; never an average of ratios.
"""

from __future__ import annotations

import enum
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from attrs import evolve, field, frozen

from cadretrain.formatting import format_count, format_percent
from cadretrain.i18n import N_, Language, _, current_language, language, translate
from cadretrain.inference import achievable, printed_decimals, printed_text
from cadretrain.model import (
    ClassGroup,
    Classification,
    ClassRecord,
    Dataset,
    Measure,
    Organization,
    Plan,
    PrintedFigure,
)
from cadretrain.periods import Period, contains, year_period

if TYPE_CHECKING:
    from cadretrain.figures import FigureCheck
    from cadretrain.population import MemberShare

__all__ = [
    "Activity",
    "Attainment",
    "AttainmentLine",
    "AttainmentTable",
    "Comparison",
    "Discrepancy",
    "Distribution",
    "Grouping",
    "OrganizationTree",
    "Period",
    "Status",
    "YearOnYear",
    "achievable",
    "activity",
    "attainment",
    "classification_distribution",
    "computed_figure",
    "figure_decimals",
    "printed_decimals",
    "printed_precision",
    "progress",
    "reconcile",
    "share_reached",
    "year_on_year",
    "year_period",
]

Grouping = Literal["course-type", "organization"]


class Status(enum.Enum):
    """What can be said of one measure of one line."""

    RATIO = "ratio"  #: a plan above zero: the ratio is actual / plan
    PLAN_OF_ZERO = "plan-of-zero"  #: the plan says 0: no ratio (activity is reported as is)
    NO_PLAN = "no-plan"  #: the line's plans do not state this measure
    OUTSIDE_PLAN = "outside-plan"  #: activity that no plan covers

    def label(self, lang: Language | None = None) -> str:
        """How a report says this status where a rate would be (``chưa giao``,
        ``ngoài kế hoạch``), in ``lang`` (default: the current language)."""
        return translate(_STATUS_LABELS[self], lang)


#: The words of :meth:`Status.label`: one place, so that the command line, the
#: workbook, the Word report and plugins print the same.
_STATUS_LABELS = {
    Status.RATIO: N_("against plan"),
    Status.PLAN_OF_ZERO: N_("plan of 0"),
    Status.NO_PLAN: N_("not planned"),
    Status.OUTSIDE_PLAN: N_("outside plan"),
}


def _bounds(period: Period | None) -> tuple[date, date] | None:
    if period is None:
        return None
    if isinstance(period, int):
        return year_period(period)
    return period


# ------------------------------------------------------------------ the tree


class OrganizationTree:
    """Parent links of the organization tree, with cached ancestor chains."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self.parent: dict[str, str | None] = {o.id: o.parent for o in organizations}
        self._chains: dict[str, tuple[str, ...]] = {}

    def chain(self, org: str) -> tuple[str, ...]:
        """``org`` and its ancestors, nearest first (cycles are cut)."""
        cached = self._chains.get(org)
        if cached is not None:
            return cached
        chain: list[str] = []
        seen: set[str] = set()
        node: str | None = org
        while node is not None and node not in seen:
            seen.add(node)
            chain.append(node)
            node = self.parent.get(node)
        result = tuple(chain)
        self._chains[org] = result
        return result

    def within(self, org: str, scope: str) -> bool:
        return scope in self.chain(org)

    def roots(self) -> list[str]:
        return [o for o, p in self.parent.items() if p is None or p not in self.parent]


# ------------------------------------------------------------------ activity


@frozen
class Activity:
    """Classes held (one count each) of one course type at one host, starting on
    ``start``; ``record`` is the class or class group they come from."""

    course_type: str
    host: str
    start: date
    classes: int
    learners: int
    record: ClassRecord | ClassGroup | None = None


def activity(dataset: Dataset) -> Iterator[Activity]:
    """Every class once: ungrouped classes one by one, and the groups."""
    for cls in dataset.classes:
        if cls.group is None:  # a grouped class is counted through its group
            yield Activity(cls.course_type, cls.host, cls.start, 1, cls.learners, cls)
    for group in dataset.class_groups:
        yield Activity(group.course_type, group.host, group.period_start,
                       group.classes, group.learners, group)


def _in(day: date, bounds: tuple[date, date] | None) -> bool:
    return bounds is None or bounds[0] <= day <= bounds[1]


# --------------------------------------------------------------- attainment


@frozen(kw_only=True)
class Attainment:
    """One measure (classes or learners) of a line or a total.

    ``actual`` is all activity; ``actual_planned`` the part of it on lines that
    have a plan for this measure, which is what the ratio counts.
    """

    planned: int | None
    actual: int
    actual_planned: int
    outside_plan: bool = False

    @property
    def status(self) -> Status:
        if self.planned is None:
            return Status.OUTSIDE_PLAN if self.outside_plan else Status.NO_PLAN
        if self.planned == 0:
            return Status.PLAN_OF_ZERO
        return Status.RATIO

    @property
    def ratio(self) -> Fraction | None:
        """actual / plan, exactly; None unless :attr:`status` is RATIO."""
        if self.planned is None or self.planned == 0:
            return None
        return Fraction(self.actual_planned, self.planned)

    @property
    def partly_outside_plan(self) -> bool:
        """A ratio whose base is not all the activity: some of ``actual`` lies on
        lines without a plan and is left out of it (a total over planned and
        unplanned course types). Reports mark such a rate and say its base."""
        return self.ratio is not None and self.actual_planned != self.actual

    def basis(self, unit: str, locale: str | None = None) -> str:
        """What a rate that is :attr:`partly_outside_plan` counts, in words:
        ``tỷ lệ tính trên 28 lớp thuộc chỉ tiêu có kế hoạch so với 19 lớp kế
        hoạch; 9 lớp ngoài kế hoạch không tính``. ``unit`` is the measure's
        word (``lớp``, ``classes``)."""
        lang = _language(locale)
        with language(lang):
            return _("the rate counts the {done} {unit} of lines with a plan against the "
                     "{plan} planned; {rest} {unit} outside any plan are not counted").format(
                done=format_count(self.actual_planned, lang),
                plan=format_count(self.planned or 0, lang),
                rest=format_count(self.actual - self.actual_planned, lang), unit=unit)

    def __add__(self, other: Attainment) -> Attainment:
        planned = (None if self.planned is None and other.planned is None
                   else (self.planned or 0) + (other.planned or 0))
        return Attainment(
            planned=planned,
            actual=self.actual + other.actual,
            actual_planned=self.actual_planned + other.actual_planned,
            outside_plan=planned is None and self.outside_plan and other.outside_plan,
        )


_EMPTY = Attainment(planned=None, actual=0, actual_planned=0)


def _total(items: Iterable[Attainment]) -> Attainment:
    """The sum of ``items`` (as adding them one by one, with one record made)."""
    parts = list(items)
    if not parts:
        return _EMPTY
    plans = [p.planned for p in parts if p.planned is not None]
    planned = sum(plans) if plans else None
    return Attainment(planned=planned, actual=sum(p.actual for p in parts),
                      actual_planned=sum(p.actual_planned for p in parts),
                      outside_plan=planned is None and all(p.outside_plan for p in parts))


@frozen(kw_only=True)
class AttainmentLine:
    """A row: ``organization`` (None for a row across organizations) and
    ``course_types``, the course types its plans name together (empty for a
    row across every course type). ``course_type`` is the one course type of
    a line that has exactly one, else None.

    ``plan_period`` is set when the line counts against plans of a longer
    period than the table's (progress: six months against the year's plan,
    "so với kế hoạch năm"); None when its plans lie within the table's period.
    """

    organization: str | None
    course_type: str | None
    classes: Attainment
    learners: Attainment
    course_types: tuple[str, ...] = ()
    plan_period: tuple[date, date] | None = None

    def of(self, measure: Measure) -> Attainment:
        """The line's classes (for ``CLASSES_ATTAINMENT``) or learners."""
        return self.classes if measure is Measure.CLASSES_ATTAINMENT else self.learners


@frozen(kw_only=True)
class AttainmentTable:
    """The attainment of a period.

    ``lines`` are the base lines (planning organization x the course types
    its plans name); ``by_course_type`` sums them per course types; ``by_organization`` rolls
    them up along the tree: one row per organization with its whole subtree,
    across course types; ``total`` is everything.
    """

    period: tuple[date, date] | None
    by: Grouping
    lines: tuple[AttainmentLine, ...]
    by_course_type: tuple[AttainmentLine, ...]
    by_organization: tuple[AttainmentLine, ...]
    total: AttainmentLine
    #: plans that only overlap the period (neither within it nor holding it)
    plans_left_out: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[AttainmentLine, ...]:
        """The rows the chosen grouping shows, before the total."""
        return self.by_course_type if self.by == "course-type" else self.lines


def _measure(planned: int | None, actual: int, has_plan: bool) -> Attainment:
    return Attainment(
        planned=planned,
        actual=actual,
        actual_planned=actual if planned is not None else 0,
        outside_plan=not has_plan,
    )


def _plan_choice(
    plans: Iterable[Plan], span: tuple[date, date] | None
) -> tuple[list[Plan], tuple[str, ...]]:
    """The plans a table of ``span`` counts against, and the ids of those it
    leaves out because they only overlap it.

    A plan whose period lies within the span counts. For a scope and set of
    course types with no such plan, a plan whose period holds the span (a
    year's plan for its first six months) counts instead: the line is then
    progress against that longer plan (:attr:`AttainmentLine.plan_period`).
    """
    if span is None:
        return list(plans), ()
    within: list[Plan] = []
    longer: list[Plan] = []
    left_out: list[str] = []
    for plan in plans:
        own = (plan.period_start, plan.period_end)
        if contains(span, own):
            within.append(plan)
        elif contains(own, span):
            longer.append(plan)
        elif plan.period_start <= span[1] and span[0] <= plan.period_end:
            left_out.append(plan.id)
    keys = {(p.scope, p.types) for p in within}
    return within + [p for p in longer if (p.scope, p.types) not in keys], tuple(left_out)


def attainment(
    dataset: Dataset, *, period: Period | None = None, by: Grouping = "course-type"
) -> AttainmentTable:
    """How far each plan of ``period`` was met (all plans and classes when None).

    A plan belongs to the period when its own period lies within it; for a
    scope and course types with no such plan, a plan whose period holds the
    period (the year's plan, for a half-year table) is used, and its lines say
    so (:attr:`AttainmentLine.plan_period`). A plan naming several course
    types is one line for them together. Plans that only overlap the period
    are left out and listed in :attr:`AttainmentTable.plans_left_out`.
    """
    span = _bounds(period)
    tree = OrganizationTree(dataset.organizations)
    chosen, left_out = _plan_choice(dataset.plans, span)
    Key = tuple[str, frozenset[str]]
    planned_classes: dict[Key, int | None] = {}
    planned_learners: dict[Key, int | None] = {}
    plan_periods: dict[Key, list[tuple[date, date]]] = defaultdict(list)
    # course type -> scope -> the course-type sets of plans there naming it
    planning: dict[str, dict[str, list[frozenset[str]]]] = defaultdict(lambda: defaultdict(list))
    for plan in chosen:
        types = plan.types
        key = (plan.scope, types)
        plan_periods[key].append((plan.period_start, plan.period_end))
        for course in types:
            if types not in planning[course][plan.scope]:
                planning[course][plan.scope].append(types)
        for store, value in ((planned_classes, plan.classes), (planned_learners, plan.learners)):
            if value is not None:
                store[key] = (store.get(key) or 0) + value
            else:
                store.setdefault(key, None)

    actual_classes: dict[Key, int] = defaultdict(int)
    actual_learners: dict[Key, int] = defaultdict(int)
    owners: dict[tuple[str, str], Key] = {}
    # activity(dataset) as plain tuples: a national roll-up reads 20,000 of them.
    held = itertools.chain(
        ((c.host, c.course_type, c.start, 1, c.learners)
         for c in dataset.classes if c.group is None),
        ((g.host, g.course_type, g.period_start, g.classes, g.learners)
         for g in dataset.class_groups))
    for host, course, start, classes, learners in held:
        if span is not None and not span[0] <= start <= span[1]:
            continue
        owner = owners.get((host, course))
        if owner is None:
            owner = _owner(tree, planning.get(course, {}), host, course)
            owners[(host, course)] = owner
        actual_classes[owner] += classes
        actual_learners[owner] += learners

    keys = set(planned_classes) | set(actual_classes)
    order = _tree_order(tree)
    lines = []
    for key in sorted(keys, key=lambda k: (order.get(k[0], len(order)), k[0], sorted(k[1]))):
        has_plan = key in planned_classes
        named = tuple(sorted(key[1]))
        lines.append(AttainmentLine(
            organization=key[0],
            course_type=named[0] if len(named) == 1 else None,
            classes=_measure(planned_classes.get(key), actual_classes.get(key, 0), has_plan),
            learners=_measure(planned_learners.get(key), actual_learners.get(key, 0), has_plan),
            course_types=named,
            plan_period=_longer_period(plan_periods.get(key, []), span),
        ))
    by_type: dict[tuple[str, ...], list[AttainmentLine]] = defaultdict(list)
    for line in lines:
        by_type[line.course_types].append(line)
    by_course_type = tuple(
        _sum_lines(None, types, group) for types, group in sorted(by_type.items())
    )
    # Each line adds to its organization and every one above it: linear in
    # lines x depth, not lines x organizations.
    subtree: dict[str, list[AttainmentLine]] = defaultdict(list)
    for line in lines:
        for org in tree.chain(line.organization or ""):
            subtree[org].append(line)
    by_org = [
        _sum_lines(org, (), inside)
        for org, inside in sorted(subtree.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]
    return AttainmentTable(
        period=span,
        by=by,
        lines=tuple(lines),
        by_course_type=by_course_type,
        by_organization=tuple(by_org),
        total=_sum_lines(None, (), lines),
        plans_left_out=left_out,
    )


def _owner(tree: OrganizationTree, scopes: Mapping[str, list[frozenset[str]]], host: str,
           course: str) -> tuple[str, frozenset[str]]:
    """The line a class of ``course`` at ``host`` counts towards: the plan of
    the nearest scope above the host naming the course type (the one naming
    the fewest course types, when several there do), else its own line."""
    for org in tree.chain(host):
        sets = scopes.get(org)
        if sets:
            return org, min(sets, key=lambda s: (len(s), sorted(s)))
    return host, frozenset((course,))


def _longer_period(periods: list[tuple[date, date]],
                   span: tuple[date, date] | None) -> tuple[date, date] | None:
    """The period of a line's plans when it is longer than the table's."""
    if span is None or not periods:
        return None
    whole = (min(p[0] for p in periods), max(p[1] for p in periods))
    return None if contains(span, whole) else whole


def _sum_lines(org: str | None, types: tuple[str, ...],
               lines: Iterable[AttainmentLine]) -> AttainmentLine:
    items = list(lines)
    periods = {ln.plan_period for ln in items if ln.plan_period is not None}
    return AttainmentLine(
        organization=org,
        course_type=types[0] if len(types) == 1 else None,
        classes=_total(ln.classes for ln in items),
        learners=_total(ln.learners for ln in items),
        course_types=types,
        plan_period=(min(p[0] for p in periods), max(p[1] for p in periods)) if periods else None,
    )


def _tree_order(tree: OrganizationTree) -> dict[str, int]:
    """Depth-first positions, so rows read as the tree does."""
    children: dict[str | None, list[str]] = defaultdict(list)
    roots = set(tree.roots())
    for org in sorted(tree.parent):  # one sort: every list of children is in order
        children[None if org in roots else tree.parent[org]].append(org)
    order: dict[str, int] = {}
    stack = children[None][::-1]
    while stack:
        org = stack.pop()
        if org in order:
            continue
        order[org] = len(order)
        stack.extend(reversed(children.get(org, ())))
    for org in tree.parent:  # members of a cycle, which validation reports
        order.setdefault(org, len(order))
    return order


# -------------------------------------------------------------------- progress


def progress(dataset: Dataset, year: int, on: date, *,
             by: Grouping = "course-type") -> AttainmentTable:
    """Part-way through ``year``: the activity started from 1 January to ``on``
    against the whole year's plans."""
    cut = Dataset(
        organizations=dataset.organizations,
        plans=dataset.plans,
        classes=tuple(c for c in dataset.classes if c.start <= on),
        class_groups=tuple(g for g in dataset.class_groups if g.period_start <= on),
    )
    return attainment(cut, period=year, by=by)


# --------------------------------------------------------- population reached


def share_reached(
    dataset: Dataset,
    organization: str,
    *,
    on: date,
    period: Period | None = None,
    course_types: Iterable[str] = (),
) -> MemberShare:
    """Distinct people sent by ``organization`` or any organization below it to
    classes (with a roster, hosted anywhere) of ``course_types`` (all when
    empty) starting in ``period``, against the organization's member count on
    ``on`` (the latest count dated on or before it; none, and no ratio, when
    there is none).

    The result is a :class:`cadretrain.population.MemberShare` (this
    function's ``Reached`` was the same thing, and is its deprecated alias):
    ``attended`` counts the people by party status, and the ratio counts
    members only (never non-members against a member count; a lower bound
    when some statuses are unknown: ``complete`` is False). Before issue 12
    every person counted: ``attended.total`` is that count."""
    from cadretrain.population import MemberShare, member_count_on, roster_attendance

    bounds = _bounds(period)
    types = set(course_types)
    tree = OrganizationTree(dataset.organizations)
    attended = (
        (enrollment.person, cls.start)
        for cls in dataset.classes
        if cls.enrollments is not None and _in(cls.start, bounds)
        and (not types or cls.course_type in types)
        for enrollment in cls.enrollments
        if tree.within(enrollment.sending_organization, organization)
    )
    org = next((o for o in dataset.organizations if o.id == organization), None)
    latest = member_count_on(org.member_counts if org else (), on)
    return MemberShare(
        organization=organization,
        attended=roster_attendance(attended, {p.id: p for p in dataset.people}),
        members=latest.members if latest else None,
        counted_on=latest.on if latest else None,
    )


def __getattr__(name: str) -> object:
    # Deprecated names, kept for one release.
    if name == "Reached":
        import warnings

        from cadretrain.population import MemberShare

        warnings.warn("cadretrain.attainment.Reached is cadretrain.population.MemberShare",
                      DeprecationWarning, stacklevel=2)
        return MemberShare
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------ classification


@frozen(kw_only=True)
class Distribution:
    """Learners by result classification; ``unclassified`` have no classification."""

    counts: Mapping[Classification, int]
    unclassified: int

    @property
    def classified(self) -> int:
        return sum(self.counts.values())

    def share(self, classification: Classification) -> Fraction | None:
        """The share among classified learners; None when nobody is classified."""
        if not self.classified:
            return None
        return Fraction(self.counts.get(classification, 0), self.classified)


def classification_distribution(
    dataset: Dataset,
    *,
    period: Period | None = None,
    scope: str | None = None,
    course_types: Iterable[str] = (),
) -> Distribution:
    """Results of the learners of classes (with a roster) of ``course_types``
    hosted within ``scope`` and starting in ``period``."""
    bounds = _bounds(period)
    types = set(course_types)
    tree = OrganizationTree(dataset.organizations)
    counts = dict.fromkeys(Classification, 0)
    unclassified = 0
    for cls in dataset.classes:
        if cls.enrollments is None or not _in(cls.start, bounds):
            continue
        if (types and cls.course_type not in types) or (
            scope is not None and not tree.within(cls.host, scope)
        ):
            continue
        for enrollment in cls.enrollments:
            result = enrollment.result
            if result is None or result.classification is None:
                unclassified += 1
            else:
                counts[result.classification] += 1
    return Distribution(counts=counts, unclassified=unclassified)


# ------------------------------------------------------------ reconciliation


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


def _language(locale: str | None) -> Language:
    """The catalog language of a ``locale`` argument (None: the current one)."""
    if locale is None:
        return current_language()
    return "en" if locale.split("_")[0].split("-")[0] == "en" else "vi"


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


# ------------------------------------------------------------- year on year


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
