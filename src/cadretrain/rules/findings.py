"""Findings: what a rule says about a person, with the facts that led to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from attrs import field, frozen

from cadretrain.rules.ruleset import Citation, Severity

__all__ = [
    "CheckResult",
    "Citation",
    "Evidence",
    "Finding",
    "citation_data",
    "citation_text",
    "finding_sort_key",
]


def citation_text(c: Citation, english: bool = False) -> str:
    """One line a reader can follow back to the text: the document and its
    date, the article, the quoted sentence and where it was read.

    ``Quy định 294-QĐ/TW ngày 26 tháng 5 năm 2025, điểm 4.2: “…” (nguồn thứ
    cấp: …)``. The quote stays in the language it was read in."""
    from cadretrain.formatting import format_date

    if c.issued is not None:
        when = f" of {format_date(c.issued, 'en')}" if english else \
            f" {format_date(c.issued, 'vi')}"
    else:
        when = ""
    if english:
        kind = "official text" if c.official else "secondary source"
    else:
        kind = "văn bản chính thức" if c.official else "nguồn thứ cấp"
    return f"{c.document}{when}, {c.article}: “{c.quote}” ({kind}: {c.source})"


def citation_data(c: Citation) -> dict[str, Any]:
    return {"document": c.document, "issued": c.issued.isoformat() if c.issued else None,
            "article": c.article, "quote": c.quote, "source": c.source,
            "official": c.official, "topic": c.topic}


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
    #: the citations of the rule this finding rests on (article, quote, source)
    basis: tuple[Citation, ...] = ()

    def message(self, english: bool = False) -> str:
        return self.message_en if english else self.message_vi

    @property
    def article(self) -> str:
        """The documents and articles the finding rests on, one text
        ("Quy định 294-QĐ/TW, điểm 4.2"); the regulation when the rule cites none."""
        if not self.basis:
            return self.regulation
        return "; ".join(f"{c.document}, {c.article}" for c in self.basis)

    @property
    def quote(self) -> str:
        """The quoted sentences, each in quotation marks ("" when none)."""
        return " ".join(f"“{c.quote}”" for c in self.basis)

    def trace(self, english: bool = False) -> str:
        """The rule, its regulation and every citation, on one line: what a
        reader follows to check the finding against the text."""
        head = (f"rule {self.rule_id}, {self.regulation}" if english
                else f"quy tắc {self.rule_id}, {self.regulation}")
        if self.needs_confirmation:
            head += " [needs confirmation]" if english else " [cần xác minh]"
        if not self.basis:
            return head + ("; no text quoted" if english else "; không trích văn bản")
        return head + "; " + "; ".join(citation_text(c, english) for c in self.basis)

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
            "basis": [citation_data(c) for c in self.basis],
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
