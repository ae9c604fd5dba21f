"""The ``cadretrain`` command line.

Each command lives in its own module with two functions: ``add_parser`` adds
its sub-parser, ``run`` does the work and returns the exit status. Exit
statuses: 0 success, 1 the data has errors (or findings at error level),
2 unreadable input or wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cadretrain._version import __version__

# Command modules, in the order ``--help`` lists them.
COMMANDS = ("report", "validate", "summary", "template", "schema", "attainment", "check",
            "exporters", "export")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cadretrain",
        description="Plan, track and report the training of cadres and party members "
        "(đào tạo, bồi dưỡng cán bộ, đảng viên).",
    )
    parser.add_argument("--version", action="version", version=f"cadretrain {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"cadretrain.cli.{name}")
        module.add_parser(sub)
    # --debug is accepted after the command too; SUPPRESS keeps a top-level
    # --debug from being reset by the sub-parser's default.
    for command in sub.choices.values():
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS,
            help="show tracebacks on errors",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("cadretrain: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"cadretrain: error: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_INVALID
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
