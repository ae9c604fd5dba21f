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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from attrs import frozen

from cadretrain.formatting import format_count, format_percent, round_half_up
from cadretrain.model import (
    Classification,
    Dataset,
    Measure,
    Organization,
    PrintedFigure,
)

__all__ = [
    "Activity",
    "Attainment",
    "AttainmentLine",
    "AttainmentTable",
    "Discrepancy",
    "Distribution",
    "Grouping",
    "OrganizationTree",
    "Period",
    "Reached",
    "Status",
    "achievable",
    "activity",
    "attainment",
    "classification_distribution",
    "computed_figure",
    "figure_decimals",
    "printed_decimals",
    "progress",
    "reconcile",
    "share_reached",
    "year_period",
]

#: A period: a calendar year, or first and last day (both included).
Period = int | tuple[date, date]

Grouping = Literal["course-type", "organization"]


class Status(enum.Enum):
    """What can be said of one measure of one line."""

    RATIO = "ratio"  #: a plan above zero: the ratio is actual / plan
    PLAN_OF_ZERO = "plan-of-zero"  #: the plan says 0: no ratio (activity is reported as is)
    NO_PLAN = "no-plan"  #: the line's plans do not state this measure
    OUTSIDE_PLAN = "outside-plan"  #: activity that no plan covers


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


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
    """Classes held (one count each) of one course type at one host, starting on ``start``."""

    course_type: str
    host: str
    start: date
    classes: int
    learners: int


def activity(dataset: Dataset) -> Iterator[Activity]:
    """Every class once: ungrouped classes one by one, and the groups."""
    for cls in dataset.classes:
        if cls.group is None:  # a grouped class is counted through its group
            yield Activity(cls.course_type, cls.host, cls.start, 1, cls.learners)
    for group in dataset.class_groups:
        yield Activity(group.course_type, group.host, group.period_start,
                       group.classes, group.learners)


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

    def basis(self, unit: str, locale: str = "vi") -> str:
        """What a rate that is :attr:`partly_outside_plan` counts, in words:
        ``tỷ lệ tính trên 28 lớp thuộc chỉ tiêu có kế hoạch so với 19 lớp kế
        hoạch; 9 lớp ngoài kế hoạch không tính``. ``unit`` is the measure's
        word (``lớp``, ``classes``)."""
        done = format_count(self.actual_planned, locale)
        plan = format_count(self.planned or 0, locale)
        rest = format_count(self.actual - self.actual_planned, locale)
        if locale == "en":
            return (f"the rate counts the {done} {unit} of lines with a plan against the "
                    f"{plan} planned; {rest} {unit} outside any plan are not counted")
        return (f"tỷ lệ tính trên {done} {unit} thuộc chỉ tiêu có kế hoạch so với {plan} "
                f"{unit} kế hoạch; {rest} {unit} ngoài kế hoạch không tính")

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
    total: Attainment | None = None
    for item in items:
        total = item if total is None else total + item
    return _EMPTY if total is None else total


@frozen(kw_only=True)
class AttainmentLine:
    """A row: ``organization`` (None for a row across organizations) and
    ``course_type`` (None for a row across course types)."""

    organization: str | None
    course_type: str | None
    classes: Attainment
    learners: Attainment

    def of(self, measure: Measure) -> Attainment:
        """The line's classes (for ``CLASSES_ATTAINMENT``) or learners."""
        return self.classes if measure is Measure.CLASSES_ATTAINMENT else self.learners


@frozen(kw_only=True)
class AttainmentTable:
    """The attainment of a period.

    ``lines`` are the base lines (planning organization x course type);
    ``by_course_type`` sums them per course type; ``by_organization`` rolls
    them up along the tree: one row per organization with its whole subtree,
    across course types; ``total`` is everything.
    """

    period: tuple[date, date] | None
    by: Grouping
    lines: tuple[AttainmentLine, ...]
    by_course_type: tuple[AttainmentLine, ...]
    by_organization: tuple[AttainmentLine, ...]
    total: AttainmentLine

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


