"""Result notices at the speed of a national pack: made once, filled per organization.

python-docx builds a notice element by element (about 70 ms); a national
report pack holds up to a million. So :func:`notice_docx` lays the notice out
with python-docx once (:func:`~cadretrain.exporters.docx.result_notice.write_notice`,
the one layout), with a marker in place of every text, keeps its parts, and
for each organization writes the texts into the XML, escaped as python-docx
escapes them, and zips that with the other parts' bytes compressed once. The
file is byte for byte the one python-docx makes (tests/test_docx_notice.py).

The laid-out notice depends on which texts are empty (an empty text has no
run; no superior organization, no signer, no "Nơi nhận" line each leave a
paragraph out) and on how many "Nơi nhận" lines there are: one is kept per
layout and such shape.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from xml.sax.saxutils import unescape

import attrs
from attrs import frozen

from cadretrain.atomic import ZIP_EPOCH, ZipMember, write_zip, zip_member
from cadretrain.exporters.docx.building import new_document
from cadretrain.exporters.docx.documents import (
    NoticeText,
    notice_kind,
    property_texts,
    write_notice,
)
from cadretrain.exporters.docx.frame import _finish
from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.docx.text import clean_text
from cadretrain.i18n import Language, current_language
from cadretrain.metadata import ReportMeta

__all__ = ["notice_docx"]

_DOCUMENT = "word/document.xml"
_PROPERTIES = "docProps/core.xml"
#: A marker stands for a text: private-use characters around its name, which
#: python-docx keeps as they are and upper() leaves alone (the name is upper-
#: cased where the layout prints a text in capitals).
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}(\\w+){_CLOSE}")
#: A run's text holding markers (its w:t is plain: a marker is never blank).
_RUN_TEXT = re.compile(f"<w:t>([^<]*{_OPEN}[^<]*)</w:t>")
_CELL = re.compile(f"<w:t>{_OPEN}cell\\d{_CLOSE}</w:t>")
#: The texts of a notice other than its lists (recipients, rows).
_SCALARS = tuple(f.name for f in attrs.fields(NoticeText) if f.name not in ("recipients", "rows"))


def _marker(name: str) -> str:
    return f"{_OPEN}{name}{_CLOSE}"


def _escape(text: str) -> str:
    # What lxml writes for a text node.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _t(text: str) -> str:
    if text[:1].isspace() or text[-1:].isspace():
        return f'<w:t xml:space="preserve">{_escape(text)}</w:t>'
    return f"<w:t>{_escape(text)}</w:t>"


def _run_content(text: str) -> str:
    # python-docx's Run.text: a tab is a w:tab, a line end a w:br, the rest w:t.
    return "".join("<w:tab/>" if piece == "\t" else "<w:br/>" if piece in "\r\n" else _t(piece)
                   for piece in re.split(r"([\t\r\n])", text) if piece)


@frozen
class _Skeleton:
    """A notice of one shape laid out with markers: ``head``, one table row
    (split around its cells' texts) and ``tail`` of the document XML, the
    properties XML, and the zip's members (None where the notice's own go)."""

    head: str
    row: tuple[str, ...]
    tail: str
    properties: str
    members: tuple[ZipMember | str, ...]


@lru_cache(maxsize=64)
def _skeleton(layout: Layout, shape: tuple[bool | int, ...], lang: Language) -> _Skeleton:
    # (lang: the notice's fixed words -- headers, motto, "Nơi nhận" -- are in it.)
    *present, recipients = shape
    texts = {name: _marker(name) if given else "" for name, given in zip(_SCALARS, present,
                                                                            strict=True)}
    marked = NoticeText(**texts, recipients=tuple(_marker(f"recipient{i}")
                                                  for i in range(int(recipients))),
                        rows=(tuple(_marker(f"cell{i}") for i in range(7)),))
    doc = new_document(layout)
    write_notice(doc, marked, layout)
    _finish(doc, ReportMeta(issuer="", kind=notice_kind()), layout, "notices", None)
    props = doc.core_properties
    props.title, props.subject, props.author = (_marker("doc_title"), _marker("doc_subject"),
                                                _marker("doc_author"))
    buffer = io.BytesIO()
    doc.save(buffer)
    members: list[ZipMember | str] = []
    with zipfile.ZipFile(buffer) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == _DOCUMENT:
                xml = data.decode("utf-8")
            elif info.filename == _PROPERTIES:
                properties = data.decode("utf-8")
            members.append(info.filename if info.filename in (_DOCUMENT, _PROPERTIES)
                           else zip_member(info.filename, data))
    start = xml.rindex("<w:tr>", 0, xml.index(_marker("cell0")))
    end = xml.index("</w:tr>", start) + len("</w:tr>")
    row = tuple(_CELL.split(xml[start:end]))
    head, tail = xml[:start], xml[end:]
    # Every marker must sit where the filling looks for it.
    found = len(_RUN_TEXT.findall(head + tail))
    assert found == len(_MARKER.findall(head + tail)) and len(row) == 8, "markers misplaced"
    return _Skeleton(head=head, row=row, tail=tail, properties=properties,
                     members=tuple(members))


def notice_docx(text: NoticeText, frame: ReportMeta, layout: Layout) -> bytes:
    """The .docx of the notice ``text`` (its properties from ``frame``): the
    bytes python-docx writes for it, without building it (see the module)."""
    shape = (*(bool(getattr(text, name)) for name in _SCALARS), len(text.recipients))
    skeleton = _skeleton(layout, shape, current_language())
    values = {name: getattr(text, name) for name in _SCALARS}
    values.update((f"recipient{i}", line) for i, line in enumerate(text.recipients))

    def run(match: re.Match[str]) -> str:
        upper = False

        def value(marker: re.Match[str]) -> str:
            nonlocal upper
            name = marker.group(1)
            upper = upper or name.isupper()
            return str(values[name.lower()])
        shown = clean_text(_MARKER.sub(value, unescape(match.group(1))))
        return _run_content(shown.upper() if upper else shown)

    row = skeleton.row
    rows = "".join(row[0] + "".join(_t(clean_text(value)) + part
                                    for value, part in zip(cells, row[1:], strict=True))
                   for cells in text.rows)
    document = (_RUN_TEXT.sub(run, skeleton.head) + rows + _RUN_TEXT.sub(run, skeleton.tail))
    title, subject, author = property_texts(frame)
    own = {"doc_title": title, "doc_subject": subject, "doc_author": author}
    properties = _MARKER.sub(lambda m: _escape(own[m.group(1)]), skeleton.properties)
    mine = {_DOCUMENT: document, _PROPERTIES: properties}
    out = io.BytesIO()
    write_zip(out, [zip_member(m, mine[m].encode("utf-8")) if isinstance(m, str) else m
                    for m in skeleton.members], ZIP_EPOCH)
    return out.getvalue()
