"""Small workbooks built part by part, for tests and fuzzing.

:func:`workbook` writes the fewest zip members a reader accepts as an
``.xlsx`` (content types, package relationships, the workbook, its
relationships, one XML part per sheet, and styles with a date format), so a
test can show a class of malformed input with the smallest file that has it.
``tests/test_xlsx_hostile.py`` and ``tools/fuzz.py`` build their inputs
with it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = ["DATE_STYLE", "cell", "row", "workbook"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: The ``s`` of a cell shown as a date (dd/mm/yyyy) by :func:`workbook`'s styles.
DATE_STYLE = 1


def cell(ref: str, value: object, *, style: int | None = None) -> str:
    """One ``<c>``: text as an inline string, a number as a number, a string
    starting with ``#`` as an error cell (``#N/A``), ``raw:...`` as is."""
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, str) and value.startswith("raw:"):
        return value[4:]
    if isinstance(value, str) and value.startswith("#"):
        return f'<c r="{ref}"{s} t="e"><v>{escape(value)}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def row(number: int, values: Sequence[object], *, styles: Mapping[int, int] | None = None,
        first_column: int = 1) -> str:
    """A ``<row>`` of cells from column ``first_column`` on (1 is A)."""
    cells = []
    for j, value in enumerate(values):
        if value is None:
            continue
        column = first_column + j
        letters = ""
        while column:
            column, rest = divmod(column - 1, 26)
            letters = chr(65 + rest) + letters
        cells.append(cell(f"{letters}{number}", value, style=(styles or {}).get(j)))
    return f'<row r="{number}">{"".join(cells)}</row>'


def _sheet_xml(rows: str) -> str:
    return f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'


def workbook(sheets: Sequence[tuple[str, str]], *, states: Mapping[str, str] | None = None,
             members: Mapping[str, bytes | str] | None = None,
             leave_out: Sequence[str] = (), raw_sheets: Mapping[str, str] | None = None,
             compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """An ``.xlsx`` of ``sheets``, each ``(name, rows XML)``.

    ``states`` gives a sheet's state (``hidden``, ``veryHidden``);
    ``members`` adds or replaces zip members; ``leave_out`` drops members by
    name; ``raw_sheets`` gives a sheet's whole XML instead of its rows.
    """
    parts: dict[str, bytes | str] = {}
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    parts["[Content_Types].xml"] = (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>")
    parts["_rels/.rels"] = (
        f'{_HEAD}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    entries = []
    for i, (name, _) in enumerate(sheets, 1):
        state = (states or {}).get(name)
        extra = f" state={quoteattr(state)}" if state else ""
        entries.append(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"{extra}/>')
    parts["xl/workbook.xml"] = (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{"".join(entries)}'
        "</sheets></workbook>")
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    rels += (f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" '
             'Target="styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = f'{_HEAD}<Relationships xmlns="{_PKG}">{rels}' \
        "</Relationships>"
    parts["xl/styles.xml"] = (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    for i, (name, rows) in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (raw_sheets or {}).get(name) or _sheet_xml(rows)
    parts.update(members or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            if name not in leave_out:
                archive.writestr(name, content)
    return buffer.getvalue()
