"""``cadretrain template xlsx|docx -o FILE``: the empty workbook an office fills
in, or the Word template of the report an office edits (and checks)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from cadretrain.cli._common import (
    add_json_option,
    count_problems,
    print_json,
    to_stdout,
    write_stdout,
)
from cadretrain.i18n import _, current_language


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "template",
        help=_("write an empty workbook to fill in or the Word template of the report"),
        description=_(
            "xlsx: write an empty Excel workbook with the headers of every data sheet "
            "(organizations, people, classes, rosters and results, plans, ...) in the "
            "language of the run; a workbook filled in, in either language, is a dataset. "
            "docx: write the Word template of the report that comes with cadretrain, with its "
            "placeholders ({{{{ title }}}}, {{%p for section in sections %}} ...; the names "
            "are in docs/word.md), for office staff to change letterhead, fonts, wording and "
            "order in Word; `cadretrain report --template FILE` renders with it. `docx "
            "--check FILE` checks an edited template and prints each problem with its place "
            "(exit 1 when it has errors).").format(),
    )
    parser.add_argument("kind", choices=["xlsx", "docx"], help=_("the kind of template"))
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=_("where to write it (.xlsx or .docx); - writes it to standard "
                               "output"))
    parser.add_argument("--check", metavar="FILE",
                        help=_("docx: check this edited template instead of writing one"))
    add_json_option(parser)
    parser.set_defaults(run=run)


def _builtin_docx() -> bytes:
    """The built-in report template, its fixed words in the run's language."""
    from cadretrain.exporters.docx.wording import builtin_template_in

    return builtin_template_in(current_language())


def run(args: argparse.Namespace) -> int:
    if args.check:
        if args.kind != "docx":
            print(_("cadretrain: template: --check applies to docx"), file=sys.stderr)
            return 2
        return _check(args.check)
    if not args.output:
        print(_("cadretrain: template: -o/--output FILE is required"), file=sys.stderr)
        return 2
    if to_stdout(args.output):
        # The very bytes a file would get: written to one, then sent.
        if args.kind == "docx":
            write_stdout(_builtin_docx())
            return 0
        from cadretrain.exporters.xlsx.template import write_template  # loads openpyxl

        with tempfile.TemporaryDirectory(prefix="cadretrain-") as folder:
            written = Path(folder) / "mau.xlsx"
            write_template(written)
            write_stdout(written.read_bytes())
        return 0
    try:
        if args.kind == "xlsx":
            from cadretrain.exporters.xlsx.template import write_template  # loads openpyxl

            write_template(args.output)
        else:
            from cadretrain.readers.json_toml import write_atomically

            write_atomically(Path(args.output), _builtin_docx())
    except OSError as exc:
        print(_("cadretrain: {path}: cannot write: {error}").format(
            path=args.output, error=exc.strerror), file=sys.stderr)
        return 2
    if args.json:
        print_json({"wrote": [args.output]})
    else:
        print(_("{path}: template written").format(path=args.output))
    return 0


def _check(path: str) -> int:
    from cadretrain.exporters import ExportError
    from cadretrain.exporters.docx.template import check_template, read_template

    try:
        problems = check_template(read_template(path))
    except ExportError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    print(f"{path}: {count_problems(errors, len(problems) - errors)}")
    return 1 if errors else 0
