"""Strategies for organization trees (a ministry's committee down to its branches).
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from cadretrain.model import (
    MemberCount,
    Organization,
    OrganizationKind,
)
from cadretrain.testing.text import LATEST_PAST_EVENT, _maybe, identifiers, texts

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
