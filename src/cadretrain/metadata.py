"""What a document states about itself: the one metadata type of every exporter.

:class:`ReportMeta` (issuer, number, place and date, signature, recipients,
title, period, the office's own sections, the frames of notices and rosters)
is what ``--meta FILE`` reads, what :class:`~cadretrain.exporters.api.ExportContext`
carries to every exporter and what the report and the Word documents print.
It lives in the core, so that the report (core) does not import the exporters;
``cadretrain.exporters`` and ``cadretrain.exporters.api`` give the same objects.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeGuard, get_args

from attrs import field, frozen

from cadretrain.i18n import _

__all__ = [
    "DOCUMENT_KINDS",
    "SECTION_NAMES",
    "DocumentFields",
    "DocumentKind",
    "ReportMeta",
    "ReportSections",
    "is_document_kind",
    "number_line",
]

#: The documents the built-in Word exporter makes (``--document``): the report,
#: a class roster, the result notices of a class.
DocumentKind = Literal["report", "roster", "notices"]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)


def is_document_kind(name: str) -> TypeGuard[DocumentKind]:
    """Whether ``name`` (a ``--document`` value, say) is one of :data:`DOCUMENT_KINDS`."""
    return name in DOCUMENT_KINDS


@frozen(kw_only=True)
class DocumentFields:
    """What a document other than the report states about itself: the result
    notices (``[notice]`` of a metadata file) and the class rosters
    (``[roster]``). Every field is optional; what is left empty comes from the
    class (see each field), never from the report's own metadata.

    ``number``: the number-and-symbol after ``Số`` (a notice's default is
    ``-TB/`` and the host's short name, the number left blank to fill);
    ``place``: the place of the place-and-date line (default: the report's
    place); ``date``: its date (default: the last day of the class);
    ``authority``, ``signer_title``, ``signer``: the signature block (default:
    ``T/M`` and the class's host); ``recipients``: "Nơi nhận" (a notice's
    default: ``Như trên,`` and the host's archive).
    """

    number: str = ""
    place: str = ""
    date: date | None = None
    authority: str = ""
    signer_title: str = ""
    signer: str = ""
    recipients: tuple[str, ...] = ()


@frozen(kw_only=True)
class ReportSections:
    """The sections of a report only people can write (``[sections]`` of a
    metadata file), each plain paragraphs or simple Markdown; an empty one is
    left out of the report, never filled with other text."""

    situation: str = ""  #: đặc điểm tình hình (before the results)
    limitations: str = ""  #: hạn chế và nguyên nhân
    tasks: str = ""  #: phương hướng, nhiệm vụ


@frozen(kw_only=True)
class ReportMeta:
    """What a report (or another party document) states about itself
    (Hướng dẫn 36-HD/VPTW).

    ``superior``: the superior organization (first header line, may be
    empty); ``issuer``: the issuing organization; ``number``: the
    number-and-symbol printed after ``Số`` (``12-BC/ĐUK``); ``place`` and
    ``date``: the place-and-date line; ``signer`` and ``signer_title``:
    who signs, and as what; ``authority``: the line above the signer's
    title when signing on behalf of a body (``T/M Ban Thường vụ``, empty when
    signing in one's own name); ``recipients``: the "Nơi nhận" lines (an
    exporter's own default when empty); ``title``: the report's title;
    ``year``: the year it covers (all data when None).

    ``basis``: the opening sentence stating what the report reports on
    (default: made from the dataset's documents); ``sections``: the office's
    own sections (:class:`ReportSections`: ``situation``, đặc điểm tình hình;
    ``limitations``, hạn chế và nguyên nhân; ``tasks``, phương hướng, nhiệm
    vụ), each plain paragraphs or simple Markdown (``#`` headings, ``1.``
    numbered and ``-`` items, ``**bold**``); a section left out is left out.
    ``notice`` and ``roster``: the metadata of the result notices and of the
    rosters (:class:`DocumentFields`).

    ``kind``: the kind of document as its title line names it (``Báo cáo``;
    a notice's frame says ``Thông báo``); ``body``: paragraphs printed before
    the results when ``sections.situation`` is empty (Python callers; a
    metadata file writes ``[sections]``).

    ``authority``, ``recipients``, ``basis``, ``sections``, ``notice``,
    ``roster``, ``kind`` and ``body`` came after the first release of interface
    version 1; all default to empty (``kind`` to ``Báo cáo``), so exporters
    that ignore them still work. This is the one metadata type of every
    exporter: ``cadretrain.exporters.docx.documents.DocumentMeta``, the Word
    exporter's former own type, is a deprecated name of it.
    """

    issuer: str = ""
    superior: str = ""
    number: str = ""
    place: str = ""
    date: date | None = None
    signer: str = ""
    signer_title: str = ""
    authority: str = ""
    recipients: tuple[str, ...] = ()
    title: str = ""
    year: int | None = None
    basis: str = ""
    sections: ReportSections = field(factory=ReportSections)
    notice: DocumentFields = field(factory=DocumentFields)
    roster: DocumentFields = field(factory=DocumentFields)
    kind: str = "Báo cáo"
    body: tuple[str, ...] = ()


#: The headings of the office's own sections (:class:`ReportSections`), in
#: the order the report prints them.
SECTION_NAMES: dict[str, str] = {
    "situation": "Đặc điểm tình hình",
    "limitations": "Hạn chế và nguyên nhân",
    "tasks": "Phương hướng, nhiệm vụ",
}


def number_line(number: str) -> str:
    """The document's number as its header prints it: ``Số 12-BC/ĐUK`` (``No.
    12-BC/ĐUK`` in English); empty without a number. A number starting with
    ``-`` (``-TB/TTBD``) is one still to be given, left blank to fill in by
    hand as drafts are: ``Số      -TB/TTBD``."""
    if not number:
        return ""
    return _("No. {number}").format(number=("      " if number.startswith("-") else "") + number)
