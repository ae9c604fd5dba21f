"""Findings: what a rule says about a person, with the facts that led to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from attrs import field, frozen

from cadretrain.rules.ruleset import Severity

__all__ = ["CheckResult", "Evidence", "Finding", "finding_sort_key"]


@frozen(kw_only=True)
class Evidence:
    """One fact a finding rests on: a qualification, a post holding, a party
    status change, a class result. ``ref`` is the record's id in the dataset;
    ``facts`` are (name, value) pairs such as ``("issued", "2020-01-15")``."""

    kind: str
    ref: str
    facts: tuple[tuple[str, str], ...] = ()

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "facts": dict(self.facts)}

    def __str__(self) -> str:
        inner = ", ".join(f"{k} {v}" for k, v in self.facts)
        return f"{self.kind} {self.ref}" + (f" ({inner})" if inner else "")


def _not_empty(_: object, __: object, value: tuple[Evidence, ...]) -> None:
    if not value:
        raise ValueError("a finding needs evidence")


@frozen(kw_only=True)
class Finding:
    """What one rule found about one person (or one class result).

    There is no finding without evidence: constructing one with an empty
    ``evidence`` raises ``ValueError``.
    """

    severity: Severity
    rule_id: str
    regulation: str
    ruleset_version: str
    person: str
    person_name: str
    organization: str
    message_vi: str
    message_en: str
    evidence: tuple[Evidence, ...] = field(validator=_not_empty)
    needs_confirmation: bool = False

    def message(self, english: bool = False) -> str:
        return self.message_en if english else self.message_vi

    def to_data(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "rule": self.rule_id,
            "regulation": self.regulation,
            "ruleset_version": self.ruleset_version,
            "person": self.person,
            "person_name": self.person_name,
            "organization": self.organization,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "needs_confirmation": self.needs_confirmation,
            "evidence": [e.to_data() for e in self.evidence],
        }


def finding_sort_key(f: Finding) -> tuple[str, str, str, str, str]:
    return (f.organization, f.person, f.rule_id, f.message_en, repr(f.evidence))


@frozen(kw_only=True)
class CheckResult:
    """Every finding of a check, stamped with the rule set's and the library's version."""

    on: date
    ruleset_version: str
    library_version: str
    findings: tuple[Finding, ...]
    rules_applied: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def to_data(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "ruleset_version": self.ruleset_version,
            "library_version": self.library_version,
            "rules_applied": list(self.rules_applied),
            "findings": [f.to_data() for f in self.findings],
        }
