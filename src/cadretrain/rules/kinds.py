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
from cadretrain.formatting import format_date, format_decimal, format_percent
from cadretrain.i18n import N_
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
from cadretrain.rules.findings import Evidence, Finding
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

    def finding(self, person: Person, severity: Severity, vi: str, en: str,
                evidence: list[Evidence], topic: str | None = None) -> Finding:
        """A finding of this rule; its basis is the rule's citations of
        ``topic`` (and those without a topic)."""
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


def vi(d: date) -> str:
    return format_date(d, "vi")


def en(d: date) -> str:
    return format_date(d, "en")


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


def _no_findings(_: Context) -> list[Finding]:
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


_LEVEL_VI = {
    "elementary": "sơ cấp", "intermediate": "trung cấp", "advanced": "cao cấp",
    "advanced-administration": "cao cấp lý luận chính trị - hành chính",
    "bachelor": "cử nhân", "specialist": "chuyên viên",
    "principal-specialist": "chuyên viên chính", "senior-specialist": "chuyên viên cao cấp",
}
_KIND_VI = {QualificationKind.POLITICAL_THEORY: "lý luận chính trị",
            QualificationKind.STATE_MANAGEMENT: "quản lý nhà nước"}


def describe_requirement(req: Requirement, english: bool) -> str:
    if english:
        return f"{req.kind.value} at least {req.level}"
    kind = _KIND_VI.get(req.kind, req.kind.value)
    return f"{kind} từ {_LEVEL_VI.get(req.level, req.level)} trở lên"


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
                found.append(ctx.finding(
                    person, Severity.INFO,
                    f"Chức vụ “{post.title}”: tiêu chuẩn phụ thuộc vị trí của chức vụ "
                    "(thuộc Bộ, thuộc Tổng cục, thuộc Sở…) nhưng dữ liệu chưa ghi vị trí "
                    "của chức vụ; chưa kiểm tra được",
                    f"post “{post.title}”: the standard depends on where the post sits "
                    "(under a ministry, a general department, a provincial department…) "
                    "and the data does not record it (placement); not checked",
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
    what_vi, what_en = describe_requirement(req, False), describe_requirement(req, True)
    vi_msg = (f"Giữ chức vụ “{post.title}” nhưng chưa đạt chuẩn {what_vi} "
              f"(nợ tiêu chuẩn) từ {vi(since)}")
    en_msg = (f"holds the post “{post.title}” without {what_en} "
              f"(qualification owed) since {en(since)}")
    if grace_end is not None:
        if in_grace:
            vi_msg += f"; còn trong thời hạn bổ sung đến {vi(grace_end)}"
            en_msg += f"; the grace period runs until {en(grace_end)}"
        else:
            vi_msg += f"; thời hạn bổ sung đã hết {vi(grace_end)}"
            en_msg += f"; the grace period ended on {en(grace_end)}"
    if held:
        vi_msg += "; các văn bằng hiện có không đáp ứng hoặc đã hết hạn"
        en_msg += "; the qualifications held do not meet it or have expired"
    if body_unknown:
        vi_msg += ("; dữ liệu chưa ghi loại hình cơ quan: coi là cơ quan "
                   "thuộc phạm vi quy định")
        en_msg += ("; the data does not record the body type: taken as one the "
                   "regulation covers")
    return ctx.finding(person, severity, vi_msg, en_msg, evidence)


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
            if any(e is None for _, e in items):
                continue  # one of them never expires
            q, expiry = max(items, key=lambda item: (item[1] or date.min, item[0].id))
            st = certificate_status(q, ctx.on, expiry, p.windows_days)
            name = ctx.catalog[course_type].name if course_type in ctx.catalog else course_type
            ev = [qualification_evidence(q, expiry)]
            if st.status is Status.EXPIRED and expiry:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Giấy chứng nhận “{name}” đã hết hạn {vi(expiry)}",
                    f"the certificate “{course_type}” expired on {en(expiry)}", ev))
            elif st.status is Status.EXPIRING_SOON and expiry:
                found.append(ctx.finding(
                    person, Severity.INFO,
                    f"Giấy chứng nhận “{name}” hết hạn {vi(expiry)} "
                    f"(còn {st.days_left} ngày, trong ngưỡng {st.window} ngày)",
                    f"the certificate “{course_type}” expires on {en(expiry)} "
                    f"({st.days_left} days left, within the {st.window}-day window)", ev))
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


