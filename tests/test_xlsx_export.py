"""The exported workbook: live formulas checked by LibreOffice, formula
injection on every sheet, Vietnamese roster order, the source sheet."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import attrs
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import cadretrain
from cadretrain import i18n
from cadretrain.attainment import attainment
from cadretrain.exporters.xlsx.layout import data_sheets, sheet_name
from cadretrain.exporters.xlsx.workbook import (
    PLAN_SHEET,
    SOURCE_SHEET,
    FindingRow,
    SourceInfo,
    as_read_back,
    name_sort_key,
    write_workbook,
)
from cadretrain.formatting import format_count, format_percent
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    CourseCategory,
    CourseType,
    Dataset,
    Enrollment,
    Lecturer,
    Measure,
    MemberCount,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    Post,
    PostHolding,
    PrintedFigure,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
    SourceDocument,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"
SOFFICE = shutil.which("soffice")


def _soffice(tmp: Path, target: str, *files: Path, lang: str = "en_US.UTF-8") -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp / f"out-{target.split(':')[0]}-{lang[:2]}"
    profile = (tmp / f"profile-{lang[:2]}").as_uri()
    env = {"LANG": lang, "LC_ALL": lang, "HOME": str(tmp), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", target,
         "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=240, env=env,
    )
    return out


def _sheet_values(path: Path, sheet: str) -> list[list[object]]:
    rows: list[list[object]] = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        sheet).to_python(skip_empty_area=False)
    return rows


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "words"), [
    ("vi", ("Kế hoạch - Thực hiện", "Đạt (lớp)", "Đạt (học viên)", "Tổng cộng")),
    ("en", ("Plan and actual", "Attained (classes)", "Attained (learners)", "Total")),
])
def test_libreoffice_recalculates_every_attainment_cell_to_the_librarys_figure(
        tmp_path: Path, lang: i18n.Language, words: tuple[str, str, str, str]) -> None:
    dataset = cadretrain.load(EXAMPLE)
    # A plan in learners too, and a plan of zero, so that every case of a cell shows.
    extra = (
        Plan(id="kh-hv", period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
             scope="duk", course_type="cap-nhat-kien-thuc", classes=3, learners=160),
        Plan(id="kh-0", period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
             scope="duk", course_type="llct-so-cap", classes=0),
    )
    dataset = attrs.evolve(dataset, plans=(*dataset.plans, *extra))
    table = attainment(dataset)
    exported = tmp_path / "bao-cao.xlsx"
    with i18n.language(lang):
        write_workbook(dataset, exported)
    plan_sheet = words[0]
    assert sheet_name(PLAN_SHEET, lang) == plan_sheet
    # The same workbook with one plan figure edited, as a user would in Excel.
    edited = tmp_path / "sua.xlsx"
    book = openpyxl.load_workbook(exported)
    first_planned = next(i for i, line in enumerate(table.lines, 2) if line.classes.planned)
    book[plan_sheet][f"D{first_planned}"] = 10
    book.save(edited)

    out = _soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", exported, edited)
    rows = _sheet_values(out / exported.name, plan_sheet)
    assert rows[0][5] == words[1] and rows[0][8] == words[2]
    shown = {"ratio": 0, "none": 0}
    for i, line in enumerate(table.lines, 1):
        for measure, col in ((line.classes, 5), (line.learners, 8)):
            ratio = measure.ratio  # the library's own figure
            if ratio is None:
                assert rows[i][col] == "", (i, col)  # the formula's "" for no ratio
                shown["none"] += 1
            else:
                assert rows[i][col] == pytest.approx(float(ratio), rel=1e-12), (i, col)
                shown["ratio"] += 1
    assert shown == {"ratio": 5, "none": 2 * len(table.lines) - 5}
    total = rows[len(table.lines) + 1]
    assert total[1] == words[3]
    assert total[3] == table.total.classes.planned
    assert total[4] == table.total.classes.actual
    assert total[7] == table.total.learners.actual
    for measure, col in ((table.total.classes, 5), (table.total.learners, 8)):
        assert measure.ratio is not None
        assert total[col] == pytest.approx(float(measure.ratio), rel=1e-12)

    edited_rows = _sheet_values(out / edited.name, plan_sheet)
    line = table.lines[first_planned - 2]
    assert edited_rows[first_planned - 1][5] == pytest.approx(line.classes.actual / 10,
                                                              rel=1e-12)
    assert edited_rows[first_planned - 1][5] != rows[first_planned - 1][5]


@pytest.mark.slow
def test_attainment_shows_as_the_librarys_vietnamese_and_english_formats(tmp_path: Path) -> None:
    dataset = cadretrain.load(EXAMPLE)
    table = attainment(dataset)
    exported = tmp_path / "bao-cao.xlsx"
    write_workbook(dataset, exported)
    for lang, locale in (("vi_VN.UTF-8", "vi"), ("en_US.UTF-8", "en")):
        # UTF-8, and cell contents "as shown" (the 9th option), with their number format.
        out = _soffice(tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                       exported, lang=lang)
        text = (out / "bao-cao.csv").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        for row, line in zip(rows[1:], table.lines, strict=False):
            ratio = line.classes.ratio
            # What the spreadsheet shows is what cadretrain.formatting prints.
            expected = "" if ratio is None else format_percent(ratio, 1, locale)
            assert row[5] == expected, (lang, row)
            assert row[7] == format_count(line.learners.actual, locale), (lang, row)
        total = rows[len(table.lines) + 1]
        assert table.total.classes.ratio is not None
        assert total[5] == format_percent(table.total.classes.ratio, 1, locale)
        if locale == "vi":  # the report's own figures
            assert {"162,5%", "150,0%", "100,0%"} <= {r[5] for r in rows}
            assert total[5] == "147,4%"


NASTY = ("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A2)", "#N/A", "=1")


def _nasty_dataset() -> Dataset:
    """Every text field of every record starts like a formula, and every data
    sheet has at least one row."""
    n = iter(range(10_000))

    def t(base: str = "") -> str:
        return NASTY[next(n) % len(NASTY)] + base

    day = date(2017, 1, 1)
    org = Organization(id=t("o"), name=t("tên"), kind=OrganizationKind.BRANCH,
                       short_name=t(), member_counts=(MemberCount(on=day, members=5),))
    doc = SourceDocument(id=t("d"), title=t(), number=t(), issuer=org.id)
    course = CourseType(id=t("ct"), name=t(), category=CourseCategory.OTHER, name_en=t())
    post = Post(id=t("post"), title=t(), organization=org.id, category=t(),
                requirements=(Requirement(kind=QualificationKind.POLITICAL_THEORY,
                                          level="intermediate"),))
    people = tuple(Person(
        id=t(f"p{i}"), full_name=t(" Nguyễn Văn A"), organization=org.id,
        party_status=(PartyStatusChange(status=PartyStatus.FULL, since=day),),
        posts=(PostHolding(post=post.id, start=day),),
        qualifications=(Qualification(id=t(f"q{i}"), kind=QualificationKind.COURSE_CERTIFICATE,
                                      issued=day, issuer=org.id, course_type=course.id,
                                      number=t()),),
    ) for i in range(3))
    group = ClassGroup(id=t("g"), course_type="dang-vien-moi", classes=2, learners=50,
                       period_start=day, period_end=date(2017, 12, 31), host=org.id,
                       source=doc.id)
    cls = ClassRecord(id=t("c"), course_type="dang-vien-moi", start=day,
                      end=date(2017, 2, 1), host=org.id, title=t(), code=t(), venue=t(),
                      lecturers=(Lecturer(name=t(), organization=org.id),),
                      enrollments=tuple(Enrollment(person=p.id, sending_organization=org.id,
                                                   result=Result(remarks=t(),
                                                                 certificate_number=t()))
                                        for p in people), group=group.id)
    plan = Plan(id=t("k"), period_start=day, period_end=date(2017, 12, 31),
                scope=org.id, course_type="dang-vien-moi", classes=1, note=t(), source=doc.id)
    figure = PrintedFigure(id=t("f"), source=doc.id, quote=t(), measure=Measure.CLASSES,
                           value=Decimal(2), period_start=day, period_end=date(2017, 12, 31),
                           scope=org.id, course_types=("dang-vien-moi",))
    return Dataset(title=t("title"), organizations=(org,), documents=(doc,),
                   course_types=(course,), posts=(post,), people=people, class_groups=(group,),
                   classes=(cls,), plans=(plan,), figures=(figure,))


ALLOWED_FORMULA = re.compile(r"^=(IF|SUM)\([A-Z0-9:,\"<>=/()\s]*\)$")


def test_text_that_looks_like_a_formula_is_text_on_every_sheet(tmp_path: Path) -> None:
    dataset = _nasty_dataset()
    findings = [FindingRow(severity="lỗi", rule=NASTY[0], subject=NASTY[2], message=NASTY[3])]
    path = tmp_path / "x.xlsx"
    write_workbook(dataset, path, findings=findings,
                   info=SourceInfo(source="-nguon.json", exported_at=datetime(2018, 1, 15, 9)))
    book = openpyxl.load_workbook(path)
    nasty_sheets = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert ws.title == PLAN_SHEET, (ws.title, cell.coordinate, cell.value)
                    assert ALLOWED_FORMULA.match(str(cell.value)), cell.value
                elif isinstance(cell.value, str) and cell.value.startswith(NASTY):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    nasty_sheets.add(ws.title)
    # Every sheet showed some of the nasty text, as text. (Số đảng viên holds
    # only an organization id, a date and a number: its id is the nasty one.)
    assert nasty_sheets == {ws.title for ws in book.worksheets}
    assert {s.name for s in data_sheets()} <= nasty_sheets
    # And in the file itself: no <f> element outside the plan sheet.
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        with_formulas = [n for n in names if b"<f>" in archive.read(n)]
    assert with_formulas == ["xl/worksheets/sheet1.xml"]
    # And it reads back as the same data.
    assert cadretrain.load(path) == as_read_back(dataset)


def test_roster_is_in_vietnamese_name_order_and_source_sheet_says_where_from(
        tmp_path: Path) -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Minh Cường"]
    org = Organization(id="cb", name="Chi bộ", kind=OrganizationKind.BRANCH)
    people = tuple(Person(id=f"p{i}", full_name=n, organization="cb") for i, n in enumerate(names))
    cls = ClassRecord(id="c", course_type="dang-vien-moi", start=date(2018, 1, 15),
                      end=date(2018, 1, 20), host="cb",
                      enrollments=tuple(Enrollment(person=p.id, sending_organization="cb")
                                        for p in people))
    dataset = Dataset(title="Thử", organizations=(org,), people=people, classes=(cls,))
    path = tmp_path / "r.xlsx"
    with i18n.language("vi"):
        write_workbook(dataset, path, info=SourceInfo(source="du-lieu.json",
                                                      rule_set="quy-tac 1"))
    roster = _sheet_values(path, "Kết quả học tập")
    name_col = roster[0].index("Họ và tên")
    shown = [row[name_col] for row in roster[1:]]
    # Given name first (An, An, Bình, Cường), in the project's collation.
    assert shown == sorted(names, key=name_sort_key())
    assert [n.split()[-1] for n in shown] == ["An", "An", "Bình", "Cường"]
    source = {row[0]: row[1] for row in _sheet_values(path, "Nguồn dữ liệu") if row and row[0]}
    assert source["Tệp dữ liệu"] == "du-lieu.json"
    assert source["Phiên bản cadretrain"] == cadretrain.__version__
    assert source["Bộ quy tắc"] == "quy-tac 1"
    # The clock is not read (the same input gives the same file): no export time
    # unless the caller gives one or SOURCE_DATE_EPOCH is set.
    assert "Thời điểm xuất" not in source
    # Frozen header and a filter on every table sheet.
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if ws.title != sheet_name(SOURCE_SHEET, "vi"):
            assert ws.freeze_panes == "A2", ws.title
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title


def test_plan_sheet_has_a_bar_chart_of_plan_against_actual(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_workbook(cadretrain.load(EXAMPLE), path)
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        xml = archive.read(charts[0]).decode()
    assert len(charts) == 1
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    root = ElementTree.fromstring(xml)
    bar = root.find(f".//{ns}barChart")
    assert bar is not None
    direction = bar.find(f"{ns}barDir")
    assert direction is not None and direction.get("val") == "bar"  # horizontal bars
    refs = [f.text for f in root.iter(f"{ns}f")]
    last = len(attainment(cadretrain.load(EXAMPLE)).lines) + 1
    assert f"'{PLAN_SHEET}'!$D$2:$D${last}" in refs and f"'{PLAN_SHEET}'!$E$2:$E${last}" in refs
    assert f"'{PLAN_SHEET}'!$B$2:$B${last}" in refs
    # Named as the workbook names the sheet, in Vietnamese too.
    with i18n.language("vi"):
        write_workbook(cadretrain.load(EXAMPLE), path)
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read(charts[0]).decode())
    refs = [f.text for f in root.iter(f"{ns}f")]
    assert f"'Kế hoạch - Thực hiện'!$D$2:$D${last}" in refs


def test_importing_cadretrain_loads_no_spreadsheet_library() -> None:
    code = ("import sys, cadretrain; "
            "bad = [m for m in ('openpyxl', 'python_calamine', 'xlsxwriter') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([__import__("sys").executable, "-c", code], check=True)


def test_rule_findings_fill_the_findings_sheet(tmp_path: Path) -> None:
    from cadretrain.exporters.xlsx.workbook import FINDINGS_SHEET, findings_from_check
    from cadretrain.rules import check, default_rule_set

    org = Organization(id="bo", name="Bộ", kind=OrganizationKind.AGENCY)
    post = Post(id="vu-truong", title="Vụ trưởng", organization="bo",
                category="department-director")
    person = Person(id="p1", full_name="Nguyễn Văn An", organization="bo",
                    posts=(PostHolding(post="vu-truong", start=date(2024, 6, 1)),))
    dataset = Dataset(organizations=(org,), posts=(post,), people=(person,))
    result = check(dataset, date(2025, 1, 1))
    assert result.findings  # a department director without political theory
    path = tmp_path / "f.xlsx"
    with i18n.language("vi"):
        write_workbook(dataset, path, findings=findings_from_check(result),
                       info=SourceInfo(rule_set=default_rule_set().version))
    rows = _sheet_values(path, "Phát hiện")
    assert rows[0] == ["Mức độ", "Quy tắc", "Đối tượng", "Nội dung",
                       "Căn cứ (văn bản, điều, điểm)", "Trích dẫn", "Nguồn đã đọc"]
    assert len(rows) == len(result.findings) + 1
    for row, finding in zip(rows[1:], result.findings, strict=True):
        assert str(row[1]).startswith(finding.rule_id)
        assert "Nguyễn Văn An (p1)" in str(row[2])
        assert str(row[3]).startswith(finding.message_vi)
        # the article and the quoted sentence of each finding, and where it was read
        for c in finding.basis:
            assert c.document in str(row[4]) and c.article in str(row[4])
            assert c.quote in str(row[5]) and c.source in str(row[6])
    assert any("Nghị định 29/2024/NĐ-CP" in str(row[4]) and "“" in str(row[5])
               for row in rows[1:])
    source = {r[0]: r[1] for r in _sheet_values(path, "Nguồn dữ liệu") if r and r[0]}
    assert source["Bộ quy tắc"] == default_rule_set().version
    # In English, the same sheet in English words, each finding's English message.
    with i18n.language("en"):
        write_workbook(dataset, path, findings=findings_from_check(result),
                       info=SourceInfo(rule_set=default_rule_set().version))
    rows = _sheet_values(path, sheet_name(FINDINGS_SHEET))
    assert FINDINGS_SHEET == "Findings"
    assert rows[0] == ["Severity", "Rule", "Subject", "Finding",
                       "Basis (document, article, point)", "Quote", "Source read"]
    for row, finding in zip(rows[1:], result.findings, strict=True):
        assert row[0] == finding.severity.value  # error, warning, info
        assert str(row[3]).startswith(finding.message_en)
        assert any(word in str(row[6]) for word in ("official text: ", "secondary source: "))


@pytest.mark.slow
def test_a_learner_plan_typed_into_an_empty_cell_gives_its_line_and_total_rates(
        tmp_path: Path) -> None:
    # The seed has plans in classes only: the learner plan cells are empty.
    dataset = cadretrain.load(EXAMPLE)
    table = attainment(dataset)
    assert table.total.learners.planned is None
    exported = tmp_path / "bao-cao.xlsx"
    write_workbook(dataset, exported)
    book = openpyxl.load_workbook(exported)
    sheet = book[PLAN_SHEET]
    total_row = len(table.lines) + 2
    for col in "GI":
        assert str(sheet[f"{col}{total_row}"].value).startswith("="), col
    sheet["G2"] = 200  # a learner plan for the first line, typed by a user
    edited = tmp_path / "sua.xlsx"
    book.save(edited)
    out = _soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", exported, edited)
    # Recalculated as written, the learners' plan total is empty, not "0": no
    # plan was set, not a plan of 0; the classes' plan total sums the plans.
    rows = _sheet_values(out / exported.name, PLAN_SHEET)
    assert rows[total_row - 1][6] in (None, "")
    assert rows[total_row - 1][3] == table.total.classes.planned
    rows = _sheet_values(out / edited.name, PLAN_SHEET)
    first = table.lines[0].learners.actual
    assert rows[1][8] == pytest.approx(first / 200, rel=1e-12)
    assert rows[total_row - 1][6] == 200
    assert rows[total_row - 1][8] == pytest.approx(first / 200, rel=1e-12)


def test_the_figures_sheet_says_what_the_data_gives_for_each_figure(tmp_path: Path) -> None:
    dataset = cadretrain.load(EXAMPLE)
    exported = tmp_path / "bao-cao.xlsx"
    with i18n.language("vi"):
        write_workbook(dataset, exported)
    rows = _sheet_values(exported, "Số liệu báo cáo")
    column = rows[0].index("Đối chiếu với dữ liệu")
    status = {row[0]: row[column] for row in rows[1:]}
    assert status["llct-hoc-vien"] == "khác: in 1.909, dữ liệu cho 2.095"
    assert status["dvm-ke-hoach"] == "khớp"
    assert len(status) == len(dataset.figures)
    assert cadretrain.read(exported).dataset.figures == dataset.figures
    write_workbook(dataset, exported)  # the tests' language: English
    rows = _sheet_values(exported, "Printed figures")
    status = {row[0]: row[rows[0].index("Against the data")] for row in rows[1:]}
    assert status["llct-hoc-vien"] == "differs: printed 1,909, data gives 2,095"
    assert status["dvm-ke-hoach"] == "agrees"
    # The column is the library's, not data: the workbook reads back the same.
    assert cadretrain.read(exported).dataset.figures == dataset.figures
