"""The rule-set format: versioned, dated rules kept as data (TOML or JSON).

A rule set has a ``version`` and a list of rules. Each rule names its
``kind`` (which evaluation function runs it, see :mod:`cadretrain.rules.kinds`),
the regulation it comes from, the dates it is in force, its severity and its
parameters. Parameters are read with the project's one converter, strictly,
into the parameter class its kind declares; every problem is reported with
its place (``rules[3].parameters.max_age_months``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from attrs import field, frozen

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

from cadretrain.converter import from_data, structure_errors
from cadretrain.i18n import _
from cadretrain.problems import Problem
from cadretrain.problems import Severity as ProblemSeverity
from cadretrain.rules.workdays import WorkingCalendar

__all__ = [
    "CalendarData",
    "Citation",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "Severity",
    "default_rule_set",
    "load_rule_set",
    "parse_rule_set",
]


# One Severity for dataset problems and rule findings (cadretrain.problems);
# importable from here as before. Only ``error`` makes ``cadretrain check`` exit 1.
Severity = ProblemSeverity


@frozen(kw_only=True)
class Citation:
    """The text a rule rests on: which document (``document``, its date
    ``issued``), which article or point (``article``), the sentence itself
    (``quote``, as read), where it was read (``source``, an address) and whether
    that source is the official text (``official``) or a secondary page that
    quotes it (a legal Q&A site, a news article, a party unit's page)."""

    document: str
    article: str
    quote: str
    source: str
    official: bool
    issued: date | None = None
    #: which of a rule's findings it is the basis of (a kind's topic, such as
    #: "ceremony"); None: all of them
    topic: str | None = None


@frozen(kw_only=True)
class CalendarData:
    """The rule set's ``[calendar]`` table: days the user adds to the
    Vietnamese public calendar the working-day deadlines use (a day off the
    package does not know, a Saturday worked in exchange)."""

    days_off: tuple[date, ...] = ()
    working_days: tuple[date, ...] = ()


@frozen(kw_only=True)
class _RuleData:
    """A rule as written in the file; ``parameters`` is read per kind later."""

    id: str
    kind: str
    title: str
    regulation: str
    in_force_from: date
    severity: Severity
    in_force_until: date | None = None
    source: str | None = None
    needs_confirmation: bool = False
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None
    basis: tuple[Citation, ...] = ()
    parameters: dict[str, Any] = field(factory=dict)


@frozen(kw_only=True)
class _RuleSetData:
    version: str
    title: str
    rules: tuple[_RuleData, ...]
    note: str | None = None
    calendar: CalendarData = CalendarData()


@frozen(kw_only=True)
class Rule:
    """One rule. ``parameters`` is an instance of its kind's parameter class.

    ``needs_confirmation`` marks a rule whose figures or dates could not be
    confirmed in the regulation's text; ``unconfirmed`` names which
    parameters, ``note`` says why. Findings of such a rule say so.
    ``basis`` holds the citations the rule rests on (article, quote, source);
    every finding of the rule carries them.
    """

    id: str
    kind: str
    title: str
    regulation: str
    in_force_from: date
    severity: Severity
    parameters: Any
    in_force_until: date | None = None
    source: str | None = None
    needs_confirmation: bool = False
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None
    basis: tuple[Citation, ...] = ()

    def in_force(self, on: date) -> bool:
        """Whether the rule applies on ``on`` (both ends inclusive)."""
        if on < self.in_force_from:
            return False
        return self.in_force_until is None or on <= self.in_force_until


@frozen(kw_only=True)
class RuleSet:
    version: str
    title: str
    rules: tuple[Rule, ...]
    note: str | None = None
    calendar: CalendarData = CalendarData()

    def working_calendar(self) -> WorkingCalendar:
        """The working-day calendar of this rule set: the Vietnamese public
        calendar with the days its ``[calendar]`` table adds."""
        return WorkingCalendar(days_off=self.calendar.days_off,
                               working_days=self.calendar.working_days)

    def in_force(self, on: date) -> tuple[Rule, ...]:
        """The rules in force on ``on``, in file order."""
        return tuple(r for r in self.rules if r.in_force(on))


class RuleSetError(Exception):
    """A rule set could not be read; ``problems`` lists every problem with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join([_("the rule set has errors"), *map(str, self.problems)]))


def _problem(path: str, message: str, source: str | None) -> Problem:
    return Problem(severity=ProblemSeverity.ERROR, path=path, message=message, source=source)


def _unknown_kind(where: str, name: str, source: str | None) -> Problem:
    from cadretrain.rules.kinds import KINDS

    known = ", ".join(f'"{k}"' for k in sorted(KINDS))
    return _problem(f"{where}.kind", _('unknown rule kind "{name}"; expected one of '
                                       '{kinds}').format(name=name, kinds=known), source)


def parse_rule_set(data: Any, *, source: str | None = None) -> RuleSet:
    """Build a :class:`RuleSet` from plain data, or raise :class:`RuleSetError`
    listing every problem (all rules are read, not only up to the first error)."""
    from cadretrain.rules.kinds import KINDS  # the registry imports this module

    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise RuleSetError([_problem("(top)", _("expected a table/object"), source)])
    head = {k: v for k, v in data.items() if k != "rules"}
    raw_rules = data.get("rules")
    calendar = CalendarData()
    try:
        calendar = from_data({**head, "rules": []}, _RuleSetData).calendar
    except Exception as exc:  # noqa: BLE001 - reported with places
        problems += [_problem(p, m, source) for p, m in structure_errors(exc)]
    if not isinstance(raw_rules, list):
        message = _("required field is missing") if raw_rules is None else _("expected a list")
        problems.append(_problem("rules", message, source))
        raise RuleSetError(problems)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_rules):
        where = f"rules[{index}]"
        try:
            rd = from_data(raw, _RuleData)
        except Exception as exc:  # noqa: BLE001
            problems += [_problem(f"{where}.{p}" if p != "(top)" else where, m, source)
                         for p, m in structure_errors(exc)]
            kind_name = raw.get("kind") if isinstance(raw, Mapping) else None
            if isinstance(kind_name, str) and kind_name not in KINDS:
                problems.append(_unknown_kind(where, kind_name, source))
            continue
        if rd.id in seen:
            problems.append(_problem(f"{where}.id", _('rule id "{id}" is also used by '
                                                      '{other}').format(
                id=rd.id, other=f"rules[{seen[rd.id]}]"), source))
        seen.setdefault(rd.id, index)
        if rd.in_force_until is not None and rd.in_force_until < rd.in_force_from:
            problems.append(_problem(f"{where}.in_force_until",
                                     _("ends before in_force_from"), source))
        kind = KINDS.get(rd.kind)
        if kind is None:
            problems.append(_unknown_kind(where, rd.kind, source))
            continue
        try:
            params = from_data(rd.parameters, kind.parameters)
        except Exception as exc:  # noqa: BLE001
            problems += [_problem(f"{where}.parameters" + ("" if p == "(top)" else f".{p}"),
                                  m, source) for p, m in structure_errors(exc)]
            continue
        for message in kind.check_parameters(params):
            problems.append(_problem(f"{where}.parameters", message, source))
        rules.append(Rule(
            id=rd.id, kind=rd.kind, title=rd.title, regulation=rd.regulation,
            in_force_from=rd.in_force_from, in_force_until=rd.in_force_until,
            severity=rd.severity, parameters=params, source=rd.source,
            needs_confirmation=rd.needs_confirmation, unconfirmed=rd.unconfirmed,
            note=rd.note, basis=rd.basis,
        ))
    if problems:
        raise RuleSetError(problems)
    return RuleSet(version=str(head.get("version")), title=str(head.get("title")),
                   rules=tuple(rules), note=head.get("note"), calendar=calendar)


def load_rule_set(path: str | Path) -> RuleSet:
    """Read a rule set from a ``.toml`` or ``.json`` file.

    Raises :class:`RuleSetError` naming the file for an unreadable file too.
    """
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleSetError([_problem("(file)", _("cannot read the file: {error}").format(
            error=exc), source)]) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text, parse_float=Decimal)
        else:
            data = tomllib.loads(text, parse_float=Decimal)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise RuleSetError([_problem("(file)", _("not valid {format}: {error}").format(
            format=path.suffix or "TOML", error=exc), source)]) from None
    return parse_rule_set(data, source=source)


def default_rule_set() -> RuleSet:
    """The rule set shipped with the library (``cadretrain/rules/default.toml``).

    It is a starting point: check it against the regulations in force for you.
    """
    text = resources.files("cadretrain.rules").joinpath("default.toml").read_text("utf-8")
    data = tomllib.loads(text, parse_float=Decimal)
    return parse_rule_set(data, source="cadretrain/rules/default.toml")
