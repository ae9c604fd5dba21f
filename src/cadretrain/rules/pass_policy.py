"""Pass policy: when a learner passes a class, and the certificates it gives
(kind ``pass-policy``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from attrs import frozen

from cadretrain.catalog import course_catalog
from cadretrain.formatting import format_decimal
from cadretrain.i18n import N_, _, current_language, language
from cadretrain.i18n import percent as _percent
from cadretrain.model import (
    Classification,
    ClassRecord,
    Dataset,
    Qualification,
    QualificationKind,
    Result,
)
from cadretrain.progress import counted
from cadretrain.rules.context import Context, _cap
from cadretrain.rules.facts import qualification_evidence
from cadretrain.rules.findings import Evidence, Finding
from cadretrain.rules.ruleset import Severity


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
        out.append(_("min_attendance is a share from 0 to 1"))
    if p.min_essay_grade is not None and not 0 <= p.min_essay_grade <= 10:
        out.append(_("min_essay_grade is a grade from 0 to 10"))
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
