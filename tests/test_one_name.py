"""One name for one concept, and writers that take a path or a stream (issue 15).

The Word exporter's DocumentMeta and the interface's ReportMeta are one type;
the workbook's row of a finding is FindingRow, not a second Finding; the old
names still work, with a DeprecationWarning. Every writer accepts a binary
stream and gives it the very bytes it writes to a file.
"""

from __future__ import annotations

import io
import warnings
from datetime import date
from pathlib import Path
from typing import get_args

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import cadretrain
from cadretrain.exporters import ExportContext, ReportMeta, available_exporters
from cadretrain.exporters.run import export_file
from cadretrain.metadata import DOCUMENT_KINDS, DocumentKind, is_document_kind
from cadretrain.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def test_document_meta_is_report_meta_under_a_deprecated_name() -> None:
    import cadretrain.exporters.api as api
    import cadretrain.exporters.docx.documents as documents
    import cadretrain.metadata as metadata

    with pytest.warns(DeprecationWarning, match="ReportMeta"):
        old = documents.DocumentMeta  # type: ignore[attr-defined]
    assert old is ReportMeta is api.ReportMeta is metadata.ReportMeta
    # what the Word exporter's type held, the one type holds: kind and body too
    meta = old(issuer="Đảng ủy", kind="Thông báo", body=("Đoạn một.",))
    assert isinstance(meta, ReportMeta) and meta.kind == "Thông báo"
    assert documents.to_report_meta(meta).sections.situation == "Đoạn một."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ReportMeta().kind == "Báo cáo"  # the new name warns of nothing


def test_the_workbook_row_of_a_finding_is_finding_row() -> None:
    import cadretrain.exporters.xlsx.workbook as workbook
    from cadretrain.rules import Finding

    with pytest.warns(DeprecationWarning, match="FindingRow"):
        old = workbook.Finding  # type: ignore[attr-defined]
    assert old is workbook.FindingRow and old is not Finding
    with pytest.raises(AttributeError):
        workbook.NoSuchName  # type: ignore[attr-defined]  # noqa: B018


def test_document_kinds_are_a_literal() -> None:
    from cadretrain.exporters.docx.documents import DOCUMENTS

    assert DOCUMENT_KINDS == get_args(DocumentKind) == DOCUMENTS == ("report", "roster",
                                                                      "notices")
    assert is_document_kind("roster") and not is_document_kind("Roster")


def _context() -> ExportContext:
    dataset = cadretrain.read(SAMPLE).dataset
    return ExportContext(dataset=dataset, meta=ReportMeta(issuer="Đảng ủy Cơ quan mẫu",
                                                          date=date(2025, 12, 31)),
                         year=2025, on=date(2025, 12, 31))


@pytest.mark.parametrize("name", ["json", "xlsx", "docx"])
def test_every_exporter_writes_to_a_stream_the_bytes_of_its_file(tmp_path: Path,
                                                                 name: str) -> None:
    installed = {i.exporter.name: i for i in available_exporters(plugins=False)}[name]
    context = _context()
    path = tmp_path / f"out.{name}"
    assert export_file(installed, context, path) == path
    stream = io.BytesIO()
    assert export_file(installed, context, stream) is None
    assert stream.getvalue() == path.read_bytes() and len(path.read_bytes()) > 1000


def test_the_workbook_and_word_writers_take_a_stream(tmp_path: Path) -> None:
    from cadretrain.exporters.docx.documents import build_roster, export_docx, save_document
    from cadretrain.exporters.xlsx.workbook import write_workbook

    dataset = cadretrain.read(SAMPLE).dataset
    write_workbook(dataset, tmp_path / "a.xlsx")
    stream = io.BytesIO()
    write_workbook(dataset, stream)
    assert stream.getvalue() == (tmp_path / "a.xlsx").read_bytes()

    meta = ReportMeta(issuer="Đảng ủy Cơ quan mẫu", date=date(2025, 12, 31))
    written = export_docx(dataset, tmp_path / "r.docx", document="roster", meta=meta,
                          options={"class": "nvctd-2025"})
    stream = io.BytesIO()
    assert export_docx(dataset, stream, document="roster", meta=meta,
                       options={"class": "nvctd-2025"}) == []
    assert stream.getvalue() == written[0].read_bytes()

    doc = build_roster(dataset, "nvctd-2025", meta)
    save_document(doc, tmp_path / "s.docx")
    stream = io.BytesIO()
    save_document(doc, stream)
    assert stream.getvalue() == (tmp_path / "s.docx").read_bytes()


def test_split_notices_refuse_a_stream_and_a_failure_writes_nothing_to_it() -> None:
    from cadretrain.exporters import ExportError
    from cadretrain.exporters.docx.documents import export_docx

    dataset = cadretrain.read(SAMPLE).dataset
    meta = ReportMeta(issuer="Đảng ủy Cơ quan mẫu")
    record = next(c for c in dataset.classes if c.enrollments)
    stream = io.BytesIO()
    with pytest.raises(ExportError, match="give a path"):
        export_docx(dataset, stream, document="notices", meta=meta,
                    options={"class": record.id, "split": "true"})
    with pytest.raises(ExportError):
        export_docx(dataset, stream, document="roster", meta=meta, options={"class": "nope"})
    assert stream.getvalue() == b""
    assert attrs.has(ReportMeta)


def test_the_json_export_document_kinds_are_a_literal() -> None:
    from cadretrain.exporters.json import (
        DOCUMENTS,
        ExportDocument,
        is_export_document,
        load_export,
    )

    assert DOCUMENTS == get_args(ExportDocument) == ("full", "dataset", "attainment",
                                                     "findings", "report")
    assert is_export_document("findings") and not is_export_document("Findings")
    with pytest.raises(ValueError, match="document 'everything'"):
        load_export({"document": "everything"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets())
def test_attainment_rows_mean_what_their_grouping_says(dataset: cadretrain.Dataset) -> None:
    from cadretrain.attainment import attainment

    for by in ("course-type", "organization"):
        table = attainment(dataset, by=by)  # type: ignore[arg-type]
        rows = table.rows
        # the rows of either grouping add up to the total, one row per key
        for measure in ("classes", "learners"):
            assert sum(getattr(r, measure).actual for r in rows) == \
                getattr(table.total, measure).actual
        assert len({(r.organization, r.course_types) for r in rows}) == len(rows)
        if by == "course-type":
            assert rows == table.by_course_type
            assert all(r.organization is None for r in rows)
        else:
            assert rows == table.lines
            assert all(r.organization is not None for r in rows)
        # the roll-up: one row per organization, across its course types
        assert all(r.organization is not None and r.course_types == ()
                   for r in table.by_organization)
        assert len({r.organization for r in table.by_organization}) == len(table.by_organization)
        assert table.total.organization is None and table.total.course_types == ()


def test_the_number_line_is_one_function_for_the_report_and_every_word_document() -> None:
    from cadretrain import i18n, metadata
    from cadretrain.exporters.docx import documents, frame, result_notice
    from cadretrain.report import compute_report

    assert documents.number_line is frame.number_line is result_notice.number_line \
        is metadata.number_line
    with i18n.language("vi"):
        # A number still to be given leaves room to write it in, in the computed
        # report as in the Word documents.
        assert metadata.number_line("-BC/ĐUK") == "Số " + " " * 6 + "-BC/ĐUK"
        report = compute_report(cadretrain.load("examples/dang-uy-khoi-2017/dataset.toml"),
                                metadata.ReportMeta(number="12-BC/ĐUK"))
        assert report.number_line == "Số 12-BC/ĐUK"
    assert metadata.number_line("") == ""
