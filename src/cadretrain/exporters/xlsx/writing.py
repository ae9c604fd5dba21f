"""Writing sheets with openpyxl in write-only (streaming) mode.

Every sheet of a cadretrain workbook is written row by row, so memory stays
bounded however long a roster is. This module knows how a value becomes a
cell: text from the data is always text (never a formula: see
:func:`text_cell`), dates carry the Vietnamese ``dd/mm/yyyy`` format, and a
table gets a styled, frozen header row, a filter and column widths that fit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from lxml import etree
from openpyxl import LXML
from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter

from cadretrain.exporters.xlsx.layout import DATE_FORMAT

__all__ = [
    "BOLD",
    "COUNT_FORMAT",
    "DECIMAL_FORMAT",
    "FORMULA_PREFIXES",
    "PERCENT_FORMAT",
    "TableWriter",
    "header_cell",
    "styled_cell",
    "text_cell",
]

#: Attainment. Number formats in a workbook are stored in one neutral form
#: ("." before decimals) and shown with the separators of the reader's locale:
#: ``0.0%`` shows ``162,5%`` in a Vietnamese-locale Excel or LibreOffice and
#: ``162.5%`` in an English one. No format string can force the comma in
#: every locale without turning the number into text.
PERCENT_FORMAT = "0.0%"
#: Whole counts, with the locale's thousands separator (``1.909`` in Vietnamese).
COUNT_FORMAT = "#,##0"
#: Grades and shares: as many decimals as the value has.
DECIMAL_FORMAT = "General"

#: Text starting with one of these is a formula to a spreadsheet program
#: (``-`` and ``+`` start one in Excel, ``@`` in Lotus-compatible input).
FORMULA_PREFIXES = ("=", "+", "-", "@")

# Characters XML 1.0 cannot carry; a workbook with them does not open.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Fonts name the workbook's default font: a font without a name shows in
#: LibreOffice as its fallback serif.
FONT_NAME = "Calibri"
BOLD = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")

#: How many rows of plain values are parsed as one piece of XML (TableWriter._write_row).
ROWS_PARSED_AT_ONCE = 200
#: How many rows are looked at to size the columns before streaming the rest.
WIDTH_SAMPLE_ROWS = 2000
#: The narrowest and widest a fitted column gets, in characters.
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0


def text_cell(ws: WriteOnlyWorksheet, text: str) -> Any:
    """``text`` as a cell that is always text.

    openpyxl turns text starting with ``=`` into a formula and ``#N/A`` into
    an error value. Those, and text starting with ``+``, ``-`` or ``@``, are
    written as text cells with Excel's quote prefix, so that they show as
    typed and stay text when someone edits the cell. Plain text is returned
    as it is (the fast path: no cell object).
    """
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    if text.startswith(FORMULA_PREFIXES) or text in ERROR_CODES:
        cell = WriteOnlyCell(ws, None)
        cell._value = text  # bypass type inference: this is text, whatever it looks like
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return text


def styled_cell(ws: WriteOnlyWorksheet, value: Any, number_format: str | None = None,
                font: Font | None = None, alignment: Alignment | None = None) -> Any:
    cell = WriteOnlyCell(ws, value)
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def header_cell(ws: WriteOnlyWorksheet, text: str) -> Any:
    cell = WriteOnlyCell(ws, text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
    return cell


def _shown_width(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, (date, datetime)):
        return 10.0
    if isinstance(value, float):
        return min(len(f"{value:.6g}"), 12)
    text = value if isinstance(value, str) else str(value)
    longest = max((len(line) for line in text.splitlines()), default=0)
    return float(longest)


def _lines(value: Any, fit: float) -> int:
    """How many lines ``value`` wraps to in a column where ``fit`` characters fit."""
    if not isinstance(value, str) or fit <= 0:
        return 1
    return sum(max(1, -(-len(part) // int(fit))) for part in value.split("\n"))


def fitting_widths(headers: Sequence[str], rows: Iterable[Sequence[Any]],
                   fixed: Sequence[float | None] = ()) -> list[float]:
    """Column widths (in characters) that fit the header and the rows given,
    between :data:`MIN_WIDTH` and :data:`MAX_WIDTH`; a ``fixed`` width wins."""
    widths = [max(_shown_width(h) * 0.9, MIN_WIDTH) for h in headers]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], _shown_width(value) + 2)
    result = [min(w, MAX_WIDTH) for w in widths]
    for i, width in enumerate(fixed):
        if width is not None and i < len(result):
            result[i] = max(result[i], width)
    return result


def fit_to_page_width(ws: WriteOnlyWorksheet, landscape: bool = True,
                      repeat_header: bool = True) -> None:
    """Print on A4, all columns on one page width, rows over many pages."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        ws.print_title_rows = "1:1"


