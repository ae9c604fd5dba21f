"""The integrator program of docs/embedding.md runs and passes mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _program() -> str:
    page = (ROOT / "docs" / "embedding.md").read_text("utf-8")
    found = re.search(r"<!-- runnable -->\n```python\n(.*?)```", page, re.S)
    assert found is not None
    return found.group(1)


@pytest.mark.slow
def test_the_integrator_program_type_checks_strictly(tmp_path: Path) -> None:
    program = tmp_path / "integrator.py"
    program.write_text(_program(), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(program)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found in 1 source file" in done.stdout


def test_the_integrator_program_runs(tmp_path: Path) -> None:
    program = tmp_path / "integrator.py"
    program.write_text(_program(), "utf-8")
    done = subprocess.run([sys.executable, str(program)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith('refused: Organization.kind: giá trị không hợp lệ "chi-bo"')
    assert lines[1:3] == ["Nguyễn Văn An in Chi bộ Văn phòng", "['cb-1']"]
    assert re.fullmatch(r"\d+ bytes of JSON", lines[3])
