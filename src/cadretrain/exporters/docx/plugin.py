"""The Word exporter as a plugin: ``cadretrain export PATH --to docx``.

Registered as the entry point ``docx`` of the group ``cadretrain.exporters``.
Documents: ``report`` (the default), ``roster`` and ``notices``; see
:mod:`cadretrain.exporters.docx.documents` and docs/word.md. With
``split=true`` the notices are one .docx per sending organization, packed in
one zip archive (the interface writes one stream), named
``<organization id>.docx``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from typing import BinaryIO

import attrs

from cadretrain.exporters.api import ExportContext, Exporter, ExportError, ExportOption
from cadretrain.i18n import LANGUAGES, N_, Language, _, translate

__all__ = ["EXPORTER"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = ("report", "roster", "notices")


def _layout_options() -> tuple[ExportOption, ...]:
    from cadretrain.exporters.docx.layout import Layout  # pure: no python-docx

    def words(lang: Language, name: str, default: object) -> str:
        return translate(N_("layout: {name} (default {default})"), lang).format(
            name=name, default=default)

    return tuple(
        ExportOption(name=f.name, help=words("en", f.name, f.default),
                     help_by_language={lang: words(lang, f.name, f.default)
                                       for lang in LANGUAGES})
        for f in attrs.fields(Layout) if f.name != "font_from_options"
    )


def _export(context: ExportContext, document: str, options: Mapping[str, str],
            out: BinaryIO) -> None:
    # python-docx is imported only when a document is written.
    from cadretrain.exporters.docx.documents import from_report_meta, render_docx
    from cadretrain.metadata import is_document_kind

    if not is_document_kind(document):
        raise ExportError(_("unknown document {document} (documents: {kinds})").format(
            document=repr(document), kinds=", ".join(DOCUMENTS)))
    with_findings = options.get("findings", "yes").lower()
    if with_findings not in ("yes", "no"):
        raise ExportError(_("option findings: expected yes or no, got {value}").format(
            value=repr(with_findings)))
    findings = context.findings if document == "report" and with_findings == "yes" else None
    meta = from_report_meta(context.meta, options)
    if meta.year is None and context.year is not None:
        meta = attrs.evolve(meta, year=context.year)
    # The report is the context's, computed once for every exporter.
    # (The options authority and recipients change it: then it is made anew.)
    overridden = bool(options.get("authority") or options.get("recipients"))
    report = context.report if document == "report" and findings is not None \
        and not overridden else None
    parts = render_docx(context.dataset, document=document, meta=meta, options=options,
                        findings=findings, report=report)
    if len(parts) == 1 and not parts[0][0]:
        out.write(parts[0][1])
        return
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            archive.writestr(f"{name}.docx", content)


EXPORTER = Exporter(
    name="docx",
    # English messages of the catalog: Exporter.describe() gives them in the
    # listing's language, as ExportOption.describe() the options' help.
    description=N_("Word documents in the party format (36-HD/VPTW): the summary report, a "
                   "class roster, result notices per sending organization"),
    extension=".docx",
    media_type=MEDIA_TYPE,
    documents=DOCUMENTS,
    export=_export,
    options=(
        ExportOption(name="class", help=N_("the class of a roster or of notices (its id)")),
        ExportOption(name="split", help=N_("notices: one .docx per organization, in a zip"),
                     default="false"),
        ExportOption(name="organization", help=N_("notices: only the notice to this sending "
                                                  "organization (its id)")),
        ExportOption(name="template", help=N_("report: the Word template (docxtpl tags; "
                                              "`cadretrain template docx` writes the "
                                              "built-in one); roster and notices: a .docx "
                                              "to start from (letterhead, styles)")),
        ExportOption(name="findings", help=N_("report: include the rule findings (yes/no)"),
                     default="yes"),
        ExportOption(name="authority", help=N_("the signature block's first line (on behalf "
                                               "of the committee: T/M …)")),
        ExportOption(name="recipients", help=N_("the recipients' lines, separated by ';'")),
        *_layout_options(),
    ),
)
