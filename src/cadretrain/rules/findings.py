"""Findings: what a rule says about a person, with the facts that led to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from attrs import field, frozen

from cadretrain.i18n import _, current_language, language
from cadretrain.rules.ruleset import Citation, Severity

__all__ = [
    "CheckResult",
    "Citation",
    "Evidence",
    "Finding",
    "citation_data",
    "citation_text",
    "day",
    "finding_sort_key",
    "in_both_languages",
]


def _english(english: bool | None) -> bool:
    return current_language() == "en" if english is None else english


def in_both_languages(text: Callable[[], str]) -> tuple[str, str]:
    """``text()`` written in Vietnamese and in English, each from the catalog:
    a finding keeps both (the JSON export carries both). ``text`` builds its
    message with :func:`cadretrain.i18n._` and :func:`day`, so it reads the
    language it is called in."""
    with language("vi"):
        vi = text()
    with language("en"):
        en = text()
    return vi, en


def day(d: date) -> str:
    """A date as messages write it in the current language
    ("ngày 05 tháng 3 năm 2018" / "March 5, 2018")."""
    from cadretrain.formatting import format_date

    return format_date(d, current_language())


def citation_text(c: Citation, english: bool | None = None) -> str:
    """One line a reader can follow back to the text: the document and its
    date, the article, the quoted sentence and where it was read.

    ``Quy định 294-QĐ/TW ngày 26 tháng 5 năm 2025, điểm 4.2: “…” (nguồn thứ
    cấp: …)``. The quote stays in the language it was read in. In the current
    language unless ``english`` says which."""
    with language("en" if _english(english) else "vi"):
        kind = _("official text") if c.official else _("secondary source")
        if c.issued is None:
            return _("{document}, {article}: “{quote}” ({kind}: {source})").format(
                document=c.document, article=c.article, quote=c.quote, kind=kind,
                source=c.source)
        return _("{document} of {date}, {article}: “{quote}” ({kind}: {source})").format(
            document=c.document, date=day(c.issued), article=c.article, quote=c.quote,
            kind=kind, source=c.source)


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
        """The evidence as a person reads it, in the current language ("văn bằng
        cqm-0239-q1 (loại lý luận chính trị, trình độ sơ cấp, …)"; in English
        "qualification cqm-0239-q1 (kind political-theory, level elementary, …)")."""
        from cadretrain.rules._evidence_text import evidence_text

        return evidence_text(self.kind, self.ref, self.facts)


def _not_empty(_instance: object, _attribute: object, value: tuple[Evidence, ...]) -> None:
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

    def message(self, english: bool | None = None) -> str:
        """The message in the current language (or English when ``english``)."""
        return self.message_en if _english(english) else self.message_vi

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

    def trace(self, english: bool | None = None) -> str:
        """The rule, its regulation and every citation, on one line: what a
        reader follows to check the finding against the text (in the current
        language unless ``english`` says which)."""
        with language("en" if _english(english) else "vi"):
            if self.needs_confirmation:
                head = _("rule {rule}, {regulation} [needs confirmation]")
            else:
                head = _("rule {rule}, {regulation}")
            head = head.format(rule=self.rule_id, regulation=self.regulation)
            if not self.basis:
                return _("{rule}; no text quoted").format(rule=head)
            return "; ".join([head, *(citation_text(c) for c in self.basis)])

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
