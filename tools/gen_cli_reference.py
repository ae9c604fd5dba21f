"""Write docs/cli.md from the command line's own help texts.

Run ``python tools/gen_cli_reference.py`` (with Python 3.11, as CI: argparse lays
help out differently in other versions) after changing a command; a test
fails while docs/cli.md differs from what this prints, so the reference
cannot drift from the code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HEADER = """# Command line

`cadretrain` is installed with the package. Every command that reads a dataset
takes a JSON or TOML file ([the dataset format](dataset-format.md)) or a filled-in
Excel template ([Excel workbooks](excel.md)), and reports every problem in it
with its place. Exit statuses are the same everywhere: 0 success, 1 the data has
errors (or, for `check`, findings at error level), 2 the input cannot be read or
the command is used wrongly. Errors are one line each, without a traceback unless
`--debug` is given (before or after the command).

`cadretrain report PATH -o DIR` is the main job: the year's report pack (the Word
summary report, the Excel workbook, the JSON export and the result notices) in
one command. `python -m cadretrain` is the same as `cadretrain`.

This page is generated from the commands' own help (`tools/gen_cli_reference.py`).
"""


def reference(lang: str = "en") -> str:
    """The page, with the help texts in ``lang`` (this site is in English)."""
    os.environ["COLUMNS"] = "88"  # stable wrapping, whatever the terminal
    from cadretrain import i18n
    from cadretrain.cli import build_parser

    with i18n.language(lang):  # type: ignore[arg-type]
        return _reference(build_parser())


def _reference(parser: argparse.ArgumentParser) -> str:
    parts = [HEADER, "## cadretrain\n", "```text", parser.format_help().rstrip(), "```\n"]
    subparsers = next(
        a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
    )
    for name, sub in subparsers.choices.items():
        parts += [f"## cadretrain {name}\n", "```text", sub.format_help().rstrip(), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    if "--check" in sys.argv:
        sys.exit(0 if target.read_text(encoding="utf-8") == reference() else 1)
    target.write_text(reference(), encoding="utf-8")