_MEASURED_VI = {"resolution": "khi chi bộ xét kết nạp (nghị quyết {d})",
                "decision": "khi có quyết định kết nạp ({d})",
                "ceremony": "khi tổ chức lễ kết nạp ({d})"}
_MEASURED_EN = {"resolution": "when the branch considered the admission (resolution of {d})",
                "decision": "when the admission was decided ({d})",
                "ceremony": "at the admission ceremony ({d})"}


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
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    "Đối tượng kết nạp chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức "
                    f"về Đảng còn giá trị ({p.max_age_months} tháng)",
                    "admission candidate without a valid party-awareness class certificate "
                    f"(valid {p.max_age_months} months)",
                    [status_evidence(current[-1]), *ev_certs]))
        for c in changes:
            if c.status is not PartyStatus.PROBATIONARY or c.since > ctx.on:
                continue
            day, missing = act_date(c, p.measured_at)
            if day > ctx.on or not ctx.rule.in_force(day):
                continue  # judged by the rule in force on that day
            if any(_awareness_valid(q, day, p) for q in certs):
                continue
            if missing is None:
                when_vi = _MEASURED_VI[p.measured_at].format(d=vi(day))
                when_en = _MEASURED_EN[p.measured_at].format(d=en(day))
            else:  # the date is not recorded: say the day used, not an act that is unknown
                when_vi, when_en = f"vào {vi(day)}", f"on {en(day)}"
            found.append(ctx.finding(
                person, ctx.rule.severity,
                f"Được kết nạp ({vi(c.since)}) mà {when_vi} chưa có giấy chứng nhận học "
                f"lớp bồi dưỡng nhận thức về Đảng còn giá trị (không quá {p.max_age_months} "
                f"tháng){missing_note(missing, c, False)}",
                f"admitted ({en(c.since)}) without a party-awareness class certificate not "
                f"older than {p.max_age_months} months {when_en}"
                f"{missing_note(missing, c, True)}",
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
            if full is not None and full.resolution is not None:
                deadline = full.resolution
                due_vi = f"ngày chi bộ xét công nhận chính thức {vi(deadline)}"
                due_en = f"the branch considered full membership on {en(deadline)}"
            else:
                deadline = ctx.calendar.add_working_days(end, p.consider_within_working_days)
                due_vi = (f"hạn chi bộ xét công nhận chính thức {vi(deadline)} "
                          f"({p.consider_within_working_days} ngày làm việc sau khi hết "
                          f"{p.probation_months} tháng dự bị {vi(end)})")
                due_en = (f"the branch must consider full membership by {en(deadline)} "
                          f"({p.consider_within_working_days} working days after the "
                          f"{p.probation_months}-month probation ended on {en(end)})")
            if any(q.issued <= min(deadline, ctx.on) for q in certs):
                continue
            evidence = [status_evidence(c, missing)]
            if full is not None:
                evidence.append(status_evidence(full))
            evidence.append(deadline_evidence(
                "full-membership", deadline, end,
                ctx.calendar.working_days_between(end, deadline)))
            evidence += [qualification_evidence(q) for q in certs if q.issued <= ctx.on]
            if missing is None:
                since_vi, since_en = f"lễ kết nạp {vi(start)}", f"admission ceremony {en(start)}"
            else:
                since_vi = (f"kết nạp {vi(start)}; dữ liệu không có ngày lễ kết nạp, thời kỳ "
                            "dự bị tính từ ngày này")
                since_en = (f"admitted {en(start)}; the ceremony date is not recorded, the "
                            "probation is counted from this day")
            if ctx.on <= deadline:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Đảng viên dự bị ({since_vi}) chưa có giấy chứng nhận lớp bồi dưỡng lý "
                    f"luận chính trị cho đảng viên mới; {due_vi}",
                    f"probationary member ({since_en}) has not completed the new-member "
                    f"class; {due_en}", evidence))
            else:
                found.append(ctx.finding(
                    person, ctx.rule.severity,
                    f"Chưa hoàn thành lớp bồi dưỡng lý luận chính trị cho đảng viên mới "
                    f"({since_vi}); {due_vi} đã qua",
                    f"the new-member class was not completed ({since_en}); {due_en}, "
                    "which has passed", evidence))
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
                if c.ceremony is not None and c.ceremony > deadline:
                    found.append(ctx.finding(
                        person, severity,
                        f"Lễ kết nạp {vi(c.ceremony)}, quá thời hạn {n} ngày làm việc kể "
                        f"từ quyết định kết nạp {vi(c.decision)} (hạn {vi(deadline)}); "
                        "phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý",
                        f"admission ceremony on {en(c.ceremony)}, later than {n} working days "
                        f"after the admission decision of {en(c.decision)} (due by "
                        f"{en(deadline)}); needs the consent of the committee directly above",
                        [status_evidence(c),
                         deadline_evidence("ceremony", deadline, c.decision, n)],
                        topic="ceremony"))
                elif c.ceremony is None and ctx.on > deadline:
                    found.append(ctx.finding(
                        person, severity,
                        f"Dữ liệu không có ngày lễ kết nạp; hạn tổ chức lễ là {vi(deadline)} "
                        f"({n} ngày làm việc kể từ quyết định kết nạp {vi(c.decision)})",
                        f"no admission ceremony date is recorded; it was due by "
                        f"{en(deadline)} ({n} working days after the admission decision of "
                        f"{en(c.decision)})", [status_evidence(c, "ceremony"),
                                               deadline_evidence("ceremony", deadline,
                                                                 c.decision, n)],
                        topic="ceremony"))
            start, missing = act_date(c, "ceremony")
            end = period_end(start, p.probation_months)
            if end > ctx.on or not ctx.rule.in_force(end):
                continue
            deadline = ctx.calendar.add_working_days(end, p.full_membership_within_working_days)
            n = p.full_membership_within_working_days
            full = next_change(person, c, PartyStatus.FULL)
            note_vi, note_en = missing_note(missing, c, False), missing_note(missing, c, True)
            if full is not None and full.resolution is not None:
                if full.resolution > deadline:
                    found.append(ctx.finding(
                        person, severity,
                        f"Chi bộ xét công nhận đảng viên chính thức {vi(full.resolution)}, "
                        f"quá thời hạn {n} ngày làm việc kể từ ngày hết {p.probation_months} "
                        f"tháng dự bị {vi(end)} (hạn {vi(deadline)}){note_vi}",
                        f"the branch considered full membership on {en(full.resolution)}, "
                        f"later than {n} working days after the {p.probation_months}-month "
                        f"probation ended on {en(end)} (due by {en(deadline)}){note_en}",
                        [status_evidence(c, missing), status_evidence(full),
                         deadline_evidence("full-membership", deadline, end, n)],
                        topic="full-membership"))
            elif full is None and ctx.on > deadline \
                    and party_status_on(person, ctx.on) is PartyStatus.PROBATIONARY:
                found.append(ctx.finding(
                    person, severity,
                    f"Hết {p.probation_months} tháng dự bị {vi(end)}{note_vi} nhưng chưa "
                    f"được xét công nhận đảng viên chính thức; hạn chi bộ xét là {vi(deadline)} "
                    f"({n} ngày làm việc)",
                    f"the {p.probation_months}-month probation ended on {en(end)}{note_en} "
                    f"and full membership has not been considered; the branch's deadline was "
                    f"{en(deadline)} ({n} working days)",
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


_GROUP_VI = {
    ManagedBy.SENIOR_LEADERSHIP: "nhóm 1 (lãnh đạo chủ chốt, lãnh đạo cấp cao)",
    ManagedBy.POLITBURO: "nhóm 2 (thuộc diện Bộ Chính trị, Ban Bí thư quản lý)",
    ManagedBy.COMMITTEE: "nhóm 3 (thuộc diện cấp ủy, tổ chức đảng, lãnh đạo cơ quan quản lý)",
}
_GROUP_EN = {
    ManagedBy.SENIOR_LEADERSHIP: "group 1 (key and senior leaders)",
    ManagedBy.POLITBURO: "group 2 (managed by the Politburo and the Secretariat)",
    ManagedBy.COMMITTEE: "group 3 (managed by party committees and agency leaders)",
}


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
        since_vi = f"; lần gần nhất {vi(last.issued)}" if last else "; chưa có lần nào"
        since_en = f"; the last one on {en(last.issued)}" if last else "; none on record"
        if post.managed_by is not None:
            who_vi = f"Cán bộ {_GROUP_VI[post.managed_by]}"
            who_en = f"cadre of {_GROUP_EN[post.managed_by]}"
        else:
            who_vi = "Cán bộ giữ chức vụ lãnh đạo, quản lý (dữ liệu chưa ghi diện quản lý)"
            who_en = "leading cadre (the data does not record who manages the post)"
        found.append(ctx.finding(
            person, ctx.rule.severity,
            f"{who_vi} chưa được bồi dưỡng, cập nhật kiến thức trong "
            f"{p.period_months} tháng qua (từ {vi(window_start + timedelta(days=1))}){since_vi}",
            f"{who_en} without a knowledge update in the last {p.period_months} months "
            f"(since {en(window_start + timedelta(days=1))}){since_en}",
            evidence))
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


_CLASSIFICATION_VI = {
    Classification.OUTSTANDING: "xuất sắc", Classification.EXCELLENT: "giỏi",
    Classification.GOOD: "khá", Classification.AVERAGE: "trung bình",
    Classification.PASS: "đạt", Classification.FAIL: "không đạt",
}


def _grade(value: Decimal, locale: str) -> str:
    text = format_decimal(value, 2, locale)
    sep = "," if locale == "vi" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def pass_failures(result: Result, p: PassParameters) -> list[tuple[str, str]]:
    """Why ``result`` does not pass, each reason in Vietnamese and English
    (empty when it passes)."""
    reasons: list[tuple[str, str]] = []
    if p.min_attendance is not None:
        need_vi = format_percent(p.min_attendance, 0, "vi")
        need_en = format_percent(p.min_attendance, 0, "en")
        if result.attendance is None:
            reasons.append((f"chưa có tỷ lệ chuyên cần (cần từ {need_vi})",
                            f"no attendance recorded (at least {need_en} needed)"))
        elif result.attendance < p.min_attendance:
            reasons.append((
                f"chuyên cần {format_percent(result.attendance, 0, 'vi')}, dưới {need_vi}",
                f"attendance {format_percent(result.attendance, 0, 'en')} below {need_en}"))
    if p.min_essay_grade is not None:
        if result.essay_grade is None:
            if result.classification is None:
                reasons.append((
                    f"chưa có điểm bài thu hoạch và chưa xếp loại (cần điểm từ "
                    f"{_grade(p.min_essay_grade, 'vi')})",
                    f"no essay grade and no classification (a grade of at least "
                    f"{_grade(p.min_essay_grade, 'en')} needed)"))
        elif result.essay_grade < p.min_essay_grade:
            reasons.append((
                f"điểm bài thu hoạch {_grade(result.essay_grade, 'vi')}, dưới "
                f"{_grade(p.min_essay_grade, 'vi')}",
                f"essay grade {_grade(result.essay_grade, 'en')} below "
                f"{_grade(p.min_essay_grade, 'en')}"))
    if p.passing_classifications and result.classification not in p.passing_classifications:
        if result.classification is None:
            reasons.append(("chưa xếp loại", "no classification"))
        else:
            reasons.append((f"xếp loại {_CLASSIFICATION_VI[result.classification]}",
                            f"classified {result.classification.value}"))
    return reasons


def passes(result: Result, p: PassParameters) -> tuple[bool, list[str]]:
    """Whether ``result`` passes, and the reasons it does not (English; see
    :func:`pass_failures` for both languages)."""
    reasons = [english for _, english in pass_failures(result, p)]
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
            failures = pass_failures(e.result, p)
            ok = not failures
            ev = [_result_evidence(c, e.result)]
            why_vi = "; ".join(v for v, _ in failures)
            why_en = "; ".join(x for _, x in failures)
            if e.result.certificate_issued and not ok:
                found.append(ctx.finding(
                    person, ctx.rule.severity,
                    f"Được cấp giấy chứng nhận lớp “{name}” nhưng kết quả không đạt ({why_vi})",
                    f"a certificate was issued for class “{name}” but the result "
                    f"does not pass ({why_en})", ev))
            if ok and not e.result.certificate_issued:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Kết quả lớp “{name}” đạt nhưng chưa ghi nhận cấp giấy chứng nhận",
                    f"the result of class “{name}” passes but no certificate is recorded", ev))
            linked = [q for q in person.qualifications if q.class_id == c.id]
            if linked and not ok:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Văn bằng ghi từ lớp “{name}” nhưng kết quả lớp không đạt ({why_vi})",
                    f"a qualification is recorded from class “{name}” but the result "
                    f"does not pass ({why_en})",
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


