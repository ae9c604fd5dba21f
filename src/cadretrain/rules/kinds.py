"""Rule kinds: one plain function per kind, found through :data:`KINDS`.

Each kind declares the class its ``parameters`` are read into, a check of
those parameters, and an ``evaluate(ctx)`` function returning findings. A
rule set names the kind of each rule; adding a kind means adding a function
and one line in :data:`KINDS`, never a subclass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from attrs import frozen

from cadretrain.catalog import course_catalog
from cadretrain.formatting import format_decimal
from cadretrain.i18n import N_, _, current_language, language, pgettext
from cadretrain.i18n import percent as _percent
from cadretrain.model import (
    BodyType,
    Classification,
    ClassRecord,
    CourseType,
    Dataset,
    ManagedBy,
    PartyStatus,
    Person,
    Post,
    PostHolding,
    PostPlacement,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
)
from cadretrain.progress import counted
from cadretrain.rules.facts import (
    Status,
    act_date,
    certificate_status,
    holding_evidence,
    holdings_on,
    level_rank,
    missing_note,
    next_change,
    next_fixed_date,
    party_status_on,
    period_end,
    qualification_evidence,
    status_change_on,
    status_evidence,
)
from cadretrain.rules.findings import Evidence, Finding, day, in_both_languages
from cadretrain.rules.ruleset import Rule, RuleSet, Severity
from cadretrain.rules.workdays import WorkingCalendar

__all__ = [
    "KINDS",
    "Context",
    "Kind",
    "effective_expiry",
    "pass_failures",
    "passes",
    "proposed_certificates",
]


# ------------------------------------------------------------------ context


@frozen(kw_only=True)
class Context:
    """What an evaluation function sees: the dataset, the date, its rule and
    the rule set (for the validity rules in force)."""

    dataset: Dataset
    on: date
    rule: Rule
    ruleset: RuleSet
    catalog: dict[str, CourseType]
    posts: dict[str, Post]
    classes: dict[str, ClassRecord]
    #: each organization's body type, its own or its nearest ancestor's
    bodies: dict[str, BodyType | None]
    calendar: WorkingCalendar

    def says(self, person: Person, severity: Severity, text: Callable[[], str],
             evidence: list[Evidence], topic: str | None = None) -> Finding:
        """A finding of this rule whose message ``text()`` writes from the
        catalog (``lambda: _("expired on {date}").format(date=day(d))``): it is
        called once in each language and the finding keeps both."""
        vi_text, en_text = in_both_languages(text)
        return self.finding(person, severity, vi_text, en_text, evidence, topic)

    def finding(self, person: Person, severity: Severity, vi: str, en: str,
                evidence: list[Evidence], topic: str | None = None) -> Finding:
        """A finding of this rule with its message in Vietnamese and English
        (prefer :meth:`says`, whose words come from the catalog); its basis is
        the rule's citations of ``topic`` (and those without a topic)."""
        basis = tuple(c for c in self.rule.basis
                      if c.topic is None or topic is None or c.topic == topic)
        return Finding(
            severity=severity, rule_id=self.rule.id, regulation=self.rule.regulation,
            ruleset_version=self.ruleset.version, person=person.id,
            person_name=person.full_name, organization=person.organization,
            message_vi=vi, message_en=en, evidence=tuple(evidence),
            needs_confirmation=self.rule.needs_confirmation, basis=basis,
        )


def _bodies(dataset: Dataset) -> dict[str, BodyType | None]:
    parents = {o.id: o.parent for o in dataset.organizations}
    own = {o.id: o.body for o in dataset.organizations}
    out: dict[str, BodyType | None] = {}
    for org in own:
        seen: set[str] = set()
        node: str | None = org
        while node is not None and node in own and node not in seen:
            seen.add(node)
            if own[node] is not None:
                break
            node = parents.get(node)
        out[org] = own.get(node) if node is not None else None
    return out


