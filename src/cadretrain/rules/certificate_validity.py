"""Certificate validity (how long a certificate counts) and expiry status
(kinds ``certificate-validity`` and ``certificate-expiry``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from attrs import frozen

from cadretrain.i18n import _, current_language, ngettext
from cadretrain.model import (
    ClassRecord,
    PartyStatus,
    Qualification,
)
from cadretrain.rules.context import Context, _cap
from cadretrain.rules.facts import (
    Status,
    certificate_status,
    next_fixed_date,
    party_status_on,
    period_end,
    qualification_evidence,
)
from cadretrain.rules.findings import Finding, day
from cadretrain.rules.ruleset import RuleSet, Severity


@frozen(kw_only=True)
class ValidityParameters:
    """A certificate of one of ``course_types`` is valid for ``months`` months
    counted from its issue date, its class's end date, or the first fixed
    calendar date (``fixed_month``/``fixed_day``) on or after its issue date."""

    course_types: tuple[str, ...]
    months: int
    counts_from: Literal["issued", "class-end", "fixed-date"] = "issued"
    fixed_month: int | None = None
    fixed_day: int | None = None


def _check_validity(p: ValidityParameters) -> list[str]:
    out = []
    if p.months <= 0:
        out.append(_("months must be at least 1"))
    if p.counts_from not in ("issued", "class-end", "fixed-date"):
        out.append(_('counts_from must be "issued", "class-end" or "fixed-date"'))
    if p.counts_from == "fixed-date" and (
        p.fixed_month is None or p.fixed_day is None
        or not 1 <= p.fixed_month <= 12 or not 1 <= p.fixed_day <= 31
    ):
        out.append(_('counts_from "fixed-date" needs fixed_month (1-12) and fixed_day (1-31)'))
    if not p.course_types:
        out.append(_("course_types must name at least one course type"))
    return out


def _validity_end(q: Qualification, p: ValidityParameters, classes: dict[str, ClassRecord]) -> date:
    start = q.issued
    if p.counts_from == "class-end" and q.class_id in classes:
        start = classes[q.class_id].end
    elif p.counts_from == "fixed-date" and p.fixed_month and p.fixed_day:
        start = next_fixed_date(q.issued, p.fixed_month, p.fixed_day)
    return period_end(start, p.months)


def effective_expiry(q: Qualification, ruleset: RuleSet, on: date,
                     classes: dict[str, ClassRecord]) -> date | None:
    """When ``q`` stops being valid (the last valid day): its own ``expires``
    if recorded, else the earliest end given by the validity rules in force
    on ``on`` for its course type, else never (None)."""
    if q.expires is not None:
        return q.expires
    ends = [
        _validity_end(q, r.parameters, classes)
        for r in ruleset.in_force(on)
        if r.kind == "certificate-validity" and q.course_type in r.parameters.course_types
    ]
    return min(ends) if ends else None


def _valid_on(q: Qualification, day: date, ctx: Context) -> bool:
    if q.issued > day:
        return False
    end = effective_expiry(q, ctx.ruleset, ctx.on, ctx.classes)
    return end is None or day <= end


def _no_findings(ctx: Context) -> list[Finding]:
    return []




@frozen(kw_only=True)
class ExpiryParameters:
    """Report certificates of ``course_types`` (all with an expiry when empty)
    that expired or expire within one of ``windows_days``."""

    windows_days: tuple[int, ...] = (90, 60, 30)
    course_types: tuple[str, ...] = ()
    exclude_course_types: tuple[str, ...] = ()
    #: only people whose party status on the date is one of these (all when empty):
    #: a party-awareness certificate matters to candidates, not to members
    party_statuses: tuple[PartyStatus, ...] = ()


def _check_expiry(p: ExpiryParameters) -> list[str]:
    return [_("windows_days must be positive")] if any(w <= 0 for w in p.windows_days) else []


def _course(name: str, course_type: str) -> str:
    """A course type as a message names it: its name in Vietnamese, its id
    (the file's word) in English."""
    return course_type if current_language() == "en" else name


def _expiry_findings(ctx: Context) -> list[Finding]:
    """Per person and course type, the certificate that lasts longest decides:
    a renewal (a newer record) supersedes an expired one, and history stays.

    An expired certificate is reported at most as a warning: the error, when
    something requires it, comes from the rule that requires it."""
    p: ExpiryParameters = ctx.rule.parameters
    found: list[Finding] = []
    for person in ctx.dataset.people:
        if p.party_statuses and party_status_on(person, ctx.on) not in p.party_statuses:
            continue
        groups: dict[str, list[tuple[Qualification, date | None]]] = {}
        for q in person.qualifications:
            if q.course_type is None or q.issued > ctx.on:
                continue
            if p.course_types and q.course_type not in p.course_types:
                continue
            if q.course_type in p.exclude_course_types:
                continue
            groups.setdefault(q.course_type, []).append(
                (q, effective_expiry(q, ctx.ruleset, ctx.on, ctx.classes)))
        for course_type, items in sorted(groups.items()):
            if any(e is None for _q, e in items):
                continue  # one of them never expires
            q, expiry = max(items, key=lambda item: (item[1] or date.min, item[0].id))
            st = certificate_status(q, ctx.on, expiry, p.windows_days)
            name = ctx.catalog[course_type].name if course_type in ctx.catalog else course_type
            ev = [qualification_evidence(q, expiry)]
            if st.status is Status.EXPIRED and expiry:
                found.append(ctx.says(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    lambda: _("the certificate “{course}” expired on {date}").format(
                        course=_course(name, course_type), date=day(expiry)), ev))
            elif st.status is Status.EXPIRING_SOON and expiry:
                found.append(ctx.says(
                    person, Severity.INFO,
                    lambda: ngettext("the certificate “{course}” expires on {date} ({days} day "
                                     "left, within the {window}-day window)",
                                     "the certificate “{course}” expires on {date} ({days} days "
                                     "left, within the {window}-day window)",
                                     st.days_left or 0).format(
                        course=_course(name, course_type), date=day(expiry),
                        days=st.days_left, window=st.window), ev))
    return found
