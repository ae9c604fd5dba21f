"""``cadretrain completion SHELL``: the shell's tab completion for cadretrain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cadretrain.i18n import _

SHELLS = ("bash", "zsh", "fish")


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "completion",
        help=_("print the tab completion script for bash, zsh or fish"),
        description=_(
            "Print the script that makes the shell complete cadretrain's commands, "
            "options and file names when Tab is pressed. Save it where the shell reads "
            "completions: for bash in ~/.local/share/bash_completion.d (sourced from "
            "~/.bashrc), for zsh as _cadretrain in a folder of fpath, for fish in "
            "~/.config/fish/completions/cadretrain.fish."),
    )
    parser.add_argument("shell", choices=SHELLS, help=_("the shell"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import shtab  # generates the script from the parser itself, so it never drifts

    from cadretrain.cli import build_parser

    parser = build_parser()
    # File names where a file is asked for, folder names where a folder is.
    for command in _subcommands(parser):
        for action in command._actions:
            if action.dest in ("path", "meta", "rules", "output", "template"):
                folder = action.metavar == "DIR"
                action.complete = shtab.DIRECTORY if folder else shtab.FILE  # type: ignore[attr-defined]
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return 0


def _subcommands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    return [command for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for command in action.choices.values()]
