"""Hypothesis strategies that generate valid cadretrain data, for property tests.

Every strategy here generates records that :func:`cadretrain.validate` accepts
without an error once they sit in a dataset with the records they refer to;
:func:`datasets` generates whole datasets that validate without an error (and,
with the default ``consistent_figures=True``, without a warning either).

Text is always in Unicode NFC, because the loader normalizes to NFC: a
generated dataset therefore reads back equal after :func:`cadretrain.dumps`
and :func:`cadretrain.loads`. Use :func:`decomposed` to get the same text in
another normalization form, to test that your own code normalizes.

Hypothesis is a test dependency: ``import cadretrain`` does not import this
module; import it explicitly::

    from hypothesis import given
    from cadretrain.testing import datasets

    @given(datasets(min_people=5, with_rosters=True))
    def test_my_exporter(dataset): ...
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

import attrs
from hypothesis import strategies as st

from cadretrain.catalog import builtin_course_types
from cadretrain.model import (
    Attitude,
    ClassGroup,
    Classification,
    ClassRecord,
    CourseCategory,
    CourseType,
    Dataset,
    Enrollment,
    Lecturer,
    LecturerRole,
    Measure,
    MemberCount,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    Post,
    PostHolding,
    PrintedFigure,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
    SourceDocument,
)
from cadretrain.validation import levels_for

__all__ = [
    "BUILTIN_COURSE_TYPE_IDS",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "LATEST_PAST_EVENT",
    "MIDDLE_NAMES",
    "PASS_ATTENDANCE",
    "PASS_GRADE",
    "POST_CATEGORIES",
    "class_records",
    "course_types",
    "datasets",
    "decomposed",
    "documents",
    "identifiers",
    "names",
    "organizations_trees",
    "party_histories",
    "people",
    "plans",
    "posts",
    "qualifications",
    "requirements",
    "results",
    "texts",
    "vietnamese_names",
]

#: The post categories rules look up (``None``: a post without a standard).
POST_CATEGORIES: tuple[str | None, ...] = (
    "deputy-minister",
    "department-director",
    "department-deputy-director",
    "general-department-director",
    "provincial-department-director",
    "division-head",
    "division-deputy-head",
    "branch-secretary",
    "grassroots-committee-member",
    None,
)

#: Common Vietnamese family names (họ).
FAMILY_NAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)

#: Common middle names (tên đệm).
MIDDLE_NAMES: tuple[str, ...] = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Thu", "Kim",
    "Anh", "Bảo", "Công", "Đình", "Quốc", "Thế", "Hoài", "Khánh", "Diệu", "Phương",
    "Mạnh", "Trọng", "Nguyệt", "Tường",
)

#: Common given names (tên). Several carry two diacritics on one letter
#: (ễ, ặ, ữ, ượ), which NFD spells with two combining marks.
GIVEN_NAMES: tuple[str, ...] = (
    "An", "Anh", "Bình", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hạnh", "Hằng",
    "Hiền", "Hiếu", "Hoa", "Huệ", "Hùng", "Hương", "Huyền", "Khoa", "Lan", "Linh", "Long",
    "Mai", "Nam", "Nga", "Ngọc", "Nhung", "Phúc", "Phương", "Quân", "Quyết", "Quỳnh", "Sơn",
    "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Tuấn", "Tùng", "Uyên", "Việt", "Vinh", "Xuân",
    "Yến", "Đạt", "Ước", "Nghĩa", "Thư", "Diễm", "Đặng", "Lượng", "Khuê", "Ngữ", "Hưởng",
)

#: The ids of the built-in course types.
BUILTIN_COURSE_TYPE_IDS: tuple[str, ...] = tuple(ct.id for ct in builtin_course_types())

_UNITS = (
    "Vụ Tổ chức cán bộ", "Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "Vụ Hợp tác quốc tế",
    "Văn phòng Bộ", "Thanh tra Bộ", "Cục Quản lý chất lượng", "Cục Công nghệ thông tin",
    "Viện Chiến lược và Chính sách", "Tổng cục Thống kê", "Báo Điện tử", "Trung tâm Dữ liệu",
)

_KIND_PREFIX = {
    OrganizationKind.PARTY_COMMITTEE: "Đảng bộ",
    OrganizationKind.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    OrganizationKind.BRANCH: "Chi bộ",
    OrganizationKind.DEPARTMENT: "Ban",
    OrganizationKind.TRAINING_CENTRE: "Trung tâm Bồi dưỡng chính trị",
    OrganizationKind.SCHOOL: "Trường Đào tạo cán bộ",
    OrganizationKind.ACADEMY: "Học viện",
    OrganizationKind.AGENCY: "Cơ quan",
}

# Kinds that have children in the generated trees; branches, schools and
# academies are leaves.
_PARENT_KINDS = frozenset({
    OrganizationKind.PARTY_COMMITTEE,
    OrganizationKind.GRASSROOTS_COMMITTEE,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.AGENCY,
    OrganizationKind.TRAINING_CENTRE,
})

_LEVEL_ONE_KINDS = (
    OrganizationKind.PARTY_COMMITTEE,
    OrganizationKind.GRASSROOTS_COMMITTEE,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.TRAINING_CENTRE,
    OrganizationKind.AGENCY,
)
_DEEPER_KINDS = (
    OrganizationKind.BRANCH,
    OrganizationKind.BRANCH,
    OrganizationKind.GRASSROOTS_COMMITTEE,
    OrganizationKind.DEPARTMENT,
)

#: Dates after this one are never generated for past events (qualifications,
#: party status, posts), so a check dated on or after it finds none in the future.
LATEST_PAST_EVENT = date(2025, 12, 31)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------------ text


@functools.cache
def texts(
    *, min_size: int = 1, max_size: int = 24, controls: bool = False
) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text in NFC: any assigned character but surrogates.

    Control characters (category Cc: NUL, tab, line feed, ...) are left out
    unless ``controls`` is true; they are valid in a dataset but not in XML.
    NFC can shorten a text, so it may be shorter than ``min_size`` but is
    never empty when ``min_size`` is at least 1.
    """
    excluded: tuple[Literal["Cs", "Cn", "Cc"], ...] = (
        ("Cs", "Cn") if controls else ("Cs", "Cn", "Cc"))
    alphabet = st.characters(exclude_categories=excluded)
    return st.text(alphabet, min_size=min_size, max_size=max_size).map(_nfc)


