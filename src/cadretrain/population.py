"""Shares of a population reached: members (and non-members) who attended.

"7.950/8.000 đảng viên được học tập, quán triệt, đạt 99,38%, và 1.200 quần
chúng": :func:`attendance` counts the people who attended classes, by party
status, from rosters (each person once, by their status on the day their class
started) and from the counts a report states for a class or a class group
(``party_members``, ``non_members``). :func:`member_share` sets the members
against an organization's member count on a date.

Two rules keep a share honest: non-members are never counted against a
member count, and learners whose party status is not known (a class known only
by its learner count, a person without a party status) are counted as
unknown, never as non-members: a share with unknown learners is a lower
bound, and says so (:attr:`MemberShare.complete`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from attrs import frozen

from cadretrain.attainment import OrganizationTree, _bounds, _in
from cadretrain.model import Dataset, MemberCount, PartyStatus, Person
from cadretrain.periods import Period
from cadretrain.selection import ActivityIndex, Selection, select

__all__ = ["Attendance", "MemberShare", "attendance", "member_count_on", "member_share",
           "roster_attendance", "share_reached", "status_on"]

_MEMBER = frozenset({PartyStatus.PROBATIONARY, PartyStatus.FULL})


@frozen(kw_only=True)
class Attendance:
    """People who attended, by party status. ``unknown`` learners have no known
    status; ``unknown_records`` are the classes and groups they come from."""

    members: int
    non_members: int
    unknown: int
    unknown_records: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.members + self.non_members + self.unknown


def status_on(person: Person, day: date) -> PartyStatus | None:
    """A person's party status on ``day`` (None: not known)."""
    status = None
    for change in person.party_status:
        if change.since <= day:
            status = change.status
    return status


def attendance(dataset: Dataset, selection: Selection,
               index: ActivityIndex | None = None) -> Attendance:
    """The people who attended the classes of ``selection``.

    From a roster, each person counts once, as a member when they were one
    (probationary or full) at the start of any class of the selection they
    attended, else as a non-member when their status is known, else as
    unknown; only learners sent by an organization within the selection's
    scope count. A class or group known by counts adds its ``party_members``
    and ``non_members``; the rest of its learners are unknown.
    """
    index = index or ActivityIndex(dataset)
    tree = index.tree
    rostered: list[tuple[str, date]] = []  # (person, the day their class started)
    members = non_members = unknown = 0
    unknown_records: list[str] = []
    for act in select(dataset, selection, index=index):
        record = act.record
        enrollments = getattr(record, "enrollments", None)
        if record is not None and enrollments is not None:
            rostered += ((e.person, act.start) for e in enrollments
                         if selection.scope is None
                         or tree.within(e.sending_organization, selection.scope))
            continue
        stated_members = getattr(record, "party_members", None)
        stated_others = getattr(record, "non_members", None)
        members += stated_members or 0
        non_members += stated_others or 0
        rest = act.learners - (stated_members or 0) - (stated_others or 0)
        if rest > 0:
            unknown += rest
            if record is not None:
                unknown_records.append(record.id)
    people = roster_attendance(rostered, index.people)
    return Attendance(
        members=members + people.members,
        non_members=non_members + people.non_members,
        unknown=unknown + people.unknown,
        unknown_records=tuple(unknown_records),
    )


def roster_attendance(attended: Iterable[tuple[str, date]],
                      people: Mapping[str, Person]) -> Attendance:
    """The people of ``attended`` (person id, the day their class started),
    each once: a member when they were one (probationary or full) at the
    start of any of their classes, else a non-member when their status is
    known, else unknown."""
    best: dict[str, int] = {}  # person -> 2 member, 1 non-member, 0 unknown
    for ident, day in attended:
        person = people.get(ident)
        status = status_on(person, day) if person is not None else None
        rank = 0 if status is None else 2 if status in _MEMBER else 1
        if rank > best.get(ident, -1):
            best[ident] = rank
    ranks = list(best.values())
    return Attendance(members=ranks.count(2), non_members=ranks.count(1),
                      unknown=ranks.count(0))


def member_count_on(counts: Iterable[MemberCount], on: date) -> MemberCount | None:
    """The latest of ``counts`` dated on or before ``on``."""
    return max((c for c in counts if c.on <= on), key=lambda c: c.on, default=None)


@frozen(kw_only=True)
class MemberShare:
    """Members of an organization who attended, against its member count
    (also :func:`share_reached`'s result; its old name
    ``cadretrain.attainment.Reached`` is a deprecated alias).

    ``ratio`` is None when there is no member count on or before the date, or
    it is 0. When some learners' party status is unknown (``attended.unknown``),
    the ratio counts the known members only and is a lower bound:
    :attr:`complete` is False.
    """

    organization: str
    attended: Attendance
    members: int | None
    counted_on: date | None

    @property
    def ratio(self) -> Fraction | None:
        if not self.members:
            return None
        return Fraction(self.attended.members, self.members)

    @property
    def complete(self) -> bool:
        return self.attended.unknown == 0


def member_share(dataset: Dataset, organization: str, *, on: date,
                 selection: Selection | None = None) -> MemberShare:
    """The members of ``organization`` who attended the classes of ``selection``
    (its scope is set to ``organization``), against the organization's member
    count on ``on``."""
    base = selection or Selection()
    chosen = Selection(scope=organization, period=base.period,
                       course_types=base.course_types, classes=base.classes,
                       partner=base.partner)
    org = next((o for o in dataset.organizations if o.id == organization), None)
    count = member_count_on(org.member_counts if org else (), on)
    return MemberShare(
        organization=organization,
        attended=attendance(dataset, chosen),
        members=count.members if count else None,
        counted_on=count.on if count else None,
    )


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

    The result is a :class:`MemberShare` (``cadretrain.attainment.Reached``
    was the same thing, and is its deprecated alias): ``attended`` counts
    the people by party status, and the ratio counts members only (never
    non-members against a member count; a lower bound when some statuses are
    unknown: ``complete`` is False). Before issue 12
    every person counted: ``attended.total`` is that count."""
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
