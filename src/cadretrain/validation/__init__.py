"""Checks beyond the shape of the data: references, duplicates, dates, counts.

:func:`validate` looks at a whole :class:`~cadretrain.model.Dataset` and returns
every problem it finds, errors and warnings, each with its path. It never stops
at the first one.
"""

from __future__ import annotations

import operator
import typing
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

from cadretrain import i18n
from cadretrain.catalog import builtin_course_types, course_catalog
from cadretrain.converter import Suggestions, _suggest, shorten
from cadretrain.i18n import N_, _, ngettext, number, translate
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    Dataset,
    Measure,
    Organization,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    PoliticalTheoryLevel,
    Post,
    PrintedFigure,
    QualificationKind,
    Requirement,
    Result,
    StateManagementLevel,
)
from cadretrain.problems import Problem, Severity
from cadretrain.progress import counted

__all__ = ["levels_for", "validate"]

T = TypeVar("T")

#: Whether the checks take their shortcuts for records with nothing to report
#: (a clean roster, a person with nothing but an organization, ids without
#: repeats). The tests turn them off to compare: the problems are the same.
_SHORTCUTS = True


def levels_for(kind: QualificationKind) -> tuple[str, ...]:
    """The level names valid for a qualification kind, lowest first
    (empty for course certificates, which have no level)."""
    if kind is QualificationKind.POLITICAL_THEORY:
        return tuple(level.value for level in PoliticalTheoryLevel)
    if kind in (QualificationKind.STATE_MANAGEMENT, QualificationKind.CIVIL_SERVICE_RANK):
        return tuple(level.value for level in StateManagementLevel)
    return ()


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._suggestions: dict[int, tuple[Collection[str], Suggestions]] = {}

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(severity=Severity.ERROR, path=path, message=message))

    def warning(self, path: str, message: str) -> None:
        self.problems.append(Problem(severity=Severity.WARNING, path=path, message=message))

    def reference(
        self, path: str, value: str | None, known: Collection[str], what: str
    ) -> None:
        if value is not None and value not in known:
            self._unknown(path, value, known, what)

    def _unknown(self, path: str, value: str, known: Collection[str], what: str) -> None:
        self.error(path, _unknown_message(what, value, self._hints(known)))

    def _hints(self, known: Collection[str]) -> Suggestions:
        # Indexed once per collection, not once per unknown reference: a file
        # with thousands of bad references stays near linear. The collection
        # is kept in the cache so its id cannot be reused while cached.
        cached = self._suggestions.get(id(known))
        if cached is None or cached[0] is not known:
            cached = (known, Suggestions(sorted(known)))
            self._suggestions[id(known)] = cached
        return cached[1]


class _ReferencesOnly(_Collector):
    """Collects the unknown references only.

    A reference check depends on nothing but the referring value and the ids
    that exist; every other check may compare fields of the record with each
    other. For a record read with stand-ins for its unreadable fields, only
    the references are sound to report.
    """

    def error(self, path: str, message: str) -> None:
        pass

    def warning(self, path: str, message: str) -> None:
        pass

    def _unknown(self, path: str, value: str, known: Collection[str], what: str) -> None:
        _Collector.error(self, path, _unknown_message(what, value, self._hints(known)))


# One whole message per kind of record, so that each reads as one sentence in
# either language (never "unknown " + an English noun).
_UNKNOWN = {
    "organization": N_('unknown organization "{value}"'),
    "person": N_('unknown person "{value}"'),
    "post": N_('unknown post "{value}"'),
    "course type": N_('unknown course type "{value}"'),
    "class group": N_('unknown class group "{value}"'),
    "document": N_('unknown document "{value}"'),
    "figure": N_('unknown figure "{value}"'),
    "class or class group": N_('unknown class or class group "{value}"'),
}
_DUPLICATE = {
    "organization": N_('duplicate organization id "{id}" (first at {first})'),
    "person": N_('duplicate person id "{id}" (first at {first})'),
    "post": N_('duplicate post id "{id}" (first at {first})'),
    "class": N_('duplicate class id "{id}" (first at {first})'),
    "class group": N_('duplicate class group id "{id}" (first at {first})'),
    "plan": N_('duplicate plan id "{id}" (first at {first})'),
    "document": N_('duplicate document id "{id}" (first at {first})'),
    "figure": N_('duplicate figure id "{id}" (first at {first})'),
    "course type": N_('duplicate course type id "{id}" (first at {first})'),
    "qualification": N_('duplicate qualification id "{id}" (first at {first})'),
}


