"""Strategies for classes, their rosters and results.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from cadretrain.model import (
    Attitude,
    Classification,
    ClassRecord,
    Enrollment,
    Lecturer,
    LecturerRole,
    Person,
    Result,
)
from cadretrain.testing.posts_and_courses import BUILTIN_COURSE_TYPE_IDS
from cadretrain.testing.text import _maybe, _numbered, _years_dates, identifiers, names, texts

#: The least attendance share and essay grade of a passing coherent result.
PASS_ATTENDANCE = Decimal("0.8")
PASS_GRADE = Decimal(5)


def _grade_classification(grade: Decimal) -> Classification:
    if grade >= 9:
        return Classification.EXCELLENT
    if grade >= 7:
        return Classification.GOOD
    if grade >= PASS_GRADE:
        return Classification.AVERAGE
    return Classification.FAIL


@st.composite
def results(draw: st.DrawFn, *, coherent: bool = False) -> Result:
    """A learner's result: attendance a share in hundredths from 0 to 1, essay
    grade in halves from 0 to 10.

    With ``coherent``, both are always given and the result agrees with
    :data:`PASS_ATTENDANCE` and :data:`PASS_GRADE` (the default pass policy):
    a learner below either fails; otherwise the classification follows the
    grade (9 excellent, 7 good, else average). A certificate is issued
    exactly when the learner did not fail.
    """
    share = st.integers(0, 100).map(lambda n: Decimal(n) / 100)
    halves = st.integers(0, 20).map(lambda n: Decimal(n) / 2)
    attendance = draw(share if coherent else st.none() | share)
    grade = draw(halves if coherent else st.none() | halves)
    if coherent and grade is not None and attendance is not None:
        classification: Classification | None = (
            Classification.FAIL if attendance < PASS_ATTENDANCE
            else _grade_classification(grade))
        issued = classification is not Classification.FAIL
    else:
        classification = draw(st.none() | st.sampled_from(Classification))
        issued = draw(st.booleans())
    return Result(
        attendance=attendance,
        essay_grade=grade,
        classification=classification,
        attitude=draw(st.none() | st.sampled_from(Attitude)),
        certificate_issued=issued,
        certificate_number=draw(_maybe(_numbered("{}/GCN", 99999)))
        if issued else None,
        remarks=draw(_maybe(texts())),
    )


@st.composite
def _enrollment(draw: st.DrawFn, person: Person, start: date, end: date,
                coherent: bool) -> Enrollment:
    joined = left = None
    if draw(st.integers(0, 5)) == 0:
        joined = draw(st.dates(start, end))
        left = draw(st.none() | st.dates(joined, end))
    return Enrollment(
        person=person.id,
        sending_organization=person.organization,
        joined=joined,
        left=left,
        result=draw(results(coherent=True) if coherent else st.none() | results()),
    )


@st.composite
def class_records(
    draw: st.DrawFn,
    organization_ids: Sequence[str] = ("org",),
    learners: Sequence[Person] = (),
    *,
    id: str | None = None,
    course_type_ids: Sequence[str] = BUILTIN_COURSE_TYPE_IDS,
    years: tuple[int, int] = (2016, 2025),
    roster: bool | None = None,
    max_learners: int = 10,
    coherent_results: bool = False,
) -> ClassRecord:
    """A class of one of ``course_type_ids`` starting within ``years``, hosted
    and co-hosted by ``organization_ids``.

    ``roster`` True gives a full roster of some of ``learners`` (each sent by
    their own organization, each once, with dates inside the class, sometimes
    with the learner count stated too); False gives only a learner count;
    None draws either. With ``coherent_results`` every learner has a
    :func:`results` drawn with ``coherent=True``.
    """
    orgs = list(organization_ids)
    start = draw(_years_dates(years))
    end = start + timedelta(days=draw(st.integers(0, 60)))
    host = draw(st.sampled_from(orgs))
    others = [o for o in orgs if o != host]
    co_hosts = draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
    person_ids = [p.id for p in learners]
    lecturers = tuple(
        Lecturer(
            name=draw(names()),
            role=draw(st.sampled_from(LecturerRole)),
            person=draw(st.none() | st.sampled_from(person_ids)) if person_ids else None,
            organization=draw(st.none() | st.sampled_from(orgs)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    with_roster = draw(st.booleans()) if roster is None else roster
    enrollments: tuple[Enrollment, ...] | None = None
    learner_count: int | None
    if with_roster:
        chosen = draw(st.lists(st.sampled_from(tuple(learners)), max_size=max_learners,
                               unique_by=lambda p: p.id)) if learners else []
        enrollments = tuple(draw(_enrollment(p, start, end, coherent_results))
                            for p in chosen)
        learner_count = len(enrollments) if draw(st.booleans()) else None
    else:
        learner_count = draw(st.integers(0, 500))
    return ClassRecord(
        id=id if id is not None else draw(identifiers()),
        course_type=draw(st.sampled_from(tuple(course_type_ids))),
        start=start,
        end=end,
        host=host,
        code=draw(_maybe(_numbered("L{:02d}", 99))),
        title=draw(_maybe(texts(max_size=40))),
        co_hosts=tuple(co_hosts),
        lecturers=lecturers,
        venue=draw(_maybe(texts())),
        learner_count=learner_count,
        enrollments=enrollments,
    )