@functools.cache
def vietnamese_names() -> st.SearchStrategy[str]:
    """A Vietnamese-looking full name in NFC: family, 0 to 2 middle names, given name."""
    return st.builds(
        lambda family, middle, given: " ".join([family, *middle, given]),
        st.sampled_from(FAMILY_NAMES),
        st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2),
        st.sampled_from(GIVEN_NAMES),
    )


@st.composite
def names(draw: st.DrawFn, *, arbitrary: bool = True) -> str:
    """Mostly :func:`vietnamese_names`; now and then (when ``arbitrary``) any :func:`texts`."""
    if arbitrary and draw(st.integers(0, 4)) == 0:
        return draw(texts())
    return draw(vietnamese_names())


def decomposed(text: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"] = "NFD") -> str:
    """``text`` in another normalization form (NFD by default), as some
    keyboards and systems produce it; the loader turns it back into NFC."""
    return unicodedata.normalize(form, text)


def identifiers() -> st.SearchStrategy[str]:
    """Short ids such as ``"vu-tccb"`` or ``"đb2"``: never empty or blank."""
    return _IDENTIFIERS


# Regular expressions are slow to draw from; these are built from plain parts.
_ID_WORD = st.text("abcdefghijklmnopqrstuvwxyzđ0123456789", min_size=1, max_size=5)
_IDENTIFIERS = st.builds(
    lambda first, rest: "-".join([first, *rest]),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from("abcdefghijklmnopqrstuvwxyzđ"),
              st.text("abcdefghijklmnopqrstuvwxyzđ0123456789", max_size=5)),
    st.lists(_ID_WORD, max_size=2),
)


def _numbered(template: str, high: int) -> st.SearchStrategy[str]:
    """``template`` with ``{}`` replaced by a number from 1 to ``high``."""
    return st.integers(1, high).map(template.format)


@functools.cache
def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


def _years_dates(years: tuple[int, int]) -> st.SearchStrategy[date]:
    return st.dates(date(years[0], 1, 1), date(years[1], 12, 31))


def _later(day: date, limit: date) -> st.SearchStrategy[date]:
    return st.dates(day, max(day, limit))


# --------------------------------------------------------------- organizations


