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
from cadretrain.formatting import format_date
from cadretrain.model import (
    Classification,
    ClassRecord,
    CourseType,
    Dataset,
    PartyStatus,
    Person,
    Post,
    PostHolding,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
)
from cadretrain.rules.facts import (
    Status,
    certificate_status,
    holding_evidence,
    holdings_on,
    level_rank,
    next_fixed_date,
    party_status_on,
    period_end,
    qualification_evidence,
    status_evidence,
)
from cadretrain.rules.findings import Evidence, Finding
from cadretrain.rules.ruleset import Rule, RuleSet, Severity

__all__ = ["KINDS", "Context", "Kind", "effective_expiry", "passes", "proposed_certificates"]


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

    def finding(self, person: Person, severity: Severity, vi: str, en: str,
                evidence: list[Evidence]) -> Finding:
        return Finding(
            severity=severity, rule_id=self.rule.id, regulation=self.rule.regulation,
            ruleset_version=self.ruleset.version, person=person.id,
            person_name=person.full_name, organization=person.organization,
            message_vi=vi, message_en=en, evidence=tuple(evidence),
            needs_confirmation=self.rule.needs_confirmation,
        )


def make_context(dataset: Dataset, on: date, rule: Rule, ruleset: RuleSet) -> Context:
    return Context(
        dataset=dataset, on=on, rule=rule, ruleset=ruleset,
        catalog=course_catalog(dataset), posts={p.id: p for p in dataset.posts},
        classes={c.id: c for c in dataset.classes},
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
    """The minimum levels for posts of ``categories``; either may be absent."""

    categories: tuple[str, ...]
    political_theory: str | None = None
    state_management: str | None = None


@frozen(kw_only=True)
class Equivalence:
    """A qualification of ``kind`` at ``level`` counts as ``counts_as``
    (a bachelor's degree in political theory counts as the advanced level)."""

    kind: QualificationKind
    level: str
    counts_as: str


@frozen(kw_only=True)
class PostParameters:
    standards: tuple[CategoryStandard, ...] = ()
    equivalences: tuple[Equivalence, ...] = ()
    include_post_requirements: bool = True
    grace_months: int = 0


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
        for name in ("level", "counts_as"):
            value = getattr(e, name)
            if level_rank(e.kind, value) is None:
                out.append(f'equivalences[{i}].{name}: unknown {e.kind.value} level "{value}"')
    if p.grace_months < 0:
        out.append("grace_months must not be negative")
    return out


def requirements_for(post: Post, p: PostParameters) -> list[Requirement]:
    """What a post requires under these parameters: its category's standard
    and, when ``include_post_requirements``, what the post states itself."""
    found: list[Requirement] = []
    for s in p.standards:
        if post.category in s.categories:
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


def counts_as_rank(q: Qualification, kind: QualificationKind, p: PostParameters) -> int | None:
    """The highest rank ``q`` counts as for ``kind``: its own level or an equivalence."""
    if q.kind is not kind:
        # a course certificate whose course type grants a level is recorded
        # as a political-theory/state-management qualification; others never count
        return None
    ranks = [level_rank(kind, q.level)]
    ranks += [level_rank(kind, e.counts_as) for e in p.equivalences
              if e.kind is kind and e.level == q.level]
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
            for req in requirements_for(post, p):
                if satisfying(person, req, p, ctx.on, ctx):
                    continue
                found.append(_missing_requirement(ctx, person, h, post, req, p))
    return found


def _missing_requirement(ctx: Context, person: Person, h: PostHolding, post: Post,
                         req: Requirement, p: PostParameters) -> Finding:
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
    grace_end = period_end(h.start, p.grace_months) if p.grace_months else None
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
    on or after the admission date)."""

    course_types: tuple[str, ...] = ("doi-tuong-ket-nap",)
    max_age_months: int = 60


def _check_admission(p: AdmissionParameters) -> list[str]:
    return ["max_age_months must be at least 1"] if p.max_age_months <= 0 else []


def _awareness_valid(q: Qualification, day: date, p: AdmissionParameters) -> bool:
    if q.course_type not in p.course_types or q.issued > day:
        return False
    if q.expires is not None and q.expires < day:
        return False
    return day <= period_end(q.issued, p.max_age_months)


def _admission_findings(ctx: Context) -> list[Finding]:
    """Candidates on the check date need a valid certificate (a warning: they
    cannot be admitted yet); a person admitted while the rule was in force
    needed one on the admission date (the rule's severity)."""
    p: AdmissionParameters = ctx.rule.parameters
    found: list[Finding] = []
    for person in ctx.dataset.people:
        certs = sorted((q for q in person.qualifications if q.course_type in p.course_types),
                       key=lambda q: (q.issued, q.id))
        ev_certs = [qualification_evidence(q, period_end(q.issued, p.max_age_months))
                    for q in certs if q.issued <= ctx.on]
        changes = sorted(person.party_status, key=lambda c: (c.since, c.status.value))
        current = [c for c in changes if c.since <= ctx.on]
        if current and current[-1].status is PartyStatus.CANDIDATE:
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
            if not ctx.rule.in_force(c.since):
                continue  # admitted under other rules
            if any(_awareness_valid(q, c.since, p) for q in certs):
                continue
            found.append(ctx.finding(
                person, ctx.rule.severity,
                f"Được kết nạp {vi(c.since)} khi chưa có giấy chứng nhận học lớp bồi "
                f"dưỡng nhận thức về Đảng còn giá trị (không quá {p.max_age_months} tháng)",
                f"admitted on {en(c.since)} without a party-awareness class certificate "
                f"not older than {p.max_age_months} months",
                [status_evidence(c), *ev_certs]))
    return found


# ---------------------------------------------------- probationary members


@frozen(kw_only=True)
class ProbationParameters:
    """The new-member class (one of ``course_types``) completed before the
    probation of ``probation_months`` from the admission date ends."""

    course_types: tuple[str, ...] = ("dang-vien-moi",)
    probation_months: int = 12


def _check_probation(p: ProbationParameters) -> list[str]:
    return ["probation_months must be at least 1"] if p.probation_months <= 0 else []


def _probation_findings(ctx: Context) -> list[Finding]:
    """Before the probation ends a missing class is a warning (still due);
    after it, the rule's severity. Admissions before the rule came into
    force are left to the rules then in force."""
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
            if not ctx.rule.in_force(c.since):
                continue
            deadline = period_end(c.since, p.probation_months)
            if any(q.issued <= min(deadline, ctx.on) for q in certs):
                continue
            evidence = [status_evidence(c)]
            evidence += [qualification_evidence(q) for q in certs if q.issued <= ctx.on]
            if ctx.on <= deadline:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Đảng viên dự bị (kết nạp {vi(c.since)}) chưa học lớp bồi dưỡng "
                    f"lý luận chính trị cho đảng viên mới; hạn hết thời kỳ dự bị {vi(deadline)}",
                    f"probationary member (admitted {en(c.since)}) has not completed the "
                    f"new-member class; the probation ends on {en(deadline)}", evidence))
            else:
                found.append(ctx.finding(
                    person, ctx.rule.severity,
                    f"Hết thời kỳ dự bị {vi(deadline)} (kết nạp {vi(c.since)}) "
                    "mà chưa hoàn thành lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
                    f"the probation ended on {en(deadline)} (admitted {en(c.since)}) "
                    "without the new-member class", evidence))
    return found


