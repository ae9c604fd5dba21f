"""Reading workbooks: located Vietnamese messages, both date forms, the
template, safety limits, and export-then-import round trips."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain import i18n, testing
from cadretrain.exporters.xlsx.layout import data_sheets, sheet_named
from cadretrain.exporters.xlsx.template import write_template
from cadretrain.exporters.xlsx.workbook import as_read_back, write_workbook
from cadretrain.model import (
    Attitude,
    Classification,
    ClassRecord,
    Dataset,
    Enrollment,
    Lecturer,
    LecturerRole,
    MemberCount,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    PoliticalTheoryLevel,
    Qualification,
    QualificationKind,
    Result,
    SourceDocument,
    StateManagementLevel,
)
from cadretrain.problems import DatasetError
from cadretrain.readers.plain import DatasetFileError
from cadretrain.readers.xlsx import Limits, column_letter, read_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _col(sheet: str, header: str) -> str:
    headers = [c.header for c in sheet_named(sheet).read_columns]
    return column_letter(headers.index(header) + 1)


def _fill(template: Path, out: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Fill the template's sheets: each row maps headers to cell values."""
    book = openpyxl.load_workbook(template)
    for sheet, records in rows.items():
        ws = book[sheet]
        headers = [c.value for c in ws[1]]
        for r, record in enumerate(records, 2):
            for header, value in record.items():
                ws.cell(row=r, column=headers.index(header) + 1, value=value)
    book.save(out)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "mau.xlsx"
    write_template(path)
    return path


def _people(n: int) -> list[dict[str, Any]]:
    return [{"Mã học viên": f"p{i}", "Họ và tên": f"Nguyễn Văn {i}", "Tổ chức (mã)": "cb"}
            for i in range(2, n + 2)]


def test_every_problem_is_reported_at_once_with_sheet_row_and_column(
        template: Path, tmp_path: Path) -> None:
    people = _people(16)  # rows 2..17
    people[-1]["Ngày sinh"] = "31/02/1990"  # row 17
    people[0]["Ngày sinh"] = "1990"
    rows = {
        "Tổ chức": [{"Mã tổ chức": "cb", "Tên tổ chức": "Chi bộ 1", "Loại": "chi bộ"}],
        "Học viên": people,
        "Lớp": [{"Mã lớp": "c1", "Loại lớp": "dang-vien-moi", "Bắt đầu": "15/01/2018",
                 "Kết thúc": date(2018, 1, 20), "Đơn vị tổ chức (mã)": "cb"}],
        "Kết quả học tập": [
            {"Mã lớp": "c1", "Mã học viên": "p2", "Đơn vị cử (mã)": "cb", "Xếp loại": "khá giỏi"},
            {"Mã lớp": "c1", "Mã học viên": "p99", "Đơn vị cử (mã)": "cb"},
            {"Mã lớp": "c9", "Mã học viên": "p3", "Đơn vị cử (mã)": "cb"},
        ],
        "Kế hoạch": [{"Mã kế hoạch": "k1", "Từ ngày": "01/01/2018", "Đến ngày": "31/12/2018",
                      "Phạm vi (mã tổ chức)": "cb", "Loại lớp": "dang-vien-moi",
                      "Số lớp": "abc"}],
        "Đảng tịch": [{"Mã học viên": "p4", "Từ ngày": date(2010, 5, 1)}],
    }
    path = tmp_path / "loi.xlsx"
    _fill(template, path, rows)
    with pytest.raises(DatasetError) as caught, i18n.language("vi"):  # as an office reads them
        read_workbook(path)
    shown = [str(p).split(": ", 1)[1] for p in caught.value.problems]
    with pytest.raises(DatasetError) as in_english, i18n.language("en"):
        read_workbook(path)
    english = [str(p).split(": ", 1)[1] for p in in_english.value.problems]
    assert 'Học viên!D2: column "ngày sinh": "1990" is not a date; write it as ' \
        "dd/mm/yyyy" in english
    assert any(line.endswith('unknown person "p99"; did you mean "p9"?') for line in english)
    d = _col("Học viên", "Ngày sinh")
    assert d == "D"
    grade = _col("Kết quả học tập", "Xếp loại")
    person = _col("Kết quả học tập", "Mã học viên")
    classes = _col("Kế hoạch", "Số lớp")
    status = _col("Đảng tịch", "Tình trạng")
    expected = [
        'Học viên!D17: ngày sinh "31/02/1990" không hợp lệ',
        'Học viên!D2: ngày sinh "1990" không phải là ngày; ghi dạng dd/mm/yyyy',
        f'Kết quả học tập!{grade}2: xếp loại "khá giỏi" không hợp lệ; chọn một trong: '
        "xuất sắc, giỏi, khá, trung bình, đạt, không đạt",
        f'Kế hoạch!{classes}2: số lớp "abc" không phải là số nguyên',
        f"Đảng tịch!{status}2: thiếu tình trạng",
        'Kết quả học tập!A4: không có mã "c9" ở sheet Lớp',
        f'Kết quả học tập!{person}3: không có người "p99"; có phải là "p9"?',
    ]
    missing = [line for line in expected if line not in shown]
    assert not missing, "\n".join(["missing:", *missing, "shown:", *shown])
    assert all(str(p).startswith(f"{path}: ") for p in caught.value.problems)

    done = subprocess.run([sys.executable, "-m", "cadretrain", "validate", str(path),
                           "--lang", "vi"], capture_output=True, text=True)
    assert done.returncode == 1
    assert 'Học viên!D17: ngày sinh "31/02/1990" không hợp lệ' in done.stderr


