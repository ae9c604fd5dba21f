"""Facts about people that every rule kind asks: party status on a date,
posts held on a date, whether a qualification is valid on a date and when
it expires, how a certificate's status reads on a date."""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from datetime import date

from attrs import frozen

from cadretrain.i18n import _, current_language, language
from cadretrain.model import (
    ClassRecord,
    Dataset,
    PartyStatus,
    PartyStatusChange,
    Person,
    PoliticalTheoryLevel,
    PostHolding,
    Qualification,
    QualificationKind,
    StateManagementLevel,
)
from cadretrain.rules.findings import Evidence
from cadretrain.rules.months import add_months

__all__ = [
    "CertificateStatus",
    "Status",
    "certificate_status",
    "holding_evidence",
    "holdings_on",
    "level_rank",
    "party_age_start",
    "qualification_evidence",
    "status_change_on",
]


def status_change_on(person: Person, on: date) -> PartyStatusChange | None:
    """The party status change in effect on ``on`` (the latest one not after it)."""
    current: PartyStatusChange | None = None
    for change in sorted(person.party_status, key=lambda c: (c.since, c.status.value)):
        if change.since <= on:
            current = change
    return current


def party_status_on(person: Person, on: date) -> PartyStatus:
    change = status_change_on(person, on)
    return change.status if change else PartyStatus.NON_MEMBER


def holdings_on(person: Person, on: date) -> list[PostHolding]:
    """The posts ``person`` holds on ``on`` (start and end inclusive)."""
    return sorted(
        (h for h in person.posts if h.start <= on and (h.end is None or on <= h.end)),
        key=lambda h: (h.start, h.post),
    )


def level_rank(kind: QualificationKind, level: str | None) -> int | None:
    """The position of ``level`` in its kind's order (lowest first), or None."""
    enum_cls: type[enum.Enum]
    if kind is QualificationKind.POLITICAL_THEORY:
        enum_cls = PoliticalTheoryLevel
    elif kind in (QualificationKind.STATE_MANAGEMENT, QualificationKind.CIVIL_SERVICE_RANK):
        enum_cls = StateManagementLevel
    else:
        return None
    values = [m.value for m in enum_cls]
    return values.index(level) if level in values else None


def iso(d: date | None) -> str:
    return d.isoformat() if d else "-"


def qualification_evidence(q: Qualification, expiry: date | None = None) -> Evidence:
    facts = [("kind", q.kind.value)]
    if q.level:
        facts.append(("level", q.level))
    if q.course_type:
        facts.append(("course_type", q.course_type))
    facts.append(("issued", q.issued.isoformat()))
    if q.expires or expiry:
        facts.append(("expires", iso(q.expires or expiry)))
    facts.append(("issuer", q.issuer))
    if q.number:
        facts.append(("number", q.number))
    if q.class_id:
        facts.append(("class", q.class_id))
    return Evidence(kind="qualification", ref=q.id, facts=tuple(facts))


def holding_evidence(h: PostHolding, title: str | None, category: str | None) -> Evidence:
    facts = [("start", h.start.isoformat())]
    if h.end:
        facts.append(("end", h.end.isoformat()))
    if title:
        facts.append(("title", title))
    if category:
        facts.append(("category", category))
    return Evidence(kind="post", ref=h.post, facts=tuple(facts))


def status_evidence(change: PartyStatusChange, missing: str | None = None) -> Evidence:
    """The status change with every date it records; ``missing`` names the
    date a rule needed and did not find (it used ``since`` instead)."""
    facts = [("since", change.since.isoformat())]
    for name in ("resolution", "decision", "ceremony"):
        value = getattr(change, name)
        if value is not None:
            facts.append((name, value.isoformat()))
    if missing:
        facts.append(("missing", missing))
    return Evidence(kind="party-status", ref=change.status.value, facts=tuple(facts))


#: The dated acts of an admission, as rules name them.
ACTS = ("resolution", "decision", "ceremony")