def _org_name(kind: OrganizationKind) -> st.SearchStrategy[str]:
    if kind is OrganizationKind.DEPARTMENT:
        return st.sampled_from(
            ("Ban Tổ chức", "Ban Tuyên giáo", "Văn phòng", "Ủy ban Kiểm tra", "Ban Dân vận")
        ) | texts()
    prefix = _KIND_PREFIX[kind]
    return st.sampled_from(_UNITS).map(lambda unit: f"{prefix} {unit}") | texts()


@st.composite
def _member_counts(draw: st.DrawFn) -> tuple[MemberCount, ...]:
    days = draw(st.lists(st.dates(date(2000, 1, 1), LATEST_PAST_EVENT), max_size=3,
                         unique=True))
    return tuple(
        MemberCount(on=day, members=draw(st.integers(0, 5000))) for day in sorted(days)
    )


def organizations_trees(
    *,
    min_size: int = 1,
    max_size: int = 8,
    min_depth: int = 1,
    schools: bool = True,
    member_counts: bool = True,
) -> st.SearchStrategy[tuple[Organization, ...]]:
    """An organization tree, root first, each organization after its parent.

    The root is a party committee. The first ``min_depth`` organizations form
    a chain (root, child, grandchild, ...), so the tree has at least that many
    levels; the others hang under any committee, department, agency or
    centre. Branches are leaves. With ``schools``, some organizations may be
    schools or academies outside the tree (no parent), as co-hosts of classes.
    """
    if min_depth < 1 or max_size < max(min_size, min_depth):
        raise ValueError("need 1 <= min_depth <= max_size and min_size <= max_size")
    return _organizations_trees(min_size=min_size, max_size=max_size, min_depth=min_depth,
                                schools=schools, member_counts=member_counts)


@st.composite
def _organizations_trees(
    draw: st.DrawFn,
    *,
    min_size: int,
    max_size: int,
    min_depth: int,
    schools: bool,
    member_counts: bool,
) -> tuple[Organization, ...]:
    size = draw(st.integers(max(min_size, min_depth), max_size))
    ids = draw(st.lists(identifiers(), min_size=size, max_size=size, unique=True))
    orgs: list[Organization] = []
    depth: dict[str, int] = {}
    for index, ident in enumerate(ids):
        parent: str | None
        if index == 0:
            parent, kind = None, OrganizationKind.PARTY_COMMITTEE
        elif index < min_depth - 1:
            # The middle of the chain: committees, so the chain can go on.
            parent = ids[index - 1]
            kind = (OrganizationKind.PARTY_COMMITTEE if index == 1
                    else OrganizationKind.GRASSROOTS_COMMITTEE)
        elif index == min_depth - 1:
            parent = ids[index - 1]
            kind = draw(st.sampled_from(_LEVEL_ONE_KINDS if index == 1 else _DEEPER_KINDS))
        elif schools and draw(st.integers(0, 5)) == 0:
            parent = None
            kind = draw(st.sampled_from((OrganizationKind.SCHOOL, OrganizationKind.ACADEMY)))
        else:
            candidates = [o.id for o in orgs if o.kind in _PARENT_KINDS and o.id in depth]
            parent = draw(st.sampled_from(candidates))
            kind = draw(st.sampled_from(_LEVEL_ONE_KINDS if depth[parent] == 0
                                        else _DEEPER_KINDS))
        if parent is None and kind is OrganizationKind.PARTY_COMMITTEE:
            depth[ident] = 0
        elif parent is not None:
            depth[ident] = depth[parent] + 1
        orgs.append(Organization(
            id=ident,
            name=draw(_org_name(kind)),
            kind=kind,
            parent=parent,
            short_name=draw(_maybe(texts(max_size=8))),
            member_counts=draw(_member_counts()) if member_counts else (),
        ))
    return tuple(orgs)


# ----------------------------------------------------------- posts and courses


@st.composite
def requirements(draw: st.DrawFn) -> Requirement:
    """A political-theory or state-management requirement with a valid level."""
    kind = draw(st.sampled_from(
        (QualificationKind.POLITICAL_THEORY, QualificationKind.STATE_MANAGEMENT)))
    return Requirement(kind=kind, level=draw(st.sampled_from(levels_for(kind))))


