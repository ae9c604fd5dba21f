"""``cadretrain schema``: print the JSON Schema of the dataset format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cadretrain.atomic import write_atomically
from cadretrain.i18n import _
from cadretrain.schema import schema_text


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "schema",
        help=_("print the JSON Schema of dataset files"),
        description=_(
            "Print the JSON Schema (draft 2020-12) that dataset files follow, so that systems "
            "in other languages can check what they send. It checks the shape of a file; "
            "`cadretrain validate` also checks references, dates and totals. The schema "
            "itself is for programs: its descriptions are in English."),
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE",
        help=_("write the schema to FILE instead of printing it (- prints it)"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        print(_("cadretrain: {path}: cannot write: {error}").format(
            path=path, error=exc.strerror), file=sys.stderr)
        return 2
    return 0
