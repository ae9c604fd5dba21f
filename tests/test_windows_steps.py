"""The Windows install steps of the Vietnamese guide, checked as far as a Linux
machine can check them.

Nothing here runs Windows. What the steps rely on is checked instead: the
commands are those the README gives; the folder name ``Scripts`` is where
Python's venv puts its scripts on Windows; and the same commands, with the two
differences a Windows machine makes and no other (``py``, the launcher the
python.org installer puts on PATH, runs the newest Python: ``py -m venv`` is
``python -m venv``; the scripts folder is ``Scripts`` there, ``bin`` here), install
cadretrain in a fresh copy of the tree and ``cadretrain --version`` answers.
What stays unchecked (PowerShell's execution policy, the installer's "Add
python.exe to PATH") is said in the guide as the python.org and Microsoft
documents say it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import cadretrain

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.vi.md"

WINDOWS_STEPS = ["py -m venv .venv", r".venv\Scripts\activate", "pip install .",
                 "cadretrain --version"]


def _windows_block() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("### Trên Windows", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```text\n(.*?)\n```", section, re.S)
    assert block is not None, "the Windows section has no block of commands"
    return block.group(1).splitlines()


def test_the_guide_gives_the_windows_steps_the_readme_gives() -> None:
    assert _windows_block() == WINDOWS_STEPS
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (r"On Windows, type `py -m venv .venv`, then `.venv\Scripts\activate`, then the "
            "rest from `pip install .` on") in readme
    # Every new window activates again, as the guide says after the block.
    assert r"`.venv\Scripts\activate` trước khi dùng lệnh `cadretrain`" in " ".join(
        GUIDE.read_text(encoding="utf-8").split())


def test_scripts_is_where_venv_puts_them_on_windows() -> None:
    scheme = "nt_venv" if "nt_venv" in sysconfig.get_scheme_names() else "nt"
    scripts = sysconfig.get_path("scripts", scheme, vars={"base": ".venv",
                                                          "platbase": ".venv"})
    assert scripts.replace("\\", "/") == ".venv/Scripts"
    # PowerShell's activation script ships with every venv (the one that
    # `.venv\Scripts\activate` runs in PowerShell).
    import venv

    assert (Path(venv.__file__).parent / "scripts" / "common" / "Activate.ps1").is_file()


@pytest.mark.slow
def test_the_windows_steps_install_cadretrain_in_a_fresh_copy(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "bao-cao-*", "__pycache__", "*.egg-info", ".*_cache",
        ".hypothesis", "build", "dist"))
    # The launcher: `py ARGS` runs the newest installed Python with ARGS.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    launcher = bindir / "py"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    ours = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != ours)
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{bindir}{os.pathsep}{path}"
    # The guide's lines, one after the other in one shell, with the scripts folder
    # as this system names it.
    script = " && ".join(
        ". .venv/bin/activate" if line == r".venv\Scripts\activate" else line
        for line in _windows_block())
    done = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == f"cadretrain {cadretrain.__version__}"
    assert (clone / ".venv" / "bin" / "cadretrain").is_file()
    assert (clone / ".venv" / "bin" / "Activate.ps1").is_file()
