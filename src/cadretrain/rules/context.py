"""What every rule kind is given: the dataset, the day, the rule and its rule set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from attrs import frozen

from cadretrain.catalog import course_catalog
from cadretrain.model import (
    BodyType,
    ClassRecord,
    CourseType,
    Dataset,
    Person,
    Post,
)
from cadretrain.rules.findings import Evidence, Finding, in_both_languages
from cadretrain.rules.ruleset import Rule, RuleSet, Severity
from cadretrain.rules.workdays import WorkingCalendar


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