def _escape(text: str) -> str:
    # A carriage return is written as a reference: parsed as is, it would
    # become a line feed (XML's end-of-line handling).
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _as_given(values: Sequence[Any], row_idx: int) -> Sequence[Any]:
    return values


_FORMULA_KINDS = ("formula", "percent")
_FORMULA_FORMATS = {"percent": PERCENT_FORMAT}
# What text_cell must look at: a formula or error-code start, or a character
# XML cannot carry. One search per text value keeps plain text on the fast path.
_NEEDS_CARE = re.compile(r"^[=+\-@#]|[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TableWriter:
    """Writes one table sheet: header row, then rows streamed one by one.

    ``kinds`` says per column how a value is written: ``text``, ``date``,
    ``wrap`` (long text, wrapped), ``int`` (a count), ``decimal``, ``percent``,
    ``formula`` (a formula this
    library wrote, never data); a ``percent`` column holds formulas this
    library wrote, shown as percentages. Use :meth:`write` with all rows; the filter
    covers them and the header row stays frozen.
    """

    def __init__(self, wb: Workbook, title: str, headers: Sequence[str],
                 kinds: Sequence[str], widths: Sequence[float | None] = ()) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        self.headers = list(headers)
        self.kinds = list(kinds)
        self.fixed_widths = list(widths)
        self.rows_written = 0
        # One cell per column, styled for its kind, is reused for every row;
        # openpyxl would make a cell per value and infer its type from the
        # value, which makes streaming a million rows markedly slower.
        self._column_cells: list[Any] = []
        for kind in self.kinds:
            fmt = {"date": DATE_FORMAT, "int": COUNT_FORMAT, "percent": PERCENT_FORMAT}.get(kind)
            if kind == "wrap":  # long text, wrapped within its column width
                self._column_cells.append(styled_cell(self.ws, None, alignment=WRAP))
            else:
                self._column_cells.append(styled_cell(self.ws, None, fmt) if fmt else
                                          WriteOnlyCell(self.ws, None))
        self.ws._values_to_row = self._cells_of  # see _cells_of
        # The start of each column's cells in the sheet's XML (see _row_xml).
        letters = [get_column_letter(i) for i in range(1, len(self.kinds) + 1)]
        self._cell_starts = [f'<c r="{letter}' for letter in letters]
        self._cell_styles: list[str | None] = []
        self._row_xml_on = False
        # Rows' XML waiting to be parsed as one (see _write_row), and the
        # writer they go to.
        self._pending: list[str] = []
        self._xf: Any = None

    def _write_row(self, xf: Any, values: Sequence[Any], row_idx: int) -> None:
        """Replaces openpyxl's ``WorksheetWriter.write_row`` for this sheet.

        openpyxl writes a cell as nested XML elements, each through lxml's
        incremental writer: at national scale (5 million cells) that was
        over half of the workbook's time. A row of plain values is written
        as one element made from its XML text instead (:meth:`_row_xml`),
        which lxml writes out exactly as openpyxl's cells would be (tested
        byte for byte); any other row (cell objects, a row with a height,
        values of other types) goes through openpyxl's own writer."""
        text = self._row_xml(values, row_idx) if self._row_xml_on else None
        if text is None:
            self._flush()
            WorksheetWriter.write_row(self.ws._writer, xf, self._cells_of(values, row_idx),
                                      row_idx)
        else:
            # Parsed ROWS_PARSED_AT_ONCE rows at a time: parsing each row
            # alone costs about twice as much.
            self._xf = xf
            self._pending.append(text)
            if len(self._pending) >= ROWS_PARSED_AT_ONCE:
                self._flush()

    def _flush(self) -> None:
        """Write the rows waiting in :attr:`_pending`, in their order."""
        if self._pending:
            self._xf.write(*etree.fromstring(f"<rows>{''.join(self._pending)}</rows>"))
            self._pending.clear()

    def _row_xml(self, values: Sequence[Any], row_idx: int) -> str | None:
        """The XML of a row of plain values (text, numbers, dates), or None
        when openpyxl must write it."""
        if len(values) > len(self._cell_styles) or row_idx in self.ws.row_dimensions:
            return None
        r = str(row_idx)
        parts = [f'<row r="{r}">']
        starts, styles = self._cell_starts, self._cell_styles
        for col, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is str and value:
                text = value[:32767]  # Excel's limit on a cell's text, as openpyxl's
                space = ' xml:space="preserve"' if text != text.strip() else ""
                body = f' t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'
            elif (kind is int or kind is float or kind is Decimal) and (
                    number := safe_string(value)):  # not NaN or infinity: "" (empty <v>)
                body = f' t="n"><v>{number}</v></c>'
            elif (kind is date or kind is datetime) and self._excel_dates and (
                    kind is date or value.tzinfo is None):
                body = f' t="n"><v>{safe_string(to_excel(value, self._epoch))}</v></c>'
            else:  # "" and the rest: openpyxl's (an empty element is written open and closed)
                return None
            style = styles[col]
            if style is None:
                style = styles[col] = self._style_attribute(col)
            parts.append(f'{starts[col]}{r}"{style}{body}')
        if len(parts) == 1:
            return None
        parts.append("</row>")
        return "".join(parts)

    def _style_attribute(self, col: int) -> str:
        """The style attribute of column ``col``'s cells. A style is numbered
        when a cell first uses it, as openpyxl does, so that the workbook's
        styles are the same whichever way its rows were written."""
        cell = self._column_cells[col]
        return f' s="{cell.style_id}"' if cell.has_style else ""

    def _cells_of(self, values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        """Replaces openpyxl's own ``WriteOnlyWorksheet._values_to_row`` (the
        cells openpyxl writes for a row) until :meth:`_use_row_xml`: the
        kind of every column is known, so a value's cell type is set directly.
        openpyxl's writer consumes each cell before asking for the next one,
        which is what makes reusing a cell per column safe. Text arrives here
        already made safe by :meth:`_cells`; a formula only as a cell object."""
        column_cells = self._column_cells
        for col, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = column_cells[col - 1] if col <= len(column_cells) else WriteOnlyCell(
                    self.ws, None)
                kind = type(value)
                if kind is str:
                    # Excel's limit on a cell's text, which openpyxl also applies.
                    cell._value, cell.data_type = value[:32767], "s"
                elif kind is int or kind is float or kind is Decimal:
                    cell._value, cell.data_type = value, "n"
                elif kind is date or kind is datetime:
                    cell._value, cell.data_type = value, "d"
                else:
                    cell.value = value  # anything else: openpyxl's own inference
            cell.column, cell.row = col, row_idx
            yield cell

    def _cells(self, row: Sequence[Any]) -> list[Any]:
        ws, kinds = self.ws, self.kinds
        if len(row) > len(kinds):  # a mistake of the calling code, not of the data
            raise ValueError(f"sheet {ws.title!r}: a row of {len(row)} values for a table of "
                             f"{len(kinds)} columns: {list(row)!r:.200}")
        out: list[Any] = list(row)
        for i, value in enumerate(out):
            if type(value) is str:
                if kinds[i] in _FORMULA_KINDS and value.startswith("="):
                    # A formula this library wrote, in a column that holds no data.
                    cell = styled_cell(ws, value, _FORMULA_FORMATS.get(kinds[i]))
                    out[i] = cell
                elif _NEEDS_CARE.search(value):
                    out[i] = text_cell(ws, value)
        return out

    def _use_row_xml(self) -> None:
        """Have :meth:`_write_row` write the rows after the header (openpyxl's
        writer exists once the header row is appended)."""
        if not LXML:  # openpyxl without lxml writes through another XML writer
            return
        ws = self.ws
        self._cell_styles = [None] * len(self._column_cells)
        self._row_xml_on = True
        wb = ws.parent
        self._excel_dates, self._epoch = not wb.iso_dates, wb.epoch
        # From here the values go to _write_row as they are.
        ws._values_to_row = _as_given
        ws._writer.write_row = self._write_row

    def write(self, rows: Iterable[Sequence[Any]],
              footer: Sequence[Sequence[Any]] = ()) -> int:
        """Write the header and every row, then ``footer`` rows (totals) that
        the filter leaves out; returns the number of data rows."""
        iterator = iter(rows)
        sample = list(itertools.islice(iterator, WIDTH_SAMPLE_ROWS))
        ws = self.ws
        # A formula's text is not what the cell shows: leave it out of the sizing.
        shown = [[None if k in _FORMULA_KINDS else v for v, k in zip(row, self.kinds,
                                                                      strict=False)]
                 for row in sample]
        widths = fitting_widths(self.headers, shown, self.fixed_widths)
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        fit_to_page_width(ws)
        # Room for two lines of a wrapped header.
        if any(len(h) > w for h, w in zip(self.headers, widths, strict=True)):
            ws.row_dimensions[1].height = 30
        ws.append([header_cell(ws, h) for h in self.headers])
        self._use_row_xml()
        count = 0
        # Wrapped columns: spreadsheet programs keep a row's stored height, so
        # a row gets the height of its longest wrapped text (about 1.2
        # characters fit a unit of column width).
        wrapped = [(i, widths[i] * 1.2) for i, k in enumerate(self.kinds) if k == "wrap"]
        for row in itertools.chain(sample, iterator):
            if wrapped:
                lines = max(_lines(row[i] if i < len(row) else None, fit) for i, fit in wrapped)
                if lines > 1:
                    ws.row_dimensions[count + 2].height = 15 * lines
            ws.append(self._cells(row))
            count += 1
        last = get_column_letter(max(len(self.headers), 1))
        ws.auto_filter.ref = f"A1:{last}{count + 1}"
        for row in footer:
            ws.append(self._cells(row))
        self._flush()  # before openpyxl closes the sheet
        self.rows_written = count
        return count
