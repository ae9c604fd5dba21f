"""The output a page shows is what the command prints, as a user sees it.

A console block whose line before is ``<!-- runnable in a new folder, output below -->``
runs its ``$ `` lines one after the other in an empty folder that holds the examples
(``examples/``), as a user who typed them there; each must exit 0 (or the status after
``# exit:``). The ``text`` block right after it is what the last command printed, its
standard output and error as they come to a terminal. A Vietnamese page (``*.vi.md``)
runs in a user's environment (no language variable: Vietnamese); the others in English.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- runnable in a new folder, output below -->"


def _blocks() -> list[tuple[str, int, list[str], str]]:
    """(page, line, the commands, the output shown)."""
    found = []
    for page in sorted((ROOT / "docs").glob("**/*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() != MARKER:
                continue
            name = str(page.relative_to(ROOT))
            assert lines[i + 1] == "```console", f"{name}:{i + 2}: not a console block"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            commands = [c[2:] for c in lines[i + 2:end] if c.startswith("$ ")]
            rest = end + 1
            while lines[rest].strip() == "":
                rest += 1
            assert lines[rest] == "```text", f"{name}:{rest + 1}: no output block after it"
            close = next(j for j in range(rest + 1, len(lines)) if lines[j].startswith("```"))
            found.append((name, i + 2, commands, "\n".join(lines[rest + 1:close])))
    return found


BLOCKS = _blocks()


def test_the_guide_shows_outputs() -> None:
    assert sum(page.endswith(".vi.md") for page, *_ in BLOCKS) >= 4, BLOCKS


@pytest.mark.parametrize(("page", "line", "commands", "shown"), BLOCKS,
                         ids=[f"{b[0]}:{b[1]}" for b in BLOCKS])
def test_the_output_shown_is_what_the_command_prints(
    page: str, line: int, commands: list[str], shown: str, tmp_path: Path
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS")}
    env["LANG"] = "C.UTF-8"
    if not page.endswith(".vi.md"):
        env["LANGUAGE"] = "en"
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    printed = ""
    for command in commands:
        expected = 0
        if "# exit:" in command:
            command, status = command.split("# exit:")
            expected = int(status)
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        assert done.returncode == expected, f"{page}:{line}: {command}\n{done.stdout}"
        printed = done.stdout
    printed = "\n".join(ln.rstrip() for ln in printed.rstrip("\n").splitlines())
    assert printed == shown, (
        f"{page}:{line}: the page shows another output than `{commands[-1]}` prints; "
        f"it prints:\n{printed}")


def test_the_output_check_can_fail(tmp_path: Path) -> None:
    # The check compares whole lines: an output with one figure changed differs.
    shown = next(b for b in BLOCKS if "attainment" in b[2][-1])[3]
    assert re.sub(r"162,5%", "162%", shown) != shown
