"""The checks of a person: party status dates, posts held, qualifications and their levels.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from itertools import pairwise

from cadretrain.converter import _suggest, shorten
from cadretrain.i18n import N_, _, translate
from cadretrain.model import (
    PartyStatus,
    PartyStatusChange,
    Person,
    PoliticalTheoryLevel,
    QualificationKind,
    Requirement,
    StateManagementLevel,
)
from cadretrain.validation.collector import _Collector, _indexed


def levels_for(kind: QualificationKind) -> tuple[str, ...]:
    """The level names valid for a qualification kind, lowest first
    (empty for course certificates, which have no level)."""
    if kind is QualificationKind.POLITICAL_THEORY:
        return tuple(level.value for level in PoliticalTheoryLevel)
    if kind in (QualificationKind.STATE_MANAGEMENT, QualificationKind.CIVIL_SERVICE_RANK):
        return tuple(level.value for level in StateManagementLevel)
    return ()


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
