"""Checking a workbook before any spreadsheet parser sees it.

A workbook is a zip of XML files, and it is untrusted input. The compiled
reader (python-calamine) trusts it: two far-apart cells make it allocate the
whole grid between them (a few kilobytes can ask for hundreds of GiB and the
process aborts), a date cell holding an out-of-range number makes it panic,
an error cell such as ``#N/A`` reaches Python as an empty cell. So the zip is
read here first, member by member, with Python's own zlib:

- the zip itself: members, names, flags, compression, sizes against
  :class:`Limits`, each member inflated and checked against its CRC and its
  declared size, and any ``<!DOCTYPE``/``<!ENTITY`` refused in every member,
  whatever its name;
- the package: the sheets the workbook lists (with their hidden state), the
  members they point to, the date formats of the styles;
- each sheet's cells: the cell references give the grid the reader would
  build, checked against the limits; error cells and the numbers the reader
  cannot take are noted at their cell.

Every failure is a :class:`~cadretrain.readers.plain.DatasetFileError` naming the
file and, where there is one, the member or sheet.

Why one module of about 500 lines: it is one pass over the raw file, each
limit a few lines with its own located message; the limits are read
together when deciding what an untrusted file may do.
"""

from __future__ import annotations

import functools
import io
import math
import posixpath
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from attrs import field, frozen

from cadretrain.i18n import N_, _, number
from cadretrain.progress import tell
from cadretrain.readers.plain import DatasetFileError

__all__ = ["ArchiveScan", "Limits", "SheetScan", "scan_workbook"]


@frozen(kw_only=True)
class Limits:
    """How large a workbook may be. Checked on the zip before it is parsed,
    so that a hostile or mistaken file is refused before memory runs out."""

    #: Sum of the uncompressed sizes of all zip members.
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    #: Rows one sheet may declare or hold.
    max_rows: int = 1_048_576
    #: Cells one sheet's grid may span: (rows × columns) from its first to its
    #: last cell, which is what the reader allocates.
    max_cells: int = 20_000_000
    #: Members of the zip.
    max_members: int = 10_000


DEFAULT_LIMITS = Limits()
#: Excel's own last column (XFD).
MAX_COLUMNS = 16_384
#: Excel's last date, 9999-12-31, as a serial number; the reader panics far beyond it.
_LAST_DATE_SERIAL = 2_958_465

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_ENCRYPTED = 0x1
_CHUNK = 1 << 20
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"')
_UNREFERENCED_CELL = re.compile(rb"<c(?:>|/>|\s(?!r=))")
_NARROW_CELL = re.compile(rb'\sr="([A-Za-z])([0-9]+)"')
_ROW_NUMBERS = re.compile(rb'<row\b[^>]*?\sr="([0-9]+)"')
_PLAIN_ROW = re.compile(rb'<row r="([0-9]+)"')
_PLAIN_NARROW_CELL = re.compile(rb'<c r="([A-Za-z])([0-9]+)"')
_ANY_CELL = re.compile(rb"<c[\s>/]")
#: A cell element whose reference is not right after its name, as in <c r="B5">.
_NOT_PLAIN_CELL = re.compile(rb'<c(?:[>/\t\n\r]| (?!r="))')
#: An element name with a namespace prefix (<x:c>): the reader takes it as <c>.
_PREFIXED_NAME = re.compile(rb":(?:c|row|v)[\s>/]")
_PREFIX = re.compile(rb"<(/?)[A-Za-z_][\w.-]*:")
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</', re.DOTALL)
#: Values that are not a plain number of a few digits: checked one by one.
_ODD_VALUE = re.compile(rb"<v>([^<]*[^0-9.<][^<]*|[0-9.]{8,})</v>")
_ATTRIBUTE = re.compile(rb'\b([a-z]+)="([^"]*)"')
_NAMESPACES = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
#: Built-in number formats that show a date or a time.
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_DATE_CODE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|([dmyhs])', re.IGNORECASE)


