"""Admission: party awareness of admission candidates and the deadlines of
admission and full membership (kinds ``admission-party-awareness`` and
``admission-deadlines``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from attrs import frozen

from cadretrain.i18n import _
from cadretrain.model import (
    PartyStatus,
    Qualification,
)
from cadretrain.rules.context import Context, _cap
from cadretrain.rules.facts import (
    act_date,
    missing_note,
    next_change,
    party_status_on,
    period_end,
    qualification_evidence,
    status_evidence,
)
from cadretrain.rules.findings import Evidence, Finding, day
from cadretrain.rules.ruleset import Severity


@frozen(kw_only=True)
class AdmissionParameters:
    """At admission, a certificate of one of ``course_types`` not older than
    ``max_age_months`` (its issue date plus the months, month ends clamped, is
    on or after the day of ``measured_at``: the branch's resolution by default,
    as Hướng dẫn 06-HD/TW point 5.4 says "trước khi xem xét kết nạp")."""

    course_types: tuple[str, ...] = ("doi-tuong-ket-nap",)
    max_age_months: int = 60
    measured_at: Literal["resolution", "decision", "ceremony"] = "resolution"


def _check_admission(p: AdmissionParameters) -> list[str]:
    out = [_("max_age_months must be at least 1")] if p.max_age_months <= 0 else []
    if p.measured_at not in ("resolution", "decision", "ceremony"):
        out.append(_('measured_at must be "resolution", "decision" or "ceremony"'))
    return out


def _awareness_valid(q: Qualification, day: date, p: AdmissionParameters) -> bool:
    if q.course_type not in p.course_types or q.issued > day:
        return False
    if q.expires is not None and q.expires < day:
        return False
    return day <= period_end(q.issued, p.max_age_months)


def _measured_at(act: str, d: date) -> str:
    """When a certificate was needed, in the current language."""
    if act == "resolution":
        text = _("when the branch considered the admission (resolution of {date})")
    elif act == "decision":
        text = _("when the admission was decided ({date})")
    else:
        text = _("at the admission ceremony ({date})")
    return text.format(date=day(d))


def _admission_findings(ctx: Context) -> list[Finding]:
    """Candidates on the check date need a valid certificate (a warning: they
    cannot be admitted yet), from the rule in force on the check date; each
    admission needed one on the day of ``measured_at``, judged by the rule in
    force on that day (the rule's severity)."""
    p: AdmissionParameters = ctx.rule.parameters
    found: list[Finding] = []
    for person in ctx.dataset.people:
        certs = sorted((q for q in person.qualifications if q.course_type in p.course_types),
                       key=lambda q: (q.issued, q.id))
        ev_certs = [qualification_evidence(q, period_end(q.issued, p.max_age_months))
                    for q in certs if q.issued <= ctx.on]
        changes = sorted(person.party_status, key=lambda c: (c.since, c.status.value))
        current = [c for c in changes if c.since <= ctx.on]
        if (current and current[-1].status is PartyStatus.CANDIDATE
                and ctx.rule.in_force(ctx.on)):
            if not any(_awareness_valid(q, ctx.on, p) for q in certs):
                found.append(ctx.says(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    lambda: _("admission candidate without a valid party-awareness class "
                              "certificate (valid {months} months)").format(
                        months=p.max_age_months),
                    [status_evidence(current[-1]), *ev_certs]))
        for c in changes:
            if c.status is not PartyStatus.PROBATIONARY or c.since > ctx.on:
                continue
            on_day, missing = act_date(c, p.measured_at)
            if on_day > ctx.on or not ctx.rule.in_force(on_day):
                continue  # judged by the rule in force on that day
            if any(_awareness_valid(q, on_day, p) for q in certs):
                continue

            def text() -> str:
                if missing is None:
                    when = _measured_at(p.measured_at, on_day)
                else:  # the date is not recorded: say the day used, not an act that is unknown
                    when = _("on {date}").format(date=day(on_day))
                return _("admitted ({date}) without a party-awareness class certificate not "
                         "older than {months} months {when}{note}").format(
                    date=day(c.since), months=p.max_age_months, when=when,
                    note=missing_note(missing, c))

            found.append(ctx.says(person, ctx.rule.severity, text,
                                  [status_evidence(c, missing), *ev_certs]))
    return found




def deadline_evidence(topic: str, due: date, counted_from: date, working_days: int) -> Evidence:
    """A deadline a finding measured against, as data: when it fell due, the
    day it was counted from and how many working days it gives."""
    return Evidence(kind="deadline", ref=topic, facts=(
        ("due", due.isoformat()), ("counted_from", counted_from.isoformat()),
        ("working_days", str(working_days))))


@frozen(kw_only=True)
class DeadlineParameters:
    """The ceremony within ``ceremony_within_working_days`` working days of
    the admission decision; the branch's consideration of full membership
    within ``full_membership_within_working_days`` working days after the
    probation of ``probation_months`` from the ceremony ends."""

    ceremony_within_working_days: int = 30
    full_membership_within_working_days: int = 30
    probation_months: int = 12


def _check_deadlines(p: DeadlineParameters) -> list[str]:
    if min(p.ceremony_within_working_days, p.full_membership_within_working_days) < 0:
        return [_("the working-day periods must not be negative")]
    return [_("probation_months must be at least 1")] if p.probation_months <= 0 else []


def _deadline_findings(ctx: Context) -> list[Finding]:
    """A ceremony later than its deadline, or none recorded once the deadline
    passed (judged by the rule in force on the decision's day); a branch that
    considered full membership after its deadline, or has not by then (judged
    by the rule in force on the day the probation ended). Warnings at most:
    a late ceremony is allowed with the higher committee's consent. Counted
    from the decision's date: the day the branch received it is not recorded."""
    p: DeadlineParameters = ctx.rule.parameters
    severity = _cap(ctx.rule.severity, Severity.WARNING)
    found: list[Finding] = []
    for person in ctx.dataset.people:
        for c in person.party_status:
            if c.status is not PartyStatus.PROBATIONARY or c.since > ctx.on:
                continue
            if c.decision is not None and c.decision <= ctx.on and ctx.rule.in_force(c.decision):
                deadline = ctx.calendar.add_working_days(
                    c.decision, p.ceremony_within_working_days)
                n = p.ceremony_within_working_days
                decided = c.decision
                if c.ceremony is not None and c.ceremony > deadline:
                    ceremony = c.ceremony
                    found.append(ctx.says(
                        person, severity,
                        lambda: _("admission ceremony on {ceremony}, later than {days} working "
                                  "days after the admission decision of {decision} (due by "
                                  "{due}); needs the consent of the committee directly "
                                  "above").format(ceremony=day(ceremony), days=n,
                                                  decision=day(decided), due=day(deadline)),
                        [status_evidence(c),
                         deadline_evidence("ceremony", deadline, c.decision, n)],
                        topic="ceremony"))
                elif c.ceremony is None and ctx.on > deadline:
                    found.append(ctx.says(
                        person, severity,
                        lambda: _("no admission ceremony date is recorded; it was due by {due} "
                                  "({days} working days after the admission decision of "
                                  "{decision})").format(due=day(deadline), days=n,
                                                        decision=day(decided)),
                        [status_evidence(c, "ceremony"),
                         deadline_evidence("ceremony", deadline, c.decision, n)],
                        topic="ceremony"))
            start, missing = act_date(c, "ceremony")
            end = period_end(start, p.probation_months)
            if end > ctx.on or not ctx.rule.in_force(end):
                continue
            deadline = ctx.calendar.add_working_days(end, p.full_membership_within_working_days)
            n = p.full_membership_within_working_days
            full = next_change(person, c, PartyStatus.FULL)
            if full is not None and full.resolution is not None:
                if full.resolution > deadline:
                    resolution = full.resolution
                    found.append(ctx.says(
                        person, severity,
                        lambda: _("the branch considered full membership on {resolution}, "
                                  "later than {days} working days after the {months}-month "
                                  "probation ended on {end} (due by {due}){note}").format(
                            resolution=day(resolution), days=n, months=p.probation_months,
                            end=day(end), due=day(deadline), note=missing_note(missing, c)),
                        [status_evidence(c, missing), status_evidence(full),
                         deadline_evidence("full-membership", deadline, end, n)],
                        topic="full-membership"))
            elif full is None and ctx.on > deadline \
                    and party_status_on(person, ctx.on) is PartyStatus.PROBATIONARY:
                found.append(ctx.says(
                    person, severity,
                    lambda: _("the {months}-month probation ended on {end}{note} and full "
                              "membership has not been considered; the branch's deadline was "
                              "{due} ({days} working days)").format(
                        months=p.probation_months, end=day(end),
                        note=missing_note(missing, c), due=day(deadline), days=n),
                    [status_evidence(c, missing),
                     deadline_evidence("full-membership", deadline, end, n)],
                    topic="full-membership"))
    return found
