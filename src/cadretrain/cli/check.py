"""``cadretrain check PATH``: the findings of the certification rules on a date."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from cadretrain import i18n
from cadretrain.cli._common import (
    CommandFailed,
    add_rules_option,
    iso_date,
    load_dataset,
    load_rules,
)
from cadretrain.cli._progress import Progress
from cadretrain.i18n import _


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help=_("check certification rules: who holds a post without its qualification "
               "(nợ tiêu chuẩn), admissions, probation, knowledge updates (kiểm tra tiêu "
               "chuẩn)"),
        description="Apply the certification rules in force on a date to a dataset and "
        "print every finding, grouped by organization, with its rule, regulation, person, "
        "evidence and message. Exit status: 0 no error-level finding, 1 some (or an invalid "
        "dataset), 2 unreadable dataset or rules file, or wrong usage.",
    )
    parser.add_argument("path", metavar="PATH", help="the dataset file (.json, .toml or .xlsx)")
    parser.add_argument("--on", type=iso_date, metavar="DATE",
                        help="the date of the check (YYYY-MM-DD): the rules in force then "
                        "apply and records dated later are ignored; today when omitted")
    add_rules_option(parser)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
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
        _print_text(result, loaded.dataset, i18n.current_language() == "en")
    return 1 if result.errors else 0


def _print_text(result: Any, dataset: Any, english: bool) -> None:
    from cadretrain.formatting import format_date
    from cadretrain.rules import citation_text

    names = {o.id: o.name for o in dataset.organizations}
    locale = "en" if english else "vi"
    head = "Rule set" if english else "Bộ quy tắc"
    lib = "cadretrain" if english else "thư viện cadretrain"
    when = "on" if english else "tính đến"
    print(f"{head} {result.ruleset_version}, {lib} {result.library_version}, "
          f"{when} {format_date(result.on, locale)}")
    current = None
    for f in result.findings:
        if f.organization != current:
            current = f.organization
            print(f"\n{names.get(current, current)} ({current})")
        flag = " [needs confirmation]" if f.needs_confirmation and english else (
            " [cần xác minh]" if f.needs_confirmation else "")
        print(f"  {f.severity.label()}: {f.person_name} ({f.person}): {f.message(english)}")
        print(f"    {'rule' if english else 'quy tắc'} {f.rule_id}, {f.regulation}{flag}")
        for c in f.basis:
            print(f"    {'basis' if english else 'căn cứ'}: {citation_text(c, english)}")
        for e in f.evidence:
            print(f"    - {e}")
    errors = len(result.errors)
    total = len(result.findings)
    if english:
        print(f"\n{total} finding(s), {errors} at error level")
    else:
        print(f"\n{total} phát hiện, {errors} ở mức lỗi")
