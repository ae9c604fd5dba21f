"""Rule kinds: the registry :data:`KINDS`, one module per kind.

Each kind declares the class its ``parameters`` are read into, a check of
those parameters, and an ``evaluate(ctx)`` function returning findings. A
rule set names the kind of each rule; adding a kind means adding a module
(beside :mod:`cadretrain.rules.admission` and the others), its golden cases in
``rules/golden/<module>/`` and one line in :data:`KINDS`, never a subclass.
The names the kinds' modules define are re-exported here, where they were
documented before each kind had its module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from cadretrain.rules.admission import (
    AdmissionParameters,
    DeadlineParameters,
    _admission_findings,
    _check_admission,
    _check_deadlines,
    _deadline_findings,
)
from cadretrain.rules.certificate_validity import (
    ExpiryParameters,
    ValidityParameters,
    _check_expiry,
    _check_validity,
    _expiry_findings,
    _no_findings,
    effective_expiry,
)
from cadretrain.rules.class_entry import EntryParameters, _check_entry, _entry_findings
from cadretrain.rules.context import Context
from cadretrain.rules.findings import Finding
from cadretrain.rules.knowledge_updates import (
    KnowledgeUpdateParameters,
    _check_knowledge,
    _knowledge_findings,
)
from cadretrain.rules.pass_policy import (
    PassParameters,
    _check_pass,
    _pass_findings,
    pass_failures,
    passes,
    proposed_certificates,
)
from cadretrain.rules.post_standards import PostParameters, _check_post, _post_findings
from cadretrain.rules.probation import ProbationParameters, _check_probation, _probation_findings

__all__ = [
    "KINDS",
    "Context",
    "Kind",
    "effective_expiry",
    "pass_failures",
    "passes",
    "proposed_certificates",
]


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
