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

The parts live beside this module: the frame every document shares
(``frame.py``: header, number, place and date, title, signature, properties),
the roster (``roster.py``) and the notice (``result_notice.py``; ``notices.py``
fills it fast for a whole pack); this module builds the report and writes any
of them (:func:`render_docx`, :func:`export_docx`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from docx.document import Document as DocumentObject

from cadretrain.atomic import Target, write_atomically, write_output
from cadretrain.attainment import AttainmentTable
from cadretrain.exporters.api import ExportError
from cadretrain.exporters.docx.building import apply_layout
from cadretrain.exporters.docx.frame import (
    DEFAULT_RECIPIENTS,
    Lookups,
    _properties,
    class_meta,
    default_recipients,
    notice_kind,
    place_date_line,
    property_texts,
)
from cadretrain.exporters.docx.layout import Layout, layout_from_options
from cadretrain.exporters.docx.result_notice import (
    NoticeText,
    add_notice,
    build_notices,
    notice_frame,
    notice_groups,
    notice_text,
    write_notice,
)
from cadretrain.exporters.docx.roster import _find_class, build_roster, roster_order
from cadretrain.i18n import current_language
from cadretrain.metadata import DOCUMENT_KINDS, DocumentKind, ReportMeta, number_line
from cadretrain.model import ClassRecord, Dataset
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