_POST_TITLES = {
    "deputy-minister": "Thứ trưởng",
    "department-director": "Vụ trưởng",
    "department-deputy-director": "Phó Vụ trưởng",
    "general-department-director": "Tổng cục trưởng",
    "provincial-department-director": "Giám đốc Sở",
    "division-head": "Trưởng phòng",
    "division-deputy-head": "Phó Trưởng phòng",
    "branch-secretary": "Bí thư chi bộ",
    "grassroots-committee-member": "Đảng ủy viên cơ sở",
}


@st.composite
def posts(
    draw: st.DrawFn,
    organization_ids: Sequence[str] = ("org",),
    *,
    id: str | None = None,
) -> Post:
    """A post in one of ``organization_ids``, with a category from
    :data:`POST_CATEGORIES` and now and then a requirement of its own."""
    category = draw(st.sampled_from(POST_CATEGORIES))
    title = _POST_TITLES.get(category or "", "Chuyên viên")
    return Post(
        id=id if id is not None else draw(identifiers()),
        title=draw(st.just(title) | texts()),
        organization=draw(st.sampled_from(tuple(organization_ids))),
        category=category,
        requirements=tuple(draw(st.lists(requirements(), max_size=2))),
    )


@st.composite
def course_types(draw: st.DrawFn, *, id: str | None = None) -> CourseType:
    """A dataset's own course type, with an id that is not a built-in one."""
    ident = id if id is not None else draw(
        identifiers().filter(lambda i: i not in BUILTIN_COURSE_TYPE_IDS))
    return CourseType(
        id=ident,
        name=draw(texts()),
        category=draw(st.sampled_from(CourseCategory)),
        name_en=draw(_maybe(texts())),
        grants=draw(st.none() | requirements()),
    )


@st.composite
def documents(draw: st.DrawFn, *, id: str | None = None) -> SourceDocument:
    """A source document (plan, report, decision)."""
    return SourceDocument(
        id=id if id is not None else draw(identifiers()),
        title=draw(texts(max_size=40)),
        number=draw(_maybe(st.sampled_from(("{}-KH/ĐU", "{}-BC/ĐU", "{}-QĐ/ĐU")).flatmap(
            lambda t: _numbered(t, 999)))),
        issued=draw(st.none() | st.dates(date(2010, 1, 1), LATEST_PAST_EVENT)),
        issuer=draw(_maybe(texts())),
    )


# ---------------------------------------------------------------------- people


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


# --------------------------------------------------------------------- classes


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


# ------------------------------------------------------------ plans and groups


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


# --------------------------------------------------------------------- dataset


def datasets(
    *,
    min_people: int = 0,
    max_people: int = 10,
    min_organizations: int = 1,
    max_organizations: int = 8,
    min_depth: int = 1,
    max_posts: int = 5,
    min_classes: int = 0,
    max_classes: int = 5,
    max_class_groups: int = 2,
    min_plans: int = 0,
    max_plans: int = 4,
    max_documents: int = 2,
    max_figures: int = 4,
    max_course_types: int = 1,
    with_rosters: bool = True,
    with_learner_counts: bool = True,
    consistent_figures: bool = True,
    coherent_results: bool = False,
    with_certificates: bool = False,
    years: tuple[int, int] = (2016, 2025),
) -> st.SearchStrategy[Dataset]:
    """A whole dataset that :func:`cadretrain.validate` accepts without an error.

    - an organization tree of ``min_organizations`` to ``max_organizations``
      with at least ``min_depth`` levels (:func:`organizations_trees`);
    - posts with :data:`POST_CATEGORIES` and people holding them, with party
      histories and qualifications (:func:`people`);
    - classes starting within ``years``: with ``with_rosters``, classes may
      carry a full roster of the dataset's people; with
      ``with_learner_counts``, classes may carry only a count (at least one
      of the two must be true). Some classes belong to class groups of their
      course type and year;
    - plans (:func:`plans`), source documents and printed figures (counts
      with parts of the same measure; with ``consistent_figures`` every total
      is the sum of its parts, so the dataset has no warning either);
    - up to ``max_course_types`` course types of its own, used like the
      built-in ones;
    - with ``coherent_results``, every learner on a roster has a result that
      agrees with the default pass policy (see :func:`results`); with
      ``with_certificates``, each certificate a result says was issued is
      recorded among the learner's qualifications with the class's id (the
      level, for a course type that grants one), issued on the class's last
      day, unless that day is after :data:`LATEST_PAST_EVENT`.

    For one year of attainment data, pass ``years=(2024, 2024)``; for an
    organization tree of several levels, ``min_depth=3``.

    Drawing a dataset takes some tens of milliseconds (hundreds of draws);
    with ``deadline=None`` and a modest ``max_examples`` a test stays fast.
    """
    if not (with_rosters or with_learner_counts):
        raise ValueError("a class needs a roster or a learner count: allow one of them")
    if min_depth < 1 or max_organizations < max(min_organizations, min_depth):
        raise ValueError("need 1 <= min_depth <= max_organizations, "
                         "min_organizations <= max_organizations")
    return _datasets(
        min_people=min_people,
        max_people=max_people,
        min_organizations=min_organizations,
        max_organizations=max_organizations,
        min_depth=min_depth,
        max_posts=max_posts,
        min_classes=min_classes,
        max_classes=max_classes,
        max_class_groups=max_class_groups,
        min_plans=min_plans,
        max_plans=max_plans,
        max_documents=max_documents,
        max_figures=max_figures,
        max_course_types=max_course_types,
        with_rosters=with_rosters,
        with_learner_counts=with_learner_counts,
        consistent_figures=consistent_figures,
        coherent_results=coherent_results,
        with_certificates=with_certificates,
        years=years,
    )