@frozen(kw_only=True)
class SheetScan:
    """What the check found in one sheet."""

    name: str
    member: str
    #: "visible", "hidden" or "veryHidden" (only a macro can show it).
    state: str = "visible"
    #: Error cells: (reference, what it shows, such as ``#N/A``).
    error_cells: tuple[tuple[str, str], ...] = ()
    #: Cells the reader cannot take: (reference, what is wrong, in the language
    #: current when the workbook was scanned).
    bad_cells: tuple[tuple[str, str], ...] = ()


@frozen(kw_only=True)
class ArchiveScan:
    """The sheets of a workbook that passed the check, in workbook order."""

    sheets: tuple[SheetScan, ...] = field(factory=tuple)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


class _Archive:
    """The zip, read member by member through zlib with every check."""

    def __init__(self, path: Path, handle: BinaryIO, limits: Limits) -> None:
        self.path = path
        self.handle = handle
        try:
            self.zip = zipfile.ZipFile(handle)
        except Exception:  # noqa: BLE001 - zipfile raises many kinds for a bad directory
            raise DatasetFileError(_("{path}: not an Excel .xlsx file (not a zip archive)").format(
                path=path)) from None
        self.members = {info.filename: info for info in self.zip.infolist()}
        self._check_members(limits)

    def fail(self, message: str) -> DatasetFileError:
        return DatasetFileError(f"{self.path}: {message}")

    def _check_members(self, limits: Limits) -> None:
        infos = self.zip.infolist()
        if len(infos) > limits.max_members:
            raise self.fail(_("the file has {n} members, over the limit of {limit}").format(
                n=number(len(infos)), limit=number(limits.max_members)))
        if len(self.members) != len(infos):
            names = [i.filename for i in infos]
            twice = next(n for n in names if names.count(n) > 1)
            raise self.fail(_("member {name} is in the file twice").format(name=repr(twice)))
        total = 0
        for info in infos:
            name = info.filename
            if (name.startswith("/") or "\\" in name or ".." in name.split("/")
                    or any(ord(ch) < 32 for ch in name)):
                raise self.fail(_("bad member name {name}").format(name=repr(name)))
            if info.flag_bits & _ENCRYPTED:
                raise self.fail(_("{name} is encrypted; save it again without a password").format(
                    name=name))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.fail(_("{name}: compression {method} is not supported (only stored "
                                  "and deflate)").format(name=name, method=info.compress_type))
            total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise self.fail(_("the file inflates to {size} bytes, over the limit of {limit} "
                              "bytes (Limits.max_uncompressed_bytes)").format(
                size=number(total), limit=number(limits.max_uncompressed_bytes)))

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's content, inflated here (not by zipfile, which would
        stop quietly at the declared size), checked for its size and CRC."""
        name = info.filename
        handle = self.handle
        if info.header_offset < 0:
            raise self.fail(_("{name}: broken member (bad local header offset)").format(
                name=name))
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL.size)
        if len(header) < _LOCAL.size or _LOCAL.unpack(header)[0] != 0x04034B50:
            raise self.fail(_("{name}: broken member (bad local header)").format(name=name))
        fields = _LOCAL.unpack(header)
        handle.seek(fields[9] + fields[10], io.SEEK_CUR)
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED \
            else None
        left, produced, crc = info.compress_size, 0, 0
        while True:
            raw = handle.read(min(left, _CHUNK)) if left else b""
            left -= len(raw)
            if not raw and left:
                raise self.fail(_("{name}: the file is cut short").format(name=name))
            try:
                data = inflater.decompress(raw) if inflater is not None else raw
                if not raw and inflater is not None:
                    data += inflater.flush()
            except zlib.error:
                raise self.fail(_("{name}: corrupt compressed data").format(name=name)) \
                    from None
            produced += len(data)
            if produced > info.file_size:
                raise self.fail(_("{name} inflates past its declared size ({size} "
                                  "bytes)").format(name=name, size=number(info.file_size)))
            crc = zlib.crc32(data, crc)
            if data:
                yield data
            if not raw:
                break
        if inflater is not None and not inflater.eof:
            raise self.fail(_("{name}: corrupt compressed data").format(name=name))
        if produced != info.file_size:
            raise self.fail(_("{name} is shorter than its declared size").format(name=name))
        if crc != info.CRC:
            raise self.fail(_("{name}: bad CRC-32 checksum").format(name=name))

    def scanned(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """:meth:`chunks`, refusing a document type declaration anywhere in it."""
        tail = b""
        first = True
        for chunk in self.chunks(info):
            if first and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise self.fail(_("{name}: UTF-16 XML is not accepted").format(
                    name=info.filename))
            first = False
            # NUL bytes taken out: "<\0!\0D\0O\0..." is the same declaration in UTF-16.
            window = tail + chunk
            if b"\x00" in window:
                window = window.replace(b"\x00", b"")
            if _DOCTYPE.search(window):
                raise self.fail(_("{name} declares a DOCTYPE/ENTITY; the file is refused as a "
                                  "possible XML attack").format(name=info.filename))
            tail = window[-64:]
            yield chunk

    def read(self, name: str) -> bytes | None:
        info = self.members.get(name)
        if info is None:
            return None
        return b"".join(self.scanned(info))

    def xml(self, name: str) -> ET.Element | None:
        content = self.read(name)
        if content is None:
            return None
        try:
            # No DOCTYPE can be in it (refused above): no entity can expand.
            return ET.fromstring(content)
        except ET.ParseError as exc:
            raise self.fail(_("{name}: unreadable XML ({error})").format(
                name=name, error=exc)) from None


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(archive: _Archive, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, target member) of ``part``."""
    root = archive.xml(_rels_path(part))
    found: dict[str, tuple[str, str]] = {}
    if root is None:
        return found
    folder = posixpath.dirname(part)
    for rel in root.findall("rel:Relationship", _NAMESPACES):
        target = rel.get("Target", "")
        kind = rel.get("Type", "")
        if rel.get("TargetMode") == "External":
            target = ""
        elif target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (kind[kind.rfind("/"):], target)
    return found


