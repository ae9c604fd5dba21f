"""The Excel exporter through the exporter interface (entry point ``xlsx``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import cadretrain
from cadretrain import i18n
from cadretrain.exporters.api import ExportContext, ExportError, ReportMeta
from cadretrain.exporters.xlsx.plugin import EXPORTER
from cadretrain.exporters.xlsx.workbook import PLAN_SHEET, as_read_back

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def _rows(path: Path, sheet: str) -> list[list[object]]:
    rows: list[list[object]] = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        sheet).to_python(skip_empty_area=False)
    return rows


def test_the_workbook_document_holds_the_contexts_figures_and_reads_back(
        tmp_path: Path) -> None:
    dataset = cadretrain.load(SAMPLE)
    context = ExportContext(dataset=dataset, meta=ReportMeta(), year=2025)
    out = io.BytesIO()
    with i18n.language("vi"):
        EXPORTER.export(context, EXPORTER.documents[0], {"source": "co-quan-mau.json"}, out)
    path = tmp_path / "x.xlsx"
    path.write_bytes(out.getvalue())
    assert cadretrain.load(path) == as_read_back(dataset)
    plan = _rows(path, "Kế hoạch - Thực hiện")
    assert len(plan) == len(context.attainment.lines) + 2  # header, lines, total
    # The total row is formulas (no value until a spreadsheet computes it): its parts.
    assert sum(float(str(r[4])) for r in plan[1:-1]) == context.attainment.total.classes.actual
    assert str(plan[-1][4]) == ""
    source = {r[0]: r[1] for r in _rows(path, "Nguồn dữ liệu") if r and r[0]}
    assert source["Bộ quy tắc"] == context.findings.ruleset_version
    assert source["Tệp dữ liệu"] == "co-quan-mau.json"
    assert source["Kỳ (Kế hoạch - Thực hiện)"] == "01/01/2025 - 31/12/2025"
    findings = _rows(path, "Phát hiện")
    assert len(findings) == len(context.findings.findings) + 1
    # The same document in English: English labels and dates, the same data.
    out = io.BytesIO()
    with i18n.language("en"):
        EXPORTER.export(context, EXPORTER.documents[0], {"source": "co-quan-mau.json"}, out)
    path.write_bytes(out.getvalue())
    assert cadretrain.load(path) == as_read_back(dataset)
    assert _rows(path, PLAN_SHEET)[0][:3] == ["No.", "Course type", "Unit"]
    source = {r[0]: r[1] for r in _rows(path, "Data source") if r and r[0]}
    assert source["Rule set"] == context.findings.ruleset_version
    assert source["Period (Plan and actual)"] == "January 1, 2025 - December 31, 2025"


def test_the_template_document_and_bad_options(tmp_path: Path) -> None:
    assert EXPORTER.name == "xlsx" and EXPORTER.extension == ".xlsx"
    context = ExportContext(dataset=cadretrain.Dataset(), meta=ReportMeta())
    out = io.BytesIO()
    EXPORTER.export(context, "template", {}, out)
    path = tmp_path / "mau.xlsx"
    path.write_bytes(out.getvalue())
    assert cadretrain.load(path) == cadretrain.Dataset()
    with pytest.raises(ExportError, match="colour"):
        EXPORTER.export(context, "workbook", {"colour": "red"}, io.BytesIO())
    with pytest.raises(ExportError, match="findings"):
        EXPORTER.export(context, "workbook", {"findings": "maybe"}, io.BytesIO())
    with pytest.raises(ExportError, match="report"):
        EXPORTER.export(context, "report", {}, io.BytesIO())


def test_the_xlsx_exporter_is_found_through_its_entry_point(tmp_path: Path) -> None:
    import subprocess
    import sys

    from cadretrain.exporters import available_exporters, export_file

    found = {i.exporter.name: i for i in available_exporters()}
    assert found["xlsx"].exporter is EXPORTER
    context = ExportContext(dataset=cadretrain.load(SAMPLE), meta=ReportMeta(), year=2025)
    path = export_file(found["xlsx"], context, tmp_path / "bao-cao.xlsx")
    assert cadretrain.load(path) == as_read_back(context.dataset)
    # Discovering exporters loads no spreadsheet library; writing one does.
    code = ("import sys; from cadretrain.exporters import available_exporters; "
            "assert 'xlsx' in {i.exporter.name for i in available_exporters()}; "
            "assert 'openpyxl' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
