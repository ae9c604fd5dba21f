"""``cadretrain validate PATH``: check a dataset file and list every problem."""

from __future__ import annotations

import argparse
from typing import Any

from cadretrain.cli._common import (
    CommandFailed,
    add_json_option,
    iso_date,
    load_dataset,
    print_json,
    problem_data,
)
from cadretrain.i18n import _, ngettext, number


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "validate",
        help=_("check a dataset file and list every problem in it"),
        description=_("Check a dataset file (JSON, TOML or a filled-in Excel template) and list "
                      "every error and warning with its place. Exit status: 0 valid, 1 invalid, "
                      "2 unreadable file or wrong usage."),
    )
    parser.add_argument("path", metavar="PATH", help=_("the dataset file (.json, .toml or .xlsx)"))
    parser.add_argument(
        "--on", type=iso_date, metavar="DATE",
        help=_("the date of the check (YYYY-MM-DD): qualifications issued after it are errors"),
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_dataset(args.path, on=args.on, quiet_warnings=args.json,
                              json_errors=args.json)
    except CommandFailed as failed:
        return failed.status
    if args.json:
        print_json({"path": str(args.path), "valid": True,
                    "problems": [problem_data(p) for p in loaded.warnings]})
        return 0
    n = len(loaded.warnings)
    print(f"{args.path}: " + _("valid, {warnings}").format(
        warnings=ngettext("{n} warning", "{n} warnings", n).format(n=number(n))))
    return 0