def attainment(
    dataset: Dataset, *, period: Period | None = None, by: Grouping = "course-type"
) -> AttainmentTable:
    """How far each plan of ``period`` was met (all plans and classes when None).

    A plan belongs to the period when its own period lies within it.
    """
    bounds = _bounds(period)
    tree = OrganizationTree(dataset.organizations)
    planned_classes: dict[tuple[str, str], int | None] = {}
    planned_learners: dict[tuple[str, str], int | None] = {}
    planning: dict[str, set[str]] = defaultdict(set)  # course type -> planning organizations
    for plan in dataset.plans:
        if bounds is not None and not (
            bounds[0] <= plan.period_start and plan.period_end <= bounds[1]
        ):
            continue
        key = (plan.scope, plan.course_type)
        planning[plan.course_type].add(plan.scope)
        for store, value in ((planned_classes, plan.classes), (planned_learners, plan.learners)):
            if value is not None:
                store[key] = (store.get(key) or 0) + value
            else:
                store.setdefault(key, None)

    actual_classes: dict[tuple[str, str], int] = defaultdict(int)
    actual_learners: dict[tuple[str, str], int] = defaultdict(int)
    for act in activity(dataset):
        if not _in(act.start, bounds):
            continue
        scopes = planning.get(act.course_type, set())
        owner = next((o for o in tree.chain(act.host) if o in scopes), act.host)
        actual_classes[(owner, act.course_type)] += act.classes
        actual_learners[(owner, act.course_type)] += act.learners

    keys = set(planned_classes) | set(actual_classes)
    order = _tree_order(tree)
    lines = []
    for key in sorted(keys, key=lambda k: (order.get(k[0], len(order)), k[0], k[1])):
        has_plan = key in planned_classes
        lines.append(AttainmentLine(
            organization=key[0],
            course_type=key[1],
            classes=_measure(planned_classes.get(key), actual_classes.get(key, 0), has_plan),
            learners=_measure(planned_learners.get(key), actual_learners.get(key, 0), has_plan),
        ))
    by_type: dict[str, list[AttainmentLine]] = defaultdict(list)
    for line in lines:
        by_type[line.course_type or ""].append(line)
    by_course_type = tuple(
        _sum_lines(None, course, group) for course, group in sorted(by_type.items())
    )
    # Each line adds to its organization and every one above it: linear in
    # lines x depth, not lines x organizations.
    subtree: dict[str, list[AttainmentLine]] = defaultdict(list)
    for line in lines:
        for org in tree.chain(line.organization or ""):
            subtree[org].append(line)
    by_org = [
        _sum_lines(org, None, inside)
        for org, inside in sorted(subtree.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]
    return AttainmentTable(
        period=bounds,
        by=by,
        lines=tuple(lines),
        by_course_type=by_course_type,
        by_organization=tuple(by_org),
        total=_sum_lines(None, None, lines),
    )


def _sum_lines(org: str | None, course: str | None,
               lines: Iterable[AttainmentLine]) -> AttainmentLine:
    items = list(lines)
    return AttainmentLine(
        organization=org,
        course_type=course,
        classes=_total(ln.classes for ln in items),
        learners=_total(ln.learners for ln in items),
    )


def _tree_order(tree: OrganizationTree) -> dict[str, int]:
    """Depth-first positions, so rows read as the tree does."""
    children: dict[str | None, list[str]] = defaultdict(list)
    roots = set(tree.roots())
    for org, parent in tree.parent.items():
        children[None if org in roots else parent].append(org)
    order: dict[str, int] = {}
    stack = sorted(children[None], reverse=True)
    while stack:
        org = stack.pop()
        if org in order:
            continue
        order[org] = len(order)
        stack.extend(sorted(children.get(org, []), reverse=True))
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


@frozen(kw_only=True)
class Reached:
    """Members of ``organization`` (and below) who attended, against its member count."""

    organization: str
    attended: int
    members: int | None
    counted_on: date | None

    @property
    def ratio(self) -> Fraction | None:
        if not self.members:
            return None
        return Fraction(self.attended, self.members)


def share_reached(
    dataset: Dataset,
    organization: str,
    *,
    on: date,
    period: Period | None = None,
    course_types: Iterable[str] = (),
) -> Reached:
    """Distinct people sent by ``organization`` or any organization below it to
    classes (with a roster) of ``course_types`` (all when empty) starting in
    ``period``, against the organization's member count on ``on`` (the latest
    count dated on or before it; none, and no ratio, when there is none)."""
    bounds = _bounds(period)
    types = set(course_types)
    tree = OrganizationTree(dataset.organizations)
    people: set[str] = set()
    for cls in dataset.classes:
        if cls.enrollments is None or not _in(cls.start, bounds):
            continue
        if types and cls.course_type not in types:
            continue
        for enrollment in cls.enrollments:
            if tree.within(enrollment.sending_organization, organization):
                people.add(enrollment.person)
    counts = [
        mc for o in dataset.organizations if o.id == organization
        for mc in o.member_counts if mc.on <= on
    ]
    latest = max(counts, key=lambda mc: mc.on, default=None)
    return Reached(
        organization=organization,
        attended=len(people),
        members=latest.members if latest else None,
        counted_on=latest.on if latest else None,
    )


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
    """The decimals of the printed figure that states this line's percentage, if any.

    A figure states it when it has the same measure and period, names exactly
    the course types whose plans the line counts, and its scope is the line's
    organization (for a row across organizations: any scope holding them all).
    """
    tree = OrganizationTree(ds.organizations)
    if line.organization is not None and line.course_type is not None:
        parts = [line]
    else:
        parts = [
            ln for ln in table.lines
            if (line.course_type is None or ln.course_type == line.course_type)
            and (line.organization is None
                 or tree.within(ln.organization or "", line.organization))
        ]
    planned = [ln for ln in parts if ln.of(measure).planned is not None]
    types = {ln.course_type for ln in planned}
    for fig in ds.figures:
        if fig.measure is not measure or set(fig.course_types) != types:
            continue
        if table.period is not None and (fig.period_start, fig.period_end) != table.period:
            continue
        if line.organization is not None and fig.scope != line.organization:
            continue
        if not all(tree.within(ln.organization or "", fig.scope) for ln in planned):
            continue
        return printed_decimals(fig.value)
    return None


def printed_decimals(value: Decimal) -> int:
    """How many decimals a printed value shows: 162.5 -> 1, 147 -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def achievable(printed: Decimal, denominator: int) -> bool:
    """Whether some whole count k makes k / denominator, as a percentage rounded
    half up at the printed precision, equal ``printed`` (a number of percent)."""
    if denominator <= 0 or printed < 0:
        return False
    half = Fraction(1, 2 * 10 ** printed_decimals(printed))
    # Rounding half up gives ``printed`` exactly for the percentages in
    # [printed - half, printed + half); look for a whole k in that window.
    low = Fraction(printed) - half
    high = Fraction(printed) + half
    k = max(0, -((-low * denominator) // 100))  # ceil(low * denominator / 100)
    return Fraction(100 * k, denominator) < high


@frozen(kw_only=True)
class Discrepancy:
    """A printed figure that the data does not give at the printed precision.

    ``computed`` is exact (a count, or a ratio as a Fraction of 1); None when
    the data gives no value (a percentage with no plan). ``unachievable`` is
    set for a printed percentage that no whole count can produce over the
    data's plan.
    """

    figure: str
    source: str
    quote: str
    measure: Measure
    printed: Decimal
    computed: Fraction | int | None
    unachievable: bool = False

    def describe(self, locale: str = "vi") -> str:
        """What was printed against what the data gives, in the words and
        number format of ``locale`` (``vi`` or ``en``): ``in 147%, dữ liệu
        cho 146,9%``. A computed percentage shows one decimal more than the
        printed one, so the reader sees why the two differ."""
        words = _DESCRIBE[locale if locale in _DESCRIBE else "en"]
        places = printed_decimals(self.printed)
        percent = self.measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT)
        if percent:
            printed = format_percent(Fraction(self.printed) / 100, places, locale)
        elif places == 0:
            printed = format_count(int(self.printed), locale)
        else:
            printed = str(self.printed)
        if self.computed is None:
            computed = words["none"]
        elif percent:
            computed = format_percent(self.computed, places + 1, locale)
        else:
            computed = format_count(int(self.computed), locale)
        text = f"{words['printed']} {printed}, {words['data']} {computed}"
        return text + (f"; {words['unachievable']}" if self.unachievable else "")


_DESCRIBE = {
    "vi": {"printed": "in", "data": "dữ liệu cho",
           "none": "không tính được (không có kế hoạch)",
           "unachievable": "không số nguyên nào cho ra tỉ lệ này"},
    "en": {"printed": "printed", "data": "data gives", "none": "not computable (no plan)",
           "unachievable": "no whole count gives this percentage"},
}


def computed_figure(dataset: Dataset, figure: PrintedFigure) -> Fraction | int | None:
    """What the data gives for ``figure``: a count, or an attainment ratio (1 is 100%)."""
    tree = OrganizationTree(dataset.organizations)
    types = set(figure.course_types)
    bounds = (figure.period_start, figure.period_end)
    classes = learners = 0
    for act in activity(dataset):
        if (types and act.course_type not in types) or not _in(act.start, bounds):
            continue
        if not tree.within(act.host, figure.scope):
            continue
        classes += act.classes
        learners += act.learners
    if figure.measure is Measure.CLASSES:
        return classes
    if figure.measure is Measure.LEARNERS:
        return learners
    plan_total: int | None = None
    for plan in dataset.plans:
        if (types and plan.course_type not in types) or not tree.within(plan.scope, figure.scope):
            continue
        if not (bounds[0] <= plan.period_start and plan.period_end <= bounds[1]):
            continue
        value = plan.classes if figure.measure is Measure.CLASSES_ATTAINMENT else plan.learners
        if value is not None:
            plan_total = (plan_total or 0) + value
    if not plan_total:
        return None
    actual = classes if figure.measure is Measure.CLASSES_ATTAINMENT else learners
    return Fraction(actual, plan_total)


def reconcile(dataset: Dataset) -> tuple[Discrepancy, ...]:
    """Every printed figure the data does not reproduce at the printed precision."""
    found = []
    for figure in dataset.figures:
        computed = computed_figure(dataset, figure)
        decimals = printed_decimals(figure.value)
        percent = figure.measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT)
        if computed is None:
            agrees = False
        elif percent:
            agrees = round_half_up(Fraction(computed) * 100, decimals) == figure.value
        else:
            agrees = Fraction(computed) == Fraction(figure.value)
        unachievable = False
        if percent and computed is not None:
            plan = _plan_denominator(dataset, figure)
            unachievable = plan is not None and not achievable(figure.value, plan)
        if not agrees or unachievable:
            found.append(Discrepancy(
                figure=figure.id, source=figure.source, quote=figure.quote,
                measure=figure.measure, printed=figure.value, computed=computed,
                unachievable=unachievable,
            ))
    return tuple(found)


def _plan_denominator(dataset: Dataset, figure: PrintedFigure) -> int | None:
    """The plan total behind a percentage figure (not reduced, unlike a Fraction)."""
    tree = OrganizationTree(dataset.organizations)
    types = set(figure.course_types)
    total: int | None = None
    for plan in dataset.plans:
        if (types and plan.course_type not in types) or not tree.within(plan.scope, figure.scope):
            continue
        if not (figure.period_start <= plan.period_start and plan.period_end <= figure.period_end):
            continue
        value = plan.classes if figure.measure is Measure.CLASSES_ATTAINMENT else plan.learners
        if value is not None:
            total = (total or 0) + value
    return total