def _date_styles(archive: _Archive, workbook: str) -> frozenset[int]:
    """The indexes of cell formats (``s="N"`` of a cell) that show dates."""
    styles = next((t for k, t in _relationships(archive, workbook).values()
                   if k == "/styles"), None)
    root = archive.xml(styles) if styles else None
    if root is None:
        return frozenset()
    custom = {}
    for fmt in root.findall("m:numFmts/m:numFmt", _NAMESPACES):
        code = fmt.get("formatCode", "")
        custom[fmt.get("numFmtId", "")] = any(m.group(1) for m in _DATE_CODE.finditer(code))
    dates = set()
    for index, xf in enumerate(root.findall("m:cellXfs/m:xf", _NAMESPACES)):
        number = xf.get("numFmtId", "0")
        if custom.get(number) or (number.isdigit() and int(number) in _DATE_FORMATS):
            dates.add(index)
    return frozenset(dates)


class _Grid:
    """The span of a sheet's cells, and its odd cells, gathered chunk by chunk."""

    def __init__(self, date_styles: frozenset[int], limits: Limits) -> None:
        self.date_styles = date_styles
        self.limits = limits
        self.max_column = self.max_row = 0
        self.row_elements = 0
        self.unreferenced_width = 0
        self.errors: list[tuple[str, str]] = []
        self.bad: list[tuple[str, str]] = []

    def take(self, block: bytes) -> None:
        if _PREFIXED_NAME.search(block) and _PREFIX.search(block):
            block = _PREFIX.sub(rb"<\1", block)  # rare: the same patterns then apply
        # As Excel, LibreOffice and openpyxl write a sheet, every row and cell
        # starts with its reference (<row r="5">, <c r="B5">): then patterns
        # with a literal start, which the regex engine scans for quickly, see
        # them all. Any other shape takes the general patterns.
        row_numbers = _PLAIN_ROW.findall(block)
        plain = (block.count(b"<row") == len(row_numbers)
                 and _NOT_PLAIN_CELL.search(block) is None)
        if not plain:
            row_numbers = _ROW_NUMBERS.findall(block)
            self.row_elements += block.count(b"<row>")
        top = max(map(int, row_numbers), default=0)
        self.max_row = max(self.max_row, top)
        self.row_elements += len(row_numbers)
        # Each cell's reference, taken one by one, would cost a second reading
        # of the sheet. As Excel writes a sheet, each cell is in its row, so
        # only the cells past the last row element or past column Z are.
        past = _cells_past(top, plain).findall(block)
        narrow = _PLAIN_NARROW_CELL if plain else _NARROW_CELL
        if narrow.search(block):
            if (top or 1) * 26 > self.limits.max_cells:
                past += narrow.findall(block)  # a tall sheet: its exact width counts
            else:
                self.max_column = max(self.max_column, 26)
        for letters, digits in past:
            self.max_column = max(self.max_column, _column_number(letters))
            self.max_row = max(self.max_row, int(digits))
        if not plain and _UNREFERENCED_CELL.search(block):
            # Cells without a reference are placed one after another in their
            # row: the widest such row is counted (rare; a Python loop). A
            # cell whose reference is not its first attribute is counted too.
            self.unreferenced_width = max(self.unreferenced_width, *(
                len(_ANY_CELL.findall(part)) for part in block.split(b"<row")))
        if b't="e"' in block:
            for match in _ERROR_CELL.finditer(block):
                ref = _attributes(match.group(1)).get(b"r", b"?").decode("ascii", "replace")
                shown = re.search(rb"<v>([^<]*)<", block[match.start(2):match.end(2) + 200])
                self.errors.append((ref, shown.group(1).decode("utf-8", "replace")[:20]
                                    if shown else "#?"))
        for match in _ODD_VALUE.finditer(block):
            start = block.rfind(b"<c", 0, match.start())
            self._odd(_attributes(block[start:block.find(b">", start)]), match.group(1))

    def _odd(self, attrs: dict[bytes, bytes], value: bytes) -> None:
        kind = attrs.get(b"t", b"n")
        ref = attrs.get(b"r", b"?").decode("ascii", "replace")
        if kind == b"b" and value.strip() not in (b"0", b"1"):
            self.bad.append((ref, _("not a valid true/false value")))
        if kind != b"n":
            return
        try:
            number = float(value)
        except ValueError:
            self.bad.append((ref, _('a number cell holding "{value}"').format(
                value=value[:20].decode("utf-8", "replace"))))
            return
        style = attrs.get(b"s", b"0")
        is_date = style.isdigit() and int(style) in self.date_styles
        if not math.isfinite(number):
            self.bad.append((ref, _("a date cell holding a number that is not finite (NaN or "
                                    "infinity)") if is_date else
                             _("a cell holding a number that is not finite (NaN or infinity)")))
        elif is_date and not 0 <= number <= _LAST_DATE_SERIAL:
            self.bad.append((ref, _("a date cell holding the number {value}, outside Excel's "
                                    "dates (1900-9999)").format(value=value[:20].decode())))

    def span(self) -> tuple[int, int]:
        """Rows and columns the reader would allocate, at most (counted from A1)."""
        rows, columns = self.max_row, self.max_column
        if self.unreferenced_width:
            columns += self.unreferenced_width
            rows += self.row_elements
        return rows, columns


