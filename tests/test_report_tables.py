"""Year-on-year and partners in every output (issue 12, lines 8 and 9): the
computed report holds them as tables, and the Word report, the workbook (live
formulas, recalculated by LibreOffice) and the JSON export show the same."""

from __future__ import annotations

import io
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import attrs
import docx
import pytest

import cadretrain
from cadretrain.exporters.api import ReportMeta
from cadretrain.exporters.xlsx.workbook import (
    COMPARISON_SHEET,
    PARTNERS_SHEET,
    SourceInfo,
    build_workbook,
)
from cadretrain.model import Measure
from cadretrain.pack import build_pack
from cadretrain.partners import partners
from cadretrain.report import comparison_table, compute_report, partner_table
from cadretrain.year_on_year import year_on_year

ROOT = Path(__file__).resolve().parents[1]
MINH_HOA = ROOT / "examples" / "huyen-minh-hoa" / "dataset.toml"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
HALF = (date(2025, 1, 1), date(2025, 6, 30))


def _texts(table: object) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize("period", [YEAR, HALF])
def test_the_comparison_is_the_year_on_year_table_with_each_figure(
        period: tuple[date, date]) -> None:
    dataset = cadretrain.load(MINH_HOA)
    report = compute_report(dataset, ReportMeta(year=2025), period=period)
    table = report.comparison
    assert table is not None and table == comparison_table(dataset, period)
    compared = year_on_year(dataset, period)
    assert len(table.rows) == len(compared.rows) + 1 and table.total_last
    for cells, row in zip(table.rows, (*compared.rows, compared.total), strict=True):
        for offset, measure in ((2, Measure.CLASSES_ATTAINMENT), (5, Measure.LEARNERS_ATTAINMENT)):
            now, then, change = cells[offset:offset + 3]
            assert now.figure is not None and now.figure.value == row.current.of(measure).actual
            assert then.figure is not None and then.figure.value == row.previous.of(measure).actual
            ratio = row.change(measure)
            if ratio is None:
                assert change.figure is None and change.text == "–"
            else:
                assert change.figure is not None and change.figure.exact == ratio
    # The half year against the first half of 2024: 180 classes against 150.
    if period == HALF:
        assert _texts(table)[0][2:5] == ["180", "150", "120,0%"]
        assert "6 tháng đầu năm 2025 và 6 tháng đầu năm 2024" in table.title


def test_no_comparison_when_the_data_holds_no_earlier_period() -> None:
    dataset = cadretrain.load(MINH_HOA)
    earliest = compute_report(dataset, ReportMeta(year=2024))
    assert earliest.comparison is None  # nothing in 2023
    assert compute_report(dataset, ReportMeta()).comparison is None  # no period: all data


@pytest.mark.usefixtures("vietnamese")
def test_partners_are_listed_by_partner_with_their_counts() -> None:
    dataset = cadretrain.load(MINH_HOA)
    report = compute_report(dataset, ReportMeta(year=2025))
    table = report.partners
    assert table is not None and table == partner_table(dataset, YEAR)
    lines = partners(dataset, period=YEAR)
    assert [[c.text for c in row][1:] for row in table.rows] == [
        ["Trường Chính trị tỉnh Minh Họa", "Sơ cấp lý luận chính trị", "3", "210"]]
    assert [row[3].figure.value for row in table.rows] == [ln.classes for ln in lines]  # type: ignore[union-attr]
    # A class with two co-hosts is under each, and the notes say the lines do not add up.
    group = next(g for g in dataset.class_groups if g.co_hosts and g.period_start.year == 2025)
    other = next(o.id for o in dataset.organizations if o.id not in group.co_hosts
                 and o.id != group.host)
    twice = attrs.evolve(dataset, class_groups=tuple(
        attrs.evolve(g, co_hosts=(*g.co_hosts, other)) if g.id == group.id else g
        for g in dataset.class_groups))
    both = partner_table(twice, YEAR)
    assert both is not None and len(both.rows) == 2
    assert any("không cộng thành tổng" in note for note in both.notes)
    assert not any("không cộng thành tổng" in note for note in table.notes)
    assert partner_table(dataset, (date(2024, 1, 1), date(2024, 12, 31))) is None


