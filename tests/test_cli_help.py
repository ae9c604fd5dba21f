"""The command line's help is complete and its reference page current; errors
are one line without a traceback, unless ``--debug`` asks for one."""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from cadretrain.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


#: argparse lays help out differently from one Python version to another (3.13
#: writes "-o, --output DIR"); docs/cli.md is generated with CI's Python.
GENERATED_WITH = (3, 11)


def test_docs_cli_md_is_the_commands_own_help() -> None:
    page = (ROOT / "docs" / "cli.md").read_text("utf-8")
    if sys.version_info[:2] == GENERATED_WITH:
        spec = importlib.util.spec_from_file_location(
            "gen_cli_reference", ROOT / "tools" / "gen_cli_reference.py")
        assert spec is not None and spec.loader is not None
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        assert page == tool.reference(), (
            "docs/cli.md is stale: run python tools/gen_cli_reference.py (Python 3.11)")
    # On any version: every command, option and help text is on the page.
    words = " ".join(page.split())
    for name, parser in _subparsers().items():
        assert f"## cadretrain {name}\n" in page
        assert " ".join((parser.description or "").split()) in words, name
        for action in parser._actions:
            if action.help == argparse.SUPPRESS:  # hidden: the deprecated --english
                continue
            for option in action.option_strings:
                assert option in page, f"{name} {option}"
            assert " ".join((action.help or "").split()) in words, f"{name} {action.dest}"


def test_every_command_and_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    subparsers = _subparsers()
    assert list(subparsers) == list(COMMANDS)
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    top = capsys.readouterr().out
    for name, parser in subparsers.items():
        assert name in top
        assert parser.description, f"{name}: no description"
        for action in parser._actions:
            assert action.help, f"cadretrain {name} {action.option_strings or action.dest}"
        with pytest.raises(SystemExit) as exited:
            main([name, "--help"])
        assert exited.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: cadretrain {name}")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cadretrain", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["report", "validate", "summary", "attainment", "check",
                                     "export"])
def test_a_missing_file_is_one_line_and_status_2(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.toml"
    extra = {"report": ["-o", str(tmp_path / "out")],
             "export": ["--to", "json", "-o", str(tmp_path / "x.json")]}.get(command, [])
    done = _run(command, str(missing), *extra)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert str(missing) in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "x.json").exists()


def test_debug_shows_the_traceback_of_an_unexpected_error() -> None:
    # An unexpected exception (a bug) is one line; --debug lets it through with
    # its traceback.
    code = (
        "import sys\n"
        "import cadretrain.cli.summary as s\n"
        "def boom(args):\n"
        "    raise RuntimeError('unexpected')\n"
        "s.run = boom\n"
        "from cadretrain.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    plain = subprocess.run([sys.executable, "-c", code, "summary", "x.toml"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert plain.returncode == 1
    assert plain.stderr.strip() == ("cadretrain: error: unexpected "
                                    "(run with --debug for details)")
    debug = subprocess.run([sys.executable, "-c", code, "summary", "x.toml", "--debug"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "RuntimeError: unexpected" in debug.stderr