def test_template_filled_in_reads_as_the_dataset_with_both_date_forms(
        template: Path, tmp_path: Path) -> None:
    rows = {
        "Tổ chức": [{"Mã tổ chức": "duk", "Tên tổ chức": "Đảng ủy Khối", "Loại": "Đảng bộ"},
                    {"Mã tổ chức": "cb", "Tên tổ chức": "Chi bộ 1", "Loại": "branch",
                     "Trực thuộc (mã)": "duk"}],
        "Học viên": [
            {"Mã học viên": "p1", "Họ và tên": "Lê Thị Hoa", "Tổ chức (mã)": "cb",
             "Ngày sinh": datetime(1985, 6, 5)},
            {"Mã học viên": "p2", "Họ và tên": "Trần Văn An", "Tổ chức (mã)": "cb",
             "Ngày sinh": "05/06/1985"},
        ],
        "Đảng tịch": [{"Mã học viên": "p1", "Tình trạng": "đảng viên dự bị",
                       "Từ ngày": "01/02/2017"}],
        "Văn bằng": [{"Mã học viên": "p2", "Mã văn bằng": "q1", "Loại văn bằng":
                      "lý luận chính trị", "Trình độ": "trung cấp", "Ngày cấp": "2016-07-01",
                      "Nơi cấp (mã)": "duk"}],
        "Lớp": [{"Mã lớp": "c1", "Loại lớp": "dang-vien-moi", "Bắt đầu": date(2018, 1, 15),
                 "Kết thúc": "20/01/2018", "Đơn vị tổ chức (mã)": "duk"}],
        "Kết quả học tập": [
            {"Mã lớp": "c1", "Mã học viên": "p1", "Đơn vị cử (mã)": "cb", "Chuyên cần": 0.95,
             "Điểm thu hoạch": "8,5", "Xếp loại": "Khá", "Ý thức học tập": "tốt",
             "Đã cấp chứng nhận": "có"},
            {"Mã lớp": "c1", "Mã học viên": "p2", "Đơn vị cử (mã)": "cb"},
        ],
        "Kế hoạch": [{"Mã kế hoạch": "k1", "Từ ngày": "01/01/2018", "Đến ngày": "31/12/2018",
                      "Phạm vi (mã tổ chức)": "duk", "Loại lớp": "dang-vien-moi",
                      "Số lớp": 2, "Số học viên": "1.084"}],
    }
    path = tmp_path / "du-lieu.xlsx"
    _fill(template, path, rows)
    loaded = cadretrain.read(path)
    assert loaded.warnings == ()
    expected = Dataset(
        organizations=(
            Organization(id="duk", name="Đảng ủy Khối", kind=OrganizationKind.PARTY_COMMITTEE),
            Organization(id="cb", name="Chi bộ 1", kind=OrganizationKind.BRANCH, parent="duk"),
        ),
        people=(
            Person(id="p1", full_name="Lê Thị Hoa", organization="cb",
                   birth_date=date(1985, 6, 5),
                   party_status=(PartyStatusChange(status=PartyStatus.PROBATIONARY,
                                                   since=date(2017, 2, 1)),)),
            Person(id="p2", full_name="Trần Văn An", organization="cb",
                   birth_date=date(1985, 6, 5),
                   qualifications=(Qualification(
                       id="q1", kind=QualificationKind.POLITICAL_THEORY, level="intermediate",
                       issued=date(2016, 7, 1), issuer="duk"),)),
        ),
        classes=(ClassRecord(
            id="c1", course_type="dang-vien-moi", start=date(2018, 1, 15),
            end=date(2018, 1, 20), host="duk",
            enrollments=(
                Enrollment(person="p1", sending_organization="cb", result=Result(
                    attendance=Decimal("0.95"), essay_grade=Decimal("8.5"),
                    classification=Classification.GOOD, attitude=Attitude.GOOD,
                    certificate_issued=True)),
                Enrollment(person="p2", sending_organization="cb"),
            )),),
        plans=(Plan(id="k1", period_start=date(2018, 1, 1), period_end=date(2018, 12, 31),
                    scope="duk", course_type="dang-vien-moi", classes=2, learners=1084),),
    )
    assert loaded.dataset == expected