def _unknown_message(what: str, value: str, known: Suggestions) -> str:
    return translate(_UNKNOWN[what]).format(value=shorten(value)) + known.hint(value)


def _duplicates(
    out: _Collector, items: Iterable[tuple[str, str]], what: str
) -> None:
    """``items`` are (path, id) pairs; every repeat after the first is an error."""
    first: dict[str, str] = {}
    for path, ident in items:
        if ident in first:
            out.error(path, translate(_DUPLICATE[what]).format(id=shorten(ident),
                                                               first=first[ident]))
        else:
            first[ident] = path


def _indexed(prefix: str, records: Iterable[T]) -> Iterator[tuple[str, T]]:
    for index, record in enumerate(records):
        yield f"{prefix}[{index}]", record


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
            _SHORTCUTS
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


def _check_plan(
    out: _Collector,
    path: str,
    plan: Plan,
    orgs: Collection[str],
    documents: Collection[str],
    catalog: Collection[str],
) -> None:
    out.reference(f"{path}.scope", plan.scope, orgs, "organization")
    out.reference(f"{path}.course_type", plan.course_type, catalog, "course type")
    for i, ct in enumerate(plan.course_types):
        out.reference(f"{path}.course_types[{i}]", ct, catalog, "course type")
        if ct in plan.course_types[:i]:
            out.error(f"{path}.course_types[{i}]",
                      _('"{course_type}" is named twice').format(course_type=ct))
    if plan.course_type is None and not plan.course_types:
        out.error(path, _("a plan needs a course_type, or course_types for several together"))
    elif plan.course_type is not None and plan.course_types:
        out.error(f"{path}.course_types",
                  _("a plan names one course_type or several course_types, not both"))
    out.reference(f"{path}.source", plan.source, documents, "document")
    if plan.period_start > plan.period_end:
        out.error(f"{path}.period_end", _("the period ends before it starts"))
    if plan.classes is None and plan.learners is None:
        out.error(path, _("a plan needs a number of classes, of learners, or both"))
    for name in ("classes", "learners"):
        value = getattr(plan, name)
        if value is not None and value < 0:
            out.error(f"{path}.{name}", _("a planned number cannot be negative"))


def _check_ids(out: _Collector, ds: Dataset) -> None:
    for name in ("organizations", "people", "posts", "classes", "class_groups", "plans",
                 "documents", "figures"):
        records = getattr(ds, name)
        what = {"people": "person", "classes": "class", "class_groups": "class group"}.get(
            name, name.rstrip("s")
        )
        ids = list(map(_id_of, records))
        # The paths are made only when there is a problem to place.
        if not _SHORTCUTS or len(set(ids)) != len(ids):
            _duplicates(out, ((f"{name}[{i}].id", ident) for i, ident in enumerate(ids)), what)
        if not _SHORTCUTS or not all(map(str.strip, ids)):
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
    if _SHORTCUTS and len(set(held)) == len(held):
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


def _check_requirement(out: _Collector, path: str, req: Requirement) -> None:
    levels = levels_for(req.kind)
    if not levels:
        out.error(f"{path}.kind",
                  _('"{kind}" has no levels to require').format(kind=req.kind.value))
    elif req.level not in levels:
        out.error(f"{path}.level", _not_a_level(req.kind, req.level, levels))


