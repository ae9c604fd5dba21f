"""Strategies for people: party histories and qualifications that hang together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from cadretrain.model import (
    PartyStatus,
    PartyStatusChange,
    Person,
    PostHolding,
    Qualification,
    QualificationKind,
)
from cadretrain.testing.posts_and_courses import BUILTIN_COURSE_TYPE_IDS
from cadretrain.testing.text import (
    LATEST_PAST_EVENT,
    _later,
    _maybe,
    _numbered,
    identifiers,
    names,
    texts,
)
from cadretrain.validation import levels_for

_STATUS_ORDER = (
    PartyStatus.NON_MEMBER, PartyStatus.CANDIDATE, PartyStatus.PROBATIONARY, PartyStatus.FULL,
)


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


@st.composite
def party_histories(
    draw: st.DrawFn, *, earliest: date = date(1975, 1, 1), latest: date = LATEST_PAST_EVENT
) -> tuple[PartyStatusChange, ...]:
    """A party status history in date order, along the real path: non-member,
    candidate, probationary member (from the admission date), full member
    (12 months after admission, or later). It may start at any step and stop
    at any later one; it may be empty."""
    first = draw(st.integers(0, 4))
    if first == 4:
        return ()
    last = draw(st.integers(first, 3))
    changes: list[PartyStatusChange] = []
    day = draw(st.dates(earliest, max(earliest, latest)))
    for step in range(first, last + 1):
        status = _STATUS_ORDER[step]
        if changes:
            previous = changes[-1].since
            # Full membership comes twelve calendar months after admission at
            # the earliest; any other step at least a day after the last.
            earliest_next = (_a_year_after(previous) if status is PartyStatus.FULL
                             else previous + timedelta(days=1))
            day = earliest_next + timedelta(days=draw(st.integers(0, 900)))
            if day > latest:
                break
        changes.append(PartyStatusChange(status=status, since=day))
    return tuple(changes)


@st.composite
def qualifications(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    course_type_ids: Sequence[str] = BUILTIN_COURSE_TYPE_IDS,
    earliest: date = date(1990, 1, 1),
    latest: date = LATEST_PAST_EVENT,
    class_ids: Sequence[str] = (),
) -> Qualification:
    """A qualification: a political-theory or state-management level, or a
    course certificate of one of ``course_type_ids``; issued between
    ``earliest`` and ``latest``, with an expiry after the issue date or none."""
    kind = draw(st.sampled_from(QualificationKind))
    issued = draw(st.dates(earliest, max(earliest, latest)))
    levels = levels_for(kind)
    certificate = not levels
    expires = draw(st.none() | st.integers(1, 3650).map(lambda d: issued + timedelta(days=d)))
    return Qualification(
        id=id if id is not None else draw(identifiers()),
        kind=kind,
        issued=issued,
        issuer=draw(st.sampled_from(
            ("Học viện Chính trị quốc gia Hồ Chí Minh", "Trung tâm Bồi dưỡng chính trị",
             "Học viện Hành chính quốc gia")) | texts()),
        level=None if certificate else draw(st.sampled_from(levels)),
        course_type=draw(st.sampled_from(tuple(course_type_ids))) if certificate else None,
        expires=expires,
        number=draw(_maybe(_numbered("B{:06d}", 999999))),
        class_id=draw(st.sampled_from(tuple(class_ids))) if certificate and class_ids
        and draw(st.booleans()) else None,
    )


@st.composite
def people(
    draw: st.DrawFn,
    organization_ids: Sequence[str] = ("org",),
    post_ids: Sequence[str] = (),
    *,
    id: str | None = None,
    course_type_ids: Sequence[str] = BUILTIN_COURSE_TYPE_IDS,
    max_qualifications: int = 4,
    latest: date = LATEST_PAST_EVENT,
) -> Person:
    """A person of one of ``organization_ids``, holding some of ``post_ids``.

    Party events, posts and qualifications come after the person's 18th
    birthday (when a birth date is drawn) and not after ``latest``.
    Qualification ids are the person's id plus ``-q1``, ``-q2``, ...: unique
    in a dataset whose person ids are unique.
    """
    ident = id if id is not None else draw(identifiers())
    birth = draw(st.none() | st.dates(date(1955, 1, 1), date(2003, 12, 31)))
    adult = date(birth.year + 18, 1, 1) if birth is not None else date(1975, 1, 1)
    holdings: list[PostHolding] = []
    if post_ids:
        for post in draw(st.lists(st.sampled_from(tuple(post_ids)), max_size=2, unique=True)):
            start = draw(st.dates(adult, max(adult, latest)))
            end = draw(st.none() | _later(start, latest))
            holdings.append(PostHolding(post=post, start=start, end=end))
    count = draw(st.integers(0, max_qualifications))
    return Person(
        id=ident,
        full_name=draw(names()),
        organization=draw(st.sampled_from(tuple(organization_ids))),
        birth_date=birth,
        party_status=draw(party_histories(earliest=adult, latest=latest)),
        posts=tuple(holdings),
        qualifications=tuple(
            draw(qualifications(id=f"{ident}-q{n}", course_type_ids=course_type_ids,
                                earliest=adult, latest=latest))
            for n in range(1, count + 1)
        ),
    )
