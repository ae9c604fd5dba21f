"""Certification rules kept as versioned, dated data, and the checks they drive.

Load a rule set with :func:`load_rule_set` (or use :func:`default_rule_set`,
which users must check against the regulations in force for them), then
:func:`check` a dataset on a date or ask :func:`meets_requirements`. See
``docs/rules.md`` for the format.
"""

from __future__ import annotations

from cadretrain.rules.check import Decision, Reason, applicable, check, meets_requirements
from cadretrain.rules.facts import (
    CertificateStatus,
    Status,
    certificate_status,
    party_age_start,
)
from cadretrain.rules.findings import CheckResult, Evidence, Finding, citation_text
from cadretrain.rules.kinds import (
    KINDS,
    effective_expiry,
    pass_failures,
    passes,
    proposed_certificates,
)
from cadretrain.rules.months import add_months, months_between
from cadretrain.rules.pass_policy import PassParameters
from cadretrain.rules.ruleset import (
    CalendarData,
    Citation,
    Rule,
    RuleSet,
    RuleSetError,
    Severity,
    default_rule_set,
    load_rule_set,
    parse_rule_set,
)
from cadretrain.rules.workdays import WorkingCalendar, public_holidays

__all__ = [
    "KINDS",
    "CalendarData",
    "CertificateStatus",
    "CheckResult",
    "Citation",
    "Decision",
    "Evidence",
    "Finding",
    "PassParameters",
    "Reason",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "Severity",
    "Status",
    "WorkingCalendar",
    "add_months",
    "applicable",
    "certificate_status",
    "check",
    "citation_text",
    "default_rule_set",
    "effective_expiry",
    "load_rule_set",
    "meets_requirements",
    "months_between",
    "parse_rule_set",
    "party_age_start",
    "pass_failures",
    "passes",
    "proposed_certificates",
    "public_holidays",
]