def _check_status_dates(out: _Collector, path: str, change: PartyStatusChange) -> None:
    """The dated acts of an admission or a full membership come in order:
    the branch's resolution, the committee's decision, the ceremony."""
    if change.ceremony is not None and change.status is not PartyStatus.PROBATIONARY:
        out.error(f"{path}.ceremony", _(
            "an admission ceremony belongs to a probationary status (the admission), "
            'not to "{status}"').format(status=change.status.value))
    acts = [("resolution", change.resolution), ("decision", change.decision),
            ("ceremony", change.ceremony)]
    known = [(name, day) for name, day in acts if day is not None]
    for (first, a), (name, b) in pairwise(known):
        if b < a:
            out.error(f"{path}.{name}", translate(_DATED_BEFORE[first, name]).format(
                then=b.isoformat(), first=a.isoformat()))


# Each pair of acts in its own words (one sentence per message, for the catalog).
_DATED_BEFORE = {
    ("resolution", "decision"): N_("the committee's decision ({then}) is dated before the "
                                   "branch's resolution ({first})"),
    ("resolution", "ceremony"): N_("the admission ceremony ({then}) is dated before the "
                                   "branch's resolution ({first})"),
    ("decision", "ceremony"): N_("the admission ceremony ({then}) is dated before the "
                                 "committee's decision ({first})"),
}


_NEEDS_LEVEL = {
    QualificationKind.POLITICAL_THEORY: N_("a political-theory qualification needs a level"),
    QualificationKind.STATE_MANAGEMENT: N_("a state-management qualification needs a level"),
    QualificationKind.CIVIL_SERVICE_RANK: N_("a civil-service-rank qualification needs a level"),
}
_NOT_A_LEVEL = {
    QualificationKind.POLITICAL_THEORY: N_('"{level}" is not a political-theory level'),
    QualificationKind.STATE_MANAGEMENT: N_('"{level}" is not a state-management level'),
    QualificationKind.CIVIL_SERVICE_RANK: N_('"{level}" is not a civil-service-rank level'),
}


def _not_a_level(kind: QualificationKind, level: str | None, levels: Sequence[str]) -> str:
    text = translate(_NOT_A_LEVEL[kind]).format(level=shorten(level or ""))
    return text + _suggest(level or "", list(levels))


def _check_person(
    out: _Collector,
    path: str,
    person: Person,
    orgs: Collection[str],
    posts: Collection[str],
    catalog: Collection[str],
    on: date | None,
) -> None:
    out.reference(f"{path}.organization", person.organization, orgs, "organization")
    statuses = person.party_status
    for i in range(1, len(statuses)):
        if statuses[i].since < statuses[i - 1].since:
            out.error(
                f"{path}.party_status[{i}].since",
                _("party status changes must be listed in date order"),
            )
    for cpath, change in _indexed(f"{path}.party_status", statuses):
        _check_status_dates(out, cpath, change)
    for hpath, holding in _indexed(f"{path}.posts", person.posts):
        out.reference(f"{hpath}.post", holding.post, posts, "post")
        if holding.end is not None and holding.end < holding.start:
            out.error(f"{hpath}.end", _("the post is left before it is taken"))
    for qpath, q in _indexed(f"{path}.qualifications", person.qualifications):
        levels = levels_for(q.kind)
        if levels:
            if q.level is None:
                out.error(f"{qpath}.level", translate(_NEEDS_LEVEL[q.kind]))
            elif q.level not in levels:
                out.error(f"{qpath}.level", _not_a_level(q.kind, q.level, levels))
        else:
            if q.course_type is None:
                out.error(f"{qpath}.course_type", _("a course certificate needs its course type"))
            if q.level is not None:
                out.error(f"{qpath}.level", _("a course certificate has no level"))
        out.reference(f"{qpath}.course_type", q.course_type, catalog, "course type")
        if q.expires is not None and q.expires <= q.issued:
            out.error(f"{qpath}.expires", _("the qualification expires before it is issued"))
        if on is not None and q.issued > on:
            out.error(
                f"{qpath}.issued",
                _("issued on {issued}, after the date of the check ({on})").format(
                    issued=q.issued.isoformat(), on=on.isoformat()),
            )


