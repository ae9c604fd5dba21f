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

Why this module is longer than most (~600 lines): the roll-up is one algorithm
read top to bottom (the plans chosen for a period, the owner of each class,
the lines, their totals and what each status means), and the organization
tree and the activity it walks are the base every figure kind builds on
(:mod:`cadretrain.selection`). Reconciliation, the year-on-year table and the
share of members reached have modules of their own
(:mod:`cadretrain.reconciliation`, :mod:`cadretrain.year_on_year`,
:mod:`cadretrain.population`); their old names here, and
``classification_distribution``, are deprecated and go after one release.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from cadretrain.formatting import format_count
from cadretrain.i18n import N_, Language, _, current_language, language, translate
from cadretrain.inference import achievable, printed_decimals
from cadretrain.model import (
    ClassGroup,
    Classification,
    ClassRecord,
    Dataset,
    Measure,
    Organization,
    Plan,
)
from cadretrain.periods import Period, contains, year_period

if TYPE_CHECKING:
    pass

__all__ = [
    "Activity",
    "Attainment",
    "AttainmentLine",
    "AttainmentTable",
    "Grouping",
    "OrganizationTree",
    "Period",
    "Status",
    "achievable",
    "activity",
    "attainment",
    "printed_decimals",
    "progress",
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


def _language(locale: str | None) -> Language:
    """The catalog language of a ``locale`` argument (None: the current one)."""
    if locale is None:
        return current_language()
    return "en" if locale.split("_")[0].split("-")[0] == "en" else "vi"



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


def _total(parts: list[Attainment]) -> Attainment:
    """The sum of ``parts`` (as adding them one by one, in one pass over
    them and with one record made)."""
    if not parts:
        return _EMPTY
    planned: int | None = None
    actual = actual_planned = 0
    outside_plan = True
    for part in parts:
        if part.planned is not None:
            planned = part.planned if planned is None else planned + part.planned
        actual += part.actual
        actual_planned += part.actual_planned
        outside_plan = outside_plan and part.outside_plan
    return Attainment(planned=planned, actual=actual, actual_planned=actual_planned,
                      outside_plan=planned is None and outside_plan)


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
    """The attainment of a period, in four views of the same counts.

    - ``lines``: the base lines, one per planning organization and the course
      types its plans name together (``organization`` set, ``course_types``
      set); every class and learner of the period is on exactly one.
    - ``by_course_type``: ``lines`` summed over organizations, one per set of
      course types (``organization`` None).
    - ``by_organization``: ``lines`` rolled up along the organization tree,
      one per organization with its whole subtree, across course types
      (``course_types`` empty); nested, so they do not add up to the total.
    - ``total``: everything (``organization`` None, ``course_types`` empty).

    ``by`` is the grouping asked for and :attr:`rows` the rows it shows before
    the total; they add up to ``total`` in both groupings.
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
        """The rows of the grouping ``by``, whose counts add up to :attr:`total`:
        for ``"course-type"`` :attr:`by_course_type` (one row per set of course
        types, across organizations); for ``"organization"`` :attr:`lines` (one
        row per planning organization and course types: its plans are set per
        course type, so an organization's row across its course types would have
        no plan of its own to compare with). The roll-up of each organization
        with everything under it is :attr:`by_organization`, shown after these
        rows by ``cadretrain attainment --by organization``."""
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
    plan_periods: dict[Key, tuple[date, date]] = {}  # the earliest start, the latest end
    # course type -> scope -> the line a class of it there counts towards: of the
    # plans there naming the course type, the one naming the fewest course types
    planning: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for plan in chosen:
        types = plan.types
        key = (plan.scope, types)
        start, end = plan_periods.get(key, (plan.period_start, plan.period_end))
        plan_periods[key] = (min(start, plan.period_start), max(end, plan.period_end))
        for course in types:
            there = planning[course].get(plan.scope)
            if there is None or (len(types), sorted(types)) < (len(there), sorted(there)):
                planning[course][plan.scope] = types
        for store, value in ((planned_classes, plan.classes), (planned_learners, plan.learners)):
            if value is not None:
                store[key] = (store.get(key) or 0) + value
            else:
                store.setdefault(key, None)

    # What was held at each (host, course type): the learners of each class,
    # then the groups' counts. A national roll-up reads 20,000 classes, so
    # this loop does the least it can per class; the nearest plan is then
    # found once per (host, course type), not once per class.
    low, high = span if span is not None else (date.min, date.max)
    learners_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for cls in dataset.classes:
        if cls.group is None and low <= cls.start <= high:
            learners_of[cls.host, cls.course_type].append(cls.learners)
    held = {at: (len(learners), sum(learners)) for at, learners in learners_of.items()}
    for group in dataset.class_groups:
        if low <= group.period_start <= high:
            at = (group.host, group.course_type)
            classes, learners = held.get(at, (0, 0))
            held[at] = (classes + group.classes, learners + group.learners)
    actual_classes: dict[Key, int] = defaultdict(int)
    actual_learners: dict[Key, int] = defaultdict(int)
    for (host, course), (classes, learners) in held.items():
        owner = _owner(tree, planning.get(course, {}), host, course)
        actual_classes[owner] += classes
        actual_learners[owner] += learners

    keys = set(planned_classes) | set(actual_classes)
    order = _tree_order(tree, {org for key in keys for org in tree.chain(key[0])})
    names = {key: tuple(sorted(key[1])) for key in keys}
    lines = []
    for key in sorted(keys, key=lambda k: (order.get(k[0], len(order)), k[0], names[k])):
        has_plan = key in planned_classes
        named = names[key]
        lines.append(AttainmentLine(
            organization=key[0],
            course_type=named[0] if len(named) == 1 else None,
            classes=_measure(planned_classes.get(key), actual_classes.get(key, 0), has_plan),
            learners=_measure(planned_learners.get(key), actual_learners.get(key, 0), has_plan),
            course_types=named,
            plan_period=_longer_period(plan_periods.get(key), span),
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


def _owner(tree: OrganizationTree, scopes: Mapping[str, frozenset[str]], host: str,
           course: str) -> tuple[str, frozenset[str]]:
    """The line a class of ``course`` at ``host`` counts towards: the plan of
    the nearest scope above the host naming the course type (``scopes`` holds,
    per scope, the one naming the fewest course types), else its own line."""
    for org in tree.chain(host):
        types = scopes.get(org)
        if types is not None:
            return org, types
    return host, frozenset((course,))


def _longer_period(whole: tuple[date, date] | None,
                   span: tuple[date, date] | None) -> tuple[date, date] | None:
    """The period of a line's plans (``whole``, from the earliest start to the
    latest end) when it is longer than the table's."""
    if span is None or whole is None:
        return None
    return None if contains(span, whole) else whole


