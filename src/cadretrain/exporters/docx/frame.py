"""The frame of a party document (Hướng dẫn 36-HD/VPTW): the header of the issuing
body and the national motto, the number and the place-and-date line, the title,
the signature block and "Nơi nhận", the document's properties, and the frame of a
class's documents (:func:`class_meta`, with the :class:`Lookups` made once per pack).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from attrs import frozen
from docx.document import Document as DocumentObject
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from cadretrain._version import __version__
from cadretrain.exporters.docx.building import (
    add_page_number_header,
    cell_text,
    keep_row_whole,
    paragraph,
    plain_table,
)
from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.docx.text import clean_text
from cadretrain.formatting import format_date
from cadretrain.i18n import Language, _, current_language, pgettext
from cadretrain.lookups import index_of
from cadretrain.metadata import DocumentFields, ReportMeta, number_line
from cadretrain.model import ClassRecord, Dataset, Organization, Person

#: The "Nơi nhận" lines of a report whose metadata names none, in Vietnamese
#: (:func:`default_recipients` gives them in the current language).
DEFAULT_RECIPIENTS = ("Như trên,", "Lưu Văn phòng.")


def default_recipients() -> tuple[str, ...]:
    """The "Nơi nhận" lines of a report whose metadata names none."""
    return (_("As above,"), _("Archive: the Office."))


def notice_kind() -> str:
    """The word a result notice is titled with: ``Thông báo`` / ``Notice``."""
    return pgettext("document kind", "Notice")


def _day(d: date, lang: Language) -> str:
    """A date in a table or a class line: 15/01/2018; Jan 15, 2018."""
    return format_date(d, lang, "short" if lang == "vi" else "medium")




@frozen
class Lookups:
    """What a class's documents look up, built once per dataset (a report pack
    makes thousands of notices from one): organizations by id and people by id."""

    organizations: Mapping[str, Organization]
    people: Mapping[str, Person]

    @classmethod
    def of(cls, dataset: Dataset) -> Lookups:
        # The dataset's index (cadretrain.lookups), built once per dataset: a
        # pack calls the exporter once per notice.
        shared = index_of(dataset)
        return cls(shared.organizations, shared.people)

    def name(self, org: str) -> str:
        found = self.organizations.get(org)
        return found.name if found else org


def class_meta(record: ClassRecord, lookups: Lookups, fields: DocumentFields, *,
               kind: str, place: str = "") -> ReportMeta:
    """The frame of a document a class's host issues (a result notice, a
    roster): issued by the host under its parent organization, numbered,
    placed, dated and signed as ``fields`` say, the date defaulting to the
    class's last day and a notice's signature to the host (``T/M`` and its name).
    A roster is unsigned unless ``fields`` name a signer. Nothing comes from
    the report's metadata but ``place`` (its default)."""
    host = lookups.organizations.get(record.host)
    issuer = host.name if host else record.host
    parent = lookups.organizations.get(host.parent) if host and host.parent else None
    short = (host.short_name if host else None) or ""
    notice = kind == notice_kind()
    number = fields.number or (f"-TB/{short}" if notice and short else "-TB" if notice else "")
    signed = fields.authority or fields.signer_title or fields.signer
    return ReportMeta(
        issuer=issuer, superior=parent.name if parent else "", kind=kind, number=number,
        place=fields.place or place, date=fields.date or record.end,
        authority=_("On behalf of {issuer}").format(issuer=issuer) if notice and not signed
        else fields.authority,
        signer_title=fields.signer_title, signer=fields.signer,
        recipients=fields.recipients or (
            (_("As above,"), _("Archive: {unit}.").format(unit=short or issuer)) if notice
            else ()),
    )




def _header(doc: DocumentObject, meta: ReportMeta, layout: Layout) -> None:
    """The two-column header of ``meta`` (see :func:`_header_lines`)."""
    _header_lines(doc, layout, superior=meta.superior, issuer=meta.issuer,
                  number=number_line(meta.number), place_date=place_date_line(meta))


