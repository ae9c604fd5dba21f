"""Every command an example's README shows runs, as written, and says what the README
says it does.

The commands are read from the READMEs (indented code lines and ``$ `` lines), so a
README cannot show a command no test runs: each needs its check below. They run as a
user runs them, from the repository root with the installed ``cadretrain`` script. The
CSV plugin's README needs the plugin installed and is run in ``test_plugin_venv.py``.
The seed's ``meta.toml`` shows, in its comments, the two commands that use it; they
run too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cadretrain

ROOT = Path(__file__).resolve().parents[1]
SEED_README = ROOT / "examples" / "dang-uy-khoi-2017" / "README.md"
SAMPLE_README = ROOT / "examples" / "co-quan-mau" / "README.md"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def readme_commands(readme: Path) -> list[str]:
    """The commands a README shows: indented code lines and ``$ `` lines of code blocks."""
    text = readme.read_text(encoding="utf-8")
    found = re.findall(r"^    ((?:cadretrain|python|pip) .*)$", text, re.M)
    found += [c.split("  #")[0].strip() for c in re.findall(r"^\$ (.*)$", text, re.M)]
    return found


def _run(command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    args = shlex.split(command)
    if args[0] == "python":
        args[0] = sys.executable
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ.get("PATH", "")}
    env.pop("CADRETRAIN_NO_PLUGINS", None)
    # A user's environment: no language asked for, so messages are Vietnamese.
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(var, None)
    env["LANG"] = "C.UTF-8"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------ examples/dang-uy-khoi-2017


def seed_validate(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    # "valid with exactly one warning, about a total the report itself gets wrong",
    # which the README quotes.
    assert done.stdout == "examples/dang-uy-khoi-2017/dataset.toml: hợp lệ, 1 cảnh báo\n"
    quoted = re.search(r"^    (figures\[3\]\.value: cảnh báo: .*?)\n\n",
                       SEED_README.read_text(encoding="utf-8"), re.M | re.S)
    assert quoted is not None
    (warning,) = done.stderr.splitlines()
    assert warning == ("examples/dang-uy-khoi-2017/dataset.toml: "
                       + _squash(quoted.group(1).replace("\n    ", " ")))


def seed_summary(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    lines = [_squash(line) for line in done.stdout.splitlines()]
    assert lines[0] == "Đảng bộ Khối các cơ quan Trung ương: kết quả đào tạo, bồi dưỡng năm 2017"
    # Nothing is invented: no people, no posts; the three plans the percentages force.
    assert lines[1] == "14 tổ chức, 0 người, 0 chức vụ, 3 kế hoạch, 16 số liệu đã in"
    # The sentences of the report, as the README reads them: 13 new-member classes for
    # 1,084, 12 for 825, 3 for 186, 7 joint ones for 518, 2 updates for 177.
    assert lines[2:-1] == [
        "Bồi dưỡng lý luận chính trị cho đảng viên mới 13 lớp 1.084 học viên",
        "Bồi dưỡng nhận thức về Đảng cho đối tượng kết n… 12 lớp 825 học viên",
        "Đào tạo, bồi dưỡng lý luận chính trị, quản lý n… 7 lớp 518 học viên",
        "Bồi dưỡng nghiệp vụ công tác đảng 3 lớp 186 học viên",
        "Bồi dưỡng, cập nhật kiến thức 2 lớp 177 học viên",
        "Tổng cộng 37 lớp 2.790 học viên",
    ]
    assert lines[-1] == "hợp lệ, 1 cảnh báo"


# ------------------------------------------------------------------ examples/co-quan-mau


def sample_validate(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    # "The total agrees with its printed parts, so validate gives no warning".
    assert done.stdout == "examples/co-quan-mau/dataset.json: hợp lệ, 0 cảnh báo\n"
    assert done.stderr == ""


def sample_summary(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    lines = [_squash(line) for line in done.stdout.splitlines()]
    # "What it holds": 27 organizations, 300 people, 11 plans, 6 printed figures,
    # 12 classes (about 130 posts).
    match = re.fullmatch(r"27 tổ chức, 300 người, (\d+) chức vụ, 11 kế hoạch, "
                         r"6 số liệu đã in", lines[1])
    assert match is not None and 120 <= int(match.group(1)) <= 140, lines[1]
    dataset = cadretrain.load(SAMPLE)
    learners = sum(c.learners or 0 for c in dataset.classes)
    assert lines[-2] == f"Tổng cộng 12 lớp {learners} học viên"
    assert lines[-1] == "hợp lệ, 0 cảnh báo"


def sample_attainment(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    # "cadretrain attainment reports the part, 13 printed against 12 in the data, and
    # the total built on it, 38 against 37."
    text = done.stdout
    assert "Đối chiếu số liệu đã in:" in text
    reported = re.findall(r"^    in (\d+), dữ liệu cho (\d+)$", text, re.M)
    assert reported == [("13", "12"), ("38", "37")]
    assert re.search(r"^Tổng cộng +12 +12 +100,0%", text, re.M)


# The README's table of planted cases, by the generator's names for them.
PLANTED_ROWS = {
    "nợ bằng, political theory": "owed-political-theory",
    "nợ bằng, state management": "owed-state-management",
    "admission candidate, awareness certificate older than 60 months":
        "candidate-awareness-older-than-60-months",
    "admission candidate, no awareness certificate": "candidate-without-awareness-certificate",
    "probationary member, no new-member class within 12 months":
        "probationary-without-new-member-class-after-12-months",
    "probationary member who failed the new-member class": "probationary-failed-new-member-class",
    "probationary member, new-member class still due": "probationary-new-member-class-still-due",
    "managed cadre without a knowledge update in the last 12 months":
        "managed-cadre-without-knowledge-update-in-12-months",
    "party-work certificate expired, not renewed": "party-work-certificate-expired",
    "learner of the intermediate political-theory class without a post of its target group":
        "intermediate-class-learner-without-target-post",
}


def _planted(generator_output: str) -> dict[str, list[str]]:
    cases = re.findall(r"^  ([\w-]+): (\d+) \(([^)]*)\)$", generator_output, re.M)
    planted = {case: ids.split(", ") for case, _, ids in cases}
    assert all(len(planted[case]) == int(n) for case, n, _ in cases)
    return planted


def sample_check(command: str, tmp_path: Path) -> None:
    done = _run(command)
    # "reports these cases and no others (exit status 1: some are errors)".
    assert done.returncode == 1, done.stderr
    generated = _run(f"{shlex.quote(sys.executable)} examples/co-quan-mau/generate.py "
                     f"{shlex.quote(str(tmp_path / 'dataset.json'))}")
    assert generated.returncode == 0, generated.stderr
    planted = _planted(generated.stdout)
    people = set(re.findall(r"^  (?:lỗi|cảnh báo): .*? \((cqm-\d{4})\):", done.stdout, re.M))
    assert people == {person for ids in planted.values() for person in ids}
    assert re.search(r"^\d+ phát hiện, [1-9]\d* ở mức lỗi$", done.stdout, re.M)


def sample_generate(command: str, tmp_path: Path) -> None:
    # The generator writes dataset.json beside itself: run a copy, so that the
    # repository is not written to, and compare with the committed file.
    where = tmp_path / "examples" / "co-quan-mau"
    where.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "co-quan-mau" / "generate.py", where)
    done = _run(command, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (where / "dataset.json").read_bytes() == SAMPLE.read_bytes()
    # It prints the planted cases with the person ids, as many as the README's table says.
    planted = _planted(done.stdout)
    text = SAMPLE_README.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| (\d+) \|", text, re.M))
    assert set(rows) == set(PLANTED_ROWS)
    assert {PLANTED_ROWS[row]: int(n) for row, n in rows.items()} == {
        case: len(ids) for case, ids in planted.items()}


# ---------------------------------------- the commands in examples/dang-uy-khoi-2017/meta.toml


def meta_commands(meta: Path) -> list[str]:
    """The commands the comments of a metadata file show (``\\`` continues a line)."""
    lines = [line[1:].strip() for line in meta.read_text(encoding="utf-8").splitlines()
             if line.startswith("#")]
    joined = " ".join(line.rstrip("\\").strip() if line.endswith("\\") else line + "\n"
                      for line in lines)
    return [c.strip() for c in re.findall(r"(cadretrain .*?)\n", joined)]


def _into(command: str, tmp_path: Path) -> tuple[str, Path]:
    """The command with its output (``-o``) moved into tmp_path."""
    args = shlex.split(command)
    out = tmp_path / args[args.index("-o") + 1]
    args[args.index("-o") + 1] = str(out)
    return shlex.join(args), out


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def seed_report(command: str, tmp_path: Path) -> None:
    command, out = _into(command, tmp_path)
    done = _run(command)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["data.json", "report.docx", "workbook.xlsx"]
    text = _docx_text(out / "report.docx")
    for printed in ("Số       -BC/ĐUK", "T/M BAN THƯỜNG VỤ", "Các đảng ủy trực thuộc,", "147%"):
        assert printed in text, printed


def seed_export_report(command: str, tmp_path: Path) -> None:
    command, out = _into(command, tmp_path)
    done = _run(command)
    assert done.returncode == 0, done.stderr
    text = _docx_text(out)
    for printed in ("Số       -BC/ĐUK", "Hà Nội, ngày 15 tháng 01 năm 2018", "PHÓ BÍ THƯ",
                    "162,5%", "147%"):
        assert printed in text, printed


META = ROOT / "examples" / "dang-uy-khoi-2017" / "meta.toml"
META_CHECKS: dict[str, Callable[[str, Path], None]] = {
    "cadretrain report examples/dang-uy-khoi-2017/dataset.toml "
    "--meta examples/dang-uy-khoi-2017/meta.toml -o bao-cao-2017": seed_report,
    "cadretrain export examples/dang-uy-khoi-2017/dataset.toml --to docx --document report "
    "--meta examples/dang-uy-khoi-2017/meta.toml -o bao-cao.docx": seed_export_report,
}


def test_every_command_of_the_metadata_file_has_a_check() -> None:
    assert meta_commands(META) == list(META_CHECKS)


@pytest.mark.parametrize("command", list(META_CHECKS))
def test_metadata_file_command(command: str, tmp_path: Path) -> None:
    META_CHECKS[command](command, tmp_path)


# ------------------------------------------------------------ examples/huyen-minh-hoa

FICTION = "examples/huyen-minh-hoa/dataset.toml"
FICTION_README = ROOT / "examples" / "huyen-minh-hoa" / "README.md"


def fiction_validate(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    # "valid with no warning"
    assert done.stdout == f"{FICTION}: hợp lệ, 0 cảnh báo\n" and done.stderr == ""


def _statuses(stdout: str) -> dict[str, str]:
    return dict((m.group(2), m.group(1))
                for m in re.finditer(r"^\[([^\]]+)\] (\S+) \(", stdout, re.M))


def fiction_figures(command: str, tmp_path: Path) -> None:
    done = _run(command)
    # 23 figures: 20 agree, 1 unachievable, 2 not computable; exit status 1.
    assert done.returncode == 1, done.stderr
    assert ("23 số liệu đã in: 20 khớp, 0 khác, 1 không thể đạt, 2 không tính được"
            in done.stdout)
    status = _statuses(done.stdout)
    assert status["k1-kha-ty-le"] == "không thể đạt"
    assert status["2024-ke-hoach"] == status["nq-xa-b"] == "không tính được"
    text = _squash(done.stdout)
    # The README's readings of each shape.
    assert "in 75%, dữ liệu cho 75,0% (so với kế hoạch năm 2025)" in text
    assert "in 102%, dữ liệu cho 102,1%" in text
    assert "kế hoạch khớp với tỉ lệ đã in: 240 lớp; 12.082 đến 12.093 học viên" in text
    assert "in 99,38%, dữ liệu cho 99,375%" in text
    assert "không có số đảng viên của tổ chức đến ngày đó" in text
    assert "in 25,5%, dữ liệu cho 25,53%" in text
    assert "in 63,9%, dữ liệu cho 63,83%; không số nguyên nào cho ra tỉ lệ này" in text
    assert "in trên 85%, dữ liệu cho 89,4%" in text
    assert "(progress; bao-cao-6t-2025)" in text and "(distribution, more-than;" in text
    # The change figures: each agrees and names the period it was compared with.
    assert status["6t-tang-lop"] == status["nam-so-cung-ky"] == "khớp"
    assert status["nam-tang-hoc-vien"] == "khớp"
    assert "in tăng 20%, dữ liệu cho 20,0% (so với 6 tháng đầu năm 2024)" in text
    assert "in bằng 106,5%, dữ liệu cho 106,52% (so với năm 2024)" in text
    assert "in tăng 8,4%, dữ liệu cho 8,38% (so với năm 2024)" in text


def fiction_figures_half_year(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 1, done.stderr  # the unachievable 63,9% is of the six months
    assert "Thời gian: 6 tháng đầu năm 2025" in done.stdout
    status = _statuses(done.stdout)
    assert set(status) == {"6t-lop", "6t-hoc-vien", "6t-tien-do", "k1-dat", "k1-gioi",
                           "k1-gioi-ty-le", "k1-kha-ty-le", "k1-kha-gioi", "truong-lop",
                           "truong-hoc-vien", "6t-tang-lop"}


def fiction_attainment(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    lines = [_squash(line) for line in done.stdout.splitlines()]
    assert "Tỷ lệ so với kế hoạch của kỳ dài hơn: năm 2025" in lines
    grouped = next(line for line in lines if line.startswith("Bồi dưỡng, cập nhật kiến thức, "))
    assert grouped.endswith("240 180 75% – 9.200 chưa giao")


def fiction_compare(command: str, tmp_path: Path) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stderr
    lines = [_squash(line) for line in done.stdout.splitlines()]
    assert ("So với cùng kỳ năm trước: 6 tháng đầu năm 2025 / 6 tháng đầu năm 2024"
            in lines)
    grouped = [line for line in lines if line.startswith("Bồi dưỡng, cập nhật kiến thức, ")]
    # the comparison row: 180 classes against 150, 120,0%
    assert grouped[-1].endswith("180 150 120,0% 9.200 7.500 122,7%")


def fiction_report(command: str, tmp_path: Path) -> None:
    import docx
    import openpyxl

    # Run where the output may be written, with the example named from there.
    done = _run(command.replace(FICTION, str(ROOT / FICTION)), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "bao-cao-6-thang"
    # The Word report's appendix: this half year beside the first half of 2024,
    # and the classes held with the provincial school.
    document = docx.Document(str(out / "report.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ("So sánh với cùng kỳ năm trước: 6 tháng đầu năm 2025 và 6 tháng đầu năm 2024"
            in text)
    assert "Các lớp phối hợp tổ chức 6 tháng đầu năm 2025" in text
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert any(row[2:5] == ["180", "150", "120,0%"] for row in rows)
    assert ["1", "Trường Chính trị tỉnh Minh Họa", "Sơ cấp lý luận chính trị", "3",
            "210"] in rows
    # The workbook: the same tables as sheets (the shares are formulas).
    book = openpyxl.load_workbook(out / "workbook.xlsx")
    comparison = list(book["So sánh cùng kỳ"].iter_rows(values_only=True))
    assert comparison[1][2:4] == (180, 150)
    assert comparison[1][4] == '=IF(N(D2)=0,"",C2/D2)'
    partners = list(book["Phối hợp"].iter_rows(values_only=True))
    assert partners[1] == (1, "Trường Chính trị tỉnh Minh Họa", "Sơ cấp lý luận chính trị",
                           3, 210)


def fiction_json(command: str, tmp_path: Path) -> None:
    import json

    done = _run(command)
    assert done.returncode == 1, done.stderr
    figures = {f["figure"]: f for f in json.loads(done.stdout)["figures"]}
    assert len(figures) == 23
    assert {f["kind"] for f in figures.values()} == {
        "count", "attainment", "progress", "share", "distribution", "change"}
    # "tăng 20% so với cùng kỳ": 180 classes against 150, a rise of 30 / 150.
    rise = figures["6t-tang-lop"]
    assert (rise["change"], rise["numerator"], rise["denominator"]) == ("increase", 30, 150)
    assert rise["previous_period"] == ["2024-01-01", "2024-06-30"]
    assert figures["nam-so-cung-ky"]["computed"] == [49, 46]  # 245 / 230
    assert figures["k1-kha-gioi"]["bound"] == "more-than"
    assert figures["nq-ty-le"]["computed"] == [159, 160]  # 7.950 / 8.000
    assert figures["2024-ke-hoach"]["consistent_plans"][0] == {
        "unit": "classes", "actual": 230, "low": 240, "high": 240, "none": False}


CHECKS: dict[str, Callable[[str, Path], None]] = {
    "cadretrain validate examples/dang-uy-khoi-2017/dataset.toml": seed_validate,
    "cadretrain summary examples/dang-uy-khoi-2017/dataset.toml": seed_summary,
    "cadretrain validate examples/co-quan-mau/dataset.json": sample_validate,
    "cadretrain summary examples/co-quan-mau/dataset.json": sample_summary,
    "cadretrain attainment examples/co-quan-mau/dataset.json": sample_attainment,
    "cadretrain check examples/co-quan-mau/dataset.json --on 2025-12-31": sample_check,
    "python examples/co-quan-mau/generate.py": sample_generate,
    f"cadretrain validate {FICTION}": fiction_validate,
    f"cadretrain figures {FICTION}": fiction_figures,
    f"cadretrain figures {FICTION} --period 2025-01..2025-06": fiction_figures_half_year,
    f"cadretrain attainment {FICTION} --period 2025-01..2025-06": fiction_attainment,
    f"cadretrain attainment {FICTION} --period 2025-01..2025-06 --compare": fiction_compare,
    f"cadretrain figures {FICTION} --json": fiction_json,
    f"cadretrain report {FICTION} --period 2025-01..2025-06 -o bao-cao-6-thang": fiction_report,
}


def test_every_command_of_the_readmes_has_a_check() -> None:
    shown = (readme_commands(SEED_README) + readme_commands(SAMPLE_README)
             + readme_commands(FICTION_README))
    assert sorted(shown) == sorted(CHECKS)


@pytest.mark.parametrize("command", list(CHECKS))
def test_readme_command(command: str, tmp_path: Path) -> None:
    CHECKS[command](command, tmp_path)


# ------------------------------------------------------------ the Vietnamese READMEs

def _links(readme: Path) -> list[str]:
    return [link for link in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)",
                                        readme.read_text(encoding="utf-8"))
            if "://" not in link]


@pytest.mark.parametrize("readme", [SEED_README, SAMPLE_README,
                                    ROOT / "examples" / "cadretrain-csv-exporter" / "README.md"])
def test_each_example_readme_has_its_vietnamese_version_with_the_same_commands(
    readme: Path,
) -> None:
    vietnamese = readme.with_name("README.vi.md")
    # The same commands, in the same order, so the checks above (and the plugin's,
    # in test_plugin_venv.py) cover both; "$ " lines compared without their comments.
    assert readme_commands(vietnamese) == readme_commands(readme)
    # Each links the other, and every link of the Vietnamese one leads to a file.
    assert "README.vi.md" in _links(readme) and "README.md" in _links(vietnamese)
    for link in _links(vietnamese):
        assert (vietnamese.parent / link).exists(), link


def test_the_vietnamese_seed_readme_quotes_the_warning_as_printed() -> None:
    quoted = [re.search(r"^    (figures\[3\]\.value: .*?)\n\n", readme.read_text("utf-8"),
                        re.M | re.S) for readme in (SEED_README,
                                                    SEED_README.with_name("README.vi.md"))]
    assert quoted[0] is not None and quoted[1] is not None
    assert _squash(quoted[1].group(1)) == _squash(quoted[0].group(1))
    # And it is what a user (Vietnamese, the default) sees.
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL",
                                                             "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-m", "cadretrain", "validate",
                           str(SEED_README.with_name("dataset.toml"))],
                          capture_output=True, text=True, env={**env, "LANG": "C.UTF-8"})
    assert done.stderr.strip().endswith(_squash(quoted[1].group(1)))
