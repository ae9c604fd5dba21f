"""Running a rule set over a dataset: :func:`check` and :func:`meets_requirements`."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from cadretrain._version import __version__
from cadretrain.i18n import N_, _
from cadretrain.model import (
    Dataset,
    Person,
    Post,
    Qualification,
    QualificationKind,
    Requirement,
)
from cadretrain.progress import counted
from cadretrain.rules.context import _bodies, make_context
from cadretrain.rules.facts import qualification_evidence
from cadretrain.rules.findings import (
    CheckResult,
    Evidence,
    Finding,
    finding_sort_key,
    in_both_languages,
)
from cadretrain.rules.kinds import KINDS, effective_expiry
from cadretrain.rules.post_standards import (
    PostParameters,
    describe_requirement,
    placement_missing,
    requirements_for,
    satisfying,
)
from cadretrain.rules.ruleset import Rule, RuleSet, default_rule_set

__all__ = ["Decision", "Reason", "applicable", "check", "meets_requirements"]


def applicable(ruleset: RuleSet, on: date) -> tuple[Rule, ...]:
    """The rules a check on ``on`` runs: those in force on ``on``, and those
    of kinds that judge dated events (an admission, a class) that came into
    force before it, each judging only the events of its own period."""
    return tuple(r for r in ruleset.rules
                 if r.in_force(on) or (KINDS[r.kind].judges_events and r.in_force_from <= on))


def check(dataset: Dataset, on: date, rules: RuleSet | None = None) -> CheckResult:
    """Every finding of the rules that apply on ``on`` (the default rule set
    when ``rules`` is None): the rules in force then, and for each dated event
    (an admission, a ceremony, a class) the version in force on its day.
    Sorted by organization, person and rule, so that the result does not
    depend on the order of records in the dataset."""
    ruleset = rules if rules is not None else default_rule_set()
    findings: set[Finding] = set()
    applied = applicable(ruleset, on)
    calendar = ruleset.working_calendar()
    bodies = _bodies(dataset)
    for rule in counted(applied, N_("rules")):
        ctx = make_context(dataset, on, rule, ruleset, calendar, bodies)
        findings.update(KINDS[rule.kind].evaluate(ctx))
    return CheckResult(
        on=on, ruleset_version=ruleset.version, library_version=__version__,
        findings=tuple(sorted(findings, key=finding_sort_key)),
        rules_applied=tuple(r.id for r in applied),
    )


@frozen(kw_only=True)
class Reason:
    """One requirement of a post and whether it is met, by which qualification."""

    rule_id: str
    regulation: str
    requirement: Requirement
    met: bool
    message_vi: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True)
class Decision:
    """Yes or no, with every reason (met and unmet)."""

    ok: bool
    reasons: tuple[Reason, ...]
    ruleset_version: str
    library_version: str


def meets_requirements(
    person: Person, post: Post, on: date, dataset: Dataset | None = None,
    rules: RuleSet | None = None,
) -> Decision:
    """Whether ``person`` meets ``post``'s qualification requirements on ``on``
    under the post-requirement rules in force then. Expired qualifications
    never count. With no requirement at all the answer is yes, with no reason."""
    ruleset = rules if rules is not None else default_rule_set()
    ds = dataset if dataset is not None else Dataset(people=(person,), posts=(post,))
    reasons: list[Reason] = []
    for rule in ruleset.in_force(on):
        if rule.kind != "post-requirements":
            continue
        params: PostParameters = rule.parameters
        ctx = make_context(ds, on, rule, ruleset)
        if placement_missing(post, params):
            # the standard depends on where the post sits and that is not
            # recorded: not met, rather than a silent yes
            for s in params.standards:
                if post.category not in s.categories:
                    continue
                for kind, level in ((QualificationKind.POLITICAL_THEORY, s.political_theory),
                                    (QualificationKind.STATE_MANAGEMENT, s.state_management)):
                    if level is None:
                        continue
                    req = Requirement(kind=kind, level=level)
                    vi, en = in_both_languages(lambda: _(
                        "cannot tell: the standard depends on where the post sits (under a "
                        "ministry, a general department…), which is not recorded"))
                    reasons.append(Reason(
                        rule_id=rule.id, regulation=rule.regulation, requirement=req, met=False,
                        message_vi=vi, message_en=en))
            continue
        for req in requirements_for(post, params):
            good = satisfying(person, req, params, on, ctx)
            if good:
                q = good[-1]
                vi, en = in_both_languages(lambda: _("meets {requirement}: {qualification} "
                                                     "issued {date}").format(
                    requirement=describe_requirement(req), qualification=_name(q),
                    date=q.issued.isoformat()))
                reasons.append(Reason(
                    rule_id=rule.id, regulation=rule.regulation, requirement=req, met=True,
                    message_vi=vi, message_en=en,
                    evidence=(qualification_evidence(
                        q, effective_expiry(q, ruleset, on, ctx.classes)),)))
            else:
                held = tuple(qualification_evidence(
                    q, effective_expiry(q, ruleset, on, ctx.classes))
                    for q in person.qualifications if q.kind is req.kind and q.issued <= on)

                def unmet() -> str:
                    if held:
                        return _("does not meet {requirement}").format(
                            requirement=describe_requirement(req))
                    return _("does not meet {requirement} (no such qualification on "
                             "record)").format(requirement=describe_requirement(req))

                vi, en = in_both_languages(unmet)
                reasons.append(Reason(
                    rule_id=rule.id, regulation=rule.regulation, requirement=req, met=False,
                    message_vi=vi, message_en=en, evidence=held))
    return Decision(ok=all(r.met for r in reasons), reasons=tuple(reasons),
                    ruleset_version=ruleset.version, library_version=__version__)


def _name(q: Qualification) -> str:
    return f"{q.kind.value} {q.level or q.course_type or ''}".strip() + f" ({q.id})"
