"""Small workbooks built part by part, for tests and fuzzing.

:func:`workbook` writes the fewest zip members a reader accepts as an
``.xlsx`` (content types, package relationships, the workbook, its
relationships, one XML part per sheet, and styles with a date format), so a
test can show a class of malformed input with the smallest file that has it.
:func:`mutate_text`, :func:`mutate_bytes` and :func:`random_workbook` make
fuzzed inputs from a random source (``random.Random``). The tests
(``tests/test_xlsx_hostile.py``, ``tests/test_fuzz.py``) and
``tools/fuzz.py`` build their inputs with them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["DATE_STYLE", "cell", "mutate_bytes", "mutate_text", "random_workbook", "row",
           "workbook"]

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
                # A lone surrogate (fuzzing puts them in) is written as the bytes
                # UTF-8 forbids: the reader must refuse them, not this writer.
                data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) \
                    else content
                archive.writestr(name, data)
    return buffer.getvalue()


# ------------------------------------------------------------------ fuzzing

#: Pieces worth putting into a dataset file: the values that broke something once.
TEXT_PIECES = (
    "1e309", "-1e309", "NaN", "Infinity", "1e-400", "9" * 40, "-0", "0.1e99999",
    '"\\ud800"', '"\\ufffe"', '"\\uffff"', '"\\u0000"', '"\\u202e"', '"a\\u0301"',
    "[" * 50, "{" * 50, "]", "}", ",", ":", '""', "null", "true", "[]", "{}",
    '"schema_version"', '"organizations"', '"classes"', '"enrollments"', '"id"',
    "a." * 40 + "b = 1", "[[people]]", "x = 1979-05-27T07:32:00Z", "'''", '"""',
    "\ufeff", "\x00", "\r\n", "#", "=",
)

#: Cells worth putting into a sheet.
CELL_PIECES = (
    '<c r="A1"><v>1</v></c>', '<c r="XFD1048576"><v>1</v></c>', '<c r="A1048577"/>',
    '<c r="B2" s="1"><v>NaN</v></c>', '<c r="B2" s="1"><v>-1e300</v></c>',
    '<c r="C3"><v>1e309</v></c>', '<c r="D4" t="e"><v>#N/A</v></c>',
    '<c r="E5" t="s"><v>99</v></c>', '<c r="F6" t="b"><v>7</v></c>',
    '<c r="G7" t="n"><v>abc</v></c>', '<c r="H8" t="d"><v>2020-13-45</v></c>',
    "<c><v>1</v></c>", '<x:c r="Z9"><x:v>1</x:v></x:c>', '<row r="1000000">',
    "</row>", "<!DOCTYPE x>", '<c r="A2" t="inlineStr"><is><t>\ufffe</t></is></c>',
    '<dimension ref="A1:XFD1048576"/>',
)


def mutate_text(text: str, rng: Any, steps: int = 3) -> str:
    """``text`` with a few random edits: a piece inserted, a span deleted or
    repeated, a character changed."""
    for _ in range(rng.randint(1, steps)):
        at = rng.randint(0, len(text))
        kind = rng.randint(0, 3)
        if kind == 0:
            text = text[:at] + rng.choice(TEXT_PIECES) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif kind == 2:
            span = text[at:at + rng.randint(1, 80)]
            text = text[:at] + span * rng.randint(2, 5) + text[at:]
        else:
            text = text[:at] + chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0, 0x10FFFF)))) \
                + text[at + 1:]
    return text


def mutate_bytes(data: bytes, rng: Any, steps: int = 3) -> bytes:
    """``data`` with a few random byte edits: flipped, deleted, repeated, cut short."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, steps)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        kind = rng.randint(0, 3)
        if kind == 0:
            buffer[at] ^= 1 << rng.randint(0, 7)
        elif kind == 1:
            del buffer[at:at + rng.randint(1, 16)]
        elif kind == 2:
            buffer[at:at] = buffer[at:at + rng.randint(1, 64)]
        else:
            del buffer[rng.randint(at, len(buffer)):]
    return bytes(buffer)


_HEADER = ["Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc (mã)", "Tên viết tắt"]


def random_workbook(rng: Any) -> bytes:
    """A small workbook of the ``Tổ chức`` and ``Số đảng viên`` sheets, with
    random rows, some hostile cells, and then perhaps its XML or its zip bytes
    mutated."""
    rows = [row(1, _HEADER)]
    clean = rng.random() < 0.5  # half the workbooks are well formed before any mutation
    for number in range(2, rng.randint(3, 8)):
        values: list[object] = [f"dv{number}", "Đảng bộ", "chi bộ", None, None]
        if not clean:
            values = [f"dv{rng.randint(0, 5)}", rng.choice(["Đảng bộ", "", "#N/A"]),
                      rng.choice(["đảng bộ", "chi bộ", "x", 3]), None, None]
        rows.append(row(number, values))
    day, members = (43000, 12) if clean else (rng.choice([43000, "01/01/2020", -5, 1e300]),
                                              rng.choice([12, -1, 1.5, "x"]))
    counts = [row(1, ["Mã tổ chức", "Ngày", "Số đảng viên"]),
              row(2, ["dv2", day, members], styles={1: DATE_STYLE})]
    sheet = "".join(rows)
    if not clean and rng.random() < 0.5:
        sheet += "".join(rng.choice(CELL_PIECES) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.3:
        sheet = mutate_text(sheet, rng)
    states = {"Số đảng viên": rng.choice(["hidden", "veryHidden"])} if rng.random() < 0.2 else {}
    content = workbook([("Tổ chức", sheet), ("Số đảng viên", "".join(counts))], states=states,
                       compression=rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    if rng.random() < 0.4:
        content = mutate_bytes(content, rng)
    return content
