"""The computed report as data: sections of paragraphs and tables, figures that
carry their source, the signature block (:class:`ReportDocument`).

Exporters lay these pieces out; they never compute a figure themselves.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from attrs import Factory, field, frozen


@frozen(kw_only=True)
class Figure:
    """One number of the report: ``value`` / ``denominator`` exactly (a count
    has denominator 1; a rate is a ratio of 1, 100% = 1), ``text`` as printed
    (``1.909``, ``162,5%``), ``source`` where it comes from in the dataset
    (``class_groups[dvm-2017]``, ``attainment[dang-vien-moi].classes``,
    ``plans[ke-hoach-dvm-2017]``), and ``derived`` when the data holds it only
    as derived from other printed figures (a plan computed from a percentage)."""

    text: str
    value: int
    denominator: int = 1
    source: str
    derived: bool = False

    @property
    def exact(self) -> Fraction:
        return Fraction(self.value, self.denominator)


class BlockKind(enum.Enum):
    """What a paragraph is: body text, a heading inside a section, an item."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    NUMBERED = "numbered"  #: an item of a numbered list ("1. …")
    BULLET = "bullet"  #: an item of a list ("- …")


@frozen(kw_only=True)
class Span:
    """A run of text, bold or not (Markdown ``**bold**``)."""

    text: str
    bold: bool = False


def _spans_text(self: Paragraph) -> str:
    return "".join(s.text for s in self.spans)


@frozen(kw_only=True)
class Paragraph:
    """A paragraph: its text in spans, the figures its numbers are, and for a
    numbered item its number; ``text`` is the spans' text together."""

    kind: BlockKind = BlockKind.PARAGRAPH
    spans: tuple[Span, ...]
    figures: tuple[Figure, ...] = ()
    number: int | None = None
    text: str = field(default=Factory(_spans_text, takes_self=True))


@frozen(kw_only=True)
class Section:
    """A numbered part of the report's body: ``key`` (``situation``,
    ``results``, ``limitations``, ``tasks``), its ``number`` (``I``) and
    ``heading``, its paragraphs, and ``origin``: ``data`` (written from the
    dataset) or ``office`` (the metadata's own text)."""

    key: str
    number: str
    heading: str
    paragraphs: tuple[Paragraph, ...]
    origin: str


@frozen(kw_only=True)
class Cell:
    """A table cell: its text and, when it is a number, its figure."""

    text: str
    figure: Figure | None = None


@frozen(kw_only=True)
class ReportTable:
    """A table of the report: ``heading`` (``PHỤ LỤC``), ``title``, column
    headers, rows of cells (the last a total when ``total_last``), notes."""

    heading: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    total_last: bool = False


@frozen(kw_only=True)
class Signature:
    """The signature block: ``authority`` (``T/M Ban Thường vụ``), ``title``
    (the signer's post) and ``name`` (empty: space left to sign and fill)."""

    authority: str = ""
    title: str = ""
    name: str = ""


@frozen(kw_only=True)
class ReportDocument:
    """The whole báo cáo as data.

    ``superior``, ``issuer``: the header's organization lines; ``number``
    and ``number_line`` (``Số 12-BC/ĐUK``); ``place_date``: the place-and-date
    line as printed; ``kind`` (``Báo cáo``) and ``title``; ``opening``: the
    basis paragraph; ``sections``: the numbered body; ``appendix``: the
    statistical table (phụ lục); ``notes``: the reconciliation notes (printed
    figures the data does not give, plans that are derived); ``findings``:
    the rule findings as a second table when given; ``signature`` and
    ``recipients`` ("Nơi nhận"); ``period_start`` and ``period_end``: the
    first and last day reported on (None: all the data).

    ``comparison``: the period beside the same period a year earlier ("kỳ
    này / cùng kỳ năm trước / %"), when the dataset holds activity of both;
    ``partners``: the classes held jointly, by partner (co-host) with their
    counts, when any class of the period has a co-host. Both are appendix
    tables after the statistical one (None when there is nothing to show).
    """

    kind: str
    superior: str
    issuer: str
    number: str
    number_line: str
    place: str
    place_date: str
    title: str
    period_start: date | None
    period_end: date | None
    date: date | None
    opening: Paragraph | None
    sections: tuple[Section, ...]
    appendix: ReportTable
    notes: tuple[Paragraph, ...]
    findings: ReportTable | None
    signature: Signature
    recipients: tuple[str, ...]
    comparison: ReportTable | None = None
    partners: ReportTable | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def paragraphs(self) -> Iterable[Paragraph]:
        """Every paragraph of the body, the opening first."""
        if self.opening is not None:
            yield self.opening
        for section in self.sections:
            yield from section.paragraphs