def test_the_empty_template_is_an_empty_dataset_and_the_cli_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    done = subprocess.run([sys.executable, "-m", "cadretrain", "template", "xlsx", "-o",
                           str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = cadretrain.read(path)
    assert loaded.dataset == Dataset() and loaded.warnings == ()
    book = openpyxl.load_workbook(path)
    # The command ran in English (the tests' environment): English sheets and headers.
    people = next(s for s in data_sheets("en") if s.key == "people")
    assert people.name == "People"
    assert [c.value for c in book["People"][1]] == [c.header for c in people.read_columns]
    assert book.sheetnames[:2] == ["Guide", "Lists"]


@pytest.mark.parametrize(("lang", "figures_sheet"), [("vi", "Số liệu báo cáo"),
                                                     ("en", "Printed figures")])
def test_the_examples_round_trip_through_their_workbooks(tmp_path: Path, lang: i18n.Language,
                                                         figures_sheet: str) -> None:
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    other = cadretrain.load(sample)
    with i18n.language(lang):
        write_workbook(other, tmp_path / "cqm.xlsx")
    # Read back whatever the language of the reading run.
    for reading in i18n.LANGUAGES:
        with i18n.language(reading):
            assert cadretrain.load(tmp_path / "cqm.xlsx") == as_read_back(other)

    dataset = cadretrain.load(EXAMPLE)
    path = tmp_path / "duk.xlsx"
    with i18n.language(lang):
        write_workbook(dataset, path)
    assert figures_sheet in openpyxl.load_workbook(path, read_only=True).sheetnames
    loaded = cadretrain.read(path)
    assert loaded.dataset == dataset
    # The loader's warning about the report's 1.909 points at the cell, named as
    # the workbook names it.
    assert [w.path for w in loaded.warnings] == [f"{figures_sheet}!E5"]


def test_the_template_reads_back_in_either_language(tmp_path: Path) -> None:
    for lang in i18n.LANGUAGES:
        path = tmp_path / f"{lang}.xlsx"
        with i18n.language(lang):
            write_template(path)
        book = openpyxl.load_workbook(path)
        assert [s.name for s in data_sheets(lang)] == book.sheetnames[2:-1]
        for layout in data_sheets(lang):
            assert len(layout.name) <= 31 and not set(layout.name) & set("[]:*?/\\")
            assert [c.value for c in book[layout.name][1]] == [
                c.header for c in layout.read_columns]
        # Its drop-down lists point at its own lists sheet.
        formulas = {v.formula1 for ws in book.worksheets
                    for v in ws.data_validations.dataValidation}
        lists = book.sheetnames[1]
        assert formulas and all(f.startswith(f"='{lists}'!$") for f in formulas), formulas
        assert cadretrain.read(path).dataset == Dataset()


# ------------------------------------------------------------------- safety


def _rewrite(source: Path, out: Path, member: str, content: bytes) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == member else src.read(item))


BOMB = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def test_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    write_workbook(Dataset(title="x"), plain)
    bomb = tmp_path / "bomb.xlsx"
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(plain) as src:
        xml = src.read(sheet)
    # The declarations go before the root element, where a DTD belongs, and
    # the cell A1 expands the entity.
    root = xml.index(b"<worksheet")
    xml = xml[:root] + BOMB + xml[root:]
    xml = xml.replace(b"<t>STT</t>", b"<t>&lol3;</t>", 1)
    _rewrite(plain, bomb, sheet, xml)
    with pytest.raises(DatasetFileError, match="DOCTYPE"):
        cadretrain.read(bomb)
    # openpyxl itself refuses it too, because defusedxml is installed (its
    # worksheet parser is defusedxml's iterparse).
    from defusedxml import EntitiesForbidden
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    with pytest.raises(ValueError, match="could not read worksheets") as caught:
        openpyxl.load_workbook(bomb)
    assert isinstance(caught.value.__cause__ or caught.value.__context__, EntitiesForbidden)


def test_workbooks_over_the_limits_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "duk.xlsx"
    write_workbook(cadretrain.load(EXAMPLE), path)
    with pytest.raises(DatasetFileError, match="over the limit of 10,000 bytes"):
        read_workbook(path, limits=Limits(max_uncompressed_bytes=10_000))
    with i18n.language("vi"), pytest.raises(DatasetFileError, match=r"quá giới hạn 10\.000 byte"):
        read_workbook(path, limits=Limits(max_uncompressed_bytes=10_000))
    # A sheet that declares two million rows is refused from its first bytes.
    with zipfile.ZipFile(path) as archive:
        sheet = "xl/worksheets/sheet2.xml"
        xml = archive.read(sheet)
    huge = tmp_path / "huge.xlsx"
    _rewrite(path, huge, sheet, xml.replace(b"<sheetData", b'<dimension ref="A1:Z2000000"/>'
                                            b"<sheetData", 1))
    with pytest.raises(DatasetFileError, match="2,000,000"):
        read_workbook(huge)
    assert read_workbook(huge, limits=Limits(max_rows=3_000_000, max_cells=10**9)).dataset


def test_not_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DatasetFileError, match=r"not an Excel \.xlsx file"):
        cadretrain.read(path)
    with i18n.language("vi"), pytest.raises(DatasetFileError, match="không phải tệp Excel"):
        cadretrain.read(path)


