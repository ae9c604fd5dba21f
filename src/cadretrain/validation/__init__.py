"""Checks beyond the shape of the data: references, duplicates, dates, counts.

:func:`validate` looks at a whole :class:`~cadretrain.model.Dataset` and returns
every problem it finds, errors and warnings, each with its path. It never stops
at the first one.

The checks live beside it by what they look at: ids, organizations and the
tree (``validation/references.py``), people
(``validation/people.py``), classes, groups and plans
(``validation/classes.py``) and printed figures
(``validation/figures.py``), each writing to one collector
(``validation/collector.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from cadretrain.i18n import N_, _
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    Dataset,
    Organization,
    Person,
    Plan,
    Post,
    PrintedFigure,
)
from cadretrain.problems import Problem
from cadretrain.progress import counted
from cadretrain.validation import collector
from cadretrain.validation.classes import _check_class, _check_group, _check_plan, _has_acts
from cadretrain.validation.collector import _Collector, _indexed, _ReferencesOnly
from cadretrain.validation.figures import _check_figure, _check_figure_totals
from cadretrain.validation.people import _check_person, _check_requirement, levels_for
from cadretrain.validation.references import (
    _check_ids,
    _check_organization,
    _check_post,
    _check_tree,
    _Known,
)

__all__ = [
    "levels_for",
    "validate",
]


def validate(
    dataset: Dataset,
    *,
    on: date | None = None,
    unreadable_ids: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """Every problem in ``dataset``, errors and warnings, in a stable order.

    ``on`` is the date of the check: qualifications issued after it are errors.
    Without it, no check depends on the date.

    ``unreadable_ids`` maps a section name (``"organizations"``, ...) to the ids
    of records that exist in the source but could not be read; the loader
    passes them so that references to a broken record are not reported a
    second time as references to nothing.
    """
    out = _Collector()
    _check_ids(out, dataset)
    known = _Known.of(dataset, unreadable_ids or {})
    orgs, people, posts, documents = known.orgs, known.people, known.posts, known.documents
    figures, figure_ids, catalog = known.figures, known.figure_ids, known.catalog

    for path, org in _indexed("organizations", dataset.organizations):
        _check_organization(out, path, org, orgs)
    _check_tree(out, dataset)

    for path, ct in _indexed("course_types", dataset.course_types):
        if ct.grants is not None:
            _check_requirement(out, f"{path}.grants", ct.grants)

    for ppath, post in _indexed("posts", dataset.posts):
        _check_post(out, ppath, post, orgs)

    for index, person in enumerate(counted(dataset.people, N_("people checked"))):
        # Most people are just a name in an organization: nothing to check
        # but that, and no path to build (a national roster has 200,000).
        status = person.party_status
        if (
            collector.SHORTCUTS
            and person.organization in orgs
            and not person.posts
            and not person.qualifications
            and (not status or (len(status) == 1 and not _has_acts(status[0])))
        ):
            continue
        _check_person(out, f"people[{index}]", person, orgs, posts, catalog, on)

    groups = known.groups
    for path, cls in _indexed("classes", counted(dataset.classes, N_("classes checked"))):
        _check_class(out, path, cls, orgs, people, catalog)
        out.reference(f"{path}.group", cls.group, known.group_ids, "class group")
        group = groups.get(cls.group) if cls.group is not None else None
        if group is not None and group.course_type != cls.course_type:
            out.error(
                f"{path}.group",
                _('class group "{group}" is of course type "{group_type}", this class of '
                  '"{class_type}"').format(group=group.id, group_type=group.course_type,
                                           class_type=cls.course_type),
            )
    # The classes naming each group, found in one pass (not one pass per group).
    members_of: dict[str, list[ClassRecord]] = {}
    for cls in dataset.classes:
        if cls.group is not None:
            members_of.setdefault(cls.group, []).append(cls)
    for path, grp in _indexed("class_groups", dataset.class_groups):
        _check_group(out, path, grp, orgs, documents, catalog, members_of.get(grp.id, []))

    for path, plan in _indexed("plans", dataset.plans):
        _check_plan(out, path, plan, orgs, documents, catalog)

    for path, fig in _indexed("figures", dataset.figures):
        _check_figure(out, path, fig, orgs, documents, figures, figure_ids, catalog,
                      known.class_ids)
    _check_figure_totals(out, dataset)
    return out.problems


#: The sections :func:`_unknown_references` checks, in the order :func:`validate` does.
_REFERRING_SECTIONS = ("organizations", "posts", "people", "classes", "class_groups",
                       "plans", "figures")


def _unknown_references(
    dataset: Dataset,
    records: Iterable[tuple[str, int, object]],
    *,
    on: date | None = None,
    unreadable_ids: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """The unknown references in ``records``, records that are not in ``dataset``.

    Each of ``records`` is ``(section, index, record)``: a record of that
    section at that index of the source, which the loader could only build
    with stand-ins for fields it could not read. Its references are checked
    against the ids of ``dataset`` and ``unreadable_ids``, as :func:`validate`
    checks them; nothing else is, since any other check may compare a field
    with a stand-in. Problems come section by section in the order of
    :func:`validate`, then by index.
    """
    out = _ReferencesOnly()
    known = _Known.of(dataset, unreadable_ids or {})
    order = {name: i for i, name in enumerate(_REFERRING_SECTIONS)}
    chosen = sorted(
        ((section, index, record) for section, index, record in records if section in order),
        key=lambda r: (order[r[0]], r[1]),
    )
    for section, index, record in chosen:
        path = f"{section}[{index}]"
        if isinstance(record, Organization):
            _check_organization(out, path, record, known.orgs)
        elif isinstance(record, Post):
            _check_post(out, path, record, known.orgs)
        elif isinstance(record, Person):
            _check_person(out, path, record, known.orgs, known.posts, known.catalog, on)
        elif isinstance(record, ClassRecord):
            _check_class(out, path, record, known.orgs, known.people, known.catalog)
            out.reference(f"{path}.group", record.group, known.group_ids, "class group")
        elif isinstance(record, ClassGroup):
            _check_group(out, path, record, known.orgs, known.documents, known.catalog, [])
        elif isinstance(record, Plan):
            _check_plan(out, path, record, known.orgs, known.documents, known.catalog)
        elif isinstance(record, PrintedFigure):
            _check_figure(out, path, record, known.orgs, known.documents, known.figures,
                          known.figure_ids, known.catalog, known.class_ids)
    return out.problems
