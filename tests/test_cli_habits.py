"""The command line fits people's habits: a folder is a dataset, ``-`` is standard input,
``-o -`` is standard output, ``--json`` everywhere a result is printed, tab completion
for bash, zsh and fish, a closed pipe is quiet, and progress shows counts and time left.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import cadretrain
from cadretrain import i18n
from cadretrain.cli import COMMANDS, _progress, build_parser, main

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "examples" / "dang-uy-khoi-2017"
SEED = SEED_DIR / "dataset.toml"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


class _Stdin:
    """Standard input holding ``content`` (sys.stdin.buffer is what the CLI reads)."""

    def __init__(self, content: bytes) -> None:
        self.buffer = io.BytesIO(content)


# ------------------------------------------------------------ a folder is a dataset

def test_a_folder_holding_dataset_and_meta_is_a_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["validate", str(SEED_DIR)], capsys)[1] == _run(["validate", str(SEED)], capsys)[1]
    # report takes the folder's meta.toml as --meta: the same pack as naming both.
    by_folder = _run(["report", str(SEED_DIR), "-o", str(tmp_path / "a"), "--json"], capsys)
    by_files = _run(["report", str(SEED), "--meta", str(SEED_DIR / "meta.toml"),
                     "-o", str(tmp_path / "b"), "--json"], capsys)
    assert by_folder[0] == by_files[0] == 0
    folder, files = json.loads(by_folder[1]), json.loads(by_files[1])
    assert folder["warnings"] == files["warnings"]
    assert (tmp_path / "a" / "report.docx").read_bytes() == (
        tmp_path / "b" / "report.docx").read_bytes()
    # Without the folder's meta.toml the report is another one (the metadata's year, issuer).
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(SEED, bare / "dataset.toml")
    assert _run(["report", str(bare), "-o", str(tmp_path / "c")], capsys)[0] == 0
    assert (tmp_path / "c" / "report.docx").read_bytes() != (
        tmp_path / "a" / "report.docx").read_bytes()


def test_a_folder_without_one_dataset_is_refused_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(["validate", str(tmp_path)], capsys)
    assert status == 2 and out == ""
    assert f"{tmp_path}: no dataset in this folder (looked for dataset.toml, dataset.json, " \
           "dataset.xlsx)" in err
    shutil.copy(SEED, tmp_path / "dataset.toml")
    shutil.copy(SAMPLE, tmp_path / "dataset.json")
    status, out, err = _run(["summary", str(tmp_path)], capsys)
    assert status == 2
    assert "more than one dataset in this folder (dataset.toml, dataset.json)" in err


# ------------------------------------------------------------ standard input and output

@pytest.mark.parametrize(("source", "fmt"), [(SEED, "toml"), (SAMPLE, "json")])
def test_a_dataset_is_read_from_standard_input_with_its_format(
    source: Path, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from_file = _run(["summary", str(source), "--json"], capsys)
    monkeypatch.setattr(sys, "stdin", _Stdin(source.read_bytes()))
    status, out, _err = _run(["summary", "-", "--format", fmt, "--json"], capsys)
    assert status == 0
    # The same, each warning placed in <stdin> instead of the file.
    expected = json.loads(from_file[1].replace(str(source), "<stdin>"))
    assert json.loads(out) == expected
    assert expected["path"] == "<stdin>"


def test_a_workbook_is_read_from_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = tmp_path / "ds.xlsx"
    assert _run(["export", str(SAMPLE), "--to", "xlsx", "-o", str(workbook)], capsys)[0] == 0
    from_file = json.loads(_run(["summary", str(workbook), "--json"], capsys)[1])
    monkeypatch.setattr(sys, "stdin", _Stdin(workbook.read_bytes()))
    status, out, err = _run(["summary", "-", "--format", "xlsx", "--json"], capsys)
    assert status == 0, err
    assert {k: v for k, v in json.loads(out).items() if k != "path"} == {
        k: v for k, v in from_file.items() if k != "path"}


def test_standard_input_needs_a_format_and_a_file_takes_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(SEED.read_bytes()))
    status, out, err = _run(["validate", "-"], capsys)
    assert status == 2 and out == ""
    assert "needs --format json, toml or xlsx" in err
    status, _out, err = _run(["validate", str(SEED), "--format", "json"], capsys)
    assert status == 2 and "a file's format is its extension" in err
    # A mistake read from standard input is placed there.
    monkeypatch.setattr(sys, "stdin", _Stdin(b'{"schema_version": 1, "organizations": 3}'))
    status, _out, err = _run(["validate", "-", "--format", "json"], capsys)
    assert status == 1 and err.startswith("<stdin>: organizations")


def test_one_file_goes_to_standard_output_with_o_dash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # export: the bytes the file would hold.
    assert _run(["export", str(SAMPLE), "--to", "json", "-o", str(tmp_path / "x.json"),
                 "--on", "2025-12-31"], capsys)[0] == 0
    status, out, _err = _run(["export", str(SAMPLE), "--to", "json", "-o", "-",
                              "--on", "2025-12-31"], capsys)
    assert status == 0
    assert json.loads(out) == json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    # template: a workbook, binary, on standard output.
    sink = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(sink, encoding="utf-8"))
    assert main(["template", "xlsx", "-o", "-"]) == 0
    sys.stdout.flush()
    workbook = openpyxl.load_workbook(io.BytesIO(sink.getvalue()))
    assert "People" in workbook.sheetnames  # the tests run in English


def test_schema_prints_with_o_dash(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["schema", "-o", "-"], capsys)[1] == _run(["schema"], capsys)[1]
    assert json.loads(_run(["schema", "-o", "-"], capsys)[1])["$schema"]


# ------------------------------------------------------------ --json

def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {s for action in sub.choices[command]._actions for s in action.option_strings}


def test_every_command_that_prints_a_result_takes_json() -> None:
    # schema prints JSON already; completion prints a shell script.
    for command in set(COMMANDS) - {"schema", "completion"}:
        assert "--json" in _options(command), command
    # The dates and periods where they apply.
    for command in ("validate", "check", "report", "export"):
        assert "--on" in _options(command), command
    for command in ("report", "export", "attainment", "summary", "figures"):
        assert {"--year", "--period"} <= _options(command), command
    for command in ("report", "export", "check"):
        assert "--rules" in _options(command), command
    # Every command that reads a dataset takes - with --format.
    for command in ("report", "validate", "summary", "attainment", "figures", "check",
                    "export"):
        assert "--format" in _options(command), command


@pytest.mark.parametrize("args", [
    ["validate", str(SEED)], ["summary", str(SEED)], ["exporters"],
    ["attainment", str(SEED)], ["check", str(SAMPLE), "--on", "2025-12-31"],
])
def test_json_output_is_json_and_nothing_else(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run([*args, "--json"], capsys)
    assert status in (0, 1), err
    assert isinstance(json.loads(out), dict)


def test_json_of_an_invalid_dataset_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "organizations": [{"id": "a"}]}', encoding="utf-8")
    status, out, _err = _run(["validate", str(bad), "--json"], capsys)
    assert status == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["problems"][0]["path"].startswith("organizations[0]")
    assert data["problems"][0]["severity"] == "error"


def test_template_and_export_say_what_they_wrote_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mau.xlsx"
    assert json.loads(_run(["template", "xlsx", "-o", str(out), "--json"], capsys)[1]) == {
        "wrote": [str(out)]}
    target = tmp_path / "r.docx"
    status, text, _err = _run(["export", str(SEED_DIR), "--to", "docx", "-o", str(target),
                               "--json"], capsys)
    assert status == 0 and json.loads(text) == {"wrote": [str(target)], "exporter": "docx"}


# ------------------------------------------------------------ completion

@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command_and_option(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, script, _err = _run(["completion", shell], capsys)
    assert status == 0
    for command in COMMANDS:
        assert command in script, (shell, command)
    for option in ("json", "format", "meta", "on"):
        # fish writes a long option as "-l json"
        assert f"--{option}" in script or f"-l {option}" in script, (shell, option)
    if shell == "fish":
        assert "complete -c cadretrain" in script
    checker = shutil.which(shell)
    if checker:  # the script is valid syntax for its shell
        done = subprocess.run([checker, "-n"], input=script, text=True, capture_output=True)
        assert done.returncode == 0, done.stderr


# ------------------------------------------------------------ a closed pipe

@pytest.mark.parametrize("command", [
    "cadretrain schema | head -1",
    f"cadretrain export {SAMPLE} --to json -o - | head -c 10",
    "cadretrain completion zsh | head -2",
])
def test_a_closed_pipe_is_quiet(command: str) -> None:
    bindir = Path(sys.executable).parent
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                          text=True, env={"PATH": f"{bindir}:/usr/bin:/bin", "LANGUAGE": "en"},
                          timeout=120)
    assert done.stderr == ""
    assert done.stdout
    # The first command of the pipe stopped as a program stopped by SIGPIPE does.
    assert done.returncode in (0, 141)


# ------------------------------------------------------------ progress

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_counts_and_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 0.0, 10.0, 20.0, 20.0, 25.0, 30.0, 40.0])
    monkeypatch.setattr(_progress.time, "monotonic", lambda: next(clock))
    terminal = _Terminal()
    progress = _progress.Progress(total=3, stream=terminal)
    progress.step("reading")                 # t=0: nothing done yet, no estimate
    progress.step("checking")                # t=10: 1 of 3 took 10 s -> 20 s left
    progress.step("writing notices")         # t=20: 2 of 3 in 20 s -> 10 s left
    progress.count("result notices", 0, 4_001)   # t=20: the count starts
    progress.count("result notices", 1_001, 4_001)  # t=25: 1.000 in 5 s -> 200/s, 15 s left
    progress.count("result notices", 3_001, 4_001)  # t=30: 3.000 in 10 s -> 300/s, 3 s left
    progress.finish()                        # t=40
    shown = terminal.getvalue().split("\r\033[K")[1:]
    assert shown == [
        "[1/3] reading…",
        "[2/3] checking… — 20 s left",
        "[3/3] writing notices… — 10 s left",
        "[3/3] writing notices… result notices 0/4,001",
        "[3/3] writing notices… result notices 1,001/4,001, 200/s, 15 s left",
        "[3/3] writing notices… result notices 3,001/4,001, 300/s, 3 s left",
        "[3/3] done in 40.0 s\n",
    ]


def test_progress_speaks_the_language_of_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 0.0, 0.0, 100.0, 200.0])
    monkeypatch.setattr(_progress.time, "monotonic", lambda: next(clock))
    terminal = _Terminal()
    with i18n.language("vi"):
        progress = _progress.Progress(total=2, stream=terminal)
        progress.step("đọc dữ liệu")
        progress.count("people", 0, 200_001)
        progress.count("people", 1_001, 200_001)   # 10/s: 19.900 s left
        progress.finish()
    shown = terminal.getvalue().split("\r\033[K")[1:]
    assert shown[2] == "[1/2] đọc dữ liệu… người 1.001/200.001, 10/giây, còn 5 giờ 31 phút"
    assert shown[3] == "[2/2] xong trong 200,0 giây\n"


def test_long_loops_of_the_library_show_their_counts(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # check reads the dataset (its people, classes, organizations counted as they
    # are read), then checks the rules (counted, and the classes of the pass rule).
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_progress, "REDRAW", 0.0)
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    status = main(["check", str(sample), "--on", "2025-12-31"])
    assert status in (0, 1)
    shown = terminal.getvalue().split("\r\033[K")
    people = len(cadretrain.read(sample).dataset.people)
    assert people > 100
    assert f"[1/2] reading the dataset… people {people}/{people}" in shown
    assert any(re.fullmatch(r"\[1/2\] reading the dataset… classes \d+/\d+", s) for s in shown)
    assert any(re.fullmatch(r"\[2/2\] checking the rules… rules \d+/\d+", s) for s in shown)
    assert any(re.fullmatch(r"\[2/2\] checking the rules… classes \d+/\d+", s) for s in shown)
    assert shown[-1].startswith("[2/2] done in ")


def test_a_workbook_read_and_written_shows_its_rows(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = tmp_path / "sample.xlsx"
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    assert main(["export", str(sample), "--to", "xlsx", "-o", str(workbook)]) == 0
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_progress, "REDRAW", 0.0)
    assert main(["export", str(workbook), "--to", "xlsx", "-o", str(tmp_path / "again.xlsx")]) == 0
    shown = terminal.getvalue().split("\r\033[K")
    assert any(re.fullmatch(r"\[1/2\] reading the dataset… rows \d+/\d+", s) for s in shown)
    assert any(re.fullmatch(r"\[2/2\] making the document… (rows|classes) \d+/\d+", s)
               for s in shown)


def test_counting_costs_nothing_when_nobody_listens() -> None:
    from cadretrain.progress import counted, listening

    items = [1, 2, 3]
    assert counted(items, "rows") is items
    heard: list[tuple[str, int, int]] = []
    with listening(lambda *told: heard.append(told)):
        assert list(counted(items, "rows")) == items
        assert list(counted(iter(items), "rows", total=3)) == items
    assert heard == [("rows", 0, 3), ("rows", 3, 3)] * 2
    assert counted(items, "rows") is items  # the listener is gone after the block


def test_the_json_export_counts_its_records_batch_by_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_progress, "REDRAW", 0.0)
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    assert main(["export", str(sample), "--to", "json", "-o", str(tmp_path / "x.json")]) == 0
    shown = terminal.getvalue().split("\r\033[K")
    people = len(cadretrain.read(sample).dataset.people)
    assert "[2/2] making the document… records 0/" + f"{people}" in shown
    assert f"[2/2] making the document… records {people}/{people}" in shown


def test_a_short_loop_of_slow_items_is_told_item_by_item(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Seven course types of a report take seconds each: each is told as it is done,
    # at most five times a second.
    import cadretrain.progress as library

    clock = iter(range(100))
    monkeypatch.setattr(library.time, "monotonic", lambda: float(next(clock)))
    heard: list[tuple[str, int, int]] = []
    with library.listening(lambda *told: heard.append(told)):
        assert list(library.counted(list("abc"), "course types")) == ["a", "b", "c"]
    assert heard == [("course types", n, 3) for n in range(4)]


def test_reading_a_workbook_counts_the_sheets_it_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = tmp_path / "sample.xlsx"
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    assert main(["export", str(sample), "--to", "xlsx", "-o", str(workbook)]) == 0
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_progress, "REDRAW", 0.0)
    assert main(["validate", str(workbook)]) == 0
    shown = terminal.getvalue().split("\r\033[K")
    sheets = len(openpyxl.load_workbook(workbook, read_only=True).sheetnames)
    assert f"[1] reading the dataset… sheets checked {sheets}/{sheets}" in shown