# -------------------------------------------------------------- round trip

_ids = st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=6)
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=12).map(lambda s: __import__("unicodedata").normalize(
                    "NFC", s)).filter(lambda s: s != "")
_dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    org_ids = draw(st.lists(_ids, min_size=1, max_size=3, unique=True))
    orgs = tuple(Organization(id=o, name=draw(_text), kind=draw(st.sampled_from(OrganizationKind)),
                              short_name=draw(st.none() | _text),
                              parent=org_ids[0] if i else None,
                              member_counts=tuple(MemberCount(on=d, members=m) for d, m in draw(
                                  st.lists(st.tuples(_dates, st.integers(0, 10**6)),
                                           max_size=2))))
                 for i, o in enumerate(org_ids))
    doc_ids = draw(st.lists(_ids, max_size=2, unique=True))
    documents = tuple(SourceDocument(id=d, title=draw(_text), number=draw(st.none() | _text),
                                     issued=draw(st.none() | _dates)) for d in doc_ids)
    levels = st.sampled_from([(QualificationKind.POLITICAL_THEORY, lv.value)
                              for lv in PoliticalTheoryLevel]
                             + [(QualificationKind.STATE_MANAGEMENT, lv.value)
                                for lv in StateManagementLevel])
    person_ids = draw(st.lists(_ids, max_size=5, unique=True))
    people = tuple(Person(
        id=p, full_name=draw(_text), organization=draw(st.sampled_from(org_ids)),
        birth_date=draw(st.none() | _dates),
        party_status=tuple(PartyStatusChange(status=s, since=d) for s, d in zip(
            draw(st.lists(st.sampled_from(PartyStatus), max_size=2)),
            sorted(draw(st.lists(_dates, min_size=2, max_size=2))), strict=False)),
        qualifications=tuple(
            Qualification(id=f"{p}-q{j}", kind=kind, level=level, issued=draw(_dates),
                          issuer=org_ids[0], number=draw(st.none() | _text))
            for j, (kind, level) in enumerate(draw(st.lists(levels, max_size=2)))),
    ) for p in person_ids)
    classes = []
    for c in draw(st.lists(_ids, max_size=3, unique=True)):
        start = draw(_dates)
        roster = draw(st.none() | st.lists(st.sampled_from(person_ids), unique=True)
                      if person_ids else st.none())
        result = st.none() | st.builds(
            Result, attendance=st.none() | st.decimals(0, 1, places=2),
            essay_grade=st.none() | st.decimals(0, 10, places=1),
            classification=st.none() | st.sampled_from(Classification),
            certificate_issued=st.booleans(), remarks=st.none() | _text)
        classes.append(ClassRecord(
            id=c, course_type=draw(st.sampled_from(["dang-vien-moi", "doi-tuong-ket-nap"])),
            start=start, end=start, host=draw(st.sampled_from(org_ids)),
            title=draw(st.none() | _text),
            co_hosts=tuple(draw(st.lists(st.sampled_from(org_ids), max_size=2))),
            lecturers=tuple(Lecturer(name=draw(_text), role=role) for role in draw(
                st.lists(st.sampled_from(LecturerRole), max_size=2))),
            learner_count=draw(st.integers(0, 500)) if roster is None else None,
            enrollments=None if roster is None else tuple(
                Enrollment(person=p, sending_organization=org_ids[0], result=draw(result))
                for p in roster)))
    plans = tuple(Plan(id=k, period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
                       scope=org_ids[0], course_type="dang-vien-moi",
                       classes=draw(st.none() | st.integers(0, 50)),
                       learners=draw(st.integers(0, 5000)),
                       source=draw(st.sampled_from(doc_ids)) if doc_ids else None)
                  for k in draw(st.lists(_ids, max_size=2, unique=True)))
    return Dataset(title=draw(st.none() | _text), organizations=orgs, documents=documents,
                   people=people, classes=tuple(classes), plans=plans)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets())
