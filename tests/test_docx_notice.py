"""A result notice filled into its once-made layout is the notice python-docx
builds, byte for byte (issue 17 item 1): same text, same structure, same file."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadretrain import load
from cadretrain.atomic import reproducible_zip
from cadretrain.exporters.api import DocumentFields
from cadretrain.exporters.docx.building import new_document
from cadretrain.exporters.docx.documents import (
    NoticeText,
    build_notices,
    notice_groups,
    render_docx,
    write_notice,
)
from cadretrain.exporters.docx.frame import _finish
from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.docx.notices import notice_docx
from cadretrain.metadata import ReportMeta
from cadretrain.model import Dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"
WHEN = datetime(2025, 12, 22)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE)


def _same_file(data: bytes) -> bytes:
    """``data`` as a pack writes it (reproducible, dated WHEN)."""
    out = io.BytesIO()
    reproducible_zip(io.BytesIO(data), out, WHEN)
    return out.getvalue()


def _built(text: NoticeText, frame: ReportMeta, layout: Layout) -> bytes:
    """The notice built element by element with python-docx."""
    doc = new_document(layout)
    write_notice(doc, text, layout)
    _finish(doc, frame, layout, "notices", None)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


METAS = [
    ReportMeta(issuer="Đảng ủy Cơ quan mẫu", place="Hà Nội"),
    ReportMeta(issuer="x", notice=DocumentFields(
        number="15-TB/TTBD", place="Đà Nẵng", date=date(2025, 3, 5), authority="T/M Ban Giám đốc",
        signer_title="Giám đốc", signer="Nguyễn Văn A & <B>",
        recipients=("Như trên,", "Ban Tổ chức,", "Lưu TTBD."))),
]


@pytest.mark.parametrize("meta", METAS)
def test_every_notice_of_the_sample_is_the_file_python_docx_makes(
    sample: Dataset, meta: ReportMeta
) -> None:
    compared = 0
    for record in sample.classes[:4]:  # python-docx takes ~0.1 s a notice
        if not record.enrollments:
            continue
        for org, _ in notice_groups(sample, record)[:4]:
            options = {"class": record.id, "organization": org}
            [(name, fast)] = render_docx(sample, document="notices", meta=meta, options=options)
            assert name == ""
            buffer = io.BytesIO()
            build_notices(sample, record.id, meta, only=org).save(buffer)
            assert _same_file(fast) == _same_file(buffer.getvalue()), (record.id, org)
            compared += 1
    assert compared >= 8


def test_split_notices_are_each_the_one_notice(sample: Dataset) -> None:
    record = next(c for c in sample.classes if c.enrollments)
    parts = render_docx(sample, document="notices", meta=METAS[0],
                        options={"class": record.id, "split": "true"})
    assert [org for org, _ in parts] == [org for org, _ in notice_groups(sample, record)]
    for org, data in parts:
        buffer = io.BytesIO()
        build_notices(sample, record.id, METAS[0], only=org).save(buffer)
        assert _same_file(data) == _same_file(buffer.getvalue())


# Texts as hostile as data gets: XML's special characters, tabs and line
# ends (python-docx makes them w:tab/w:br in a run, keeps them in a cell),
# edge spaces (xml:space), control characters (dropped), decomposed letters
# (NFC), letters whose capitals are longer (ß), empty texts (no run at all).
_TEXT = st.text(st.sampled_from(list("aăâđêôơưAĐ ßéé&<>\"'\t\n\r\x01\x0b-*/")), max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({f.name: _TEXT for f in attrs.fields(NoticeText)
                              if f.name not in ("recipients", "rows")}),
       st.lists(_TEXT, max_size=3),
       st.lists(st.tuples(*[_TEXT] * 7), min_size=1, max_size=3),
       st.sampled_from([Layout(), Layout(landscape=True, body_size=13)]))
def test_any_texts_fill_into_the_file_python_docx_makes(
    texts: dict[str, str], recipients: list[str], rows: list[tuple[str, ...]], layout: Layout
) -> None:
    text = NoticeText(**texts, recipients=tuple(recipients), rows=tuple(rows))
    frame = ReportMeta(issuer=texts["issuer"], kind="Thông báo", number=texts["number"],
                         title=texts["subject"])
    assert _same_file(notice_docx(text, frame, layout)) == _same_file(_built(text, frame, layout))