def make_context(dataset: Dataset, on: date, rule: Rule, ruleset: RuleSet,
                 calendar: WorkingCalendar | None = None,
                 bodies: dict[str, BodyType | None] | None = None) -> Context:
    return Context(
        dataset=dataset, on=on, rule=rule, ruleset=ruleset,
        catalog=course_catalog(dataset), posts={p.id: p for p in dataset.posts},
        classes={c.id: c for c in dataset.classes},
        bodies=bodies if bodies is not None else _bodies(dataset),
        calendar=calendar if calendar is not None else ruleset.working_calendar(),
    )


def _cap(severity: Severity, cap: Severity) -> Severity:
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    return order[min(order.index(severity), order.index(cap))]



# ------------------------------------------------------- certificate validity


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
        out.append("months must be at least 1")
    if p.counts_from not in ("issued", "class-end", "fixed-date"):
        out.append('counts_from must be "issued", "class-end" or "fixed-date"')
    if p.counts_from == "fixed-date" and (
        p.fixed_month is None or p.fixed_day is None
        or not 1 <= p.fixed_month <= 12 or not 1 <= p.fixed_day <= 31
    ):
        out.append('counts_from "fixed-date" needs fixed_month (1-12) and fixed_day (1-31)')
    if not p.course_types:
        out.append("course_types must name at least one course type")
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


# ------------------------------------------------------- post requirements


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
            out.append(f'standards[{i}].political_theory: unknown level "{s.political_theory}"')
        if level_rank(QualificationKind.STATE_MANAGEMENT, s.state_management) is None \
                and s.state_management is not None:
            out.append(f'standards[{i}].state_management: unknown level "{s.state_management}"')
    for i, e in enumerate(p.equivalences):
        if level_rank(e.kind, e.level) is None:
            out.append(f'equivalences[{i}].level: unknown {e.kind.value} level "{e.level}"')
        target = e.counts_for or e.kind
        if level_rank(target, e.counts_as) is None:
            out.append(f'equivalences[{i}].counts_as: unknown {target.value} level '
                       f'"{e.counts_as}"')
    if p.grace_months < 0 or p.outside_grace_months < 0:
        out.append("grace_months and outside_grace_months must not be negative")
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


# ------------------------------------------------------- expiry status


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
    return ["windows_days must be positive"] if any(w <= 0 for w in p.windows_days) else []


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
                    lambda: _("the certificate “{course}” expires on {date} ({days} days left, "
                              "within the {window}-day window)").format(
                        course=_course(name, course_type), date=day(expiry),
                        days=st.days_left, window=st.window), ev))
    return found


# ---------------------------------------------------- admission candidates


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
    out = ["max_age_months must be at least 1"] if p.max_age_months <= 0 else []
    if p.measured_at not in ("resolution", "decision", "ceremony"):
        out.append('measured_at must be "resolution", "decision" or "ceremony"')
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


# ---------------------------------------------------- probationary members


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
    out = ["probation_months must be at least 1"] if p.probation_months <= 0 else []
    if p.consider_within_working_days < 0:
        out.append("consider_within_working_days must not be negative")
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


# -------------------------------------- deadlines of admission and full membership


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
        return ["the working-day periods must not be negative"]
    return ["probation_months must be at least 1"] if p.probation_months <= 0 else []


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


# ---------------------------------------------------- knowledge updates


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
        out.append("period_months must be at least 1")
    if not p.post_categories and not p.managed_by:
        out.append("managed_by or post_categories must name at least one group or category")
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


# ---------------------------------------------------- pass policy


@frozen(kw_only=True)
class PassParameters:
    """A learner passes a class of ``course_types`` (all when empty) when each
    stated threshold holds: attendance share at least ``min_attendance``,
    essay grade at least ``min_essay_grade``, classification one of
    ``passing_classifications`` (when that list is not empty). A result that
    lacks a value a threshold needs does not pass, except that a result with a
    classification and no essay grade is judged by its classification."""

    course_types: tuple[str, ...] = ()
    min_attendance: Decimal | None = None
    min_essay_grade: Decimal | None = None
    passing_classifications: tuple[Classification, ...] = ()


def _check_pass(p: PassParameters) -> list[str]:
    out = []
    if p.min_attendance is not None and not 0 <= p.min_attendance <= 1:
        out.append("min_attendance is a share from 0 to 1")
    if p.min_essay_grade is not None and not 0 <= p.min_essay_grade <= 10:
        out.append("min_essay_grade is a grade from 0 to 10")
    return out


