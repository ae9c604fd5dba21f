"""Knowledge updates: the periodic refresher courses of managed posts (kind
``knowledge-update``).
"""

from __future__ import annotations

from datetime import timedelta

from attrs import frozen

from cadretrain.i18n import _
from cadretrain.model import (
    ManagedBy,
    Post,
)
from cadretrain.rules.context import Context
from cadretrain.rules.facts import (
    holding_evidence,
    holdings_on,
    period_end,
    qualification_evidence,
)
from cadretrain.rules.findings import Finding, day


@frozen(kw_only=True)
class KnowledgeUpdateParameters:
    """A *managed cadre* is whoever holds, on the check date, a post whose
    holder is managed as one of ``managed_by`` (Post.managed_by: the groups of
    Quy định 145-QĐ/TW), or, for a post that does not record it, whose
    category is in ``post_categories``. Each needs a certificate of one of
    ``course_types`` issued within the last ``period_months`` months once they
    have held such a post that long."""

    post_categories: tuple[str, ...] = ()
    managed_by: tuple[ManagedBy, ...] = ()
    course_types: tuple[str, ...] = ("cap-nhat-kien-thuc",)
    period_months: int = 12


def _check_knowledge(p: KnowledgeUpdateParameters) -> list[str]:
    out = []
    if p.period_months <= 0:
        out.append(_("period_months must be at least 1"))
    if not p.post_categories and not p.managed_by:
        out.append(_("managed_by or post_categories must name at least one group or category"))
    return out


def _managed_cadre(group: ManagedBy | None) -> str:
    """Who a managed cadre is, as a message opens, in the current language."""
    if group is ManagedBy.SENIOR_LEADERSHIP:
        return _("cadre of group 1 (key and senior leaders)")
    if group is ManagedBy.POLITBURO:
        return _("cadre of group 2 (managed by the Politburo and the Secretariat)")
    if group is ManagedBy.COMMITTEE:
        return _("cadre of group 3 (managed by party committees and agency leaders)")
    return _("leading cadre (the data does not record who manages the post)")


def _managed(post: Post, p: KnowledgeUpdateParameters) -> bool:
    if post.managed_by is not None:
        return post.managed_by in p.managed_by or (
            not p.managed_by and post.category in p.post_categories)
    return post.category in p.post_categories


def _knowledge_findings(ctx: Context) -> list[Finding]:
    p: KnowledgeUpdateParameters = ctx.rule.parameters
    found: list[Finding] = []
    window_start = period_end(ctx.on, -p.period_months)
    for person in ctx.dataset.people:
        managed = [(h, ctx.posts[h.post]) for h in holdings_on(person, ctx.on)
                   if h.post in ctx.posts and _managed(ctx.posts[h.post], p)]
        if not managed:
            continue
        h, post = min(managed, key=lambda hp: (hp[0].start, hp[0].post))
        if h.start > window_start:
            continue  # not yet a full period in the post
        certs = [q for q in person.qualifications
                 if q.course_type in p.course_types and q.issued <= ctx.on]
        if any(q.issued > window_start for q in certs):
            continue
        evidence = [holding_evidence(h, post.title, post.category)]
        last = max(certs, key=lambda q: (q.issued, q.id), default=None)
        if last is not None:
            evidence.append(qualification_evidence(last))
        group = post.managed_by

        def text() -> str:
            words = _("{who} without a knowledge update in the last {months} months "
                      "(since {date})").format(who=_managed_cadre(group),
                                               months=p.period_months,
                                               date=day(window_start + timedelta(days=1)))
            if last is None:
                return _("{text}; none on record").format(text=words)
            return _("{text}; the last one on {date}").format(text=words, date=day(last.issued))

        found.append(ctx.says(person, ctx.rule.severity, text, evidence))
    return found
