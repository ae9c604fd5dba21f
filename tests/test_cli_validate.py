"""``cadretrain validate``: exit 0 valid, 1 invalid, 2 unreadable or wrong usage; no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cadretrain
from cadretrain.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _broken() -> dict[str, Any]:
    """A dataset with three mistakes in three sections."""
    return {
        "schema_version": 1,
        "organizations": [{"id": "duk", "name": "Đảng ủy Khối", "kind": "party-comittee"}],
        "classes": [
            {"id": f"k{i}", "course_type": "dang-vien-moi", "start": "2017-03-01",
             "end": "2017-03-05", "host": "duk", "learner_count": 40} for i in range(3)
        ] + [{"id": "k3", "course_type": "dvm", "start": "2017-03-01", "end": "2017-03-05",
              "host": "duk", "learner_count": 40}],
        "plans": [{"id": "kh", "period_start": "2017-01-01", "period_end": "2017-12-31",
                   "scope": "duk", "course_type": "dang-vien-moi", "classes": "8"}],
    }


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60, check=False,
    )


# -------------------------------------------------------------- in a process


def test_the_seed_example_is_valid_with_its_one_warning() -> None:
    done = _run("validate", str(SEED))
    assert done.returncode == 0, done.stderr
    warnings = cadretrain.read(SEED).warnings
    assert len(warnings) == 1
    assert done.stdout == f"{SEED}: valid, 1 warning\n"
    assert done.stderr.splitlines() == [str(w) for w in warnings]


def test_an_invalid_file_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.json", json.dumps(_broken()))
    done = _run("validate", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f'{path}: organizations[0].kind: unknown value "party-comittee"; '
        'did you mean "party-committee"?',
        f'{path}: plans[0].classes: expected a whole number, got the text "8"',
        f'{path}: classes[3].course_type: unknown course type "dvm"; '
        'did you mean "dang-vien-moi"?',
        f"{path}: 3 errors, 0 warnings",
    ]


def test_every_mistake_of_a_record_with_a_bad_required_field_is_listed(
    tmp_path: Path,
) -> None:
    data = _broken()
    data["organizations"][0]["kind"] = "party-committee"
    data["plans"][0]["classes"] = 8
    # A start that is not a real date, with three more mistakes in the class.
    data["classes"][1].update(start="2017-13-01", learner_count="40", host="dukk",
                              course_type="dvm")
    path = _write(tmp_path, "broken.json", json.dumps(data))
    done = _run("validate", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f'{path}: classes[1].start: "2017-13-01" is not a real date',
        f'{path}: classes[1].learner_count: expected a whole number, got the text "40"',
        f'{path}: classes[3].course_type: unknown course type "dvm"; '
        'did you mean "dang-vien-moi"?',
        f'{path}: classes[1].course_type: unknown course type "dvm"; '
        'did you mean "dang-vien-moi"?',
        f'{path}: classes[1].host: unknown organization "dukk"; did you mean "duk"?',
        f"{path}: 5 errors, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("missing.toml", None, "no such file"),
        ("bad.json", '{"schema_version": 1,,}', "line 1, column 22: not valid JSON"),
        ("bad.toml", "schema_version = = 1\n", "not valid TOML"),
        ("utf16.json", '{"schema_version": 1}'.encode("utf-16"), "not UTF-8"),
        ("data.yaml", "schema_version: 1\n", "cannot tell the format"),
        ("junk.xlsx", b"not a workbook", "junk.xlsx"),
    ],
    ids=["missing", "bad-json", "bad-toml", "utf-16", "yaml", "not-xlsx"],
)
def test_an_unreadable_file_exits_2_without_a_traceback(
    tmp_path: Path, name: str, content: str | bytes | None, says: str
) -> None:
    path = tmp_path / name if content is None else _write(tmp_path, name, content)
    done = _run("validate", str(path))
    assert done.returncode == 2, done.stderr
    assert says in done.stderr
    assert str(path) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("validate",),
        ("validate", "a.json", "b.json"),
        ("validate", "--on", "15/01/2018", "x.json"),
        ("validate", "--colour", "x.json"),
        ("no-such-command",),
    ],
)
def test_wrong_usage_exits_2_with_a_usage_line(args: tuple[str, ...]) -> None:
    done = _run(*args)
    assert done.returncode == 2
    assert "usage: cadretrain" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_importing_cadretrain_does_not_import_docx_or_openpyxl() -> None:
    code = (
        "import sys, cadretrain\n"
        "cadretrain.read(sys.argv[1])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('docx', 'openpyxl', 'python_calamine', 'lxml', 'xlsxwriter'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(SEED)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# ------------------------------------------------------------------ in-process


def test_check_date_turns_a_future_qualification_into_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "schema_version": 1,
        "organizations": [{"id": "cb", "name": "Chi bộ", "kind": "branch"}],
        "people": [{
            "id": "p", "full_name": "Lê Văn Cường", "organization": "cb",
            "qualifications": [{"id": "q", "kind": "political-theory", "level": "advanced",
                                "issued": "2018-06-01", "issuer": "Học viện"}],
        }],
    }
    path = _write(tmp_path, "d.json", json.dumps(data, ensure_ascii=False))
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--on", "2018-06-01", str(path)]) == 0
    capsys.readouterr()
    assert main(["validate", "--on", "2018-05-31", str(path)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{path}: people[0].qualifications[0].issued: issued on 2018-06-01, "
        "after the date of the check (2018-05-31)"
    ) in err.splitlines()


def test_warnings_alone_leave_the_file_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figure = {"source": "bc", "measure": "classes", "period_start": "2017-01-01",
              "period_end": "2017-12-31", "scope": "duk"}
    data = {
        "schema_version": 1,
        "organizations": [{"id": "duk", "name": "Đảng ủy Khối", "kind": "party-committee"}],
        "documents": [{"id": "bc", "title": "Báo cáo"}],
        "figures": [
            {**figure, "id": "t", "quote": "28 lớp", "value": 28, "parts": ["a", "b"]},
            {**figure, "id": "a", "quote": "13 lớp", "value": 13},
            {**figure, "id": "b", "quote": "12 lớp", "value": 12},
        ],
    }
    path = _write(tmp_path, "d.json", json.dumps(data, ensure_ascii=False))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{path}: valid, 1 warning\n"
    assert captured.err.startswith(f"{path}: figures[0].value: warning: printed total 28")


def test_the_same_file_in_toml_gives_the_same_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tomli_w

    data = _broken()
    as_json = _write(tmp_path, "d.json", json.dumps(data))
    as_toml = _write(tmp_path, "d.toml", tomli_w.dumps(data))
    assert main(["validate", str(as_json)]) == 1
    from_json = capsys.readouterr().err.replace(str(as_json), "FILE")
    assert main(["validate", str(as_toml)]) == 1
    from_toml = capsys.readouterr().err.replace(str(as_toml), "FILE")
    assert from_json == from_toml
    assert from_json.count("\n") == 4