def _check_class(
    out: _Collector,
    path: str,
    cls: ClassRecord,
    orgs: Collection[str],
    people: Collection[str],
    catalog: Collection[str],
) -> None:
    out.reference(f"{path}.course_type", cls.course_type, catalog, "course type")
    out.reference(f"{path}.host", cls.host, orgs, "organization")
    for i, co_host in enumerate(cls.co_hosts):
        out.reference(f"{path}.co_hosts[{i}]", co_host, orgs, "organization")
    for lpath, lecturer in _indexed(f"{path}.lecturers", cls.lecturers):
        out.reference(f"{lpath}.person", lecturer.person, people, "person")
        out.reference(f"{lpath}.organization", lecturer.organization, orgs, "organization")
    if cls.end < cls.start:
        out.error(f"{path}.end", _("the class ends before it starts"))
    if cls.learner_count is not None and cls.learner_count < 0:
        out.error(f"{path}.learner_count", _("a learner count cannot be negative"))
    _check_stated_counts(out, path, cls, cls.learners, roster=cls.enrollments is not None)
    if cls.enrollments is None:
        if cls.learner_count is None:
            out.error(path, _("a class needs a roster (enrollments) or a learner_count"))
        return
    if cls.learner_count is not None and cls.learner_count != len(cls.enrollments):
        out.error(
            f"{path}.learner_count",
            ngettext("the class states {n} learners but its roster lists {listed}",
                     "the class states {n} learners but its roster lists {listed}",
                     cls.learner_count).format(n=i18n.number(cls.learner_count),
                                               listed=i18n.number(len(cls.enrollments))),
        )
    enrollments = cls.enrollments
    persons = list(map(_person_of, enrollments))
    # A roster whose people and organizations all exist, with nobody twice,
    # no dates and only results in range, has nothing to report: checked by
    # C loops (the results too: a roster with its learners' results is common).
    if (
        _SHORTCUTS
        and all(map(people.__contains__, persons))
        and all(map(orgs.__contains__, map(_sender_of, enrollments)))
        and len(set(persons)) == len(persons)
        and not any(map(_joined_of, enrollments))
        and not any(map(_left_of, enrollments))
        and all(map(_result_in_range, filter(None, map(_result_of, enrollments))))
    ):
        return
    seen: dict[str, int] = {}
    for index, enr in enumerate(enrollments):
        # Most enrollments are clean: check them without building the paths
        # of problems that are not there (a national roster has millions).
        if (
            enr.person in people
            and enr.sending_organization in orgs
            and enr.person not in seen
            and enr.joined is None
            and enr.left is None
            and (enr.result is None or _result_in_range(enr.result))
        ):
            seen[enr.person] = index
            continue
        epath = f"{path}.enrollments[{index}]"
        out.reference(f"{epath}.person", enr.person, people, "person")
        out.reference(
            f"{epath}.sending_organization", enr.sending_organization, orgs, "organization"
        )
        if enr.person in seen:
            out.error(
                f"{epath}.person",
                _('person "{person}" is already in this class (enrollments[{index}])')
                .format(person=shorten(enr.person), index=seen[enr.person]),
            )
        else:
            seen[enr.person] = index
        for name in ("joined", "left"):
            day = getattr(enr, name)
            if day is not None and not cls.start <= day <= cls.end:
                out.error(
                    f"{epath}.{name}",
                    _("{day} is outside the class ({start} to {end})").format(
                        day=day.isoformat(), start=cls.start.isoformat(),
                        end=cls.end.isoformat()),
                )
        if enr.joined is not None and enr.left is not None and enr.left < enr.joined:
            out.error(f"{epath}.left", _("the learner leaves before joining"))
        result = enr.result
        if result is not None:
            if result.attendance is not None and not 0 <= result.attendance <= 1:
                out.error(f"{epath}.result.attendance", _("attendance is a share from 0 to 1"))
            if result.essay_grade is not None and not 0 <= result.essay_grade <= 10:
                out.error(f"{epath}.result.essay_grade", _("an essay grade is from 0 to 10"))


