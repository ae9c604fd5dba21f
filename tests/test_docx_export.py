"""Word exporter: documents open in LibreOffice, read back to the library's figures,
rosters in collation order, notices hold only their organization's learners."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import attrs
import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from cadretrain.attainment import attainment, year_period
from cadretrain.collation import sort_people
from cadretrain.exporters.api import (
    DocumentFields,
    ExportContext,
    ExportError,
    ReportMeta,
    meta_from_data,
)
from cadretrain.exporters.docx.documents import (
    DEFAULT_RECIPIENTS,
    build_notices,
    build_roster,
    export_docx,
    from_report_meta,
    meta_from_mapping,
    notice_groups,
)
from cadretrain.exporters.docx.layout import LayoutError, layout_from_options
from cadretrain.exporters.docx.plugin import EXPORTER
from cadretrain.exporters.docx.text import clean_text, forbidden_characters
from cadretrain.formatting import format_count, format_decimal, format_percent
from cadretrain.model import (
    ClassRecord,
    Dataset,
    Enrollment,
    Organization,
    OrganizationKind,
    Person,
)
from cadretrain.readers import load

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def _meta(**kw: object) -> ReportMeta:
    base: dict[str, object] = dict(issuer="Đảng ủy Cơ quan mẫu", number="5-TB/ĐU",
                                   place="Hà Nội", date=date(2025, 12, 31),
                                   authority="T/M Ban Thường vụ", signer_title="Bí thư",
                                   signer="Trần Thị B")
    base.update(kw)
    return ReportMeta(**base)  # type: ignore[arg-type]


SEED_OPTIONS = {"authority": "T/M Ban Thường vụ",
                "recipients": "Ban Tổ chức Trung ương,; Lưu Văn phòng Đảng ủy Khối."}


def _seed_meta() -> ReportMeta:
    with (SEED / "meta.toml").open("rb") as fh:
        data = tomllib.load(fh)
    # The example's file is the exporter interface's ReportMeta, and this module reads it too.
    assert meta_from_mapping(data, "meta.toml").number == "-BC/ĐUK"
    return from_report_meta(meta_from_data(data, source="meta.toml"), SEED_OPTIONS)


def _tables_text(path: Path) -> list[list[list[str]]]:
    doc = Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def _footers(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer")]


def _body_text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, sample: Dataset) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    seed = load(SEED / "dataset.toml")
    made = {
        "report": export_docx(seed, out / "report.docx", document="report",
                              meta=_seed_meta())[0],
        "roster": export_docx(sample, out / "roster.docx", document="roster", meta=_meta(),
                              options={"class": "cnkt-2024"})[0],
        "notices": export_docx(sample, out / "notices.docx", document="notices", meta=_meta(),
                               options={"class": "cnkt-2024"})[0],
    }
    return made


def test_every_kind_converts_in_libreoffice(documents: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, documents.values())],
        check=True, capture_output=True, timeout=180,
    )
    for kind, path in documents.items():
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.is_file(), f"{kind}: LibreOffice made no PDF"
        assert pdf.read_bytes().startswith(b"%PDF"), kind
        assert pdf.stat().st_size > 2000, kind


def test_report_reads_back_to_the_attainment_figures(documents: dict[str, Path]) -> None:
    seed = load(SEED / "dataset.toml")
    meta = _seed_meta()
    table = attainment(seed, period=year_period(meta.year) if meta.year else None)
    # The appendix (phụ lục) table, after the header and signature tables.
    rows = next(t for t in _tables_text(documents["report"]) if t[0][:2] == ["TT", "Loại lớp"])
    data = rows[1:]
    assert len(data) == len(table.rows) + 1
    for row, line in zip(data, [*table.rows, table.total], strict=True):
        assert row[3] == format_count(line.classes.actual)
        assert row[6] == format_count(line.learners.actual)
        assert row[2] == ("–" if line.classes.planned is None  # "a": derived from a %
                          else format_count(line.classes.planned) + "a")
    # The seed's printed percentages, as the library computes them.
    shown = {r[4] for r in data}
    assert {"162,5%", "150%", "100%"} <= shown
    text = _body_text(documents["report"])
    assert "Hà Nội, ngày 15 tháng 01 năm 2018" in "\n".join(
        c for r in _tables_text(documents["report"])[0] for c in r)
    # The results sentence of the planned classes: 28 classes, their learners, 147%.
    planned = [ln for ln in table.rows if ln.classes.planned is not None]
    assert (f"đã tổ chức 28 lớp cho {format_count(sum(ln.learners.actual for ln in planned))} "
            "học viên, đạt 147% so với kế hoạch") in text
    props = Document(str(documents["report"])).core_properties
    assert "cadretrain" in props.comments


def test_header_rows_repeat_and_rows_do_not_split(documents: dict[str, Path]) -> None:
    with zipfile.ZipFile(documents["roster"]) as zf:
        xml = zf.read("word/document.xml").decode()
    rows = xml.count("<w:tr>") + xml.count("<w:tr ")
    assert "<w:tblHeader/>" in xml
    # every row of the roster table keeps together (header tables have none)
    assert xml.count("<w:cantSplit/>") >= rows - 4
    # Page numbers at the top, from the second page (the first page's header is empty).
    with zipfile.ZipFile(documents["roster"]) as zf:
        headers = {n: zf.read(n).decode() for n in zf.namelist() if n.startswith("word/header")}
    assert "<w:titlePg/>" in xml
    assert sum("PAGE" in h for h in headers.values()) == 1, headers.keys()
    assert not any("PAGE" in zf_text for zf_text in _footers(documents["roster"]))


def test_roster_is_in_collation_order_with_sending_organizations(
    documents: dict[str, Path], sample: Dataset,
) -> None:
    record = next(c for c in sample.classes if c.id == "cnkt-2024")
    names = {p.id: p.full_name for p in sample.people}
    orgs = {o.id: o.name for o in sample.organizations}
    rows = _tables_text(documents["roster"])[1][1:]
    expected = sort_people([names[e.person] for e in record.enrollments or ()])
    assert [r[1] for r in rows] == expected
    by_name = {names[e.person]: e for e in record.enrollments or ()}
    assert all(r[3] == orgs[by_name[r[1]].sending_organization] for r in rows)
    # Results read back as the formatting module writes them.
    for r in rows:
        result = by_name[r[1]].result
        assert result is not None and result.attendance is not None
        assert result.essay_grade is not None
        assert r[4] == format_percent(result.attendance, 0)
        assert r[5] == format_decimal(result.essay_grade, 1)


def test_notices_hold_only_their_own_learners(documents: dict[str, Path], sample: Dataset) -> None:
    record = next(c for c in sample.classes if c.id == "cnkt-2024")
    names = {p.id: p.full_name for p in sample.people}
    groups = notice_groups(sample, record)
    # Tables alternate: header, learners, signature, per notice.
    tables = _tables_text(documents["notices"])
    learner_tables = [t for t in tables if t and t[0][:2] == ["TT", "Họ và tên"]]
    assert len(learner_tables) == len(groups)
    for (_, enrollments), table in zip(groups, learner_tables, strict=True):
        assert sorted(r[1] for r in table[1:]) == sorted(names[e.person] for e in enrollments)


names_st = st.sampled_from(["Nguyễn Văn An", "Lê Thị Ánh", "Trần Ân", "Đỗ Đức Anh",
                            "Phạm Ngọc Ẩn", "Vũ Thị Ư", "Hồ Bình"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names_st, st.integers(0, 3)), min_size=1, max_size=12))
def test_property_a_notice_never_holds_another_organizations_learner(
    learners: list[tuple[str, int]],
) -> None:
    orgs = tuple(Organization(id=f"cb{i}", name=f"Chi bộ {i}", kind=OrganizationKind.BRANCH)
                 for i in range(4))
    people = tuple(Person(id=f"p{i}", full_name=f"{n} {i}", organization=f"cb{o}")
                   for i, (n, o) in enumerate(learners))
    record = ClassRecord(id="lop", course_type="dang-vien-moi", start=date(2025, 1, 6),
                         end=date(2025, 1, 10), host="cb0",
                         enrollments=tuple(Enrollment(person=p.id,
                                                      sending_organization=p.organization)
                                           for p in people))
    ds = Dataset(organizations=orgs, people=people, classes=(record,))
    for org in {p.organization for p in people}:
        doc = build_notices(ds, "lop", _meta(), only=org)
        shown = {row.cells[1].text for t in doc.tables for row in t.rows[1:]
                 if len(row.cells) > 3}
        assert shown == {p.full_name for p in people if p.organization == org}


def test_control_characters_are_cleaned_and_the_file_is_sound(tmp_path: Path) -> None:
    bad = "Nguyễn\x01 Văn\x0bAn\x1f"
    assert forbidden_characters(bad) == ["U+0001", "U+000B", "U+001F"]
    assert clean_text(bad) == "Nguyễn Văn An"
    person = Person(id="p1", full_name=bad, organization="cb")
    ds = Dataset(
        organizations=(Organization(id="cb", name="Chi bộ\x02 1", kind=OrganizationKind.BRANCH),),
        people=(person,),
        classes=(ClassRecord(id="lop", course_type="dang-vien-moi", start=date(2025, 1, 6),
                             end=date(2025, 1, 10), host="cb",
                             enrollments=(Enrollment(person="p1", sending_organization="cb"),)),),
    )
    path = export_docx(ds, tmp_path / "r.docx", document="roster", meta=_meta(signer="A\x07"),
                       options={"class": "lop"})[0]
    rows = _tables_text(path)[1]
    assert rows[1][1] == "Nguyễn Văn An"
    assert rows[1][3] == "Chi bộ 1"


def test_bad_input_is_a_clear_error_and_no_file(tmp_path: Path, sample: Dataset) -> None:
    target = tmp_path / "x.docx"
    with pytest.raises(ExportError, match="'nope' is not in the dataset"):
        export_docx(sample, target, document="roster", meta=_meta(), options={"class": "nope"})
    with pytest.raises(ExportError, match="needs --option class"):
        export_docx(sample, target, document="notices", meta=_meta())
    with pytest.raises(LayoutError, match="margin_left_mm"):
        layout_from_options({"margin_left_mm": "wide"})
    with pytest.raises(ExportError) as err:
        meta_from_mapping({"date": "15/01/2018", "year": "2017", "colour": "red"}, "meta.toml")
    message = str(err.value)
    for part in ("meta.toml: date", "meta.toml: year", "meta.toml: colour", "issuer: missing"):
        assert part in message
    assert not target.exists()


def test_options_and_template_change_the_layout(tmp_path: Path, sample: Dataset) -> None:
    first = export_docx(sample, tmp_path / "a.docx", document="roster", meta=_meta(),
                        options={"class": "dvm-2024", "margin_left_mm": "35",
                                 "landscape": "true"})[0]
    section = Document(str(first)).sections[0]
    assert round(section.left_margin.mm) == 35
    assert section.page_width > section.page_height
    # A template: its styles survive, its body does not.
    template = Document()
    template.styles["Normal"].font.name = "Arial"
    template.add_paragraph("THƯ MẪU CỦA CƠ QUAN")
    template.save(str(tmp_path / "letterhead.docx"))
    second = export_docx(sample, tmp_path / "b.docx", document="roster", meta=_meta(),
                         options={"class": "dvm-2024",
                                  "template": str(tmp_path / "letterhead.docx")})[0]
    doc = Document(str(second))
    assert doc.styles["Normal"].font.name == "Arial"
    assert "THƯ MẪU" not in "\n".join(p.text for p in doc.paragraphs)


def test_split_notices_write_one_file_per_organization(tmp_path: Path, sample: Dataset) -> None:
    record = next(c for c in sample.classes if c.id == "dvm-2025a")
    files = export_docx(sample, tmp_path / "tb.docx", document="notices", meta=_meta(),
                        options={"class": "dvm-2025a", "split": "true"})
    assert [f.name for f in files] == [f"tb-{org}.docx" for org, _ in
                                       notice_groups(sample, record)]
    assert all(f.is_file() for f in files)


def test_importing_cadretrain_does_not_load_python_docx() -> None:
    code = "import sys, cadretrain, cadretrain.collation; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.usefixtures("vietnamese")
def test_report_with_findings_lists_each_and_records_the_rule_set(
    tmp_path: Path, sample: Dataset,
) -> None:
    from cadretrain.rules import check

    result = check(sample, date(2025, 12, 31))
    assert result.findings  # co-quan-mau plants cases the default rules find
    path = export_docx(sample, tmp_path / "r.docx", document="report",
                       meta=_meta(year=2025), findings=result)[0]
    tables = _tables_text(path)
    listed = next(t for t in tables if t[0] == ["TT", "Mức độ", "Đối tượng", "Nội dung"])
    assert [r[3].split(". Căn cứ: ")[0] for r in listed[1:]] == [
        f.message_vi for f in result.findings]
    # each finding shows the article and the sentence of the text it rests on
    for row, f in zip(listed[1:], result.findings, strict=True):
        for c in f.basis:
            assert c.article in row[3] and f"“{c.quote}”" in row[3]
        if not f.basis:
            assert row[3].endswith(f"Căn cứ: {f.regulation}.")
    assert any(f.basis for f in result.findings)
    comments = Document(str(path)).core_properties.comments
    assert result.ruleset_version in comments
    assert result.ruleset_version in _body_text(path)


def test_plugin_writes_each_document_to_the_stream(tmp_path: Path, sample: Dataset) -> None:
    import io

    from cadretrain import i18n

    context = ExportContext(dataset=sample, meta=ReportMeta(issuer="Đảng ủy Cơ quan mẫu",
                                                           number="3-BC/ĐU"), year=2025)
    assert EXPORTER.documents[0] == "report"
    out = io.BytesIO()
    with i18n.language("vi"):  # the report as a Vietnamese user gets it
        EXPORTER.export(context, "report", {"findings": "no",
                                            "authority": "T/M Ban Thường vụ"}, out)
    path = tmp_path / "r.docx"
    path.write_bytes(out.getvalue())
    header = "\n".join(c for r in _tables_text(path)[0] for c in r)
    assert "Số 3-BC/ĐU" in header and "ĐẢNG ỦY CƠ QUAN MẪU" in header
    assert "T/M BAN THƯỜNG VỤ" in "\n".join(c for t in _tables_text(path) for r in t for c in r)
    record = next(c for c in sample.classes if c.id == "dvm-2025a")
    archive = io.BytesIO()
    EXPORTER.export(context, "notices", {"class": "dvm-2025a", "split": "true"}, archive)
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == [f"{org}.docx" for org, _ in notice_groups(sample, record)]
    with pytest.raises(ExportError, match="unknown document"):
        EXPORTER.export(context, "letter", {}, io.BytesIO())


@pytest.mark.usefixtures("vietnamese")
def test_export_command_writes_a_docx_or_fails_naming_the_class(tmp_path: Path) -> None:
    from cadretrain.cli import main

    out = tmp_path / "ds.docx"
    assert main(["export", str(SAMPLE), "--to", "docx", "--document", "roster",
                 "--option", "class=dvm-2024", "-o", str(out)]) == 0
    assert Document(str(out)).tables[1].rows[0].cells[1].text == "Họ và tên"
    bad = tmp_path / "bad.docx"
    assert main(["export", str(SAMPLE), "--to", "docx", "--document", "roster",
                 "--option", "class=nope", "-o", str(bad)]) != 0
    assert not bad.exists()


@pytest.mark.usefixtures("vietnamese")
def test_authority_and_recipients_come_from_the_metadata_and_options_override_them() -> None:
    with (SEED / "meta.toml").open("rb") as fh:
        report_meta = meta_from_data(tomllib.load(fh), source="meta.toml")
    from_file = from_report_meta(report_meta)
    assert from_file.authority == "T/M Ban Thường vụ"
    assert from_file.recipients == ("Ban Tổ chức Trung ương,", "Các đảng ủy trực thuộc,",
                                    "Lưu Văn phòng Đảng ủy Khối.")
    overridden = from_report_meta(report_meta, {"authority": "T/M Đảng ủy",
                                                "recipients": "Như trên,; Lưu."})
    assert overridden.authority == "T/M Đảng ủy"
    assert overridden.recipients == ("Như trên,", "Lưu.")
    bare = from_report_meta(attrs.evolve(report_meta, authority="", recipients=()))
    assert bare.authority == ""
    assert bare.recipients == DEFAULT_RECIPIENTS == ("Như trên,", "Lưu Văn phòng.")


@pytest.mark.usefixtures("vietnamese")
def test_a_class_line_uses_the_title_as_is_or_names_the_course(sample: Dataset) -> None:
    conference = next(c for c in sample.classes if c.id == "cnkt-2025")
    assert conference.title is not None and conference.title.startswith("Hội nghị")
    untitled = attrs.evolve(next(c for c in sample.classes if c.id == "dvm-2025a"),
                            title=None, code=None)
    ds = attrs.evolve(sample, classes=(conference, untitled))
    for record in ds.classes:
        body = [p.text for p in build_roster(ds, record.id, _meta()).paragraphs]
        line = next(t for t in body if t.endswith(f"đến {record.end:%d/%m/%Y}"))
        assert "Lớp Lớp" not in line and "Lớp Hội nghị" not in line
        if record.title:
            assert line.startswith(record.title)
        else:
            assert line.startswith("Lớp bồi dưỡng lý luận chính trị cho đảng viên mới, từ")


@pytest.mark.usefixtures("vietnamese")
def test_an_unsigned_document_keeps_no_signature_space_and_ends_with_a_paragraph(
    sample: Dataset,
) -> None:
    # A roster with no signer and no recipients has no signature block at all.
    doc = build_roster(sample, "nvctd-2025", ReportMeta(issuer="Đảng bộ Cơ quan mẫu"))
    assert "Nơi nhận" not in "\n".join(c.text for t in doc.tables for r in t.rows
                                        for c in r.cells)
    body = list(doc.element.body)
    assert body[-1].tag.endswith("}sectPr") and body[-2].tag.endswith("}p")
    # With recipients but nobody signing: no empty space kept for a signature.
    doc = build_roster(sample, "nvctd-2025", ReportMeta(
        issuer="Đảng bộ Cơ quan mẫu",
        roster=DocumentFields(recipients=("Lưu Trung tâm.",))))
    body = list(doc.element.body)
    assert body[-1].tag.endswith("}sectPr")
    assert body[-2].tag.endswith("}p")  # never a table last: no spill-over paragraph
    signature = doc.tables[-1]
    assert signature.rows[0].cells[0].text.startswith("Nơi nhận:")
    assert signature.rows[0].cells[1].text == ""
    assert all(p.paragraph_format.space_after in (None, 0)
               for p in signature.rows[0].cells[1].paragraphs)
    assert signature.rows[0]._tr.trPr is not None
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_roster_that_fills_its_page_has_no_blank_second_page(
    sample: Dataset, tmp_path: Path,
) -> None:
    # nvctd-2025's 13 learners fill the first page; an empty paragraph or an
    # empty signature after them used to spill onto a blank second page.
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if soffice is None or pdfinfo is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdfinfo) is not installed")
    path = tmp_path / "roster.docx"
    export_docx(sample, path, document="roster", meta=ReportMeta(issuer="Đảng bộ Cơ quan mẫu"),
                options={"class": "nvctd-2025"})
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    info = subprocess.run([pdfinfo, str(tmp_path / "roster.pdf")], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