@st.composite
def _datasets(
    draw: st.DrawFn,
    *,
    min_people: int = 0,
    max_people: int = 10,
    min_organizations: int = 1,
    max_organizations: int = 8,
    min_depth: int = 1,
    max_posts: int = 5,
    min_classes: int = 0,
    max_classes: int = 5,
    max_class_groups: int = 2,
    min_plans: int = 0,
    max_plans: int = 4,
    max_documents: int = 2,
    max_figures: int = 4,
    max_course_types: int = 1,
    with_rosters: bool = True,
    with_learner_counts: bool = True,
    consistent_figures: bool = True,
    coherent_results: bool = False,
    with_certificates: bool = False,
    years: tuple[int, int] = (2016, 2025),
) -> Dataset:
    orgs = draw(organizations_trees(min_size=min_organizations, max_size=max_organizations,
                                    min_depth=min_depth))
    org_ids = [o.id for o in orgs]
    own_types = draw(st.lists(course_types(), max_size=max_course_types,
                              unique_by=lambda c: c.id))
    type_ids = [*BUILTIN_COURSE_TYPE_IDS, *(c.id for c in own_types)]
    doc_ids = draw(st.lists(identifiers(), max_size=max_documents, unique=True))
    docs = [draw(documents(id=d)) for d in doc_ids]
    post_ids = draw(st.lists(identifiers(), max_size=max_posts, unique=True))
    post_list = [draw(posts(org_ids, id=p)) for p in post_ids]
    person_ids = draw(st.lists(identifiers(), min_size=min_people, max_size=max_people,
                               unique=True))
    persons = [draw(people(org_ids, post_ids, id=p, course_type_ids=type_ids))
               for p in person_ids]
    class_ids = draw(st.lists(identifiers(), min_size=min_classes, max_size=max_classes,
                              unique=True))
    roster: bool | None = None if with_rosters and with_learner_counts else with_rosters
    classes = [draw(class_records(org_ids, persons, id=c, course_type_ids=type_ids,
                                  years=years, roster=roster,
                                  coherent_results=coherent_results)) for c in class_ids]
    if with_certificates:
        persons = _certify(persons, classes, own_types)
    group_ids = draw(st.lists(identifiers(), max_size=max_class_groups, unique=True))
    classes, groups = draw(_groups(classes, group_ids, org_ids, type_ids, doc_ids, years))
    plan_ids = draw(st.lists(identifiers(), min_size=min_plans, max_size=max_plans,
                             unique=True))
    plan_list = [draw(plans(org_ids, id=p, course_type_ids=type_ids, document_ids=doc_ids,
                            years=years)) for p in plan_ids]
    figure_ids = draw(st.lists(identifiers(), max_size=max_figures if doc_ids else 0,
                               unique=True))
    figures = draw(_figures(figure_ids, org_ids, type_ids, doc_ids, years,
                            consistent_figures))
    return Dataset(
        title=draw(_maybe(texts(max_size=40))),
        organizations=orgs,
        course_types=tuple(own_types),
        people=tuple(persons),
        posts=tuple(post_list),
        classes=tuple(classes),
        class_groups=tuple(groups),
        plans=tuple(plan_list),
        documents=tuple(docs),
        figures=tuple(figures),
    )
