"""The ids records refer to, and the checks of ids, organizations, posts and the
organization tree.
"""

from __future__ import annotations

import typing
from collections.abc import Collection, Iterable, Mapping

from cadretrain.catalog import builtin_course_types, course_catalog
from cadretrain.i18n import _
from cadretrain.model import (
    ClassGroup,
    Dataset,
    Organization,
    Post,
    PrintedFigure,
)
from cadretrain.validation import collector
from cadretrain.validation.collector import _Collector, _duplicates, _id_of, _indexed
from cadretrain.validation.people import _check_requirement


class _Known(typing.NamedTuple):
    """The ids that references may point to."""

    orgs: set[str]
    people: set[str]
    posts: set[str]
    documents: set[str]
    figures: dict[str, PrintedFigure]
    figure_ids: set[str]
    catalog: set[str]
    groups: dict[str, ClassGroup]
    group_ids: set[str]
    #: ids of classes and class groups, which a figure may name
    class_ids: set[str]

    @classmethod
    def of(cls, dataset: Dataset, extra: Mapping[str, Collection[str]]) -> _Known:
        def known(section: str, ids: Iterable[str]) -> set[str]:
            found = set(ids)
            found.update(extra.get(section, ()))
            return found

        figures = {f.id: f for f in dataset.figures}
        groups = {g.id: g for g in dataset.class_groups}
        return cls(
            orgs=known("organizations", map(_id_of, dataset.organizations)),
            people=known("people", map(_id_of, dataset.people)),
            posts=known("posts", map(_id_of, dataset.posts)),
            documents=known("documents", map(_id_of, dataset.documents)),
            figures=figures,
            figure_ids=known("figures", figures),
            catalog=known("course_types", course_catalog(dataset)),
            groups=groups,
            group_ids=known("class_groups", groups),
            class_ids=known("classes", map(_id_of, dataset.classes))
            | known("class_groups", groups),
        )


def _check_organization(
    out: _Collector, path: str, org: Organization, orgs: Collection[str]
) -> None:
    out.reference(f"{path}.parent", org.parent, orgs, "organization")
    for cpath, count in _indexed(f"{path}.member_counts", org.member_counts):
        if count.members < 0:
            out.error(f"{cpath}.members", _("a member count cannot be negative"))


def _check_post(out: _Collector, path: str, post: Post, orgs: Collection[str]) -> None:
    out.reference(f"{path}.organization", post.organization, orgs, "organization")
    for rpath, req in _indexed(f"{path}.requirements", post.requirements):
        _check_requirement(out, rpath, req)


def _check_ids(out: _Collector, ds: Dataset) -> None:
    for name in ("organizations", "people", "posts", "classes", "class_groups", "plans",
                 "documents", "figures"):
        records = getattr(ds, name)
        what = {"people": "person", "classes": "class", "class_groups": "class group"}.get(
            name, name.rstrip("s")
        )
        ids = list(map(_id_of, records))
        # The paths are made only when there is a problem to place.
        if not collector.SHORTCUTS or len(set(ids)) != len(ids):
            _duplicates(out, ((f"{name}[{i}].id", ident) for i, ident in enumerate(ids)), what)
        if not collector.SHORTCUTS or not all(map(str.strip, ids)):
            for i, ident in enumerate(ids):
                if not ident.strip():
                    out.error(f"{name}[{i}].id", _("an id cannot be empty"))
    builtin = {ct.id for ct in builtin_course_types()}
    _duplicates(
        out,
        ((f"course_types[{i}].id", ct.id) for i, ct in enumerate(ds.course_types)),
        "course type",
    )
    for i, ct in enumerate(ds.course_types):
        if ct.id in builtin:
            out.error(
                f"course_types[{i}].id",
                _('"{id}" is a built-in course type; choose another id for your own')
                .format(id=ct.id),
            )
    held = [q.id for p in ds.people for q in p.qualifications]
    if collector.SHORTCUTS and len(set(held)) == len(held):
        return
    _duplicates(
        out,
        (
            (f"people[{i}].qualifications[{j}].id", q.id)
            for i, p in enumerate(ds.people)
            for j, q in enumerate(p.qualifications)
        ),
        "qualification",
    )


def _check_tree(out: _Collector, ds: Dataset) -> None:
    parents = {o.id: o.parent for o in ds.organizations}
    reported: set[str] = set()
    for index, org in enumerate(ds.organizations):
        seen = [org.id]
        node = org.parent
        while node is not None and node in parents:
            if node in seen:
                cycle = [*seen[seen.index(node):], node]
                if not reported.intersection(cycle):
                    out.error(
                        f"organizations[{index}].parent",
                        _("the organization tree has a cycle: {cycle}").format(
                            cycle=" → ".join(cycle)),
                    )
                    reported.update(cycle)
                break
            seen.append(node)
            node = parents[node]
