"""The README's two commands: the quick start runs as written on a machine whose
system Python refuses ``pip install`` outside a virtual environment (as Debian's and
Ubuntu's do), and CI runs the README's test command, found the way ``.ci/run`` finds it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _commands() -> list[str]:
    """The README's indented command lines under "Quick start"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (\S.*)$", section, re.M)


def test_the_quick_start_is_two_commands_that_make_their_venv() -> None:
    quick_start, tests = _commands()
    for command in (quick_start, tests):
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
    assert " && cadretrain report examples/dang-uy-khoi-2017/dataset.toml " in quick_start
    assert tests.endswith('pip install -e ".[test]" && pytest')


def test_ci_runs_the_readmes_test_command() -> None:
    # The very line of .ci/run that picks the command out of the README.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (line,) = [ln for ln in script.splitlines() if ln.startswith("test_cmd=$(")]
    found = subprocess.run(["bash", "-c", f"{line}; printf %s \"$test_cmd\""], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    assert found == _commands()[1]
    # And CI's linters run in the environment that command made.
    assert ". .venv/bin/activate" in script.split(line, 1)[1]


def _debian_like_bin(tmp_path: Path) -> Path:
    """A directory to put first on PATH: ``python3`` is the base interpreter but refuses
    ``-m pip`` outside a virtual environment, and ``pip``/``pip3`` refuse outright, with
    the error Debian's Python gives."""
    bindir = tmp_path / "system-bin"
    bindir.mkdir()
    base = getattr(sys, "_base_executable", sys.executable)
    refuse = ('echo "error: externally-managed-environment" >&2; '
              'echo "This environment is externally managed" >&2; exit 1')
    (bindir / "python3").write_text(
        f'#!/bin/sh\ncase " $* " in *" -m pip "*) {refuse};; esac\nexec "{base}" "$@"\n',
        encoding="utf-8")
    for name in ("pip", "pip3"):
        (bindir / name).write_text(f"#!/bin/sh\n{refuse}\n", encoding="utf-8")
    for script in bindir.iterdir():
        script.chmod(0o755)
    return bindir


@pytest.mark.slow
def test_the_quick_start_runs_as_written_where_pip_is_refused(tmp_path: Path) -> None:
    # A clone: the files git tracks (and the ones this change adds), nothing built.
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "bao-cao-2017", "__pycache__", "*.egg-info", ".*_cache",
        ".hypothesis", "build", "dist"))
    bindir = _debian_like_bin(tmp_path)
    # Outside any virtual environment: the one running the tests is taken off PATH.
    ours = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != ours)
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{bindir}{os.pathsep}{path}"
    env["HOME"] = os.environ.get("HOME", str(tmp_path))

    # The system refuses pip, as the README says.
    refused = subprocess.run(["bash", "-c", "pip install ."], cwd=clone, env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "externally-managed" in refused.stderr

    quick_start = _commands()[0]
    done = subprocess.run(["bash", "-c", quick_start], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = clone / "bao-cao-2017"
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "data.json", "report.docx", "workbook.xlsx"]
    assert "wrote bao-cao-2017/report.docx" in done.stdout
    # cadretrain went into the new environment, not anywhere else.
    assert (clone / ".venv" / "bin" / "cadretrain").is_file()