_STATUS_VI = {PartyStatus.NON_MEMBER: "quần chúng", PartyStatus.CANDIDATE: "quần chúng ưu tú",
              PartyStatus.PROBATIONARY: "đảng viên dự bị",
              PartyStatus.FULL: "đảng viên chính thức"}


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
                    need_vi = " hoặc ".join(_STATUS_VI[s] for s in p.party_statuses)
                    need_en = " or ".join(s.value for s in p.party_statuses)
                    change = status_change_on(person, c.start)
                    ev = [cls_ev] + ([status_evidence(change)] if change else [])
                    found.append(ctx.finding(
                        person, ctx.rule.severity,
                        f"Học viên lớp “{title}” ({name}) khai giảng {vi(c.start)} là "
                        f"{_STATUS_VI[status]} vào ngày đó; tiêu chuẩn: là {need_vi}",
                        f"learner of class “{title}” ({c.course_type}) starting "
                        f"{en(c.start)} was {status.value} on that day; the criterion: "
                        f"{need_en}", ev, topic="membership"))
            if p.post_categories:
                held = [(h, ctx.posts.get(h.post)) for h in holdings_on(person, c.start)]
                if not any(post is not None and post.category in p.post_categories
                           for _, post in held):
                    ev = [cls_ev] + [holding_evidence(h, post.title if post else None,
                                                      post.category if post else None)
                                     for h, post in held]
                    found.append(ctx.finding(
                        person, ctx.rule.severity,
                        f"Học viên lớp “{title}” ({name}) khai giảng {vi(c.start)} không giữ "
                        "chức vụ thuộc đối tượng đào tạo vào ngày đó (nếu được cử học theo "
                        "quy hoạch, dữ liệu chưa ghi quy hoạch)",
                        f"learner of class “{title}” ({c.course_type}) starting {en(c.start)} "
                        "held no post of the target group on that day (if sent as planned "
                        "for such a post: plans are not in the data)", ev, topic="post"))
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