def _grade(value: Decimal) -> str:
    lang = current_language()
    text = format_decimal(value, 2, lang)
    sep = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def failure_reasons(result: Result, p: PassParameters) -> list[str]:
    """Why ``result`` does not pass, each reason in the current language
    (empty when it passes)."""
    reasons: list[str] = []
    if p.min_attendance is not None:
        need = _percent(p.min_attendance, 0)
        if result.attendance is None:
            reasons.append(_("no attendance recorded (at least {share} needed)").format(
                share=need))
        elif result.attendance < p.min_attendance:
            reasons.append(_("attendance {share} below {needed}").format(
                share=_percent(result.attendance, 0), needed=need))
    if p.min_essay_grade is not None:
        if result.essay_grade is None:
            if result.classification is None:
                reasons.append(_("no essay grade and no classification (a grade of at least "
                                 "{grade} needed)").format(grade=_grade(p.min_essay_grade)))
        elif result.essay_grade < p.min_essay_grade:
            reasons.append(_("essay grade {grade} below {needed}").format(
                grade=_grade(result.essay_grade), needed=_grade(p.min_essay_grade)))
    if p.passing_classifications and result.classification not in p.passing_classifications:
        if result.classification is None:
            reasons.append(_("no classification"))
        else:
            reasons.append(_("classified {classification}").format(
                classification=result.classification.label()))
    return reasons


def pass_failures(result: Result, p: PassParameters) -> list[tuple[str, str]]:
    """Why ``result`` does not pass, each reason in Vietnamese and English
    (empty when it passes)."""
    with language("vi"):
        vi = failure_reasons(result, p)
    with language("en"):
        en = failure_reasons(result, p)
    return list(zip(vi, en, strict=True))


def passes(result: Result, p: PassParameters) -> tuple[bool, list[str]]:
    """Whether ``result`` passes, and the reasons it does not (in the current
    language; see :func:`pass_failures` for both languages)."""
    reasons = failure_reasons(result, p)
    return (not reasons, reasons)


def _result_evidence(c: ClassRecord, r: Result) -> Evidence:
    facts = [("course_type", c.course_type), ("start", c.start.isoformat()),
             ("end", c.end.isoformat())]
    if r.attendance is not None:
        facts.append(("attendance", str(r.attendance)))
    if r.essay_grade is not None:
        facts.append(("essay_grade", str(r.essay_grade)))
    if r.classification is not None:
        facts.append(("classification", r.classification.value))
    facts.append(("certificate_issued", str(r.certificate_issued).lower()))
    return Evidence(kind="class-result", ref=c.id, facts=tuple(facts))


def _policy_classes(ctx: Context, p: PassParameters) -> Iterator[ClassRecord]:
    for c in ctx.dataset.classes:
        if c.enrollments is None or c.end > ctx.on or not ctx.rule.in_force(c.end):
            continue
        if p.course_types and c.course_type not in p.course_types:
            continue
        yield c


def _class_name(c: ClassRecord) -> str:
    return c.title or c.id


def _pass_findings(ctx: Context) -> list[Finding]:
    """Results and certificates agree: a certificate issued for a result
    that does not pass is the rule's severity; a passing result without a
    certificate, or a qualification recorded from a class the learner did not
    pass, a warning."""
    p: PassParameters = ctx.rule.parameters
    people = {person.id: person for person in ctx.dataset.people}
    found: list[Finding] = []
    for c in counted(list(_policy_classes(ctx, p)), N_("classes")):
        name = _class_name(c)
        for e in c.enrollments or ():
            person = people.get(e.person)
            if person is None or e.result is None:
                continue
            result = e.result
            ok = not failure_reasons(result, p)
            ev = [_result_evidence(c, result)]

            def why() -> str:
                return "; ".join(failure_reasons(result, p))

            if result.certificate_issued and not ok:
                found.append(ctx.says(
                    person, ctx.rule.severity,
                    lambda: _("a certificate was issued for class “{name}” but the result does "
                              "not pass ({why})").format(name=name, why=why()), ev))
            if ok and not result.certificate_issued:
                found.append(ctx.says(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    lambda: _("the result of class “{name}” passes but no certificate is "
                              "recorded").format(name=name), ev))
            linked = [q for q in person.qualifications if q.class_id == c.id]
            if linked and not ok:
                found.append(ctx.says(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    lambda: _("a qualification is recorded from class “{name}” but the result "
                              "does not pass ({why})").format(name=name, why=why()),
                    ev + [qualification_evidence(q) for q in linked]))
    return found


