"""Which classes a figure is about: the one selection every figure kind uses.

A :class:`Selection` picks the activity (:func:`cadretrain.attainment.activity`:
every class once, ungrouped classes one by one and the class groups) hosted
within a scope, starting in a period, of some course types, possibly only
named classes or groups, or only classes co-hosted with a partner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from attrs import frozen

from cadretrain.attainment import Activity, OrganizationTree, activity
from cadretrain.model import ClassGroup, ClassRecord, Dataset, Person, PrintedFigure

__all__ = ["ActivityIndex", "Selection", "select"]


@frozen(kw_only=True)
class Selection:
    """What to count. ``scope``: hosted within this organization (None: any);
    ``period``: starting within it (None: any time); ``course_types``: of one
    of these (empty: all); ``classes``: only these class or class-group ids
    (empty: all; a class of a group named by its own id counts by itself);
    ``partner``: only classes one of whose co-hosts lies within this
    organization (a school, a member committee)."""

    scope: str | None = None
    period: tuple[date, date] | None = None
    course_types: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()
    partner: str | None = None

    @classmethod
    def of_figure(cls, figure: PrintedFigure) -> Selection:
        """The classes a printed figure is about."""
        return cls(scope=figure.scope, period=(figure.period_start, figure.period_end),
                   course_types=frozenset(figure.course_types),
                   classes=frozenset(figure.classes), partner=figure.partner)


class ActivityIndex:
    """The activity of a dataset, made once and indexed by every organization
    whose scope holds its host, so that many selections (every printed figure
    of a national dataset) each look only at their own scope's classes."""

    def __init__(self, dataset: Dataset, tree: OrganizationTree | None = None) -> None:
        self.dataset = dataset
        self.tree = tree or OrganizationTree(dataset.organizations)
        self.units = list(activity(dataset))
        self._within: dict[str, list[Activity]] | None = None
        self._people: dict[str, Person] | None = None
        self._co_hosted_in: dict[str, list[ClassRecord]] | None = None

    def within(self, scope: str) -> list[Activity]:
        """The activity hosted within ``scope``, in the order of :func:`activity`."""
        if self._within is None:
            index: dict[str, list[Activity]] = {}
            for act in self.units:
                for org in self.tree.chain(act.host):
                    index.setdefault(org, []).append(act)
            self._within = index
        return self._within.get(scope, [])

    def co_hosted_in(self, group: str) -> list[ClassRecord]:
        """The classes of ``group`` that name co-hosts of their own, in the
        dataset's order."""
        if self._co_hosted_in is None:
            found: dict[str, list[ClassRecord]] = {}
            for cls in self.dataset.classes:
                if cls.group is not None and cls.co_hosts:
                    found.setdefault(cls.group, []).append(cls)
            self._co_hosted_in = found
        return self._co_hosted_in.get(group, [])

    @property
    def people(self) -> dict[str, Person]:
        if self._people is None:
            self._people = {p.id: p for p in self.dataset.people}
        return self._people


def _named(dataset: Dataset, named: frozenset[str]) -> Iterator[Activity]:
    for cls in dataset.classes:
        if cls.id in named:
            yield Activity(cls.course_type, cls.host, cls.start, 1, cls.learners, cls)
    for group in dataset.class_groups:
        if group.id in named:
            yield Activity(group.course_type, group.host, group.period_start,
                           group.classes, group.learners, group)


def select(dataset: Dataset, selection: Selection, tree: OrganizationTree | None = None,
           index: ActivityIndex | None = None) -> Iterator[Activity]:
    """The activity ``selection`` picks, each class once (``index``: one made
    beforehand for many selections of the same dataset)."""
    if index is None:
        index = ActivityIndex(dataset, tree)
    tree = index.tree
    if selection.classes:
        units: Iterable[Activity] = _named(dataset, selection.classes)
        scope = selection.scope
    elif selection.scope is not None:
        units, scope = index.within(selection.scope), None
    else:
        units, scope = index.units, None
    span = selection.period
    for act in units:
        if selection.course_types and act.course_type not in selection.course_types:
            continue
        if span is not None and not span[0] <= act.start <= span[1]:
            continue
        if scope is not None and not tree.within(act.host, scope):
            continue
        if selection.partner is not None:
            co_hosts = act.record.co_hosts if act.record is not None else ()
            if not any(tree.within(c, selection.partner) for c in co_hosts):
                if isinstance(act.record, ClassGroup):
                    # A group held without the partner may hold classes that name it
                    # themselves ("one of the centre's 13 classes, with Đảng bộ X"):
                    # those count, each by itself.
                    yield from (
                        Activity(cls.course_type, cls.host, cls.start, 1, cls.learners, cls)
                        for cls in index.co_hosted_in(act.record.id)
                        if any(tree.within(c, selection.partner) for c in cls.co_hosts)
                        and (span is None or span[0] <= cls.start <= span[1])
                        and (selection.scope is None or tree.within(cls.host, selection.scope)))
                continue
        yield act


def is_roster(record: object) -> bool:
    """Whether a unit of activity is a class with its roster."""
    return isinstance(record, ClassRecord) and record.enrollments is not None
