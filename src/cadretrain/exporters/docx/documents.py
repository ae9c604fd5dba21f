"""Word documents in the party format: summary report, class roster, result notices.

* :func:`build_report`: the báo cáo of a period's training results (the
  attainment table of :mod:`cadretrain.attainment`, its totals in words,
  rule findings when given), with the header, number, place-and-date line,
  signature block and "Nơi nhận" of Hướng dẫn 36-HD/VPTW;
* :func:`build_roster`: the danh sách học viên of one class, in Vietnamese
  name order (:mod:`cadretrain.collation`), with sending organizations and
  results;
* :func:`build_notices`: one thông báo kết quả học tập per sending
  organization of a class, each with only that organization's learners, one
  notice per page of one file.

The metadata (organizations, number, place, date, signer, recipients) is
input (:class:`ReportMeta`), never written here. Every figure and date
goes through :mod:`cadretrain.formatting`. Layout: see
:mod:`~cadretrain.exporters.docx.layout` and docs/word.md.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from attrs import frozen
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from cadretrain._version import __version__
from cadretrain.atomic import Target, write_atomically, write_output
from cadretrain.attainment import (
    AttainmentTable,
)
from cadretrain.catalog import course_catalog, course_names
from cadretrain.collation import name_sort_key, vietnamese_key
from cadretrain.exporters.api import ExportError
from cadretrain.exporters.docx.building import (
    add_page_number_header,
    apply_layout,
    cell_text,
    fast_table,
    keep_row_whole,
    new_document,
    paragraph,
    plain_table,
)
from cadretrain.exporters.docx.layout import Layout, layout_from_options
from cadretrain.exporters.docx.text import clean_text
from cadretrain.exporters.xlsx.layout import label_of
from cadretrain.formatting import format_count, format_date, format_decimal, format_percent
from cadretrain.i18n import Language, _, current_language, ngettext, pgettext
from cadretrain.lookups import index_of
from cadretrain.metadata import DOCUMENT_KINDS, DocumentFields, DocumentKind, ReportMeta
from cadretrain.model import ClassRecord, Dataset, Enrollment, Organization, Person
from cadretrain.rules.findings import CheckResult

if TYPE_CHECKING:
    from cadretrain.report import ReportDocument

__all__ = [
    "DEFAULT_RECIPIENTS",
    "DOCUMENTS",
    "ExportError",
    "Lookups",
    "NoticeText",
    "add_notice",
    "build_notices",
    "build_report",
    "build_roster",
    "class_meta",
    "default_recipients",
    "export_docx",
    "from_report_meta",
    "meta_from_mapping",
    "notice_frame",
    "notice_groups",
    "notice_kind",
    "notice_text",
    "number_line",
    "place_date_line",
    "property_texts",
    "render_docx",
    "report_notes",
    "report_rows",
    "roster_order",
    "save_document",
    "write_notice",
]

DOCUMENTS: tuple[DocumentKind, ...] = DOCUMENT_KINDS


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


def __getattr__(name: str) -> object:
    # DocumentMeta was the Word exporter's own metadata type beside the
    # interface's ReportMeta; they are one type now (cadretrain.metadata).
    if name == "DocumentMeta":
        import warnings

        warnings.warn("cadretrain.exporters.docx.documents.DocumentMeta is deprecated: it is "
                      "cadretrain.metadata.ReportMeta (also cadretrain.exporters.ReportMeta)",
                      DeprecationWarning, stacklevel=2)
        return ReportMeta
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def meta_from_mapping(data: Mapping[str, object], source: str = "meta") -> ReportMeta:
    """A :class:`~cadretrain.metadata.ReportMeta` from a parsed TOML/JSON table
    (read as :func:`~cadretrain.exporters.api.meta_from_data` reads it, with
    ``issuer`` required and the recipients defaulting to
    :func:`default_recipients`); every problem at once, each naming ``source``
    and the field."""
    from cadretrain.exporters.api import meta_from_data

    errors = []
    if "issuer" not in data:
        errors.append(f"{source}: issuer: missing (the issuing organization)")
    try:
        report = meta_from_data(data, source=source)
    except ExportError as exc:
        errors[:0] = str(exc).splitlines()
        report = ReportMeta()
    if errors:
        raise ExportError("\n".join(errors))
    return from_report_meta(report)


def from_report_meta(meta: ReportMeta, options: Mapping[str, str] | None = None
                     ) -> ReportMeta:
    """``meta`` as the Word exporter prints it: the options ``authority``
    (``T/M Ban Thường vụ``) and ``recipients`` (lines separated by ``;``)
    override the metadata's own; with neither, the recipients are
    :func:`default_recipients` (:data:`DEFAULT_RECIPIENTS` in Vietnamese)."""
    opts = options or {}
    authority = opts.get("authority") or meta.authority
    if opts.get("recipients"):
        recipients = tuple(r.strip() for r in opts["recipients"].split(";") if r.strip())
    else:
        recipients = meta.recipients or default_recipients()
    return attrs.evolve(meta, authority=authority, recipients=recipients)


# ------------------------------------------------------ notices and rosters


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


# ------------------------------------------------------------------- frame


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


def number_line(number: str) -> str:
    """``Số 12-BC/ĐUK``; a number starting with ``-`` (``-TB/TTBD``) is one
    left blank to fill in by hand, as drafts are: ``Số      -TB/TTBD``."""
    if not number:
        return ""
    return _("No. {number}").format(number=('      ' if number.startswith('-') else '') + number)


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


# ------------------------------------------------------------------ report


def report_rows(dataset: Dataset, table: AttainmentTable) -> list[list[str]]:
    """The report table's rows as printed: number, course type, then plan,
    actual and attainment of classes and of learners; the total last
    (:func:`cadretrain.report.appendix_table`). A percentage has the decimals
    of the printed figure that states it, else one; a derived plan is marked
    ``a``, a rate over part of its row ``*``."""
    from cadretrain.report import appendix_table

    return [[cell.text for cell in row] for row in appendix_table(dataset, table).rows]


def report_notes(dataset: Dataset, table: AttainmentTable) -> list[str]:
    """The notes under the report table that explain a rate marked ``*``."""
    from cadretrain.report import appendix_table

    return [n for n in appendix_table(dataset, table).notes if n.startswith("(*")]


def to_report_meta(meta: ReportMeta) -> ReportMeta:
    """``meta`` with ``body`` (Python callers' paragraphs) as the situation
    section when that is empty: what the report computes from."""
    if meta.body and not meta.sections.situation:
        return attrs.evolve(meta, sections=attrs.evolve(
            meta.sections, situation="\n\n".join(meta.body)))
    return meta


def build_report(dataset: Dataset, meta: ReportMeta, *, layout: Layout | None = None,
                 findings: CheckResult | None = None,
                 template: Path | bytes | None = None,
                 report: ReportDocument | None = None) -> DocumentObject:
    """The báo cáo of ``meta.year`` (all data when None): the computed report
    (``report``, else :func:`cadretrain.report.compute_report` of the data)
    rendered with the Word template ``template`` (a path or the bytes of a
    .docx with docxtpl tags; the built-in one when None), checked first
    (:func:`~cadretrain.exporters.docx.template.check_template`: a template
    with errors is a :class:`~cadretrain.exporters.docx.template.TemplateError`
    naming each place). Layout options other than the defaults set the page
    and the Normal font of the result."""
    from cadretrain.exporters.docx.template import read_template, render_report_template
    from cadretrain.exporters.docx.wording import builtin_template_in
    from cadretrain.report import compute_report

    layout = layout or Layout()
    if not meta.recipients:
        meta = attrs.evolve(meta, recipients=default_recipients())
    if report is None:
        report = compute_report(dataset, to_report_meta(meta), findings=findings)
    data = read_template(template) if isinstance(template, Path) else template
    if data is None:  # the built-in template, its fixed words in the current language
        data = builtin_template_in(current_language())
    rendered, _problems = render_report_template(report, data,
                                                 source=str(template) if template else None)
    doc: DocumentObject = rendered
    if layout != Layout():  # options given: they win over the template's page
        apply_layout(doc, layout, font=layout.font_from_options)
    _properties(doc, attrs.evolve(meta, title=report.title), "report",
                findings.ruleset_version if findings else None)
    return doc


# ------------------------------------------------------------------ roster


def _find_class(dataset: Dataset, class_id: str) -> ClassRecord:
    record = index_of(dataset).classes.get(class_id)
    if record is not None:
        if record.enrollments is None:
            raise ExportError(f"class {class_id}: no roster in the dataset (only a "
                              "learner count)")
        return record
    known = ", ".join(c.id for c in dataset.classes[:10])
    raise ExportError(f"class {class_id!r} is not in the dataset (classes: {known}"
                      f"{', …' if len(dataset.classes) > 10 else ''})")


def roster_order(dataset: Dataset, enrollments: Iterable[Enrollment], *,
                 lookups: Lookups | None = None) -> list[Enrollment]:
    """Enrollments in Vietnamese name order (given, middle, family name), then by person id."""
    people = (lookups or Lookups.of(dataset)).people

    def key(e: Enrollment) -> tuple[object, str]:
        person = people.get(e.person)
        return name_sort_key(person.full_name if person else e.person), e.person
    return sorted(enrollments, key=key)


# A class has a handful of distinct attendance shares and grades; Babel
# takes ~50 µs a call, so each distinct value is formatted once.
@lru_cache(maxsize=4096)
def _percent(value: Decimal, lang: Language) -> str:
    return format_percent(value, 0, lang)


@lru_cache(maxsize=4096)
def _grade(value: Decimal, lang: Language) -> str:
    return format_decimal(value, 1, lang)


def _result_cells(enrollment: Enrollment, lang: Language) -> list[str]:
    r = enrollment.result
    if r is None:
        return ["", "", "", ""]
    return [
        _percent(r.attendance, lang) if r.attendance is not None else "",
        _grade(r.essay_grade, lang) if r.essay_grade is not None else "",
        label_of("attitude", r.attitude.value, lang) if r.attitude else "",
        label_of("classification", r.classification.value, lang) if r.classification else "",
    ]


def roster_rows(dataset: Dataset, enrollments: Sequence[Enrollment], *,
                with_org: bool = True, lookups: Lookups | None = None) -> list[list[str]]:
    found = lookups or Lookups.of(dataset)
    lang = current_language()
    rows = []
    for i, e in enumerate(roster_order(dataset, enrollments, lookups=found), start=1):
        person = found.people.get(e.person)
        row = [str(i), person.full_name if person else e.person,
               _day(person.birth_date, lang) if person and person.birth_date else ""]
        if with_org:
            row.append(found.name(e.sending_organization))
        rows.append(row + _result_cells(e, lang))
    return rows


def _class_line(dataset: Dataset, record: ClassRecord) -> str:
    # A class's title is its whole name ("Lớp …", "Hội nghị …"); without one,
    # the line is made from its course type: "Lớp bồi dưỡng …".
    lang = current_language()
    if record.title:
        name = record.title
    else:
        kind = course_names(course_catalog(dataset), (record.course_type,), lang)
        name = _("Class of {course}").format(course=kind[:1].lower() + kind[1:])
    return (name + (f" ({record.code})" if record.code else "")
            + _(", from {start} to {end}").format(start=_day(record.start, lang),
                                                   end=_day(record.end, lang)))


def _result_headers() -> list[str]:
    return [_("Attendance"), _("Essay grade"), _("Attitude"), _("Classification")]


def build_roster(dataset: Dataset, class_id: str, meta: ReportMeta, *,
                 layout: Layout | None = None, template: Path | None = None,
                 lookups: Lookups | None = None) -> DocumentObject:
    """The roster (danh sách học viên) of one class, issued by its host, with
    the place-and-date line of ``meta.roster`` (default: the report's place,
    the class's last day)."""
    layout = layout or Layout()
    record = _find_class(dataset, class_id)
    found = lookups or Lookups.of(dataset)
    frame = class_meta(record, found, meta.roster, kind=_("Roster of learners"),
                       place=meta.place)
    doc = new_document(layout, template)
    _header(doc, frame, layout)
    _title(doc, frame, layout, _class_line(dataset, record))
    width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    # 17 mm: "Chuyên cần" breaks between its words, not inside one.
    fixed = [10.0, 40.0, 23.5, 0.0, 17.0, 14.5, 15.0, 15.0]
    fixed[3] = width - sum(fixed)
    fast_table(doc, [pgettext("table", "No."), _("Full name"), _("Date of birth"),
                     _("Sending unit"), *_result_headers()],
               fixed, roster_rows(dataset, record.enrollments or (), lookups=found),
               size=layout.table_size - 1,
               aligns=["center", "left", "center", "left", "right", "right", "center",
                       "center"])
    n = len(record.enrollments or ())
    paragraph(doc, ngettext("The roster has {n} learner.", "The roster has {n} learners.",
                            n).format(n=format_count(n, current_language())),
              size=layout.body_size, italic=True, space_before=6)
    _signature(doc, frame, layout)
    _finish(doc, frame, layout, "roster", None)
    return doc


# ----------------------------------------------------------------- notices


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


# ------------------------------------------------------------------ saving


def save_document(doc: DocumentObject, path: Target) -> None:
    """Write ``doc`` to ``path`` whole or not at all, or to a binary stream the
    caller opened (the same bytes as the file)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    write_output(path, buffer.getvalue())


def _bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_docx(dataset: Dataset, *, document: DocumentKind, meta: ReportMeta,
                options: Mapping[str, str] | None = None,
                findings: CheckResult | None = None,
                report: ReportDocument | None = None) -> list[tuple[str, bytes]]:
    """Build document ``document`` (report, roster, notices): ``(name, bytes)``
    pairs, one pair unless notices are split (``name`` is then the sending
    organization's id, else "").

    ``report``: the computed report, when the caller has it (else computed).
    Options: ``class=ID`` (roster, notices), ``template=PATH`` (the report:
    the Word template to render with; rosters and notices: a .docx to start
    from), ``split=true`` (notices: one document per sending
    organization), ``organization=ID`` (notices: only the notice to that
    organization), and the layout options of
    :func:`~cadretrain.exporters.docx.layout.layout_from_options`.
    """
    opts = dict(options or {})
    if document not in DOCUMENTS:
        raise ExportError(f"--document {document!r}: expected one of {', '.join(DOCUMENTS)}")
    layout = layout_from_options(opts)
    template = Path(opts["template"]) if opts.get("template") else None
    if template is not None and not template.is_file():
        raise ExportError(f"option template={template}: no such file")
    if document == "report":
        return [("", _bytes(build_report(dataset, meta, layout=layout, findings=findings,
                                         template=template, report=report)))]
    class_id = opts.get("class")
    if not class_id:
        raise ExportError(f"--document {document} needs --option class=ID")
    lookups = Lookups.of(dataset)
    if document == "roster":
        return [("", _bytes(build_roster(dataset, class_id, meta, layout=layout,
                                         template=template, lookups=lookups)))]
    split = opts.get("split", "false").lower() in ("true", "1", "yes")
    only = opts.get("organization") or None
    if template is None and (split or only):
        # One notice a file: filled into the notice laid out once (docx.notices).
        record = _find_class(dataset, class_id)
        orgs = [org for org, _enrollments in notice_groups(dataset, record, lookups=lookups)] \
            if split else [str(only)]
        return [(org if split else "", _notice_bytes(dataset, record, org, meta, layout, lookups))
                for org in orgs]
    if not split:
        return [("", _bytes(build_notices(dataset, class_id, meta, layout=layout,
                                          template=template, lookups=lookups, only=only)))]
    record = _find_class(dataset, class_id)
    return [(org, _bytes(build_notices(dataset, class_id, meta, layout=layout,
                                       template=template, only=org, lookups=lookups)))
            for org, _enrollments in notice_groups(dataset, record, lookups=lookups)]


def _notice_bytes(dataset: Dataset, record: ClassRecord, organization: str,
                  meta: ReportMeta, layout: Layout, lookups: Lookups) -> bytes:
    """The .docx of the one notice :func:`build_notices` makes with ``only=organization``."""
    from cadretrain.exporters.docx.notices import notice_docx

    enrollments = [e for e in record.enrollments or () if e.sending_organization == organization]
    if not enrollments:
        raise ExportError(f"class {record.id}: no learners sent by {organization!r}")
    frame = notice_frame(record, lookups, meta.notice, place=meta.place)
    text = notice_text(dataset, record, organization, enrollments, frame, lookups)
    return notice_docx(text, frame, layout)


def export_docx(dataset: Dataset, path: Target, *,
                document: DocumentKind, meta: ReportMeta,
                options: Mapping[str, str] | None = None,
                findings: CheckResult | None = None) -> list[Path]:
    """Build document ``document`` and write it to ``path`` (a file path, or a
    binary stream the caller opened: an HTTP response, a BytesIO); split
    notices go to ``<stem>-<organization id>.docx`` beside a path (a stream
    takes one document: :class:`ExportError` for split notices). Options as
    :func:`render_docx`. Every document is built before any file is written;
    each file appears whole or not at all. Returns the files written (none
    for a stream).
    """
    parts = render_docx(dataset, document=document, meta=meta, options=options,
                        findings=findings)
    if not isinstance(path, (str, os.PathLike)):
        if len(parts) != 1 or parts[0][0]:
            raise ExportError(f"--document {document} with split=true makes {len(parts)} "
                              "files: give a path, not a stream")
        write_output(path, parts[0][1])
        return []
    target = Path(path)
    written = []
    for name, content in parts:
        out = target.with_name(f"{target.stem}-{name}{target.suffix or '.docx'}") \
            if name else target
        write_atomically(out, content)
        written.append(out)
    return written