@functools.lru_cache(maxsize=64)
def _cells_past(row: int, plain: bool = False) -> re.Pattern[bytes]:
    """Cell references (column letters, row) with a row number above ``row``
    or a column past Z."""
    digits = str(row)
    above = [f"[0-9]{{{len(digits) + 1},}}"]  # more digits (leading zeros included)
    for i, digit in enumerate(digits):
        if digit != "9":
            above.append(f"{digits[:i]}[{int(digit) + 1}-9][0-9]{{{len(digits) - i - 1}}}")
    start = '<c r="' if plain else '\\sr="'
    return re.compile(
        rf'{start}([A-Za-z]+(?=(?:{"|".join(above)})")|[A-Za-z]{{2,}})([0-9]+)"'.encode())


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTRIBUTE.findall(tag))


def _scan_sheet(archive: _Archive, info: zipfile.ZipInfo, name: str, state: str,
                limits: Limits, date_styles: frozenset[int]) -> SheetScan:
    grid = _Grid(date_styles, limits)
    carry = b""
    first = True
    for chunk in archive.scanned(info):
        block = carry + chunk
        if first:
            _check_dimension(archive, name, block, limits)
            first = False
        # Whole cells only: cut after the last one complete in this block.
        cut = block.rfind(b"</row>") + 6
        if cut < 6:
            cut = max(block.rfind(b"</c>") + 4, block.rfind(b"/>") + 2)
        if cut < 6 and len(block) < 64 * _CHUNK:
            carry = block
            continue
        grid.take(block[:cut] if cut >= 6 else block)
        carry = block[cut:] if cut >= 6 else b""
    if carry:
        grid.take(carry)
    rows, columns = grid.span()
    if rows > limits.max_rows or columns > MAX_COLUMNS or rows * columns > limits.max_cells:
        raise archive.fail(_(
            "sheet {sheet}: the cells spread over {rows} rows × {columns} columns, over the "
            "limit ({max_rows} rows, {max_columns} columns, {max_cells} cells; "
            "Limits.max_rows, Limits.max_cells)").format(
            sheet=name, rows=number(rows), columns=number(columns),
            max_rows=number(limits.max_rows), max_columns=number(MAX_COLUMNS),
            max_cells=number(limits.max_cells)))
    return SheetScan(name=name, member=info.filename, state=state,
                     error_cells=tuple(grid.errors), bad_cells=tuple(grid.bad))