def _sum_lines(org: str | None, types: tuple[str, ...],
               items: list[AttainmentLine]) -> AttainmentLine:
    periods = {ln.plan_period for ln in items if ln.plan_period is not None}
    return AttainmentLine(
        organization=org,
        course_type=types[0] if len(types) == 1 else None,
        classes=_total([ln.classes for ln in items]),
        learners=_total([ln.learners for ln in items]),
        course_types=types,
        plan_period=(min(p[0] for p in periods), max(p[1] for p in periods)) if periods else None,
    )


def _tree_order(tree: OrganizationTree, orgs: Iterable[str]) -> dict[str, int]:
    """Positions of ``orgs`` so that rows read as the tree does: depth first
    from the roots, children by id. That is the order of their paths from the
    root, so only the rows' organizations are sorted, not the whole tree (a
    national tree has 10,000 organizations, its rows about 400). Those no root
    reaches (a cycle, which validation reports) come after, in the dataset's
    order; ids the tree does not know are left out (callers put them last)."""
    reached: list[tuple[tuple[str, ...], str]] = []
    unreached: list[str] = []
    for org in set(orgs):
        if org not in tree.parent:
            continue
        path = tree.chain(org)
        if path[-1] not in tree.parent:  # below a parent the tree does not know: a root
            path = path[:-1]
        elif tree.parent[path[-1]] is not None:  # the chain was cut by a cycle
            unreached.append(org)
            continue
        reached.append((path[::-1], org))
    reached.sort()
    if unreached:
        position = {org: i for i, org in enumerate(tree.parent)}
        unreached.sort(key=position.__getitem__)
    return {org: i for i, org in enumerate([org for _path, org in reached] + unreached)}


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


#: Names that moved to a module of their own (issue 19), re-exported here for
#: one release with a DeprecationWarning: name -> (new module, name there).
_MOVED = {
    **{name: ("cadretrain.reconciliation", name)
       for name in ("Discrepancy", "computed_figure", "figure_decimals", "printed_precision",
                    "reconcile")},
    **{name: ("cadretrain.year_on_year", name)
       for name in ("Comparison", "YearOnYear", "year_on_year")},
    "share_reached": ("cadretrain.population", "share_reached"),
    "Reached": ("cadretrain.population", "MemberShare"),
}


def __getattr__(name: str) -> object:
    # Deprecated names, kept for one release.
    import warnings

    if name == "classification_distribution":
        warnings.warn("cadretrain.attainment.classification_distribution is deprecated: use "
                      "cadretrain.distribution.result_distribution (it also counts the results "
                      "stated for classes and groups known only by counts)",
                      DeprecationWarning, stacklevel=2)
        return _classification_distribution
    if name == "Distribution":
        warnings.warn("cadretrain.attainment.Distribution is deprecated: use "
                      "cadretrain.distribution.ResultDistribution",
                      DeprecationWarning, stacklevel=2)
        return _Distribution
    if name in _MOVED:
        import importlib

        module, new = _MOVED[name]
        warnings.warn(f"cadretrain.attainment.{name} is deprecated: import {new} from {module}",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(module), new)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------ classification


@frozen(kw_only=True)
class _Distribution:
    """Learners by result classification; ``unclassified`` have no classification.

    Deprecated (as ``cadretrain.attainment.Distribution``): use
    :class:`cadretrain.distribution.ResultDistribution`."""

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


def _classification_distribution(
    dataset: Dataset,
    *,
    period: Period | None = None,
    scope: str | None = None,
    course_types: Iterable[str] = (),
) -> _Distribution:
    """Results of the learners of classes (with a roster) of ``course_types``
    hosted within ``scope`` and starting in ``period``.

    Deprecated (as ``cadretrain.attainment.classification_distribution``): use
    :func:`cadretrain.distribution.result_distribution`, which also counts the
    results stated for classes and groups known only by counts."""
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
    return _Distribution(counts=counts, unclassified=unclassified)


