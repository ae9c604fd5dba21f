"""The office's own sections, written in simple Markdown, as report paragraphs
(:func:`parse_markdown`).
"""

from __future__ import annotations

import re

from cadretrain.report.document import BlockKind, Paragraph, Span

_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def _spans(text: str) -> tuple[Span, ...]:
    parts = re.split(r"\*\*(.+?)\*\*", text)
    spans = [Span(text=part, bold=i % 2 == 1) for i, part in enumerate(parts) if part]
    return tuple(spans) or (Span(text=""),)


def parse_markdown(text: str) -> tuple[Paragraph, ...]:
    """The paragraphs of an office's text: blank lines separate paragraphs;
    ``# …`` is a heading, ``1. …`` a numbered item, ``- …`` an item,
    ``**…**`` bold; lines of one paragraph are joined with a space. Anything
    else is plain text, kept as written."""
    blocks: list[Paragraph] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(spans=_spans(" ".join(lines))))
            lines.clear()

    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        for pattern, kind in ((_HEADING, BlockKind.HEADING), (_NUMBERED, BlockKind.NUMBERED),
                              (_BULLET, BlockKind.BULLET)):
            found = pattern.match(line)
            if found:
                flush()
                body = found.group(found.lastindex or 1)
                number = int(found.group(1)) if kind is BlockKind.NUMBERED else None
                blocks.append(Paragraph(kind=kind, spans=_spans(body), number=number))
                break
        else:
            if blocks and blocks[-1].kind in (BlockKind.NUMBERED, BlockKind.BULLET) \
                    and not lines and raw[:1].isspace():
                last = blocks.pop()  # an item's continuation line
                blocks.append(Paragraph(kind=last.kind, number=last.number,
                                        spans=(*last.spans, *_spans(" " + line))))
            else:
                lines.append(line)
    flush()
    return tuple(blocks)
