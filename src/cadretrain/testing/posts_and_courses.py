"""Strategies for posts with their requirements, course types and source documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from cadretrain.catalog import builtin_course_types
from cadretrain.model import (
    CourseCategory,
    CourseType,
    Post,
    QualificationKind,
    Requirement,
    SourceDocument,
)
from cadretrain.testing.text import LATEST_PAST_EVENT, _maybe, _numbered, identifiers, texts
from cadretrain.validation import levels_for

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

#: The ids of the built-in course types.
BUILTIN_COURSE_TYPE_IDS: tuple[str, ...] = tuple(ct.id for ct in builtin_course_types())




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
