"""Post standards: the political-theory and state-management qualifications a
post requires (kind ``post-requirements``).
"""

from __future__ import annotations

from datetime import date, timedelta

from attrs import frozen

from cadretrain.i18n import _, language, pgettext
from cadretrain.model import (
    BodyType,
    Person,
    Post,
    PostHolding,
    PostPlacement,
    Qualification,
    QualificationKind,
    Requirement,
)
from cadretrain.rules.certificate_validity import _valid_on, effective_expiry
from cadretrain.rules.context import Context, _cap
from cadretrain.rules.facts import (
    holding_evidence,
    holdings_on,
    level_rank,
    period_end,
    qualification_evidence,
)
from cadretrain.rules.findings import Finding, day
from cadretrain.rules.ruleset import Severity


@frozen(kw_only=True)
class CategoryStandard:
    """The minimum levels for posts of ``categories``; either may be absent.
    With ``placements``, only posts that sit there (Post.placement) are held
    to it: the decree sets different standards for the same title under a
    ministry and under a general department."""

    categories: tuple[str, ...]
    political_theory: str | None = None
    state_management: str | None = None
    placements: tuple[PostPlacement, ...] = ()


@frozen(kw_only=True)
class Equivalence:
    """A qualification of ``kind`` at ``level`` counts as ``counts_as`` of
    ``counts_for`` (the same kind when None): a bachelor's degree in political
    theory counts as the advanced level; a principal-specialist rank meets the
    state-management standard. ``attests_equivalence`` makes it apply to a
    certificate of equivalence (giấy xác nhận) instead of a diploma, and
    ``issued_before`` only to one issued before that day."""

    kind: QualificationKind
    level: str
    counts_as: str
    counts_for: QualificationKind | None = None
    attests_equivalence: bool = False
    issued_before: date | None = None


@frozen(kw_only=True)
class PostParameters:
    """``bodies`` limits the rule to posts of organizations of those body types
    (all when empty; an organization whose type is not recorded is checked,
    and the finding says so). ``outside_grace_months`` is the period someone
    moved in from outside the state bodies (PostHolding.from_outside) has to
    complete the standard, counted from the start of the holding."""

    standards: tuple[CategoryStandard, ...] = ()
    equivalences: tuple[Equivalence, ...] = ()
    include_post_requirements: bool = True
    grace_months: int = 0
    bodies: tuple[BodyType, ...] = ()
    outside_grace_months: int = 0


def _check_post(p: PostParameters) -> list[str]:
    out = []
    for i, s in enumerate(p.standards):
        if level_rank(QualificationKind.POLITICAL_THEORY, s.political_theory) is None \
                and s.political_theory is not None:
            out.append(_('{place}: unknown level "{level}"').format(
                place=f"standards[{i}].political_theory", level=s.political_theory))
        if level_rank(QualificationKind.STATE_MANAGEMENT, s.state_management) is None \
                and s.state_management is not None:
            out.append(_('{place}: unknown level "{level}"').format(
                place=f"standards[{i}].state_management", level=s.state_management))
    for i, e in enumerate(p.equivalences):
        if level_rank(e.kind, e.level) is None:
            out.append(_('{place}: unknown {kind} level "{level}"').format(
                place=f"equivalences[{i}].level", kind=e.kind.value, level=e.level))
        target = e.counts_for or e.kind
        if level_rank(target, e.counts_as) is None:
            out.append(_('{place}: unknown {kind} level "{level}"').format(
                place=f"equivalences[{i}].counts_as", kind=target.value, level=e.counts_as))
    if p.grace_months < 0 or p.outside_grace_months < 0:
        out.append(_("grace_months and outside_grace_months must not be negative"))
    return out


def requirements_for(post: Post, p: PostParameters) -> list[Requirement]:
    """What a post requires under these parameters: its category's standard
    and, when ``include_post_requirements``, what the post states itself."""
    found: list[Requirement] = []
    for s in p.standards:
        if post.category in s.categories and (
                not s.placements or post.placement in s.placements):
            if s.political_theory:
                found.append(Requirement(kind=QualificationKind.POLITICAL_THEORY,
                                         level=s.political_theory))
            if s.state_management:
                found.append(Requirement(kind=QualificationKind.STATE_MANAGEMENT,
                                         level=s.state_management))
    if p.include_post_requirements:
        found.extend(post.requirements)
    unique: dict[tuple[QualificationKind, str], Requirement] = {}
    for r in found:
        unique.setdefault((r.kind, r.level), r)
    return sorted(unique.values(), key=lambda r: (r.kind.value, r.level))


def placement_missing(post: Post, p: PostParameters) -> bool:
    """Whether the post's standard depends on where it sits and its
    placement is not recorded (so no standard could be chosen)."""
    if post.placement is not None:
        return False
    return any(post.category in s.categories and s.placements for s in p.standards) and \
        not any(post.category in s.categories and not s.placements for s in p.standards)


def counts_as_rank(q: Qualification, kind: QualificationKind, p: PostParameters) -> int | None:
    """The highest rank ``q`` counts as for ``kind``: its own level (a
    diploma of that kind) or an equivalence that applies to it."""
    ranks: list[int | None] = []
    if q.kind is kind and not q.attests_equivalence:
        # a course certificate whose course type grants a level is recorded
        # as a political-theory/state-management qualification; others never count
        ranks.append(level_rank(kind, q.level))
    for e in p.equivalences:
        if (e.counts_for or e.kind) is not kind or e.kind is not q.kind or e.level != q.level:
            continue
        if e.attests_equivalence != q.attests_equivalence:
            continue
        if e.issued_before is not None and not q.issued < e.issued_before:
            continue
        ranks.append(level_rank(kind, e.counts_as))
    known = [r for r in ranks if r is not None]
    return max(known) if known else None


