"""A table's rows written as XML text (the fast path of
:class:`cadretrain.exporters.xlsx.writing.TableWriter`) give the same workbook,
byte for byte, as openpyxl writing every cell itself."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cadretrain.exporters.xlsx import writing
from cadretrain.exporters.xlsx.writing import TableWriter

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = ("text", "date", "int", "decimal", "wrap", "formula", "percent")

# Text as data brings it: XML's specials, line ends of every kind, edge spaces,
# control characters XML cannot carry, formula and error-code look-alikes,
# decomposed Vietnamese, and the empty string.
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(list("aĐặ <>&\"'\t\r\n =+-@#\x00\x0b\x1f\u0303ß")),
            max_size=12),
    st.sampled_from(["", " lead", "trail ", "#N/A", "=SUM(A1)", "a\r\nb", "x" * 40000]),
    st.text(max_size=8).filter(lambda t: "\ufffe" not in t and "\uffff" not in t
                               and not any("\ud800" <= c <= "\udfff" for c in t)),
)
VALUES = st.one_of(
    st.none(),
    _TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3,
                min_value=-10**6, max_value=10**6),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.booleans(),
)


def _workbook(tables: list[tuple[list[str], list[list[Any]]]], fast: bool,
              monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        if not fast:  # openpyxl writes every cell: the reference
            patch.setattr(writing, "LXML", False)
        else:  # rows parsed a few at a time: every way a batch ends is taken
            patch.setattr(writing, "ROWS_PARSED_AT_ONCE", 3)
        wb = Workbook(write_only=True)
        for n, (kinds, rows) in enumerate(tables):
            TableWriter(wb, f"T{n}", [f"h{i}" for i in range(len(kinds))], kinds).write(
                rows, footer=[["Tổng", "=SUM(A1:A2)"][:len(kinds)]])
        out = io.BytesIO()
        wb.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}  # carries the time of saving


@st.composite
def tables(draw: st.DrawFn) -> list[tuple[list[str], list[list[Any]]]]:
    drawn = []
    for _ in range(draw(st.integers(1, 3))):
        kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6))
        # A formula or percent column holds formulas this library wrote, never data.
        cells = [st.one_of(st.none(), st.just('=IF(D2=0,"",E2/D2)'))
                 if kind in ("formula", "percent") else VALUES for kind in kinds]
        rows = draw(st.lists(st.tuples(*cells).map(list), max_size=8))
        drawn.append((kinds, rows))
    return drawn


@FAST
@given(tables())
def test_rows_as_xml_text_give_openpyxls_workbook_byte_for_byte(
        drawn: list[tuple[list[str], list[list[Any]]]]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _workbook(drawn, True, monkeypatch) == _workbook(drawn, False, monkeypatch)


def test_the_fast_path_writes_plain_rows_and_leaves_the_rest_to_openpyxl(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Without this, the test above could pass with the fast path never taken.
    taken: list[bool] = []
    row_xml = TableWriter._row_xml

    def watched(self: TableWriter, values: Any, row_idx: int) -> str | None:
        text = row_xml(self, values, row_idx)
        taken.append(text is not None)
        return text

    monkeypatch.setattr(TableWriter, "_row_xml", watched)
    rows = [["Nguyễn Văn An", date(2017, 3, 1), 5, Decimal("8.5")],
            ["=cmd()", None, 1, None],  # formula look-alike: a quoted cell object
            ["Trần Thị Bình\r\n", datetime(2017, 3, 1, 8, 30), 2**70, 1.5]]
    _workbook([(["text", "date", "int", "decimal"], rows)], True, monkeypatch)
    assert taken == [True, False, True, False]  # the last is the footer's formula


def test_a_timezone_in_a_datetime_is_still_refused_as_openpyxl_refuses_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    aware = datetime(2017, 3, 1, tzinfo=timezone(timedelta(hours=7)))
    for fast in (True, False):
        with pytest.raises(TypeError, match="timezones"):
            _workbook([(["date"], [[aware]])], fast, monkeypatch)


def test_a_row_longer_than_the_table_is_a_clear_error_and_shorter_ones_are_filled(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import sys

    wb = Workbook(write_only=True)
    with pytest.raises(ValueError, match=r"sheet 'T': a row of 3 values for a table of 2 "
                                         r"columns: \['a', 1, 'extra'\]"):
        TableWriter(wb, "T", ["h1", "h2"], ["text", "int"]).write([["a", 1, "extra"]])
    with pytest.raises(ValueError, match="a row of 2 values for a table of 1 columns"):
        TableWriter(wb, "F", ["h1"], ["text"]).write([["a"]], footer=[["Tổng", 3]])
    assert TableWriter(wb, "S", ["h1", "h2"], ["text", "int"]).write([["a"], []]) == 2
    # The workbook given up after an error leaves openpyxl's sheet writers
    # half-way; they complain when collected (here, not in a later test).
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    del wb
    gc.collect()