_id_of = operator.attrgetter("id")
_person_of = operator.attrgetter("person")
_sender_of = operator.attrgetter("sending_organization")
# A date and a Result are always true: any() finds one that is not None.
_joined_of = operator.attrgetter("joined")
_left_of = operator.attrgetter("left")
_result_of = operator.attrgetter("result")


def _has_acts(change: PartyStatusChange) -> bool:
    """Whether a party status change names a resolution, decision or ceremony
    (which :func:`_check_person` checks)."""
    return bool(change.resolution or change.decision or change.ceremony)


def _result_in_range(result: Result) -> bool:
    """What the checks at the end of :func:`_check_class` accept, without reporting."""
    return (result.attendance is None or 0 <= result.attendance <= 1) and (
        result.essay_grade is None or 0 <= result.essay_grade <= 10
    )


def _check_group(
    out: _Collector,
    path: str,
    group: ClassGroup,
    orgs: Collection[str],
    documents: Collection[str],
    catalog: Collection[str],
    members: Sequence[ClassRecord],
) -> None:
    out.reference(f"{path}.course_type", group.course_type, catalog, "course type")
    out.reference(f"{path}.host", group.host, orgs, "organization")
    out.reference(f"{path}.source", group.source, documents, "document")
    for i, co_host in enumerate(group.co_hosts):
        out.reference(f"{path}.co_hosts[{i}]", co_host, orgs, "organization")
    if group.period_start > group.period_end:
        out.error(f"{path}.period_end", _("the period ends before it starts"))
    for name in ("classes", "learners"):
        if getattr(group, name) < 0:
            out.error(f"{path}.{name}", _("a count cannot be negative"))
    _check_stated_counts(out, path, group, group.learners, roster=False)
    # A negative count is reported above; comparing with it would only repeat that.
    if 0 <= group.classes < len(members):
        out.error(
            f"{path}.classes",
            ngettext("{n} class names this group, more than its {classes}",
                     "{n} classes name this group, more than its {classes}",
                     len(members)).format(n=i18n.number(len(members)),
                                          classes=i18n.number(group.classes)),
        )
    listed = sum(c.learners for c in members)
    if 0 <= group.learners < listed:
        out.error(
            f"{path}.learners",
            _("the classes that name this group have {listed} learners, more than its "
              "{learners}").format(listed=i18n.number(listed),
                                   learners=i18n.number(group.learners)),
        )
    for member in members:
        if not group.period_start <= member.start <= group.period_end:
            out.error(
                f"{path}.period_start",
                _('class "{id}" of this group starts outside its period').format(id=member.id),
            )


def _check_stated_counts(out: _Collector, path: str, record: ClassRecord | ClassGroup,
                         learners: int, *, roster: bool) -> None:
    """Party-status and result counts stated for a class or group known by counts."""
    split = (("party_members", record.party_members), ("non_members", record.non_members))
    for name, value in split:
        if value is None:
            continue
        if roster:
            out.error(f"{path}.{name}", _("a class with a roster has its people's party "
                                          "status; counts are for classes known only by "
                                          "numbers"))
        elif value < 0:
            out.error(f"{path}.{name}", _("a count cannot be negative"))
    stated = sum(v for _name, v in split if v is not None and v > 0)
    if not roster and stated > learners >= 0:
        out.error(f"{path}.party_members",
                  _("party members and non-members ({stated}) are more than the {learners} "
                    "learners").format(stated=number(stated), learners=number(learners)))
    results = record.results
    if results is None:
        return
    if roster:
        out.error(f"{path}.results", _("a class with a roster has its learners' results; "
                                       "result counts are for classes known only by numbers"))
        return
    for name in ("outstanding", "excellent", "good", "average", "passed", "fail"):
        if getattr(results, name) < 0:
            out.error(f"{path}.results.{name}", _("a count cannot be negative"))
    if results.total > learners >= 0:
        out.error(f"{path}.results",
                  _("the result counts add up to {total}, more than the {learners} "
                    "learners").format(total=number(results.total), learners=number(learners)))