def _check_dimension(archive: _Archive, name: str, head: bytes, limits: Limits) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return
    rows = int(match.group(4) or match.group(2))
    cols = _column_number(match.group(3) or match.group(1))
    if rows > limits.max_rows or rows * cols > limits.max_cells:
        raise archive.fail(_(
            "sheet {sheet} declares {rows} rows × {columns} columns, over the limit "
            "({max_rows} rows, {max_cells} cells)").format(
            sheet=name, rows=number(rows), columns=number(cols),
            max_rows=number(limits.max_rows), max_cells=number(limits.max_cells)))


def scan_workbook(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ArchiveScan:
    """Check the workbook at ``path`` as the module says; its sheets, or
    :class:`~cadretrain.readers.plain.DatasetFileError`."""
    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise DatasetFileError(_("{path}: cannot read: {error}").format(
            path=path, error=exc.strerror)) from None
    with handle:
        if handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
            raise DatasetFileError(_(
                "{path}: an old Excel file (.xls) or a password-protected workbook; save it "
                "again as .xlsx without a password").format(path=path))
        handle.seek(0)
        archive = _Archive(path, handle, limits)
        with archive.zip:
            return _scan(archive, limits)


def _scan(archive: _Archive, limits: Limits) -> ArchiveScan:
    package = _relationships(archive, "")
    workbook = next((t for k, t in package.values() if k == _OFFICE_DOCUMENT),
                    "xl/workbook.xml")
    root = archive.xml(workbook)
    if root is None:
        raise archive.fail(_("{member} is missing (not a workbook)").format(member=workbook))
    targets = _relationships(archive, workbook)
    date_styles = _date_styles(archive, workbook)
    sheets: dict[str, tuple[str, str]] = {}
    for sheet in root.findall("m:sheets/m:sheet", _NAMESPACES):
        name = sheet.get("name", "")
        kind, member = targets.get(sheet.get(f"{{{_NAMESPACES['r']}}}id", ""), ("", ""))
        if kind != _WORKSHEET:
            continue  # a chart sheet or a macro sheet holds no cells to read
        if member not in archive.members:
            raise archive.fail(_("sheet {sheet}: the file lacks the member {member} (the "
                                 "workbook names a sheet the file does not hold)").format(
                sheet=name, member=member or "-"))
        sheets[member] = (name, sheet.get("state", "visible"))
    found: list[SheetScan] = []
    for info in archive.zip.infolist():
        if info.filename in sheets:
            tell(N_("sheets checked"), len(found), len(sheets))
            name, state = sheets[info.filename]
            found.append(_scan_sheet(archive, info, name, state, limits, date_styles))
        else:
            for _chunk in archive.scanned(info):
                pass
    tell(N_("sheets checked"), len(found), len(sheets))
    order = list(sheets)
    found.sort(key=lambda s: order.index(s.member))
    return ArchiveScan(sheets=tuple(found))
