"""``cadretrain validate PATH``: check a dataset file and list every problem."""

from __future__ import annotations

import argparse
from typing import Any

from cadretrain.cli._common import CommandFailed, iso_date, load_dataset


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "validate",
        help="check a dataset file and list every problem in it (kiểm tra dữ liệu)",
        description="Check a dataset file (JSON, TOML or a filled-in Excel template) and list "
        "every error and warning with its place. Exit status: 0 valid, 1 invalid, "
        "2 unreadable file or wrong usage.",
    )
    parser.add_argument("path", metavar="PATH", help="the dataset file (.json, .toml or .xlsx)")
    parser.add_argument(
        "--on", type=iso_date, metavar="DATE",
        help="the date of the check (YYYY-MM-DD): qualifications issued after it are errors",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_dataset(args.path, on=args.on)
    except CommandFailed as failed:
        return failed.status
    print(f"{args.path}: valid, {len(loaded.warnings)} warning(s)")
    return 0
