"""The ``cadretrain`` command line.

Each command lives in its own module with two functions: ``add_parser`` adds
its sub-parser, ``run`` does the work and returns the exit status. Exit
statuses: 0 success, 1 the data has errors (or findings at error level),
2 unreadable input or wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from cadretrain import i18n
from cadretrain._version import __version__
from cadretrain.cli._common import CommandFailed, add_input_options, resolve_inputs
from cadretrain.i18n import N_, _, translate

# Command modules, in the order ``--help`` lists them.
COMMANDS = ("report", "validate", "summary", "template", "schema", "attainment", "figures",
            "check", "exporters", "export", "completion")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with its own words ("usage:") from the catalog."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks the catalog's language: its help option,
    section titles and error line are translated (argparse's own words are not
    in the catalog)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("show this help and exit"))

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: error: {message}").format(
            prog=self.prog, message=_argparse_message(message)) + "\n")


# argparse's own error lines (English in its source; it reads no catalog of ours),
# matched and said again in the catalog's words. A line not listed stays as it is.
_ARGPARSE_MESSAGES = [
    (re.compile(r"the following arguments are required: (?P<names>.*)"),
     N_("the following arguments are required: {names}")),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"),
     N_("unrecognized arguments: {names}")),
    (re.compile(r"argument (?P<name>[^:]+): invalid choice: (?P<value>.*) "
                r"\(choose from (?P<choices>.*)\)"),
     N_("argument {name}: invalid choice: {value} (choose from {choices})")),
    (re.compile(r"argument (?P<name>[^:]+): expected one argument"),
     N_("argument {name}: expected one argument")),
    (re.compile(r"argument (?P<name>[^:]+): invalid (?P<type>\S+) value: (?P<value>.*)"),
     N_("argument {name}: invalid value: {value}")),
    (re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)"),
     N_("argument {name}: {message}")),
]


def _argparse_message(message: str) -> str:
    for pattern, msgid in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return translate(msgid).format(**match.groupdict())
    return message


def _add_common(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument("--debug", action="store_true", default=default,
                        help=_("show tracebacks on errors"))
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=None if default is None else default,
        help=_("the language of messages, labels and figures: vi (the default) or en; "
               "without it, LANGUAGE, LC_ALL, LC_MESSAGES or LANG of en chooses English"),
    )
    # The option of earlier versions, kept working: the same as --lang en.
    parser.add_argument("--english", action="store_true", default=default,
                        help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    """The parser, with its help in the current language (see :mod:`cadretrain.i18n`)."""
    parser = _Parser(
        prog="cadretrain",
        description=_("Plan, track and report the training of cadres and party members."),
    )
    parser.add_argument("--version", action="version", version=f"cadretrain {__version__}",
                        help=_("show the version and exit"))
    _add_common(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser,
                                title=_("commands"))
    for name in COMMANDS:
        module = importlib.import_module(f"cadretrain.cli.{name}")
        module.add_parser(sub)
    # --debug and --lang are accepted after the command too; SUPPRESS keeps a
    # top-level one from being reset by the sub-parser's default.
    for command in sub.choices.values():
        _add_common(command, default=argparse.SUPPRESS)
        # Every PATH that is a dataset takes a file, a folder or - (standard input).
        for action in command._actions:
            if action.dest == "path":
                action.help = _("the dataset: a file (.json, .toml or .xlsx), a folder "
                                "holding dataset.toml (or .json, .xlsx) and meta.toml, or - "
                                "to read it from standard input (with --format)")
                add_input_options(command)
    return parser


def _language(argv: Sequence[str]) -> i18n.Language:
    """The language asked for: ``--lang`` (looked for before parsing, so that help
    and parse errors are in it too; the last one wins, as argparse's), the
    deprecated ``--english``, else the environment."""
    chosen: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        elif arg == "--english":
            chosen = "en"
    if chosen in i18n.LANGUAGES:
        return chosen
    return i18n.language_from_environment()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the messages' language is restored on return."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    with i18n.language(_language(arguments)):
        return _main(arguments)


def _main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    hook = sys.unraisablehook
    if not args.debug:
        sys.unraisablehook = _one_line
    try:
        resolve_inputs(args)
        status: int = args.run(args)
    except CommandFailed as failed:
        return failed.status
    except BrokenPipeError:
        # The reader went away (`cadretrain ... | head -1`): stop quietly, and point
        # standard output at nothing so that the interpreter's last flush is quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141  # as a program stopped by SIGPIPE
    except KeyboardInterrupt:
        print(_("cadretrain: interrupted"), file=sys.stderr)
        return 130
    except (SystemExit, GeneratorExit):
        raise
    # BaseException: a compiled library's panic (pyo3's PanicException) is one.
    except BaseException as exc:
        if args.debug:
            raise
        print(_("cadretrain: error: {error} (run with --debug for details)").format(
            error=_short(exc)), file=sys.stderr)
        return EXIT_INVALID
    finally:
        sys.unraisablehook = hook
    return status


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 500 else f"{text[:500]}…"


def _one_line(unraisable: Any) -> None:
    """An error Python can only report (in a finalizer, a closed generator):
    one line, not a traceback, unless --debug."""
    exc = unraisable.exc_value
    error = _short(exc) if exc is not None else unraisable.exc_type.__name__
    print(_("cadretrain: warning: ignored error: {error}").format(error=error), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
