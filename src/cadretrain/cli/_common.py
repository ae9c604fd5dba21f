"""What every command shares: loading a dataset and reporting its problems."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadretrain.dataset import DatasetFileError, Loaded, read
from cadretrain.i18n import _, ngettext, number
from cadretrain.problems import DatasetError

if TYPE_CHECKING:
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


def load_dataset(path: str, *, on: date | None = None, quiet_warnings: bool = False) -> Loaded:
    """Load ``path`` or print every problem and raise :class:`CommandFailed`
    (status 2 for an unreadable file, 1 for a dataset with errors)."""
    try:
        loaded = read(path, on=on)
    except DatasetFileError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        raise CommandFailed(2) from None
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: {count_problems(len(exc.errors), len(exc.warnings))}", file=sys.stderr)
        raise CommandFailed(1) from None
    if not quiet_warnings:
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
                        help="a rule-set file (.toml or .json) instead of the default rules")


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
        print(f"{path}: {len(exc.problems)} error(s) in the rule set", file=sys.stderr)
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