def test_export_then_import_gives_back_the_dataset(tmp_path_factory: pytest.TempPathFactory,
                                                    dataset: Dataset) -> None:
    # What the workbook does not carry: roster order (it shows each roster in
    # Vietnamese name order, and that order is read back) and an empty roster
    # (it comes back as a class without roster whose learner count is 0).
    path = tmp_path_factory.mktemp("rt") / "rt.xlsx"
    write_workbook(dataset, path)
    assert cadretrain.load(path) == as_read_back(dataset)


def test_the_excel_page_lists_every_sheet_and_column_of_the_import_format() -> None:
    page = (ROOT / "docs" / "excel.md").read_text(encoding="utf-8")
    from cadretrain.exporters.xlsx.layout import DATA_SHEETS

    for layout in DATA_SHEETS:
        cols = ", ".join(f"{c.header}{'*' if c.required else ''}" for c in layout.read_columns)
        assert f"| {layout.name} | " in page and f"| {cols} |" in page, layout.name


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=testing.datasets())
def test_generated_datasets_round_trip_through_a_workbook(
        tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> None:
    # Datasets from cadretrain.testing: every kind of record, arbitrary text
    # (no control characters, which XML cannot carry). Roster order and empty
    # rosters come back as as_read_back says.
    path = tmp_path_factory.mktemp("gen") / "gen.xlsx"
    write_workbook(dataset, path)
    assert cadretrain.load(path) == as_read_back(dataset)


def test_the_dated_acts_placements_and_equivalences_round_trip(tmp_path: Path) -> None:
    """The facts the regulation rules need survive a workbook: admission dates,
    where a post sits, who manages it, an organization's body type, a holding
    from outside, a certificate of equivalence, a civil-service rank."""
    text = """schema_version = 1
organizations = [{ id = "bo", name = "Bộ Mẫu", kind = "agency", body = "state-administrative" }]
[[posts]]
id = "pvt"
title = "Phó Vụ trưởng"
organization = "bo"
category = "department-deputy-director"
placement = "general-department"
managed_by = "committee"
[[people]]
id = "an"
full_name = "Nguyễn Văn An"
organization = "bo"
posts = [{ post = "pvt", start = 2024-06-01, from_outside = true }]
[[people.party_status]]
status = "probationary"
since = 2020-03-10
resolution = 2020-02-10
decision = 2020-02-25
ceremony = 2020-03-10
[[people.party_status]]
status = "full"
since = 2021-03-10
resolution = 2021-03-20
[[people.qualifications]]
id = "xn"
kind = "political-theory"
level = "advanced"
attests_equivalence = true
issued = 2021-07-01
issuer = "Ban Tổ chức Trung ương"
[[people.qualifications]]
id = "ngach"
kind = "civil-service-rank"
level = "principal-specialist"
issued = 2019-01-01
issuer = "Bộ Nội vụ"
"""
    dataset = cadretrain.loads(text, "toml").dataset
    path = tmp_path / "facts.xlsx"
    write_workbook(dataset, path)
    assert cadretrain.load(path) == as_read_back(dataset)
    back = cadretrain.load(path)
    assert back.people[0].party_status[0].ceremony == date(2020, 3, 10)
    assert back.posts[0].placement is not None and back.posts[0].placement.value == \
        "general-department"


def test_reading_a_workbook_pauses_the_cycle_collector_and_sets_it_back(
        template: Path, tmp_path: Path) -> None:
    # The rows are read with the collector paused (a progress listener hears each
    # sheet's rows go by), and it is on again afterwards, after a failure too;
    # a host that runs with it off keeps it off.
    import gc

    from cadretrain.progress import listening

    path = tmp_path / "du-lieu.xlsx"
    _fill(template, path, {"Tổ chức": [{"Mã tổ chức": "cb", "Tên tổ chức": "Chi bộ",
                                        "Loại": "chi bộ"}]})
    bad = tmp_path / "loi.xlsx"
    _fill(template, bad, {"Học viên": [{"Mã học viên": "p1", "Ngày sinh": "1990"}]})
    heard: list[tuple[str, bool]] = []
    assert gc.isenabled()
    with listening(lambda what, done, total: heard.append((what, gc.isenabled()))):
        read_workbook(path)
        rows = [enabled for what, enabled in heard if what == "rows"]
        assert rows and not any(rows)
        assert gc.isenabled()
        with pytest.raises(DatasetError):
            read_workbook(bad)
        assert gc.isenabled()
    gc.disable()
    try:
        read_workbook(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_measure_column_says_the_measures_own_words_and_reads_the_former_ones(
        tmp_path: Path) -> None:
    # One vocabulary: the workbook writes Measure.label(), as the report and the
    # command line say it; a workbook filled in with the words it wrote before
    # ("số lớp", "% kế hoạch (số lớp)") still loads the same.
    from cadretrain.model import Measure

    dataset = cadretrain.load("examples/dang-uy-khoi-2017/dataset.toml")
    path = tmp_path / "so-lieu.xlsx"
    with i18n.language("vi"):
        write_workbook(dataset, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Số liệu báo cáo"]
    labels = {m.label("vi"): m for m in Measure}
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value in labels]
    assert [labels[c.value] for c in cells] == [f.measure for f in dataset.figures]
    former = {Measure.CLASSES: "số lớp", Measure.LEARNERS: "số học viên",
              Measure.CLASSES_ATTAINMENT: "% kế hoạch (số lớp)"}
    assert set(former) & {f.measure for f in dataset.figures} == set(former)
    for cell in cells:
        cell.value = former.get(labels[cell.value], cell.value)
    edited = tmp_path / "sua.xlsx"
    book.save(edited)
    assert cadretrain.read(edited).dataset.figures == dataset.figures


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(DatasetError) as caught:
        read_workbook(path)
    return [(p.path, p.message) for p in caught.value.problems]


def test_a_sheet_read_a_few_rows_at_a_time_reads_as_in_one_piece(
        template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader takes a sheet's rows some thousands at a time, column by
    # column: read two at a time, every record, problem and row number is the
    # same, and the problems come row by row as the sheet reads.
    from cadretrain.readers import xlsx as reader

    people = _people(9)  # rows 2..6, then an empty row 7, then rows 8..11
    people[1]["Ngày sinh"] = "1990"  # row 3
    people[4]["Ngày sinh"] = "31/02/1990"  # row 6, beside a missing name
    people[4]["Họ và tên"] = None
    people[7]["Mã học viên"] = None  # row 10
    people[8]["Tổ chức (mã)"] = 7  # row 11: read as the id "7", which is unknown
    rows = {"Tổ chức": [{"Mã tổ chức": "cb", "Tên tổ chức": "Chi bộ", "Loại": "chi bộ"}],
            "Học viên": [*people[:5], {}, *people[5:]]}
    bad = tmp_path / "loi.xlsx"
    _fill(template, bad, rows)
    good = tmp_path / "du-lieu.xlsx"
    _fill(template, good, {"Tổ chức": rows["Tổ chức"], "Học viên": _people(9)})
    whole, whole_good = _problems(bad), read_workbook(good).dataset
    monkeypatch.setattr(reader, "_ROWS_AT_ONCE", 2)
    assert _problems(bad) == whole
    assert read_workbook(good).dataset == whole_good
    assert len(whole_good.people) == 9
    birth, name, ident, org = (_col("Học viên", h) for h in
                               ("Ngày sinh", "Họ và tên", "Mã học viên", "Tổ chức (mã)"))
    assert [path for path, _message in whole] == [
        f"Học viên!{birth}3", f"Học viên!{name}6", f"Học viên!{birth}6", f"Học viên!{ident}10",
        f"Học viên!{org}11"]


def test_equal_values_of_different_types_in_a_column_are_each_read_by_their_type(
        template: Path, tmp_path: Path) -> None:
    # Each distinct value of a column is read once; True, 1 and 1.0 are equal
    # in Python, but a true/false cell is no number and a number is no id.
    attendance = _col("Kết quả học tập", "Chuyên cần")
    learners = [{"Mã lớp": "c1", "Mã học viên": f"p{i}", "Đơn vị cử (mã)": "cb",
                 "Chuyên cần": value} for i, value in enumerate([1.0, True, 1, "1", 0.5], 2)]
    path = tmp_path / "kieu.xlsx"
    _fill(template, path, {
        "Tổ chức": [{"Mã tổ chức": "cb", "Tên tổ chức": "Chi bộ", "Loại": "chi bộ"}],
        "Học viên": _people(5),
        "Lớp": [{"Mã lớp": "c1", "Loại lớp": "dang-vien-moi", "Bắt đầu": date(2018, 1, 15),
                 "Kết thúc": date(2018, 1, 20), "Đơn vị tổ chức (mã)": "cb"}],
        "Kết quả học tập": learners,
    })
    with i18n.language("en"):
        problems = _problems(path)
    assert problems == [(f"Kết quả học tập!{attendance}3",
                         'column "chuyên cần": "True" is not a number')]
    book = openpyxl.load_workbook(path)
    book["Kết quả học tập"][f"{attendance}3"].value = 1
    book.save(path)
    enrollments = read_workbook(path).dataset.classes[0].enrollments
    assert [e.result.attendance if e.result else None for e in enrollments] == \
        [Decimal(1), Decimal(1), Decimal(1), Decimal(1), Decimal("0.5")]