def act_name(act: str) -> str:
    """The date of ``act`` as a message names it, in the current language."""
    if act == "resolution":
        return _("the date of the branch's resolution")
    if act == "decision":
        return _("the date of the committee's decision")
    return _("the date of the admission ceremony")


def act_date(change: PartyStatusChange, act: str) -> tuple[date, str | None]:
    """The date of ``act`` (``resolution``, ``decision`` or ``ceremony``) on
    ``change``, or its ``since`` when the file does not record it; the second
    value names the missing act (None when it was there)."""
    value: date | None = getattr(change, act)
    return (value, None) if value is not None else (change.since, act)


def missing_note(act: str | None, change: PartyStatusChange,
                 english: bool | None = None) -> str:
    """The words a message adds when it used ``since`` for a missing date, in
    the current language (or English when ``english``)."""
    if act is None:
        return ""
    if english is not None:
        with language("en" if english else "vi"):
            return missing_note(act, change)
    # each language writes the day used as its readers' files do
    since = change.since.isoformat() if current_language() == "en" else \
        change.since.strftime("%d/%m/%Y")
    return _(" ({act} is not recorded; {since} (since) is used)").format(
        act=act_name(act), since=since)


def party_age_start(person: Person) -> tuple[date, str | None] | None:
    """The day a full member's party age counts from: the date of the
    admission decision (Điều lệ Đảng, Điều 5 khoản 4: "tuổi đảng của đảng viên
    tính từ ngày ghi trong quyết định kết nạp"), or the admission's ``since``
    when the file lacks the decision (the second value then says
    ``"decision"``). None for someone never admitted."""
    admissions = sorted((c for c in person.party_status if c.status is PartyStatus.PROBATIONARY),
                        key=lambda c: c.since)
    return act_date(admissions[-1], "decision") if admissions else None


def next_change(person: Person, change: PartyStatusChange,
                status: PartyStatus) -> PartyStatusChange | None:
    """The first change to ``status`` after ``change`` in the person's history."""
    changes = sorted(person.party_status, key=lambda c: (c.since, c.status.value))
    after = False
    for c in changes:
        if c is change:
            after = True
        elif after and c.status is status:
            return c
    return None


def classes_by_id(dataset: Dataset) -> dict[str, ClassRecord]:
    return {c.id: c for c in dataset.classes}


class Status(enum.Enum):
    """A certificate's status on a date."""

    VALID = "valid"
    EXPIRING_SOON = "expiring-soon"
    EXPIRED = "expired"
    MISSING = "missing"


@frozen(kw_only=True)
class CertificateStatus:
    """``window`` is the smallest user window (in days) the expiry falls in."""

    status: Status
    expires: date | None = None
    days_left: int | None = None
    window: int | None = None


def certificate_status(
    q: Qualification | None, on: date, expires: date | None, windows: Iterable[int] = (90, 60, 30)
) -> CertificateStatus:
    """The status of ``q`` on ``on`` given its expiry date (inclusive: a
    certificate that expires on 31 May is still valid on 31 May).

    ``None`` is *missing*; a certificate issued after ``on`` is missing too.
    """
    if q is None or q.issued > on:
        return CertificateStatus(status=Status.MISSING)
    if expires is None:
        return CertificateStatus(status=Status.VALID)
    days_left = (expires - on).days
    if days_left < 0:
        return CertificateStatus(status=Status.EXPIRED, expires=expires, days_left=days_left)
    reached = sorted(w for w in windows if days_left <= w)
    if reached:
        return CertificateStatus(status=Status.EXPIRING_SOON, expires=expires,
                                 days_left=days_left, window=reached[0])
    return CertificateStatus(status=Status.VALID, expires=expires, days_left=days_left)


def period_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months from ``start``: ``start``
    plus the months, month ends clamped (see :mod:`cadretrain.rules.months`)."""
    return add_months(start, months)


def next_fixed_date(after: date, month: int, day: int) -> date:
    """The first ``month``/``day`` on or after ``after``; a day the month lacks
    (29 February in a common year) is the month's last day."""
    for year in (after.year, after.year + 1):
        candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if candidate >= after:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover
