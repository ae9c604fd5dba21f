"""What every command shares: loading a dataset and reporting its problems."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadretrain.i18n import _, ngettext, number
from cadretrain.problems import DatasetError, Problem
from cadretrain.readers import read
from cadretrain.readers.json_toml import loads
from cadretrain.readers.plain import DatasetFileError, Loaded

if TYPE_CHECKING:
    from cadretrain.cli._progress import Progress
    from cadretrain.rules.ruleset import RuleSet


class CommandFailed(Exception):
    """Stop the command with ``status``; the message has been printed."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def iso_date(text: str) -> date:
    """An argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date as YYYY-MM-DD").format(text=text)) from None


def problem_data(problem: Problem) -> dict[str, str | None]:
    """A problem as JSON: its severity, file, place and message."""
    return {"severity": problem.severity.value, "source": problem.source,
            "path": problem.path, "message": problem.message}


def load_dataset(path: str, *, on: date | None = None, quiet_warnings: bool = False,
                 json_errors: bool = False, progress: Progress | None = None) -> Loaded:
    """Load ``path`` or print every problem and raise :class:`CommandFailed`
    (status 2 for an unreadable file, 1 for a dataset with errors). With
    ``json_errors`` the problems of an invalid dataset are printed as JSON on
    standard output (``{"path", "valid": false, "problems": [...]}``). On a
    terminal the records read are counted on ``progress``'s line (the command's
    step), or on a line of their own, gone when the dataset is read."""
    from cadretrain.cli._progress import Progress

    shown = progress if progress is not None else Progress(total=None)
    if progress is None:
        shown.step(_("reading the dataset"))
    try:
        with shown.listening():
            loaded = _read(path, on)
    except DatasetFileError as exc:
        shown.clear()
        print(f"cadretrain: {exc}", file=sys.stderr)
        raise CommandFailed(2) from None
    except DatasetError as exc:
        shown.clear()
        if json_errors:
            print_json({"path": str(path), "valid": False,
                        "problems": [problem_data(p) for p in exc.problems]})
            raise CommandFailed(1) from None
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: {count_problems(len(exc.errors), len(exc.warnings))}", file=sys.stderr)
        raise CommandFailed(1) from None
    if progress is None:
        shown.clear()
    if not quiet_warnings:
        shown.clear()
        for problem in loaded.warnings:
            print(problem, file=sys.stderr)
    return loaded


def count_problems(errors: int, warnings: int) -> str:
    """``2 errors, 1 warning`` in the current language."""
    return ", ".join([
        ngettext("{n} error", "{n} errors", errors).format(n=number(errors)),
        ngettext("{n} warning", "{n} warnings", warnings).format(n=number(warnings)),
    ])


def add_rules_option(parser: Any) -> None:
    """``--rules FILE``: the rule set findings are computed with."""
    parser.add_argument("--rules", metavar="FILE",
                        help=_("a rule-set file (.toml or .json) instead of the default rules"))


def load_rules(path: str | None) -> RuleSet | None:
    """The rule set of ``--rules`` (None: the default rules), or print every
    problem with its place and raise :class:`CommandFailed` (status 2)."""
    if path is None:
        return None
    from cadretrain.rules import RuleSetError, load_rule_set

    try:
        return load_rule_set(path)
    except RuleSetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(ngettext("{path}: {n} error in the rule set", "{path}: {n} errors in the rule set",
                       len(exc.problems)).format(path=path, n=number(len(exc.problems))),
              file=sys.stderr)
        raise CommandFailed(2) from None


def _same_file(first: Path, second: Path) -> bool:
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)  # hard links and symbolic links too
    except OSError:
        pass
    return first.resolve() == second.resolve()


def overwrites_input(output: str, inputs: Sequence[str | None], *,
                     directory: bool = False) -> bool:
    """Print why and return True when writing ``output`` would replace one of
    ``inputs`` (for a ``directory``: when an input is inside it)."""
    target = Path(output)
    for given in inputs:
        if not given:
            continue
        source = Path(given)
        if directory:
            inside = source.resolve().is_relative_to(target.resolve())
            if inside:
                print(_("cadretrain: {output}: holds the input {input}; write the report into "
                        "a directory of its own").format(output=output, input=given),
                      file=sys.stderr)
                return True
        elif _same_file(target, source):
            print(_("cadretrain: {output}: is the input {input}; write to another file").format(
                output=output, input=given), file=sys.stderr)
            return True
    return False


def add_period_options(parser: argparse.ArgumentParser, *, year_help: str,
                       period_help: str | None = None) -> None:
    """``--year YYYY`` and ``--period START..END``, one or the other."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--year", type=int, metavar="YYYY", help=year_help)
    group.add_argument(
        "--period", type=_period, metavar="START..END",
        help=period_help or _("the period instead of a calendar year: first and last day "
                              "(YYYY-MM-DD..YYYY-MM-DD), or months (2018-01..2018-06, "
                              "2017-09..2018-08); a class belongs to it by its start date"))