_RESULT_MEASURES = (Measure.RESULT_COUNT, Measure.RESULT_SHARE)
_CHANGE_MEASURES = (Measure.CLASSES_CHANGE, Measure.LEARNERS_CHANGE)
_MEMBER_MEASURES = (Measure.MEMBERS_ATTENDED, Measure.NON_MEMBERS_ATTENDED,
                    Measure.MEMBERS_REACHED)


def _check_figure(
    out: _Collector,
    path: str,
    fig: PrintedFigure,
    orgs: Collection[str],
    documents: Collection[str],
    figures: Mapping[str, PrintedFigure],
    figure_ids: Collection[str],
    catalog: Collection[str],
    class_ids: Collection[str] = (),
) -> None:
    out.reference(f"{path}.source", fig.source, documents, "document")
    out.reference(f"{path}.scope", fig.scope, orgs, "organization")
    for i, ct in enumerate(fig.course_types):
        out.reference(f"{path}.course_types[{i}]", ct, catalog, "course type")
    for i, part in enumerate(fig.parts):
        out.reference(f"{path}.parts[{i}]", part, figure_ids, "figure")
        if part == fig.id:
            out.error(f"{path}.parts[{i}]", _("a figure cannot be a part of itself"))
        elif part in figures and figures[part].measure is not fig.measure:
            out.error(
                f"{path}.parts[{i}]",
                _('figure "{part}" counts {part_measure}, this one counts {measure}').format(
                    part=part, part_measure=figures[part].measure.value,
                    measure=fig.measure.value),
            )
    if fig.period_start > fig.period_end:
        out.error(f"{path}.period_end", _("the period ends before it starts"))
    if fig.parts and fig.measure.is_percent:
        out.error(f"{path}.parts", _("percentages do not add up; only counts can have parts"))
    if fig.parts and fig.bound is not None:
        out.error(f"{path}.parts", _("a bound is not a total; only counts can have parts"))
    if fig.classifications and fig.measure not in _RESULT_MEASURES:
        out.error(f"{path}.classifications",
                  _("only result-count and result-share figures count classifications, "
                    "this one counts {measure}").format(measure=fig.measure.value))
    if fig.change is not None and fig.measure not in _CHANGE_MEASURES:
        out.error(f"{path}.change",
                  _("only classes-change and learners-change figures are printed as a "
                    "change, this one counts {measure}").format(measure=fig.measure.value))
    if fig.counted_on is not None and fig.measure is not Measure.MEMBERS_REACHED:
        out.error(f"{path}.counted_on",
                  _("only a members-reached figure is against a member count"))
    for i, ident in enumerate(fig.classes):
        out.reference(f"{path}.classes[{i}]", ident, class_ids, "class or class group")
    out.reference(f"{path}.partner", fig.partner, orgs, "organization")


def _check_figure_totals(out: _Collector, ds: Dataset) -> None:
    """A printed total that is not the sum of its printed parts is a warning:
    the report says both, and neither is to be trusted over the other."""
    by_id = {f.id: f for f in ds.figures}
    counts = Counter(f.id for f in ds.figures)
    for index, fig in enumerate(ds.figures):
        if not fig.parts or counts[fig.id] > 1 or fig.id in fig.parts:
            continue
        parts = [by_id[p] for p in fig.parts if p in by_id]
        if len(parts) != len(fig.parts) or any(p.measure is not fig.measure for p in parts):
            continue
        total = sum((p.value for p in parts), start=0)
        if total != fig.value:
            listing = " + ".join(f"{_figure(p.value)} ({p.id})" for p in parts)
            out.warning(
                f"figures[{index}].value",
                _('printed total {value} ("{quote}") disagrees with the sum of its parts: '
                  "{parts} = {total}").format(value=_figure(fig.value), quote=fig.quote,
                                              parts=listing, total=_figure(total)),
            )


def _figure(value: Decimal | int) -> str:
    """A printed figure's value in the current language (1.909, 162,5), with the
    decimals it was printed with."""
    if isinstance(value, int) or value == value.to_integral_value():
        return i18n.number(int(value))
    exponent = value.as_tuple().exponent
    return i18n.decimal(value, -exponent if isinstance(exponent, int) else 1)
