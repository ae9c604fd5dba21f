"""Every code block in the docs marked runnable runs, so the docs cannot drift.

A block is runnable when the line before its opening fence is the HTML comment
``<!-- runnable -->`` (invisible in the rendered page). Python blocks run in a
fresh namespace; ``console`` blocks run each ``$ `` line as a shell command and
must exit 0 (or the status given after ``# exit:`` on that line). Both run from
the repository root, with a temporary directory as ``$TMP`` / ``TMP``.

A ``json`` block whose line before is ``<!-- excerpt of $TMP/FILE, written by the
block above -->`` shows part of a file the runnable console block before it
writes: the test runs that block and checks that every value shown is the file's
(objects may leave keys out, arrays may leave items out but keep their order).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- runnable -->"
FENCE = re.compile(r"^```(\w+)\s*$")
EXCERPT = re.compile(r"^<!-- excerpt of (\S+), written by the block above -->$")


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
        _run_console(page, line, code, tmp_path)
    else:
        pytest.fail(f"{page}:{line}: cannot run a {language!r} block")


def _run_console(page: str, line: int, code: str, tmp_path: Path) -> None:
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


def _excerpts() -> list[tuple[str, int, str, str, int, str]]:
    """(page, line, file, the console block above, its line, the excerpt)."""
    found = []
    blocks = {(b[0], b[1]): b for b in BLOCKS}
    pages = [*sorted((ROOT / "docs").glob("**/*.md")), ROOT / "README.md"]
    for page in pages:
        name = str(page.relative_to(ROOT))
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            match = EXCERPT.match(line.strip())
            if not match:
                continue
            assert lines[i + 1] == "```json", f"{name}:{i + 1}: the excerpt is not a json block"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            above = [b for (p, n), b in blocks.items() if p == name and n < i + 1]
            assert above, f"{name}:{i + 1}: no runnable block above the excerpt"
            block = max(above, key=lambda b: b[1])
            assert block[2] in ("console", "shell", "bash"), block
            found.append((name, i + 2, match.group(1), block[3], block[1],
                          "\n".join(lines[i + 2:end])))
    return found


def _is_excerpt(part: Any, whole: Any) -> bool:
    """Whether ``part`` is ``whole`` with object keys and array items left out."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            key in whole and _is_excerpt(value, whole[key]) for key, value in part.items()
        )
    if isinstance(part, list):
        if not isinstance(whole, list):
            return False
        items = iter(whole)
        return all(any(_is_excerpt(item, candidate) for candidate in items) for item in part)
    return type(part) is type(whole) and part == whole


EXCERPTS = _excerpts()


def test_the_excerpt_check_can_fail() -> None:
    whole = {"a": [{"x": 1}, {"x": 2}, {"x": 3}], "b": True, "c": None}
    assert _is_excerpt({"a": [{"x": 1}, {"x": 3}], "c": None}, whole)
    assert not _is_excerpt({"a": [{"x": 3}, {"x": 1}]}, whole)  # order kept
    assert not _is_excerpt({"a": [{"x": 4}]}, whole)
    assert not _is_excerpt({"b": 1}, whole)  # true is not 1
    assert not _is_excerpt({"d": None}, whole)
    assert len(EXCERPTS) >= 1, EXCERPTS


@pytest.mark.parametrize(
    ("page", "line", "file", "code", "code_line", "excerpt"), EXCERPTS,
    ids=[f"{e[0]}:{e[1]}" for e in EXCERPTS],
)
def test_excerpt_shows_the_real_output(page: str, line: int, file: str, code: str,
                                       code_line: int, excerpt: str, tmp_path: Path) -> None:
    _run_console(page, code_line, code, tmp_path)
    written = json.loads(Path(file.replace("$TMP", str(tmp_path))).read_text(encoding="utf-8"))
    shown = json.loads(excerpt)
    assert _is_excerpt(shown, written), (
        f"{page}:{line}: the excerpt is not what the block above writes:\n"
        f"{json.dumps(written, ensure_ascii=False, indent=2)}"
    )