def add_document_options(parser: argparse.ArgumentParser, *, year_help: str, on_help: str,
                         template_help: str, period_help: str | None = None) -> None:
    """The options of the commands that write the report's documents (``report``,
    ``export``): the report metadata, the year or period, the date rules are checked
    on, the Word template, the rule set and ``--json``."""
    parser.add_argument("--meta", metavar="FILE",
                        help=_("report metadata (.toml or .json): issuer, superior, number, "
                               "place, date, authority, signer, signer_title, recipients, "
                               "title, year"))
    add_period_options(parser, year_help=year_help, period_help=period_help)
    parser.add_argument("--on", type=iso_date, metavar="DATE", help=on_help)
    parser.add_argument("--template", metavar="FILE", help=template_help)
    add_rules_option(parser)
    add_json_option(parser)


@contextmanager
def writing(output: str, progress: Progress | None = None) -> Iterator[None]:
    """Turn a failed export or a failed write into its one-line message and exit
    status 1 (the progress line cleared first)."""
    from cadretrain.exporters import ExportError

    try:
        yield
    except ExportError as exc:
        if progress is not None:
            progress.clear()
        print(f"cadretrain: {exc}", file=sys.stderr)
        raise CommandFailed(1) from None
    except OSError as exc:
        if progress is not None:
            progress.clear()
        print(_("cadretrain: {path}: cannot write: {error}").format(path=output, error=exc),
              file=sys.stderr)
        raise CommandFailed(1) from None


def _period(text: str) -> tuple[date, date]:
    from cadretrain.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def period_of(args: argparse.Namespace) -> int | tuple[date, date] | None:
    """The period the options chose (None: neither was given)."""
    period: tuple[date, date] | None = getattr(args, "period", None)
    if period is not None:
        return period
    year: int | None = getattr(args, "year", None)
    return year


# ----------------------------------------------------------------- inputs and outputs

#: The names a dataset has in a folder, in the order they are looked for.
DATASET_FILES = ("dataset.toml", "dataset.json", "dataset.xlsx")
#: The metadata file a folder may hold beside its dataset.
META_FILE = "meta.toml"
#: What ``--format`` accepts for a dataset read from standard input.
FORMATS = ("json", "toml", "xlsx")


class StandardInput(str):
    """The PATH ``-``: the dataset comes from standard input, in ``data_format``.

    It prints as ``<stdin>``, the place every message about it names."""

    data_format: str

    def __new__(cls, data_format: str) -> StandardInput:
        self = super().__new__(cls, "<stdin>")
        self.data_format = data_format
        return self


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """``--format`` on a command whose PATH is a dataset (called for every command
    that has one, by :func:`cadretrain.cli.build_parser`)."""
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help=_("the format of a dataset read from standard input (PATH -)"))


def resolve_inputs(args: argparse.Namespace) -> None:
    """Turn a PATH that is a folder into its dataset file (and its ``meta.toml`` into
    ``--meta`` when none is given), and ``-`` into :class:`StandardInput`.

    Raises :class:`CommandFailed` (status 2) with the reason printed."""
    path = getattr(args, "path", None)
    if not isinstance(path, str):
        return
    if path == "-":
        if args.format is None:
            print(_("cadretrain: reading a dataset from standard input (PATH -) needs "
                    "--format json, toml or xlsx"), file=sys.stderr)
            raise CommandFailed(2)
        args.path = StandardInput(args.format)
        return
    if getattr(args, "format", None) is not None:
        print(_("cadretrain: --format is for a dataset read from standard input (PATH -); "
                "a file's format is its extension"), file=sys.stderr)
        raise CommandFailed(2)
    folder = Path(path)
    if not folder.is_dir():
        return
    found = [folder / name for name in DATASET_FILES if (folder / name).is_file()]
    if len(found) != 1:
        names = ", ".join(DATASET_FILES)
        message = (_("cadretrain: {folder}: no dataset in this folder (looked for {names})")
                   if not found else
                   _("cadretrain: {folder}: more than one dataset in this folder ({names}); "
                     "name the file"))
        print(message.format(folder=folder, names=names if not found else
                             ", ".join(p.name for p in found)), file=sys.stderr)
        raise CommandFailed(2)
    args.path = str(found[0])
    meta = folder / META_FILE
    if hasattr(args, "meta") and args.meta is None and meta.is_file():
        args.meta = str(meta)


def _read(path: str, on: date | None) -> Loaded:
    if not isinstance(path, StandardInput):
        return read(path, on=on)
    content = sys.stdin.buffer.read()
    if path.data_format == "xlsx":
        # The workbook reader reads files: the bytes go to one, named for what it is.
        with tempfile.TemporaryDirectory(prefix="cadretrain-") as folder:
            workbook = Path(folder) / "stdin.xlsx"
            workbook.write_bytes(content)
            return read(workbook, on=on)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetFileError(_("{path}: not UTF-8 text (byte {byte})").format(
            path=path, byte=exc.start)) from None
    return loads(text, "toml" if path.data_format == "toml" else "json", on=on, source=str(path))


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """``--json``: the command's result as JSON on standard output."""
    parser.add_argument("--json", action="store_true",
                        help=_("print the result as JSON (for scripts and other programs)"))


def print_json(data: object) -> None:
    """``data`` as indented JSON, Vietnamese letters kept as they are."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def to_stdout(output: str | None) -> bool:
    """Whether ``-o`` names standard output (``-o -``)."""
    return output == "-"


def write_stdout(content: bytes) -> None:
    """Write ``content`` to standard output as it is (a workbook, a document, text)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()