def satisfying(person: Person, req: Requirement, p: PostParameters, on: date,
               ctx: Context) -> list[Qualification]:
    """The person's qualifications that meet ``req`` and are valid on ``on``."""
    need = level_rank(req.kind, req.level)
    out = []
    for q in person.qualifications:
        rank = counts_as_rank(q, req.kind, p)
        if rank is not None and need is not None and rank >= need and _valid_on(q, on, ctx):
            out.append(q)
    return sorted(out, key=lambda q: (q.issued, q.id))


def level_name(level: str) -> str:
    """A qualification level as messages name it in the current language: its
    value in English (``principal-specialist``), its name in Vietnamese
    (``chuyên viên chính``)."""
    names = {
        "elementary": pgettext("qualification level", "elementary"),
        "intermediate": pgettext("qualification level", "intermediate"),
        "advanced": pgettext("qualification level", "advanced"),
        "advanced-administration": pgettext("qualification level", "advanced-administration"),
        "bachelor": pgettext("qualification level", "bachelor"),
        "specialist": pgettext("qualification level", "specialist"),
        "principal-specialist": pgettext("qualification level", "principal-specialist"),
        "senior-specialist": pgettext("qualification level", "senior-specialist"),
    }
    return names.get(level, level)


def kind_name(kind: QualificationKind) -> str:
    """A qualification kind as messages name it in the current language."""
    names = {
        QualificationKind.POLITICAL_THEORY: pgettext("qualification kind", "political-theory"),
        QualificationKind.STATE_MANAGEMENT: pgettext("qualification kind", "state-management"),
    }
    return names.get(kind, kind.value)


def describe_requirement(req: Requirement, english: bool | None = None) -> str:
    """What ``req`` asks for, in the current language (or English when
    ``english``): "lý luận chính trị từ cao cấp trở lên"."""
    if english is not None:
        with language("en" if english else "vi"):
            return describe_requirement(req)
    return _("{kind} at least {level}").format(kind=kind_name(req.kind),
                                               level=level_name(req.level))




def _post_findings(ctx: Context) -> list[Finding]:
    p: PostParameters = ctx.rule.parameters
    found: list[Finding] = []
    for person in ctx.dataset.people:
        for h in holdings_on(person, ctx.on):
            post = ctx.posts.get(h.post)
            if post is None:
                continue
            body = ctx.bodies.get(post.organization)
            if p.bodies and body is not None and body not in p.bodies:
                continue  # the regulation does not cover this sort of body
            if placement_missing(post, p):
                title = post.title
                found.append(ctx.says(
                    person, Severity.INFO,
                    lambda: _("post “{title}”: the standard depends on where the post sits "
                              "(under a ministry, a general department, a provincial "
                              "department…) and the data does not record it (placement); "
                              "not checked").format(title=title),
                    [holding_evidence(h, post.title, post.category)]))
                continue
            for req in requirements_for(post, p):
                if satisfying(person, req, p, ctx.on, ctx):
                    continue
                found.append(_missing_requirement(ctx, person, h, post, req, p,
                                                  body_unknown=bool(p.bodies) and body is None))
    return found


def _missing_requirement(ctx: Context, person: Person, h: PostHolding, post: Post,
                         req: Requirement, p: PostParameters,
                         body_unknown: bool = False) -> Finding:
    since = max(h.start, ctx.rule.in_force_from)
    evidence = [holding_evidence(h, post.title, post.category)]
    held = [q for q in person.qualifications if q.kind is req.kind and q.issued <= ctx.on]
    for q in sorted(held, key=lambda q: (q.issued, q.id)):
        expiry = effective_expiry(q, ctx.ruleset, ctx.on, ctx.classes)
        evidence.append(qualification_evidence(q, expiry))
        rank = counts_as_rank(q, req.kind, p)
        need = level_rank(req.kind, req.level)
        # a qualification of the level that lapsed during the holding: owed since then
        if rank is not None and need is not None and rank >= need and expiry and expiry < ctx.on:
            since = max(since, expiry + timedelta(days=1))
    months = max(p.grace_months, p.outside_grace_months if h.from_outside else 0)
    grace_end = period_end(h.start, months) if months else None
    in_grace = grace_end is not None and ctx.on <= grace_end
    severity = _cap(ctx.rule.severity, Severity.WARNING) if in_grace else ctx.rule.severity

    def text() -> str:
        parts = [_("holds the post “{title}” without {requirement} (qualification owed) "
                   "since {date}").format(title=post.title,
                                          requirement=describe_requirement(req),
                                          date=day(since))]
        if grace_end is not None and in_grace:
            parts.append(_("the grace period runs until {date}").format(date=day(grace_end)))
        elif grace_end is not None:
            parts.append(_("the grace period ended on {date}").format(date=day(grace_end)))
        if held:
            parts.append(_("the qualifications held do not meet it or have expired"))
        if body_unknown:
            parts.append(_("the data does not record the body type: taken as one the "
                           "regulation covers"))
        return "; ".join(parts)

    return ctx.says(person, severity, text, evidence)
