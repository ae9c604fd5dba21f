"""Write the built-in Word template of the report (docxtpl tags in a .docx).

The template is a data file, src/cadretrain/data/report-template.docx; this
script is how it was first made (with the same layout helpers as the other
documents) and how to remake it after a change here. Office staff change
their copy in Word (``cadretrain template docx -o mau-bao-cao.docx``); the
names the tags use are in docs/word.md and schema/report-context.schema.json.

    python tools/make_report_template.py
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from cadretrain.exporters.docx.building import (
    add_page_number_header,
    cell_text,
    fast_table,
    keep_row_whole,
    new_document,
    paragraph,
    plain_table,
)
from cadretrain.exporters.docx.layout import Layout

TARGET = Path(__file__).resolve().parents[1] / "src" / "cadretrain" / "data" / \
    "report-template.docx"


def _tag(container: DocumentObject, text: str) -> None:
    """A paragraph holding only a block tag (docxtpl removes it when rendering)."""
    paragraph(container, text)


def _header(doc: DocumentObject, layout: Layout) -> None:
    # The issuing committee's name in 14 pt bold capitals takes about 95 mm
    # ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW"): the header table reaches 15 mm into
    # the left margin so that it stays on one line beside the party's name.
    table = plain_table(doc, (100.0, 80.0), rows=2)
    table.alignment = None
    tblpr = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(round(-15 * 56.7)))
    indent.set(qn("w:type"), "dxa")
    jc = tblpr.find(qn("w:jc"))
    if jc is not None:
        tblpr.remove(jc)
    tblpr.append(indent)
    left, right = table.rows[0].cells
    size = layout.header_size
    cell_text(left, "{%p if superior %}")
    paragraph(left, "{{ superior|upper }}", size=size, align="center")
    paragraph(left, "{%p endif %}")
    paragraph(left, "{{ issuer|upper }}", size=size, bold=True, align="center")
    paragraph(left, "*", size=size, align="center")
    cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=layout.motto_size, bold=True,
              underline=True, align="center")
    number_cell, date_cell = table.rows[1].cells
    cell_text(number_cell, "{{ number_line }}", size=layout.body_size, align="center",
              space_before=6)
    cell_text(date_cell, "{{ place_date }}", size=layout.body_size, italic=True,
              align="center", space_before=6)


def _body(doc: DocumentObject, text: str, layout: Layout, **kw: object) -> None:
    paragraph(doc, text, size=layout.body_size, align="justify", first_line_mm=10,
              space_after=6, **kw)  # type: ignore[arg-type]


def build(layout: Layout) -> DocumentObject:
    doc = new_document(layout)
    _header(doc, layout)
    paragraph(doc, "{{ kind|upper }}", size=layout.title_size, bold=True, align="center",
              space_before=18)
    paragraph(doc, "{{ title }}", size=layout.body_size, bold=True, align="center")
    paragraph(doc, "-----", size=layout.body_size, align="center", space_after=12)
    _tag(doc, "{%p if opening %}")
    _body(doc, "{{ opening.text }}", layout)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for section in sections %}")
    paragraph(doc, "{{ section.number }}. {{ section.heading|upper }}", size=layout.body_size,
              bold=True, space_before=6, space_after=6, keep_with_next=True)
    _tag(doc, "{%p for para in section.paragraphs %}")
    _tag(doc, '{%p if para.kind == "heading" %}')
    paragraph(doc, "{{r para.rich }}", bold=True, first_line_mm=10, space_after=6,
              keep_with_next=True)
    _tag(doc, '{%p elif para.kind == "numbered" %}')
    paragraph(doc, "{{ para.number }}. {{r para.rich }}", align="justify", first_line_mm=10,
              space_after=6)
    _tag(doc, '{%p elif para.kind == "bullet" %}')
    paragraph(doc, "- {{r para.rich }}", align="justify", first_line_mm=10, space_after=6)
    _tag(doc, "{%p else %}")
    paragraph(doc, "{{r para.rich }}", align="justify", first_line_mm=10, space_after=6)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _signature(doc, layout)
    # The appendix starts on a page of its own.
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(doc, "{{ appendix.heading }}", size=layout.body_size, bold=True, align="center")
    paragraph(doc, "{{ appendix.title }}", size=layout.body_size, bold=True, align="center",
              space_after=12)
    width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    num, pct = 16.0, 18.0
    widths = [11.0, width - 11 - 4 * num - 2 * pct, num, num, pct, num, num, pct]
    cells = [f"{{{{ row[{i}].text }}}}" for i in range(8)]
    table = fast_table(doc, ["TT", "Loại lớp", "Kế hoạch (lớp)", "Thực hiện (lớp)", "Đạt (%)",
                             "Kế hoạch (học viên)", "Thực hiện (học viên)", "Đạt (%)"],
                       widths, [["{%tr for row in appendix.rows[:-1] %}"] + [""] * 7, cells,
                                ["{%tr endfor %}"] + [""] * 7,
                                [f"{{{{ appendix.rows[-1][{i}].text }}}}" for i in range(8)]],
                       size=layout.table_size, aligns=["center", "left"] + ["right"] * 6,
                       bold_last=True)
    del table
    _tag(doc, "{%p for note in appendix.notes %}")
    paragraph(doc, "{{ note }}", size=layout.recipients_size, italic=True)
    _tag(doc, "{%p endfor %}")
    # This period beside the same period a year earlier (kỳ này / cùng kỳ năm
    # trước / %), when the data holds both; then the classes held with partners.
    _tag(doc, "{%p if comparison %}")
    paragraph(doc, "{{ comparison.title }}", size=layout.body_size, bold=True,
              align="center", space_before=12, space_after=6, keep_with_next=True)
    fast_table(doc, ["TT", "Loại lớp", "Số lớp kỳ này", "Số lớp cùng kỳ năm trước",
                     "So sánh (%)", "Số học viên kỳ này", "Số học viên cùng kỳ năm trước",
                     "So sánh (%)"],
               widths, [["{%tr for row in comparison.rows[:-1] %}"] + [""] * 7,
                        [f"{{{{ row[{i}].text }}}}" for i in range(8)],
                        ["{%tr endfor %}"] + [""] * 7,
                        [f"{{{{ comparison.rows[-1][{i}].text }}}}" for i in range(8)]],
               size=layout.table_size, aligns=["center", "left"] + ["right"] * 6,
               bold_last=True)
    _tag(doc, "{%p for note in comparison.notes %}")
    paragraph(doc, "{{ note }}", size=layout.recipients_size, italic=True)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if partners %}")
    paragraph(doc, "{{ partners.title }}", size=layout.body_size, bold=True,
              align="center", space_before=12, space_after=6, keep_with_next=True)
    fast_table(doc, ["TT", "Đơn vị phối hợp", "Loại lớp", "Số lớp", "Số học viên"],
               [11.0, 60.0, width - 11 - 60 - 2 * num, num, num],
               [["{%tr for row in partners.rows %}", "", "", "", ""],
                [f"{{{{ row[{i}].text }}}}" for i in range(5)],
                ["{%tr endfor %}", "", "", "", ""]],
               size=layout.table_size, aligns=["center", "left", "left", "right", "right"])
    _tag(doc, "{%p for note in partners.notes %}")
    paragraph(doc, "{{ note }}", size=layout.recipients_size, italic=True)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if notes %}")
    paragraph(doc, "Ghi chú về số liệu:", size=layout.recipients_size, bold=True,
              space_before=6)
    _tag(doc, "{%p for note in notes %}")
    paragraph(doc, "- {{ note.text }}", size=layout.recipients_size, align="justify")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if findings %}")
    paragraph(doc, "{{ findings.title }}", size=layout.body_size, bold=True, space_before=12,
              space_after=6, keep_with_next=True)
    fast_table(doc, ["TT", "Mức độ", "Đối tượng", "Nội dung"], [10, 22, 45, width - 77],
               [["{%tr for row in findings.rows %}", "", "", ""],
                [f"{{{{ row[{i}].text }}}}" for i in range(4)],
                ["{%tr endfor %}", "", "", ""]],
               size=layout.table_size, aligns=["center", "left", "left", "left"])
    _tag(doc, "{%p endif %}")
    end = paragraph(doc, "")
    end.paragraph_format.line_spacing = Pt(1)
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    add_page_number_header(doc, layout)
    return doc


def _signature(doc: DocumentObject, layout: Layout) -> None:
    width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    left_w = round(width * 0.5, 1)
    table = plain_table(doc, (left_w, round(width - left_w, 1)))
    left, right = table.rows[0].cells
    cell_text(left, "Nơi nhận:", size=layout.recipients_size, underline=True, space_before=12)
    paragraph(left, "{%p for line in recipients %}")
    paragraph(left, "- {{ line }}", size=layout.recipients_size)
    paragraph(left, "{%p endfor %}")
    keep_row_whole(table.rows[0])
    cell_text(right, "{{ signature.authority|upper }}", size=layout.body_size, bold=True,
              align="center", space_before=12)
    paragraph(right, "{{ signature.title|upper }}", size=layout.body_size, bold=True,
              align="center", space_after=60)
    paragraph(right, "{{ signature.name }}", size=layout.body_size, bold=True, align="center")


def main() -> None:
    doc = build(Layout())
    props = doc.core_properties
    props.title = "Mẫu báo cáo (cadretrain)"
    props.author = "cadretrain"
    buffer = io.BytesIO()
    doc.save(buffer)
    # Fixed timestamps inside the zip: the data file changes only when its content does.
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    TARGET.write_bytes(out.getvalue())
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
