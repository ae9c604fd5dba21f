"""The checks of classes, class groups and plans: dates, rosters, results, stated counts.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Sequence

from cadretrain import i18n
from cadretrain.converter import shorten
from cadretrain.i18n import _, ngettext, number
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    PartyStatusChange,
    Plan,
    Result,
)
from cadretrain.validation import collector
from cadretrain.validation.collector import _Collector, _indexed, _person_of, _sender_of


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
        collector.SHORTCUTS
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
