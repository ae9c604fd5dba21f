"""Probationary members: the class for new members during probation (kind
``probation-new-member-class``).
"""

from __future__ import annotations

from attrs import frozen

from cadretrain.i18n import _
from cadretrain.model import PartyStatus
from cadretrain.rules.admission import deadline_evidence
from cadretrain.rules.context import Context, _cap
from cadretrain.rules.facts import (
    act_date,
    next_change,
    party_status_on,
    period_end,
    qualification_evidence,
    status_evidence,
)
from cadretrain.rules.findings import Finding, day
from cadretrain.rules.ruleset import Severity


@frozen(kw_only=True)
class ProbationParameters:
    """The new-member class (one of ``course_types``) completed by the time
    the branch considers full membership: its resolution when the file
    records it, else ``consider_within_working_days`` working days after the
    probation of ``probation_months`` from the admission ceremony ends."""

    course_types: tuple[str, ...] = ("dang-vien-moi",)
    probation_months: int = 12
    consider_within_working_days: int = 30


def _check_probation(p: ProbationParameters) -> list[str]:
    out = [_("probation_months must be at least 1")] if p.probation_months <= 0 else []
    if p.consider_within_working_days < 0:
        out.append(_("consider_within_working_days must not be negative"))
    return out


def _probation_findings(ctx: Context) -> list[Finding]:
    """Until the branch's deadline a missing class is a warning (still due);
    after it, the rule's severity. Each admission is judged by the rule in
    force on its ceremony day."""
    p: ProbationParameters = ctx.rule.parameters
    found: list[Finding] = []
    for person in ctx.dataset.people:
        status = party_status_on(person, ctx.on)
        if status not in (PartyStatus.PROBATIONARY, PartyStatus.FULL):
            continue
        certs = sorted((q for q in person.qualifications if q.course_type in p.course_types),
                       key=lambda q: (q.issued, q.id))
        for c in person.party_status:
            if c.status is not PartyStatus.PROBATIONARY or c.since > ctx.on:
                continue
            start, missing = act_date(c, "ceremony")
            if not ctx.rule.in_force(start):
                continue
            end = period_end(start, p.probation_months)
            full = next_change(person, c, PartyStatus.FULL)
            considered = full is not None and full.resolution is not None
            if full is not None and full.resolution is not None:
                deadline = full.resolution
            else:
                deadline = ctx.calendar.add_working_days(end, p.consider_within_working_days)
            if any(q.issued <= min(deadline, ctx.on) for q in certs):
                continue
            evidence = [status_evidence(c, missing)]
            if full is not None:
                evidence.append(status_evidence(full))
            evidence.append(deadline_evidence(
                "full-membership", deadline, end,
                ctx.calendar.working_days_between(end, deadline)))
            evidence += [qualification_evidence(q) for q in certs if q.issued <= ctx.on]

            def due() -> str:
                if considered:
                    return _("the branch considered full membership on {date}").format(
                        date=day(deadline))
                return _("the branch must consider full membership by {date} ({days} working "
                         "days after the {months}-month probation ended on {end})").format(
                    date=day(deadline), days=p.consider_within_working_days,
                    months=p.probation_months, end=day(end))

            def since() -> str:
                if missing is None:
                    return _("admission ceremony {date}").format(date=day(start))
                return _("admitted {date}; the ceremony date is not recorded, the probation is "
                         "counted from this day").format(date=day(start))

            if ctx.on <= deadline:
                found.append(ctx.says(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    lambda: _("probationary member ({since}) has not completed the new-member "
                              "class; {due}").format(since=since(), due=due()), evidence))
            else:
                found.append(ctx.says(
                    person, ctx.rule.severity,
                    lambda: _("the new-member class was not completed ({since}); {due}, which "
                              "has passed").format(since=since(), due=due()), evidence))
    return found
