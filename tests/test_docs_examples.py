"""Every code block in the docs marked runnable runs, so the docs cannot drift.

A block is runnable when the line before its opening fence is the HTML comment
``<!-- runnable -->`` (invisible in the rendered page). Python blocks run in a
fresh namespace; ``console`` blocks run each ``$ `` line as a shell command and
must exit 0 (or the status given after ``# exit:`` on that line). Both run from
the repository root, with a temporary directory as ``$TMP`` / ``TMP``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- runnable -->"
FENCE = re.compile(r"^```(\w+)\s*$")


def _blocks() -> list[tuple[str, int, str, str]]:
    found = []
    pages = [*sorted((ROOT / "docs").glob("**/*.md")), ROOT / "README.md"]
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            match = FENCE.match(line)
            if not match or i == 0 or lines[i - 1].strip() != MARKER:
                continue
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            found.append((str(page.relative_to(ROOT)), i + 1, match.group(1),
                          "\n".join(lines[i + 1:end])))
    return found


BLOCKS = _blocks()


def test_the_docs_have_runnable_blocks() -> None:
    # If the marker were misspelt everywhere, this file would silently test nothing.
    assert len(BLOCKS) >= 3, BLOCKS


@pytest.mark.parametrize(
    ("page", "line", "language", "code"), BLOCKS, ids=[f"{b[0]}:{b[1]}" for b in BLOCKS]
)
def test_runnable_block(page: str, line: int, language: str, code: str, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    if language in ("python", "py"):
        namespace = {"__name__": "__docs__", "TMP": tmp_path}
        exec(compile(code, f"{page}:{line}", "exec"), namespace)
    elif language in ("console", "shell", "bash"):
        env = {**os.environ, "TMP": str(tmp_path)}
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        for command in (c[2:] for c in code.splitlines() if c.startswith("$ ")):
            expected = 0
            if "# exit:" in command:
                command, status = command.split("# exit:")
                expected = int(status)
            done = subprocess.run(command, shell=True, cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == expected, (
                f"{page}:{line}: {shlex.quote(command)} exited {done.returncode}\n"
                f"{done.stdout}\n{done.stderr}"
            )
    else:
        pytest.fail(f"{page}:{line}: cannot run a {language!r} block")