# ---------------------------------------------------- knowledge updates


@frozen(kw_only=True)
class KnowledgeUpdateParameters:
    """A *managed cadre* is whoever holds, on the check date, a post whose
    category is in ``post_categories``. Each needs a certificate of one of
    ``course_types`` issued within the last ``period_months`` months once they
    have held such a post that long."""

    post_categories: tuple[str, ...]
    course_types: tuple[str, ...] = ("cap-nhat-kien-thuc",)
    period_months: int = 12


def _check_knowledge(p: KnowledgeUpdateParameters) -> list[str]:
    out = []
    if p.period_months <= 0:
        out.append("period_months must be at least 1")
    if not p.post_categories:
        out.append("post_categories must name at least one post category")
    return out


def _knowledge_findings(ctx: Context) -> list[Finding]:
    p: KnowledgeUpdateParameters = ctx.rule.parameters
    found: list[Finding] = []
    window_start = period_end(ctx.on, -p.period_months)
    for person in ctx.dataset.people:
        managed = [(h, ctx.posts[h.post]) for h in holdings_on(person, ctx.on)
                   if h.post in ctx.posts and ctx.posts[h.post].category in p.post_categories]
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
        found.append(ctx.finding(
            person, ctx.rule.severity,
            f"Cán bộ thuộc diện quản lý chưa được bồi dưỡng, cập nhật kiến thức trong "
            f"{p.period_months} tháng qua (từ {vi(window_start + timedelta(days=1))}){since_vi}",
            f"managed cadre without a knowledge update in the last {p.period_months} months "
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
    lacks a value a threshold needs does not pass."""

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


def passes(result: Result, p: PassParameters) -> tuple[bool, list[str]]:
    """Whether ``result`` passes, and the reasons it does not (English)."""
    reasons = []
    if p.min_attendance is not None and (
            result.attendance is None or result.attendance < p.min_attendance):
        reasons.append(f"attendance {result.attendance} below {p.min_attendance}")
    if p.min_essay_grade is not None and (
            result.essay_grade is None or result.essay_grade < p.min_essay_grade):
        reasons.append(f"essay grade {result.essay_grade} below {p.min_essay_grade}")
    if p.passing_classifications and result.classification not in p.passing_classifications:
        cls = result.classification.value if result.classification else None
        reasons.append(f"classification {cls} does not pass")
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


def _pass_findings(ctx: Context) -> list[Finding]:
    """Results and certificates must agree: a certificate issued for a result
    that does not pass is the rule's severity; a passing result without a
    certificate, or a qualification recorded from a class the learner did not
    pass, a warning."""
    p: PassParameters = ctx.rule.parameters
    people = {person.id: person for person in ctx.dataset.people}
    found: list[Finding] = []
    for c in _policy_classes(ctx, p):
        for e in c.enrollments or ():
            person = people.get(e.person)
            if person is None or e.result is None:
                continue
            ok, reasons = passes(e.result, p)
            ev = [_result_evidence(c, e.result)]
            why = "; ".join(reasons)
            if e.result.certificate_issued and not ok:
                found.append(ctx.finding(
                    person, ctx.rule.severity,
                    f"Được cấp giấy chứng nhận lớp “{c.id}” nhưng kết quả không đạt ({why})",
                    f"a certificate was issued for class “{c.id}” but the result "
                    f"does not pass ({why})", ev))
            if ok and not e.result.certificate_issued:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Kết quả lớp “{c.id}” đạt nhưng chưa ghi nhận cấp giấy chứng nhận",
                    f"the result of class “{c.id}” passes but no certificate is recorded", ev))
            linked = [q for q in person.qualifications if q.class_id == c.id]
            if linked and not ok:
                found.append(ctx.finding(
                    person, _cap(ctx.rule.severity, Severity.WARNING),
                    f"Văn bằng ghi từ lớp “{c.id}” nhưng kết quả lớp không đạt ({why})",
                    f"a qualification is recorded from class “{c.id}” but the result "
                    f"does not pass ({why})",
                    ev + [qualification_evidence(q) for q in linked]))
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
    parameters: type[Any]
    check_parameters: Callable[[Any], list[str]]
    evaluate: Callable[[Context], list[Finding]]


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
                                      evaluate=_admission_findings),
    "probation-new-member-class": Kind(parameters=ProbationParameters,
                                       check_parameters=_check_probation,
                                       evaluate=_probation_findings),
    "knowledge-update": Kind(parameters=KnowledgeUpdateParameters,
                             check_parameters=_check_knowledge, evaluate=_knowledge_findings),
    "pass-policy": Kind(parameters=PassParameters, check_parameters=_check_pass,
                        evaluate=_pass_findings),
}
