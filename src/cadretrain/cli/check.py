"""``cadretrain check PATH``: the findings of the certification rules on a date."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from cadretrain import i18n
from cadretrain.cli._common import (
    CommandFailed,
    add_json_option,
    add_rules_option,
    iso_date,
    load_dataset,
    load_rules,
)
from cadretrain.cli._progress import Progress
from cadretrain.i18n import _, ngettext, number


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help=_("check certification rules: who holds a post without its qualification, "
               "admissions, probation, knowledge updates"),
        description=_(
            "Apply the certification rules in force on a date to a dataset and print every "
            "finding, grouped by organization, with its rule, regulation, person, evidence "
            "and message. The rule set's regulation names and quotations are its data, in "
            "the language the regulations are written in (Vietnamese). Exit status: 0 no "
            "error-level finding, 1 some (or an invalid dataset), 2 unreadable dataset or "
            "rules file, or wrong usage."),
    )
    parser.add_argument("path", metavar="PATH")  # its help: cadretrain.cli.build_parser
    parser.add_argument("--on", type=iso_date, metavar="DATE",
                        help=_("the date of the check (YYYY-MM-DD): the rules in force then "
                               "apply and records dated later are ignored; today when omitted"))
    add_rules_option(parser)
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cadretrain.rules import check

    on: date = args.on or date.today()
    try:
        rules = load_rules(args.rules)
    except CommandFailed as failed:
        return failed.status
    try:
        # Checking "as of" a past date must read a dataset that goes on after it:
        # records dated later are simply not in effect yet. Without --on (today),
        # a qualification issued in the future is a data error, as in validate.
        progress = Progress(total=2)
        progress.step(_("reading the dataset"))
        loaded = load_dataset(args.path, on=None if args.on else on, quiet_warnings=args.json,
                              progress=progress)
    except CommandFailed as failed:
        return failed.status
    progress.step(_("checking the rules"))
    with progress.listening():
        result = check(loaded.dataset, on, rules)
    progress.finish()
    if args.json:
        print(json.dumps(result.to_data(), ensure_ascii=False, indent=2))
    else:
        _print_text(result, loaded.dataset)
    return 1 if result.errors else 0


def _print_text(result: Any, dataset: Any) -> None:
    from cadretrain.formatting import format_date
    from cadretrain.rules import citation_text

    names = {o.id: o.name for o in dataset.organizations}
    print(_("Rule set {version}, cadretrain {library}, on {date}").format(
        version=result.ruleset_version, library=result.library_version,
        date=format_date(result.on, i18n.current_language())))
    current = None
    for f in result.findings:
        if f.organization != current:
            current = f.organization
            print(f"\n{names.get(current, current)} ({current})")
        print(f"  {f.severity.label()}: {f.person_name} ({f.person}): {f.message()}")
        rule = _("rule {rule}, {regulation}").format(rule=f.rule_id, regulation=f.regulation)
        if f.needs_confirmation:
            rule += " [" + _("needs confirmation") + "]"
        print(f"    {rule}")
        for c in f.basis:
            print("    " + _("basis: {citation}").format(citation=citation_text(c)))
        for e in f.evidence:
            print(f"    - {e}")
    errors = len(result.errors)
    total = len(result.findings)
    print("\n" + ngettext("{n} finding, {errors} at error level",
                          "{n} findings, {errors} at error level", total).format(
        n=number(total), errors=number(errors)))
