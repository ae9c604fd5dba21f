"""Strategies for plans, groups of classes and printed figures consistent with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from cadretrain.catalog import builtin_course_types
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    CourseType,
    Measure,
    Person,
    Plan,
    PrintedFigure,
    Qualification,
    QualificationKind,
)
from cadretrain.testing.posts_and_courses import BUILTIN_COURSE_TYPE_IDS
from cadretrain.testing.text import LATEST_PAST_EVENT, _maybe, identifiers, texts


@st.composite
def plans(
    draw: st.DrawFn,
    organization_ids: Sequence[str] = ("org",),
    *,
    id: str | None = None,
    course_type_ids: Sequence[str] = BUILTIN_COURSE_TYPE_IDS,
    document_ids: Sequence[str] = (),
    years: tuple[int, int] = (2016, 2025),
) -> Plan:
    """A plan of classes and/or learners (at least one of them) for a period
    within ``years``: mostly one whole calendar year, sometimes any span."""
    year = draw(st.integers(*years))
    if draw(st.integers(0, 3)):
        period_start, period_end = date(year, 1, 1), date(year, 12, 31)
    else:
        period_start = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        period_end = draw(st.dates(period_start, date(years[1], 12, 31)))
    which = draw(st.sampled_from(("classes", "learners", "both")))
    return Plan(
        id=id if id is not None else draw(identifiers()),
        period_start=period_start,
        period_end=period_end,
        scope=draw(st.sampled_from(tuple(organization_ids))),
        course_type=draw(st.sampled_from(tuple(course_type_ids))),
        classes=draw(st.integers(0, 50)) if which != "learners" else None,
        learners=draw(st.integers(0, 5000)) if which != "classes" else None,
        source=draw(st.none() | st.sampled_from(tuple(document_ids))) if document_ids else None,
        note=draw(_maybe(texts())),
    )


@st.composite
def _groups(
    draw: st.DrawFn,
    classes: list[ClassRecord],
    ids: list[str],
    organization_ids: Sequence[str],
    course_type_ids: Sequence[str],
    document_ids: Sequence[str],
    years: tuple[int, int],
) -> tuple[list[ClassRecord], list[ClassGroup]]:
    """Class groups, some naming existing classes of their course type and
    year; the group's counts are at least those of its classes."""
    groups: list[ClassGroup] = []
    free = set(range(len(classes)))
    for ident in ids:
        members: list[int] = []
        if len(free) > 0 and draw(st.booleans()):
            seed = draw(st.sampled_from(sorted(free)))
            kind, year = classes[seed].course_type, classes[seed].start.year
            same = [i for i in sorted(free) if classes[i].course_type == kind
                    and classes[i].start.year == year]
            members = [seed, *draw(st.lists(st.sampled_from(same), unique=True, max_size=3))]
            members = sorted(set(members))
            free.difference_update(members)
            for i in members:
                classes[i] = _with_group(classes[i], ident)
        else:
            kind = draw(st.sampled_from(tuple(course_type_ids)))
            year = draw(st.integers(*years))
        listed = sum(classes[i].learners for i in members)
        host = draw(st.sampled_from(tuple(organization_ids)))
        others = [o for o in organization_ids if o != host]
        groups.append(ClassGroup(
            id=ident,
            course_type=kind,
            classes=len(members) + draw(st.integers(0, 15)),
            learners=listed + draw(st.integers(0, 1500)),
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            host=host,
            co_hosts=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True)))
            if others else (),
            source=draw(st.none() | st.sampled_from(tuple(document_ids)))
            if document_ids else None,
        ))
    return classes, groups


def _certify(persons: list[Person], classes: list[ClassRecord],
             own_types: list[CourseType]) -> list[Person]:
    """Record each certificate the results say was issued as a qualification."""
    grants = {ct.id: ct.grants for ct in (*builtin_course_types(), *own_types)}
    earned: dict[str, list[ClassRecord]] = {}
    for cls in classes:
        if cls.end > LATEST_PAST_EVENT:
            continue
        for enrollment in cls.enrollments or ():
            if enrollment.result is not None and enrollment.result.certificate_issued:
                earned.setdefault(enrollment.person, []).append(cls)
    out = []
    for person in persons:
        added = []
        for number, cls in enumerate(earned.get(person.id, ()),
                                     start=len(person.qualifications) + 1):
            grant = grants.get(cls.course_type)
            result = next(e.result for e in cls.enrollments or () if e.person == person.id)
            added.append(Qualification(
                id=f"{person.id}-q{number}",
                kind=grant.kind if grant else QualificationKind.COURSE_CERTIFICATE,
                level=grant.level if grant else None,
                course_type=cls.course_type,
                issued=cls.end,
                issuer=cls.host,
                number=result.certificate_number if result else None,
                class_id=cls.id,
            ))
        out.append(attrs.evolve(person, qualifications=(*person.qualifications, *added))
                   if added else person)
    return out


def _with_group(cls: ClassRecord, group: str) -> ClassRecord:
    return attrs.evolve(cls, group=group)


@st.composite
def _figures(
    draw: st.DrawFn,
    ids: list[str],
    organization_ids: Sequence[str],
    course_type_ids: Sequence[str],
    document_ids: Sequence[str],
    years: tuple[int, int],
    consistent: bool,
) -> list[PrintedFigure]:
    """Printed figures; a count may be the total of earlier counts of the same
    measure, and then (when ``consistent``) it is their sum."""
    figures: list[PrintedFigure] = []
    for ident in ids:
        measure = draw(st.sampled_from(Measure))
        parts: list[PrintedFigure] = []
        counts = measure in (Measure.CLASSES, Measure.LEARNERS)
        same = [f for f in figures if f.measure is measure]
        if counts and same and draw(st.booleans()):
            parts = draw(st.lists(st.sampled_from(same), min_size=1, max_size=3,
                                  unique_by=lambda f: f.id))
        if counts:
            value = Decimal(draw(st.integers(0, 3000)))
            if parts and consistent:
                value = sum((p.value for p in parts), start=Decimal(0))
        else:
            value = Decimal(draw(st.integers(0, 3000))) / 10
        year = draw(st.integers(*years))
        figures.append(PrintedFigure(
            id=ident,
            source=draw(st.sampled_from(tuple(document_ids))),
            quote=draw(texts(max_size=40)),
            measure=measure,
            value=value,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            scope=draw(st.sampled_from(tuple(organization_ids))),
            course_types=tuple(draw(st.lists(st.sampled_from(tuple(course_type_ids)),
                                             max_size=3, unique=True))),
            parts=tuple(p.id for p in parts),
        ))
    return figures