def _header_lines(doc: DocumentObject, layout: Layout, *, superior: str, issuer: str,
                  number: str, place_date: str) -> None:
    """The two-column header: organizations and ``*`` on the left, the
    party's name with its rule on the right; number and place-and-date below."""
    text_width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    # Half each: an issuing committee's name in 14 pt bold capitals
    # ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW") fits on one line.
    left_w = round(text_width * 0.5, 1)
    table = plain_table(doc, (left_w, round(text_width - left_w, 1)), rows=2)
    left, right = table.rows[0].cells
    size = layout.header_size
    if superior:
        cell_text(left, superior, size=size, align="center", upper=True)
        paragraph(left, issuer, size=size, bold=True, align="center", upper=True)
    else:
        cell_text(left, issuer, size=size, bold=True, align="center", upper=True)
    paragraph(left, "*", size=size, align="center")
    cell_text(right, _("COMMUNIST PARTY OF VIETNAM"), size=layout.motto_size, bold=True,
              underline=True, align="center")
    number_cell, date_cell = table.rows[1].cells
    cell_text(number_cell, number, size=layout.body_size, align="center", space_before=6)
    cell_text(date_cell, place_date, size=layout.body_size, italic=True, align="center",
              space_before=6)


def place_date_line(meta: ReportMeta) -> str:
    """``Hà Nội, ngày 05 tháng 3 năm 2018`` (either part alone when the other is empty)."""
    return ", ".join(p for p in (meta.place, format_date(meta.date, current_language())
                                 if meta.date else "") if p)


def _title(doc: DocumentObject, meta: ReportMeta, layout: Layout, subject: str) -> None:
    paragraph(doc, meta.kind, size=layout.title_size, bold=True, align="center", upper=True,
              space_before=18)
    if subject:
        paragraph(doc, subject, size=layout.body_size, bold=True, align="center")
    paragraph(doc, "-----", size=layout.body_size, align="center", space_after=12)


def _signature(doc: DocumentObject, meta: ReportMeta, layout: Layout) -> None:
    signed = bool(meta.authority or meta.signer_title or meta.signer)
    if not (signed or meta.recipients):
        return  # an unsigned roster sent to nobody: no empty block
    text_width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    left_w = round(text_width * 0.5, 1)
    table = plain_table(doc, (left_w, round(text_width - left_w, 1)))
    left, right = table.rows[0].cells
    cell_text(left, _("Recipients:") if meta.recipients else "", size=layout.recipients_size,
              underline=True, space_before=12)
    for line in meta.recipients:
        paragraph(left, f"- {line}", size=layout.recipients_size)
    # The block is one row, never split across pages: the signature stays
    # beside its "Nơi nhận".
    keep_row_whole(table.rows[0])
    if not (meta.authority or meta.signer_title or meta.signer):
        return  # nobody signs: no empty space kept for a signature
    cell_text(right, meta.authority, size=layout.body_size, bold=True, align="center",
              upper=True, space_before=12)
    paragraph(right, meta.signer_title, size=layout.body_size, bold=True, align="center",
              upper=True, space_after=60)
    paragraph(right, meta.signer, size=layout.body_size, bold=True, align="center")


def _finish(doc: DocumentObject, meta: ReportMeta, layout: Layout, kind: str,
            ruleset_version: str | None) -> None:
    # A document may not end with a table: Word and LibreOffice add an empty
    # paragraph after it, which alone can spill onto a blank last page when
    # the signature block fills the page. End with a paragraph 1 pt high.
    last = doc.element.body[-1]
    if last.tag == qn("w:sectPr") and len(doc.element.body) > 1:
        last = doc.element.body[-2]
    if last.tag == qn("w:tbl"):
        end = paragraph(doc, "")
        end.paragraph_format.line_spacing = Pt(1)
        end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    add_page_number_header(doc, layout)
    _properties(doc, meta, kind, ruleset_version)


def _properties(doc: DocumentObject, meta: ReportMeta, kind: str,
                ruleset_version: str | None) -> None:
    props = doc.core_properties
    props.title, props.subject, props.author = property_texts(meta)
    props.category = kind
    version = f"cadretrain {__version__}"
    if ruleset_version:
        version += f"; rule set {ruleset_version}"
    props.comments = version
    props.keywords = version
    props.version = __version__


def property_texts(meta: ReportMeta) -> tuple[str, str, str]:
    """The title, subject and author a document of ``meta`` carries in its properties."""
    return (clean_text(f"{meta.kind} {meta.number}".strip()), clean_text(meta.title),
            clean_text(meta.issuer))


def _body(doc: DocumentObject, text: str, layout: Layout) -> None:
    paragraph(doc, text, size=layout.body_size, align="justify", first_line_mm=10,
              space_after=6)
