"""Low-level python-docx helpers: page setup, fonts, fast tables, fields.

python-docx's ``Table.cell()`` rebuilds the whole cell grid on every call,
so filling a table cell by cell is quadratic. :func:`fast_table` instead
formats one prototype row and deep-copies its XML for every data row,
writing the texts into the copies' ``w:t`` elements: linear, and a
5,000-row roster builds in a fraction of a second (benchmarks/bench_docx_roster.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.docx.text import clean_text

__all__ = [
    "ALIGN",
    "add_page_number_footer",
    "add_page_number_header",
    "apply_layout",
    "cell_text",
    "fast_table",
    "new_document",
    "paragraph",
    "plain_table",
    "set_widths",
]

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_fonts(rpr_parent: object, font: str) -> None:
    # Word picks the font of Vietnamese letters from w:ascii/w:hAnsi, but a
    # style that leaves w:eastAsia/w:cs to the theme shows them in another
    # font in some editors: set all four.
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def new_document(layout: Layout, template: Path | None = None) -> DocumentObject:
    """An empty document: the user's template (its styles, letterhead, header
    and footer, with its body emptied), or python-docx's default, set up as
    ``layout`` says (A4, margins, Normal font)."""
    doc = Document(str(template)) if template is not None else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    apply_layout(doc, layout, font=template is None or layout.font_from_options)
    return doc


def apply_layout(doc: DocumentObject, layout: Layout, *, font: bool) -> None:
    """Set the page (size, orientation, margins) as ``layout`` says, and with
    ``font`` the Normal style's font and size (also for East-Asian and
    complex scripts) and its spacing."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    width, height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    if layout.landscape:
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(layout.margin_top_mm)
    section.bottom_margin = Mm(layout.margin_bottom_mm)
    section.left_margin = Mm(layout.margin_left_mm)
    section.right_margin = Mm(layout.margin_right_mm)
    if font:
        normal = doc.styles["Normal"]
        normal.font.name = layout.font
        normal.font.size = Pt(layout.body_size)
        _set_fonts(normal.element, layout.font)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0


def paragraph(container: DocumentObject | _Cell, text: str = "", *, size: float | None = None,
              bold: bool = False, italic: bool = False, underline: bool = False,
              align: str = "left", upper: bool = False, space_after: float = 0,
              space_before: float = 0, first_line_mm: float = 0,
              keep_with_next: bool = False) -> Paragraph:
    """A paragraph of one run, its text cleaned (see docx_text)."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    if first_line_mm:
        fmt.first_line_indent = Mm(first_line_mm)
    if keep_with_next:
        fmt.keep_with_next = True
    if text:
        shown = clean_text(text)
        run = para.add_run(shown.upper() if upper else shown)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size is not None:
            run.font.size = Pt(size)
    return para


def cell_text(cell: _Cell, text: str, **kwargs: object) -> Paragraph:
    """Write ``text`` into the cell's first (empty) paragraph, formatted like :func:`paragraph`."""
    first = cell.paragraphs[0]
    para = paragraph(cell, text, **kwargs)  # type: ignore[arg-type]
    first._p.addprevious(para._p)
    first._p.getparent().remove(first._p)
    return para


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _put_borders(table, borders)


def plain_table(doc: DocumentObject, widths_mm: Sequence[float], rows: int = 1) -> Table:
    """A borderless layout table (document header, signature block)."""
    table: Table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    set_widths(table, widths_mm)
    return table


_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                  "w:tblDescription", "w:tblPrChange")


def _put_borders(table: Table, borders: object) -> None:
    # CT_TblPr is a sequence: w:tblBorders must come before w:tblLayout and
    # the rest, or Word reports the file as damaged.
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    tblpr.insert_element_before(borders, *_AFTER_BORDERS)


def set_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Column widths in the grid (LibreOffice reads w:gridCol) and a fixed layout."""
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(width)
    table.autofit = False  # w:tblLayout fixed


def keep_row_whole(row: _Row) -> None:
    """Never break this table row across a page (``w:cantSplit``)."""
    _tr_flag(row._tr, "w:cantSplit")


def _tr_flag(tr: object, tag: str) -> None:
    trpr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement(tag)
    trpr.append(el)


def fast_table(doc: DocumentObject, headers: Sequence[str], widths_mm: Sequence[float],
               rows: Iterable[Sequence[str]], *, size: float, aligns: Sequence[str],
               bold_last: bool = False) -> Table:
    """A bordered data table: a header row repeated on every page, then ``rows``.

    No row breaks across a page (``w:cantSplit``). Each data row is a
    deep copy of one formatted prototype row with its texts set, so the
    cost is linear in the rows (see the module docstring).
    """
    table: Table = doc.add_table(rows=2, cols=len(headers))
    table.style = doc.styles["Table Grid"] if "Table Grid" in [
        s.name for s in doc.styles] else None
    if table.style is None:
        _grid_borders(table)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, proto = table.rows[0], table.rows[1]
    # CT_TrPr order: w:cantSplit before w:tblHeader.
    _tr_flag(head._tr, "w:cantSplit")
    _tr_flag(head._tr, "w:tblHeader")
    _tr_flag(proto._tr, "w:cantSplit")
    for i, (cell, text, width) in enumerate(zip(head.cells, headers, widths_mm, strict=True)):
        cell.width = Mm(width)
        cell_text(cell, text, size=size, bold=True, align="center")
        pcell = proto.cells[i]
        pcell.width = Mm(width)
        cell_text(pcell, "x", size=size, align=aligns[i])
    set_widths(table, widths_mm)
    tbl = table._tbl
    proto_tr = proto._tr
    tbl.remove(proto_tr)
    last = None
    t_tag, preserve = qn("w:t"), "{http://www.w3.org/XML/1998/namespace}space"
    for values in rows:
        tr = copy.deepcopy(proto_tr)
        for t, value in zip(tr.iter(t_tag), values, strict=True):
            text = clean_text(value)
            t.text = text
            if text[:1].isspace() or text[-1:].isspace():
                t.set(preserve, "preserve")
        tbl.append(tr)
        last = tr
    if bold_last and last is not None:
        for rpr in last.iter(qn("w:rPr")):
            rpr.get_or_add_b()
    return table


def _grid_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    _put_borders(table, borders)


def _field(run_parent: Paragraph, instruction: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", "1"), ("end", None)):
        run = run_parent.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text or ""
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def add_page_number_header(doc: DocumentObject, layout: Layout) -> None:
    """The page number, centred at the top of the page, from the second page
    on (Hướng dẫn 36-HD/VPTW: "trang thứ hai" onwards, at the top): a PAGE
    field in the header of the pages after the first, the first page's
    header left empty."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(para, "PAGE")
    for run in para.runs:
        run.font.size = Pt(layout.page_number_size)


#: The name the page numbers had when they sat in the footer.
add_page_number_footer = add_page_number_header