# ------------------------------------------------ who may be sent to a class


@frozen(kw_only=True)
class EntryParameters:
    """Learners of classes of ``course_types`` must, on the class's first day,
    have one of ``party_statuses`` (none checked when empty) and hold a post
    of one of ``post_categories`` (none checked when empty)."""

    course_types: tuple[str, ...]
    party_statuses: tuple[PartyStatus, ...] = ()
    post_categories: tuple[str, ...] = ()


def _check_entry(p: EntryParameters) -> list[str]:
    return [] if p.course_types else ["course_types must name at least one course type"]


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


def proposed_certificates(dataset: Dataset, p: PassParameters, on: date) -> list[
        tuple[str, Qualification]]:
    """The qualifications passing results give that the learners do not have
    yet, as ``(person id, qualification)``. A course type that grants a level
    gives that level; any other gives a course certificate. Nothing is
    changed: the caller adds them (a renewal is a new record)."""
    catalog = course_catalog(dataset)
    people = {person.id: person for person in dataset.people}
    out: list[tuple[str, Qualification]] = []
    for c in sorted(dataset.classes, key=lambda c: c.id):
        if c.enrollments is None or c.end > on:
            continue
        if p.course_types and c.course_type not in p.course_types:
            continue
        grants = catalog[c.course_type].grants if c.course_type in catalog else None
        for e in c.enrollments:
            person = people.get(e.person)
            if person is None or e.result is None or not passes(e.result, p)[0]:
                continue
            if any(q.class_id == c.id for q in person.qualifications):
                continue
            out.append((person.id, Qualification(
                id=f"{c.id}-{person.id}",
                kind=grants.kind if grants else QualificationKind.COURSE_CERTIFICATE,
                level=grants.level if grants else None,
                course_type=c.course_type, issued=c.end, issuer=c.host,
                number=e.result.certificate_number, class_id=c.id,
            )))
    return out


# ------------------------------------------------------------- registry


@frozen(kw_only=True)
class Kind:
    """``judges_events``: the kind judges dated events (an admission, a
    class) by the rule in force on the event's day, so a check also runs its
    rules that have ended before the check date."""

    parameters: type[Any]
    check_parameters: Callable[[Any], list[str]]
    evaluate: Callable[[Context], list[Finding]]
    judges_events: bool = False


#: Rule kinds by name.
KINDS: dict[str, Kind] = {
    "certificate-validity": Kind(parameters=ValidityParameters,
                                 check_parameters=_check_validity, evaluate=_no_findings),
    "post-requirements": Kind(parameters=PostParameters, check_parameters=_check_post,
                              evaluate=_post_findings),
    "certificate-expiry": Kind(parameters=ExpiryParameters, check_parameters=_check_expiry,
                               evaluate=_expiry_findings),
    "admission-party-awareness": Kind(parameters=AdmissionParameters,
                                      check_parameters=_check_admission,
                                      evaluate=_admission_findings, judges_events=True),
    "admission-deadlines": Kind(parameters=DeadlineParameters,
                                check_parameters=_check_deadlines,
                                evaluate=_deadline_findings, judges_events=True),
    "probation-new-member-class": Kind(parameters=ProbationParameters,
                                       check_parameters=_check_probation,
                                       evaluate=_probation_findings, judges_events=True),
    "knowledge-update": Kind(parameters=KnowledgeUpdateParameters,
                             check_parameters=_check_knowledge, evaluate=_knowledge_findings),
    "pass-policy": Kind(parameters=PassParameters, check_parameters=_check_pass,
                        evaluate=_pass_findings, judges_events=True),
    "class-entry": Kind(parameters=EntryParameters, check_parameters=_check_entry,
                        evaluate=_entry_findings, judges_events=True),
}
