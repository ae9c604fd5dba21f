"""``cadretrain report`` and :mod:`cadretrain.pack`: the year's documents in one step."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import cadretrain
from cadretrain import i18n
from cadretrain.attainment import attainment, year_period
from cadretrain.cli import main
from cadretrain.exporters import Exporter, ExportError, discover, read_meta
from cadretrain.exporters.json import load_export
from cadretrain.exporters.registry import Discovery, Installed
from cadretrain.pack import build_pack, default_year
from cadretrain.reconciliation import reconcile
from cadretrain.rules import check

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "examples" / "dang-uy-khoi-2017"
SEED = SEED_DIR / "dataset.toml"
SEED_META = SEED_DIR / "meta.toml"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def _cells(path: Path) -> list[str]:
    return [cell.text for table in Document(str(path)).tables
            for row in table.rows for cell in row.cells]


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_seed_report_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # In English (the tests' language): English documents with the same figures.
    english = tmp_path / "report-2017"
    assert main(["report", str(SEED), "--meta", str(SEED_META), "-o", str(english)]) == 0
    captured = capsys.readouterr()
    cells = _cells(english / "report.docx")
    for figure in ("162.5%", "150%", "100%", "147%*"):
        assert figure in cells
    text = _text(english / "report.docx")
    assert "(*) Total: the rate counts the 28 classes of lines with a plan against the 19 " \
        "planned; 9 classes outside any plan are not counted." in text
    assert "28 classes were held for 2,095 learners, attaining 147% of the plan" in text
    # As a Vietnamese user runs it (the default language).
    out = tmp_path / "bao-cao-2017"
    assert main(["report", str(SEED), "--meta", str(SEED_META), "-o", str(out),
                 "--lang", "vi"]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["data.json", "report.docx", "workbook.xlsx"]
    for name in ("report.docx", "workbook.xlsx", "data.json"):
        assert f"wrote {english / name}" in captured.out
    # The seed's figures, as the report prints them.
    cells = _cells(out / "report.docx")
    for figure in ("162,5%", "150%", "100%"):
        assert figure in cells
    # The total's 147% counts the 28 planned classes, not all 37: marked and explained.
    assert "147%*" in cells
    text = _text(out / "report.docx")
    assert "(*) Tổng cộng: tỷ lệ tính trên 28 lớp thuộc chỉ tiêu có kế hoạch so với 19 lớp " \
        "kế hoạch; 9 lớp ngoài kế hoạch không tính." in text
    assert "đã tổ chức 28 lớp cho 2.095 học viên, đạt 147% so với kế hoạch" in text
    # The header and the signature block are tables; meta.toml fills them.
    everything = "\n".join(cells) + _text(out / "report.docx")
    for part in ("Số       -BC/ĐUK", "Nơi nhận", "Lưu Văn phòng Đảng ủy Khối.", "T/M BAN THƯỜNG VỤ",
                 "PHÓ BÍ THƯ"):
        assert part in everything
    # The JSON export is the data and the computed tables of 2017.
    dataset = cadretrain.load(SEED)
    exported = load_export(json.loads((out / "data.json").read_text("utf-8")))
    assert exported.dataset == dataset
    assert exported.attainment == attainment(dataset, period=year_period(2017))
    assert exported.year == 2017 and exported.on == date(2017, 12, 31)
    assert exported.meta.number == "-BC/ĐUK"
    # The workbook has live formulas.
    workbook = load_workbook(out / "workbook.xlsx")
    formulas = [c.value for ws in workbook.worksheets for row in ws.iter_rows()
                for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas
    total_row = next(row for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
                     if "Tổng cộng" in row)
    assert "Tỷ lệ chỉ tính các dòng có kế hoạch" in total_row
    # Classes known only by a count get no notices, and the report says so.
    assert not (out / "notices").exists() and not (english / "notices").exists()
    assert "no result notices for 7 classes known only by their learner count" in captured.out
    # The seed's printed total that its parts do not add up to is a warning.
    assert "figures[3].value: warning: printed total 1,909" in captured.err
    assert "warning: printed figure llct-hoc-vien (bao-cao-2017): printed 1,909, data gives " \
        "2,095" in captured.err
    assert captured.out.splitlines()[-1] == (
        "3 files written; 1 data warning, 1 printed figure the data does not reproduce, "
        "0 rule findings (0 at error level)")
    # Not a terminal: no progress animation.
    assert "\r" not in captured.err and "\r" not in captured.out


def test_result_notices_one_per_class_and_sending_organization(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack"
    assert main(["report", str(SAMPLE), "-o", str(out), "--english"]) == 0
    captured = capsys.readouterr()
    dataset = cadretrain.load(SAMPLE)
    year = default_year(dataset)
    assert year == 2025
    names = {p.id: p.full_name for p in dataset.people}
    expected = {}
    for record in dataset.classes:
        if record.enrollments and record.start.year <= year <= record.end.year:
            for org, count in Counter(e.sending_organization for e in record.enrollments).items():
                expected[f"{record.id}/{org}.docx"] = (record, org, count)
    found = {str(p.relative_to(out / "notices")) for p in (out / "notices").rglob("*.docx")}
    assert found == set(expected)
    for name, (record, org, count) in expected.items():
        doc = Document(str(out / "notices" / name))
        # --english: the notices are in English too.
        table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Full name")
        learners = [row.cells[1].text for row in table.rows[1:]]
        assert len(learners) == count
        own = {names[e.person] for e in record.enrollments if e.sending_organization == org}
        assert set(learners) == own
    assert f"wrote {len(expected)} result notices" in captured.out
    # Every finding of the rules on 31/12/2025 is listed, in English.
    result = check(dataset, date(2025, 12, 31))
    for finding in result.findings:
        assert f"{finding.person_name} ({finding.person}): {finding.message(True)}" \
            in captured.err
    for d in reconcile(dataset):
        assert f"warning: printed figure {d.figure} ({d.source}): {d.describe('en')}" \
            in captured.err


def test_an_invalid_dataset_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads(SAMPLE.read_text("utf-8"))
    data["classes"][0]["course_type"] = "dvm"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["report", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert 'classes[0].course_type: unknown course type "dvm"' in err
    assert not out.exists()


def test_a_bad_metadata_file_is_usage_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = tmp_path / "meta.toml"
    meta.write_text('issuer = "x"\nyear = \n', "utf-8")
    out = tmp_path / "out"
    assert main(["report", str(SEED), "--meta", str(meta), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{meta}: not valid TOML" in err
    assert not out.exists()
    meta.write_text('issuer = "x"\nyear = "2017"\ncolour = "red"\n', "utf-8")
    assert main(["report", str(SEED), "--meta", str(meta), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{meta}: colour: unknown field" in err
    assert f"{meta}: year" in err
    assert not out.exists()


def test_an_output_that_is_a_file_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken"
    out.write_text("mine", "utf-8")
    assert main(["report", str(SEED), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"cadretrain: {out}: cannot write:")
    assert "Traceback" not in err
    assert out.read_text("utf-8") == "mine"


def _failing(name: str) -> Installed:
    def export(context: object, kind: str, options: object, out: io.BytesIO) -> None:
        out.write(b"half")
        raise RuntimeError("disk on fire")

    exporter = Exporter(name=name, description="fails", extension=".x", media_type="x/x",
                        documents=("full",), export=export)  # type: ignore[arg-type]
    return Installed(exporter=exporter, distribution="broken-plugin", version="0.1")


def test_a_failing_exporter_leaves_no_file_and_names_itself(tmp_path: Path) -> None:
    dataset = cadretrain.load(SEED)
    own = discover(plugins=False)
    found = Discovery(exporters={**own.exporters, "json": _failing("json")}, broken=(),
                      plugins_enabled=False)
    pack = build_pack(dataset, exporters=found)
    with pytest.raises(ExportError, match=r"exporter 'json' \(broken-plugin 0.1\) failed: "
                       r"RuntimeError: disk on fire"):
        pack.write(tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_build_pack_reports_each_step_and_fills_the_metadata() -> None:
    dataset = cadretrain.load(SAMPLE)
    steps: list[tuple[str, int, int]] = []
    pack = build_pack(dataset, step=lambda label, done, total: steps.append((label, done, total)))
    assert steps == [("attainment against plan", 1, 2), ("printed figures and rule findings", 2, 2)]
    written: list[tuple[str, int, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = pack.write(tmp, step=lambda label, done, total: written.append(
            (label, done, total)))
        assert len(paths) == len(written) == 3 + pack.notice_count
    assert [label for label, _, _ in written[:3]] == [
        "the Word summary report", "the Excel workbook", "the JSON export"]
    assert {label for label, _, _ in written[3:]} == {"the result notices"}
    assert [done for _, done, _ in written] == list(range(1, len(written) + 1))
    assert {total for _, _, total in written} == {len(written)}
    # Blank metadata comes from the data: the root organization, the year's end. The
    # dataset's title names the data, not the period: the report states its own.
    root = next(o for o in dataset.organizations if o.parent is None)
    assert pack.meta.issuer == root.name
    assert pack.meta.title == "" and dataset.title
    assert pack._context.report.title == "The results of training and retraining in the year 2025"
    with i18n.language("vi"):
        assert build_pack(dataset, notices=False)._context.report.title == \
            "Kết quả công tác đào tạo, bồi dưỡng năm 2025"
    assert pack.meta.date == date(2025, 12, 31) == pack.on
    assert pack.year == 2025
    # An explicit year and metadata win.
    meta = read_meta(SEED_META)
    pack = build_pack(cadretrain.load(SEED), meta=meta, year=2017, on=date(2018, 1, 10))
    assert pack.meta == meta and pack.on == date(2018, 1, 10)
    assert pack.findings.on == date(2018, 1, 10)


def test_writing_again_replaces_the_files(tmp_path: Path) -> None:
    pack = build_pack(cadretrain.load(SEED), meta=read_meta(SEED_META))
    first = pack.write(tmp_path)
    (tmp_path / "data.json").write_text("stale", "utf-8")
    second = pack.write(tmp_path)
    assert first == second
    assert json.loads((tmp_path / "data.json").read_text("utf-8"))["document"] == "full"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "report.docx",
                                                          "workbook.xlsx"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_display_shows_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", str(SEED), "-o", str(tmp_path / "out")]) == 0
    shown = terminal.getvalue()
    # Each step once (a step that counts its items redraws its line).
    steps = list(dict.fromkeys(re.findall(r"\[(\d+)(?:/(\d+))?\] ([^\r\n…]+)…", shown)))
    assert [s[2] for s in steps] == [
        "reading the dataset", "attainment against plan",
        "printed figures and rule findings", "the Word summary report", "the Excel workbook",
        "the JSON export"]
    # The first steps come before the number of steps is known.
    assert [(s[0], s[1]) for s in steps] == [("1", ""), ("2", ""), ("3", "")] + [
        (str(i), "6") for i in range(4, 7)]
    assert re.search(r"\[6/6\] done in \d+\.\d s\n", shown)


def test_the_progress_display_counts_notices_with_rate_and_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "out"), "--class", "dvm-2025a",
                 "--class", "cnkt-2025"]) == 0
    shown = terminal.getvalue()
    counts = re.findall(r"\[7/7\] the result notices… documents (\d+)/(\d+)"
                        r"(?:, (\d+)/s(?:, ([^\r]+) left)?)?(?:\r|$)", shown)
    pack_notices = build_pack(cadretrain.load(SAMPLE), classes=["dvm-2025a", "cnkt-2025"])
    total = pack_notices.notice_count
    assert total > 2
    assert counts[0][:2] == ("1", str(total)) and counts[-1][:2] == (str(total), str(total))
    assert [int(c[0]) for c in counts] == sorted(int(c[0]) for c in counts)
    # A rate once two are done, the time left while some are still to make (when it
    # is a second or more), neither at the end.
    assert all(c[2] for c in counts if 1 < int(c[0]) < total)
    assert all(re.fullmatch(r"\d+ s|\d+ min \d\d s", c[3]) for c in counts if c[3])
    assert counts[-1][2:] == ("", "")


def test_the_readme_runs_the_report_first_and_its_python_example_works(
    tmp_path: Path,
) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"^    (python3 -m venv .*)$", readme, re.MULTILINE)
    assert commands[0] == ("python3 -m venv .venv && . .venv/bin/activate && "
                           "pip install . && cadretrain report "
                           "examples/dang-uy-khoi-2017/dataset.toml "
                           "--meta examples/dang-uy-khoi-2017/meta.toml -o bao-cao-2017")
    # The Python example, run where a user would run it: a clone's root (a copy of
    # the example here, so the test writes nothing into the repository).
    shutil.copytree(SEED_DIR, tmp_path / "examples" / "dang-uy-khoi-2017")
    block = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    result = subprocess.run([sys.executable, "-c", block.group(1)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "147%"
    out = tmp_path / "bao-cao-2017"
    assert lines[1:4] == [f"wrote {Path('bao-cao-2017') / n}"
                          for n in ("report.docx", "workbook.xlsx", "data.json")]
    assert sorted(p.name for p in out.iterdir()) == ["data.json", "report.docx",
                                                     "workbook.xlsx"]
    assert lines[4].startswith("số liệu đã in llct-hoc-vien")
