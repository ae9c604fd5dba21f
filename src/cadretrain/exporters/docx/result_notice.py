"""The result notice (thông báo kết quả học tập): one per sending organization of a
class, with only that organization's learners; its texts and its one layout
(:mod:`cadretrain.exporters.docx.notices` fills that layout fast for a whole pack).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from attrs import frozen
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK

from cadretrain.collation import vietnamese_key
from cadretrain.exporters.api import ExportError
from cadretrain.exporters.docx.building import (
    fast_table,
    new_document,
    paragraph,
)
from cadretrain.exporters.docx.frame import (
    Lookups,
    _body,
    _finish,
    _header_lines,
    _signature,
    _title,
    class_meta,
    notice_kind,
    place_date_line,
)
from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.docx.roster import _class_line, _find_class, _result_headers, roster_rows
from cadretrain.formatting import format_count
from cadretrain.i18n import _, current_language, ngettext, pgettext
from cadretrain.metadata import DocumentFields, ReportMeta, number_line
from cadretrain.model import ClassRecord, Dataset, Enrollment


def notice_groups(dataset: Dataset, record: ClassRecord, *,
                  lookups: Lookups | None = None) -> list[tuple[str, list[Enrollment]]]:
    """The class's enrollments by sending organization, organizations in
    Vietnamese order of their names; each group only that organization's."""
    groups: dict[str, list[Enrollment]] = {}
    for e in record.enrollments or ():
        groups.setdefault(e.sending_organization, []).append(e)
    found = lookups or Lookups.of(dataset)
    return sorted(groups.items(), key=lambda kv: (vietnamese_key(found.name(kv[0])), kv[0]))


def notice_frame(record: ClassRecord, lookups: Lookups, fields: DocumentFields, *,
                 place: str = "") -> ReportMeta:
    """The frame of a result notice (thông báo) of ``record``: see :func:`class_meta`."""
    return class_meta(record, lookups, fields, kind=notice_kind(), place=place)


@frozen
class NoticeText:
    """What one result notice prints, text by text, as :func:`notice_text`
    makes it; :func:`write_notice` lays it out. ``number`` is the number line
    (``Số      -TB/TTBD``), ``addressee`` the "Kính gửi" line, ``opening`` and
    ``closing`` the paragraphs before and after the table of ``rows``."""

    superior: str
    issuer: str
    number: str
    place_date: str
    subject: str
    addressee: str
    opening: str
    closing: str
    authority: str
    signer_title: str
    signer: str
    recipients: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def notice_text(dataset: Dataset, record: ClassRecord, organization: str,
                enrollments: Sequence[Enrollment], frame: ReportMeta,
                lookups: Lookups) -> NoticeText:
    """The texts of the result notice (thông báo kết quả học tập) of
    ``record`` to the sending ``organization``, with only ``enrollments``
    (its own learners): a function of the class, the organization and the
    prebuilt lookups."""
    org_name = lookups.name(organization)
    line = _class_line(dataset, record)
    n = len(enrollments)
    return NoticeText(
        superior=frame.superior, issuer=frame.issuer, number=number_line(frame.number),
        place_date=place_date_line(frame),
        subject=_("Results of the learners of {course}").format(
            course=line[:1].lower() + line[1:]),
        addressee=_("To: {organization}").format(organization=org_name),
        opening=ngettext("{issuer} reports the results of the {n} comrade {organization} "
                         "sent to the class:",
                         "{issuer} reports the results of the {n} comrades {organization} "
                         "sent to the class:", n).format(
            issuer=frame.issuer, n=format_count(n, current_language()), organization=org_name),
        closing=_("{organization} is asked to record the results of these comrades, as a "
                  "basis for following each learner's progress.").format(
            organization=org_name),
        authority=frame.authority, signer_title=frame.signer_title, signer=frame.signer,
        recipients=frame.recipients,
        rows=tuple(tuple(row) for row in roster_rows(dataset, enrollments, with_org=False,
                                                     lookups=lookups)))


def write_notice(doc: DocumentObject, text: NoticeText, layout: Layout) -> None:
    """Lay out the notice ``text`` at the end of ``doc`` (Hướng dẫn 36-HD/VPTW)."""
    width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    _header_lines(doc, layout, superior=text.superior, issuer=text.issuer, number=text.number,
                  place_date=text.place_date)
    _title(doc, ReportMeta(issuer=text.issuer, kind=notice_kind()), layout, text.subject)
    paragraph(doc, text.addressee, size=layout.body_size, align="center", space_after=12)
    _body(doc, text.opening, layout)
    widths = [10.0, 0.0, 24.0, 20.0, 20.0, 22.0, 20.0]
    widths[1] = width - sum(widths)
    fast_table(doc, [pgettext("table", "No."), _("Full name"), _("Date of birth"),
                     *_result_headers()], widths, text.rows,
               size=layout.table_size,
               aligns=["center", "left", "center", "right", "right", "center", "center"])
    paragraph(doc, "")
    _body(doc, text.closing, layout)
    _signature(doc, ReportMeta(issuer=text.issuer, authority=text.authority,
                                 signer_title=text.signer_title, signer=text.signer,
                                 recipients=text.recipients), layout)


def add_notice(doc: DocumentObject, dataset: Dataset, record: ClassRecord, organization: str,
               enrollments: Sequence[Enrollment], frame: ReportMeta, layout: Layout,
               lookups: Lookups) -> None:
    """One result notice (thông báo kết quả học tập) of ``record`` to the
    sending ``organization``, with only ``enrollments`` (its own learners),
    at the end of ``doc``: :func:`notice_text` laid out by :func:`write_notice`."""
    write_notice(doc, notice_text(dataset, record, organization, enrollments, frame, lookups),
                 layout)


def build_notices(dataset: Dataset, class_id: str, meta: ReportMeta, *,
                  layout: Layout | None = None, template: Path | None = None,
                  only: str | None = None, lookups: Lookups | None = None) -> DocumentObject:
    """The result notices of a class: one per sending organization, each on
    its own page (``only``: just that organization's notice). Each is a
    document of its own, issued and signed by the class's host, numbered,
    dated and addressed as ``meta.notice`` says (see :func:`class_meta`):
    the report's number, date, signer and "Nơi nhận" are never used."""
    layout = layout or Layout()
    record = _find_class(dataset, class_id)
    found = lookups or Lookups.of(dataset)
    doc = new_document(layout, template)
    groups = [g for g in notice_groups(dataset, record, lookups=found)
              if only is None or g[0] == only]
    if not groups:
        raise ExportError(f"class {class_id}: no learners"
                          + (f" sent by {only!r}" if only else ""))
    frame = notice_frame(record, found, meta.notice, place=meta.place)
    for n, (org, enrollments) in enumerate(groups):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_notice(doc, dataset, record, org, enrollments, frame, layout, found)
    _finish(doc, frame, layout, "notices", None)
    return doc
