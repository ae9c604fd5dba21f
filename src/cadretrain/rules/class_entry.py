"""Class entry: who may be sent to a class (kind ``class-entry``).
"""

from __future__ import annotations

from attrs import frozen

from cadretrain.i18n import _
from cadretrain.model import PartyStatus
from cadretrain.rules.certificate_validity import _course
from cadretrain.rules.context import Context
from cadretrain.rules.facts import (
    holding_evidence,
    holdings_on,
    party_status_on,
    status_change_on,
    status_evidence,
)
from cadretrain.rules.findings import Evidence, Finding, day
from cadretrain.rules.pass_policy import _class_name


@frozen(kw_only=True)
class EntryParameters:
    """Learners of classes of ``course_types`` must, on the class's first day,
    have one of ``party_statuses`` (none checked when empty) and hold a post
    of one of ``post_categories`` (none checked when empty)."""

    course_types: tuple[str, ...]
    party_statuses: tuple[PartyStatus, ...] = ()
    post_categories: tuple[str, ...] = ()


def _check_entry(p: EntryParameters) -> list[str]:
    return [] if p.course_types else [_("course_types must name at least one course type")]


def _any_of(words: list[str]) -> str:
    """``a or b or c`` in the current language."""
    return _(" or ").join(words)


def _entry_findings(ctx: Context) -> list[Finding]:
    """The roster check: each learner of such a class who does not meet a
    criterion, with the criterion, judged by the rule in force on the class's
    first day. Planned posts (quy hoạch) are not in the data: the message says
    a learner sent as planned for a post is listed too."""
    p: EntryParameters = ctx.rule.parameters
    people = {person.id: person for person in ctx.dataset.people}
    found: list[Finding] = []
    for c in ctx.dataset.classes:
        if c.course_type not in p.course_types or c.enrollments is None:
            continue
        if c.start > ctx.on or not ctx.rule.in_force(c.start):
            continue
        name = ctx.catalog[c.course_type].name if c.course_type in ctx.catalog else c.course_type
        title = _class_name(c)
        cls_ev = Evidence(kind="class", ref=c.id, facts=(
            ("course_type", c.course_type), ("start", c.start.isoformat())))
        for e in c.enrollments:
            person = people.get(e.person)
            if person is None:
                continue
            if p.party_statuses:
                status = party_status_on(person, c.start)
                if status not in p.party_statuses:
                    change = status_change_on(person, c.start)
                    ev = [cls_ev] + ([status_evidence(change)] if change else [])
                    was = status
                    found.append(ctx.says(
                        person, ctx.rule.severity,
                        lambda: _("learner of class “{title}” ({course}) starting {date} was "
                                  "{status} on that day; the criterion: {criterion}").format(
                            title=title, course=_course(name, c.course_type),
                            date=day(c.start), status=was.label(),
                            criterion=_any_of([s.label() for s in p.party_statuses])),
                        ev, topic="membership"))
            if p.post_categories:
                held = [(h, ctx.posts.get(h.post)) for h in holdings_on(person, c.start)]
                if not any(post is not None and post.category in p.post_categories
                           for _h, post in held):
                    ev = [cls_ev] + [holding_evidence(h, post.title if post else None,
                                                      post.category if post else None)
                                     for h, post in held]
                    found.append(ctx.says(
                        person, ctx.rule.severity,
                        lambda: _("learner of class “{title}” ({course}) starting {date} held "
                                  "no post of the target group on that day (if sent as planned "
                                  "for such a post: plans are not in the data)").format(
                            title=title, course=_course(name, c.course_type),
                            date=day(c.start)),
                        ev, topic="post"))
    return found
