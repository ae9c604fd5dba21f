"""The party format of Hướng dẫn 36-HD/VPTW where it is explicit, and result
notices as documents of their own (issue 13, items 5 and 6)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import attrs
import pytest
from docx import Document
from docx.shared import Pt

from cadretrain.exporters.api import DocumentFields, ReportMeta, read_meta
from cadretrain.exporters.docx.documents import (
    Lookups,
    build_notices,
    build_roster,
    export_docx,
    from_report_meta,
    notice_frame,
    notice_groups,
)
from cadretrain.formatting import format_date
from cadretrain.model import Dataset
from cadretrain.readers import load

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

REPORT_META = ReportMeta(issuer="Đảng ủy Cơ quan mẫu", number="210-BC/ĐU", place="Hà Nội",
                           date=date(2025, 12, 22), authority="T/M Ban Thường vụ",
                           signer_title="Bí thư", signer="Phạm Quốc Khánh Z",
                           recipients=("Ban Tổ chức Trung ương,", "Lưu Văn phòng Đảng ủy."))


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE)


def _all_text(doc: object) -> str:
    parts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.usefixtures("vietnamese")
def test_a_notice_is_a_thong_bao_of_the_host_and_nothing_of_the_report_leaks(
    sample: Dataset,
) -> None:
    record = next(c for c in sample.classes if c.id == "nvctd-2025")
    doc = build_notices(sample, "nvctd-2025", REPORT_META)
    text = _all_text(doc)
    host = next(o for o in sample.organizations if o.id == record.host)
    parent = next(o for o in sample.organizations if o.id == host.parent)
    header = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert host.name.upper() in header[0] and parent.name.upper() in header[0]
    assert re.fullmatch(rf"Số\s+-TB/{host.short_name}", header[2]), header[2]
    # Dated at the class's end, at the report's place.
    assert header[3] == f"Hà Nội, {format_date(record.end)}"
    assert "THÔNG BÁO" in text
    for org, _ in notice_groups(sample, record):
        assert f"Kính gửi: {Lookups.of(sample).name(org)}" in text
    # Signed by the host; the report's number, date, signer and Nơi nhận never appear.
    assert f"T/M {host.name}".upper() in text
    for leaked in ("210-BC/ĐU", format_date(date(2025, 12, 22)), "KHÁNH Z",
                   "Khánh Z", "Ban Tổ chức Trung ương", "Lưu Văn phòng Đảng ủy.",
                   "BAN THƯỜNG VỤ"):
        assert leaked not in text, leaked
    assert "Như trên," in text


@pytest.mark.usefixtures("vietnamese")
def test_notice_and_roster_metadata_come_from_the_meta_file(tmp_path: Path,
                                                            sample: Dataset) -> None:
    meta_file = tmp_path / "meta.toml"
    meta_file.write_text(
        'issuer = "Đảng ủy Cơ quan mẫu"\nnumber = "210-BC/ĐU"\nplace = "Hà Nội"\n'
        'date = 2025-12-22\n'
        '[notice]\nnumber = "15-TB/TTBD"\ndate = 2025-07-01\nsigner_title = "Giám đốc"\n'
        'signer = "Lê Văn C"\nrecipients = ["Như trên,", "Lưu Trung tâm."]\n'
        '[roster]\nplace = "TP. Hồ Chí Minh"\n', encoding="utf-8")
    meta = from_report_meta(read_meta(meta_file))
    assert meta.notice == DocumentFields(number="15-TB/TTBD", date=date(2025, 7, 1),
                                         signer_title="Giám đốc", signer="Lê Văn C",
                                         recipients=("Như trên,", "Lưu Trung tâm."))
    text = _all_text(build_notices(sample, "nvctd-2025", meta))
    for shown in ("Số 15-TB/TTBD", "Hà Nội, ngày 01 tháng 7 năm 2025", "GIÁM ĐỐC",
                  "Lê Văn C", "- Lưu Trung tâm."):
        assert shown in text, shown
    assert "T/M" not in text  # the meta file names the signer: no default T/M line
    roster = build_roster(sample, "nvctd-2025", meta)
    record = next(c for c in sample.classes if c.id == "nvctd-2025")
    header = [c.text for row in roster.tables[0].rows for c in row.cells]
    assert header[3] == f"TP. Hồ Chí Minh, {format_date(record.end)}"
    assert "210-BC/ĐU" not in _all_text(roster)


@pytest.mark.usefixtures("vietnamese")
def test_notice_frames_are_built_from_the_class_and_prebuilt_lookups(sample: Dataset) -> None:
    lookups = Lookups.of(sample)
    for record in sample.classes:
        frame = notice_frame(record, lookups, DocumentFields(), place="Hà Nội")
        assert frame.issuer == lookups.name(record.host)
        assert frame.date == record.end and frame.kind == "Thông báo"
        assert frame.number.startswith("-TB")


def test_header_lines_are_14_pt_and_the_seed_header_is_the_committees(tmp_path: Path) -> None:
    seed = load(SEED / "dataset.toml")
    path = export_docx(seed, tmp_path / "r.docx", document="report",
                       meta=from_report_meta(read_meta(SEED / "meta.toml")))[0]
    doc = Document(str(path))
    left = doc.tables[0].rows[0].cells[0]
    texts = [p.text for p in left.paragraphs]
    assert texts == ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW", "*"]  # no superior line above it
    sizes = {r.font.size for p in left.paragraphs[:1] for r in p.runs}
    assert sizes == {Pt(14)}
    with_superior = build_roster(load(SAMPLE), "nvctd-2025",
                                 attrs.evolve(REPORT_META, superior="Đảng bộ Khối"))
    first = with_superior.tables[0].rows[0].cells[0].paragraphs
    assert [r.font.size for p in first[:2] for r in p.runs] == [Pt(14), Pt(14)]


@pytest.mark.slow
def test_page_numbers_are_at_the_top_from_the_second_page(tmp_path: Path,
                                                         sample: Dataset) -> None:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    path = export_docx(sample, tmp_path / "ds.docx", document="roster", meta=REPORT_META,
                       options={"class": "cnkt-2024"})[0]  # 95 learners: several pages
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pages = subprocess.run([pdftotext, "-layout", str(tmp_path / "ds.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    assert not pages[0].strip().splitlines()[0].strip().isdigit()
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number)