def test_the_word_report_shows_both_tables() -> None:
    dataset = cadretrain.load(MINH_HOA)
    pack = build_pack(dataset, year=2025, notices=False)
    report = pack._context.report
    assert report.comparison is not None and report.partners is not None
    word = next(f for f in pack.files if f.exporter == "docx")
    document = docx.Document(io.BytesIO(word.content))
    shown = [[cell.text for cell in row.cells] for t in document.tables for row in t.rows]
    for table in (report.comparison, report.partners):
        for row in _texts(table):
            assert row in shown, row
    text = "\n".join(p.text for p in document.paragraphs)
    assert report.comparison.title in text and report.partners.title in text
    assert all(note in text for note in (*report.comparison.notes, *report.partners.notes))


def test_the_json_export_holds_both_tables() -> None:
    dataset = cadretrain.load(MINH_HOA)
    pack = build_pack(dataset, year=2025, notices=False)
    export = next(f for f in pack.files if f.exporter == "json")
    data = json.loads(export.content)
    report = pack._context.report
    assert report.comparison is not None and report.partners is not None
    assert [[c["text"] for c in row] for row in data["report"]["comparison"]["rows"]] == \
        _texts(report.comparison)
    assert [[c["text"] for c in row] for row in data["report"]["partners"]["rows"]] == \
        _texts(report.partners)


def test_a_report_without_partners_or_earlier_period_leaves_both_out_of_every_output() -> None:
    dataset = cadretrain.load(SAMPLE)  # classes in 2024 and 2025, partners only in 2025
    first = compute_report(dataset, ReportMeta(year=2024))
    assert first.comparison is None and first.partners is None
    wb = build_workbook(dataset, info=SourceInfo(period=(date(2024, 1, 1), date(2024, 12, 31))))
    assert COMPARISON_SHEET not in wb.sheetnames and PARTNERS_SHEET not in wb.sheetnames
    wb.save(io.BytesIO())
    second = compute_report(dataset, ReportMeta(year=2025))
    assert second.comparison is not None and second.partners is not None
    wb = build_workbook(dataset, info=SourceInfo(period=YEAR))
    assert wb.sheetnames[1:3] == [COMPARISON_SHEET, PARTNERS_SHEET]
    wb.save(io.BytesIO())


@pytest.mark.slow
def test_libreoffice_recalculates_the_comparison_sheet_to_the_reports_figures(
        tmp_path: Path) -> None:
    from test_xlsx_export import _sheet_values, _soffice

    dataset = cadretrain.load(MINH_HOA)
    path = tmp_path / "so-sanh.xlsx"
    build_workbook(dataset, info=SourceInfo(period=HALF)).save(path)
    out = _soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", path)
    rows = _sheet_values(out / path.name, COMPARISON_SHEET)
    table = comparison_table(dataset, HALF)
    assert table is not None
    assert tuple(rows[0][:8]) == table.columns
    for shown, cells in zip(rows[1:], table.rows, strict=False):
        assert shown[1] == cells[1].text
        for col in range(2, 8):
            figure = cells[col].figure
            if figure is None:
                assert shown[col] == "", (shown, col)
            else:
                assert shown[col] == pytest.approx(float(figure.exact), rel=1e-12)
    assert Fraction(180, 150) == table.rows[0][4].figure.exact  # type: ignore[union-attr]
    partner_rows = _sheet_values(out / path.name, PARTNERS_SHEET)
    # (In English, the tests' language: the built-in course type's English name.)
    assert partner_rows[1][1:5] == ["Trường Chính trị tỉnh Minh Họa",
                                    "Elementary political theory", 3.0, 210.0]


def test_the_workbook_with_both_sheets_reads_back_as_its_dataset_without_warnings(
        tmp_path: Path) -> None:
    from cadretrain.exporters.xlsx.workbook import as_read_back
    from cadretrain.readers.xlsx import read_workbook

    dataset = cadretrain.load(MINH_HOA)
    path = tmp_path / "so-sanh.xlsx"
    build_workbook(dataset, info=SourceInfo(period=YEAR)).save(path)
    loaded = read_workbook(path)
    assert not [w for w in loaded.warnings if "So sánh" in str(w) or "Phối hợp" in str(w)]
    assert loaded.dataset == as_read_back(dataset)
