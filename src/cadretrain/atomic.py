"""Writing files: whole or not at all, with the usual mode, the same bytes each time.

Every file cadretrain writes goes through :func:`atomic_writer` (or
:func:`write_atomically`, its one-call form), so three promises are kept in
one place:

- **Whole or not at all.** The content goes to a temporary file beside the
  target, is flushed to disk, and only then replaces the target; on any
  failure (a full disk, an exception, Ctrl-C) the temporary file is removed
  and an existing file is left as it was.
- **The mode people expect.** A new file gets the mode ``open()`` would give
  (0o666 less the umask), a replaced file keeps its mode; not the owner-only
  mode of a temporary file.
- **Reproducible.** A zip file (.docx, .xlsx, a zip of notices) is written
  with fixed member timestamps and fixed document properties (created,
  modified), so the same input and options give byte-identical files. The
  time is ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when that
  environment variable is set, else the document's own date (``stamp``: the
  report's date), else 1980-01-01, the earliest a zip can hold.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeAlias, TypeGuard

__all__ = [
    "SOURCE_DATE_EPOCH",
    "Target",
    "ZipMember",
    "atomic_writer",
    "document_time",
    "is_stream",
    "output",
    "reproducible_zip",
    "write_atomically",
    "write_output",
    "write_zip",
    "zip_member",
]

#: Where a writer puts a file: a path, or a binary stream the caller opened
#: (an HTTP response, a ``BytesIO``, a file opened with ``"wb"``).
Target: TypeAlias = "str | os.PathLike[str] | BinaryIO"

#: The environment variable of https://reproducible-builds.org/specs/source-date-epoch/
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
#: The earliest time a zip member can carry; used when a document has no date.
ZIP_EPOCH = datetime(1980, 1, 1)

_ZIP_MAGIC = b"PK\x03\x04"
_CORE_DATES = re.compile(
    rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
#: Members that are themselves office documents (a zip of notices): made reproducible too.
_NESTED = (".docx", ".xlsx", ".zip")


def document_time(stamp: date | datetime | None = None) -> datetime:
    """The time written into a document: ``SOURCE_DATE_EPOCH`` when set, else
    ``stamp`` (a date means its midnight), else :data:`ZIP_EPOCH`. Naive, in
    UTC when it comes from ``SOURCE_DATE_EPOCH``."""
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ValueError(f"{SOURCE_DATE_EPOCH}={epoch!r}: expected whole seconds "
                             "since 1970-01-01") from None
        moment = datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)
    elif isinstance(stamp, datetime):
        moment = stamp.replace(tzinfo=None)
    elif isinstance(stamp, date):
        moment = datetime(stamp.year, stamp.month, stamp.day)
    else:
        moment = ZIP_EPOCH
    return max(moment, ZIP_EPOCH)  # a zip cannot hold an earlier time


def _core_properties(xml: bytes, when: datetime) -> bytes:
    text = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    return _CORE_DATES.sub(lambda m: m.group(1) + text + m.group(3), xml)


_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DATA_DESCRIPTOR = 0x08
_UTF8_NAME = 0x800
#: Sizes and counts a zip without its 64-bit extension can hold.
_ZIP32_LIMIT = 0xFFFFFFFF


def _dos_time(when: datetime) -> tuple[int, int]:
    return (when.hour << 11 | when.minute << 5 | when.second // 2,
            (when.year - 1980) << 9 | when.month << 5 | when.day)


def _member_data(old: zipfile.ZipFile, info: zipfile.ZipInfo, when: datetime) -> bytes | None:
    """The new content of a member that must change (the document properties, an
    office document inside the zip), or None to copy it as it is."""
    name = info.filename
    if name == "docProps/core.xml":
        return _core_properties(old.read(info), when)
    if name.lower().endswith(_NESTED):
        data = old.read(info)
        if data.startswith(_ZIP_MAGIC):
            inner = io.BytesIO()
            reproducible_zip(io.BytesIO(data), inner, when)
            return inner.getvalue()
    return None


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate, as a zip holds it
    return packer.compress(data) + packer.flush()


def reproducible_zip(source: BinaryIO, target: BinaryIO, when: datetime) -> None:
    """Copy the zip ``source`` to ``target`` with every member dated ``when``,
    no platform-dependent attributes or extra fields, and the created/modified
    dates of ``docProps/core.xml`` (an office document's properties) set to
    ``when``. Members keep their order, names, content and compression.

    Members are copied compressed as they are (recompressing a large workbook
    would take as long as writing it); only the few that change are
    recompressed. A zip that needs the 64-bit extension is rebuilt through
    :mod:`zipfile` instead, which recompresses everything.
    """
    with zipfile.ZipFile(source) as old:
        infos = old.infolist()
        if (len(infos) >= 0xFFFF
                or any(max(i.file_size, i.compress_size, i.header_offset) >= _ZIP32_LIMIT
                       for i in infos)):
            _rebuild_zip(old, target, when)
            return
        time_, date_ = _dos_time(when)
        central = []
        offset = 0
        for info in infos:
            source.seek(info.header_offset)
            header = _LOCAL.unpack(source.read(_LOCAL.size))
            name = source.read(header[9])
            source.seek(header[10], io.SEEK_CUR)  # extra fields (timestamps) are dropped
            flags = info.flag_bits & ~_DATA_DESCRIPTOR
            changed = _member_data(old, info, when)
            if changed is None:
                crc, size, packed = info.CRC, info.file_size, info.compress_size
            else:
                crc, size = zlib.crc32(changed), len(changed)
                body = _deflate(changed) if info.compress_type == zipfile.ZIP_DEFLATED \
                    else changed
                packed = len(body)
            target.write(_local_header(name, info.extract_version, flags, info.compress_type,
                                       time_, date_, crc, packed, size))
            if changed is None:
                source.seek(info.header_offset + _LOCAL.size + header[9] + header[10])
                left = packed
                while left:
                    chunk = source.read(min(left, 1 << 20))
                    if not chunk:
                        raise zipfile.BadZipFile(f"{info.filename}: truncated")
                    target.write(chunk)
                    left -= len(chunk)
            else:
                target.write(body)
            central.append(_central_header(name, info.extract_version, flags,
                                           info.compress_type, time_, date_, crc, packed,
                                           size, offset))
            offset += _LOCAL.size + len(name) + packed
        _end(target, central, offset)


def _local_header(name: bytes, version: int, flags: int, method: int, time_: int, date_: int,
                  crc: int, packed: int, size: int) -> bytes:
    return _LOCAL.pack(0x04034B50, version, flags, method, time_, date_, crc, packed, size,
                       len(name), 0) + name


def _central_header(name: bytes, version: int, flags: int, method: int, time_: int,
                    date_: int, crc: int, packed: int, size: int, offset: int) -> bytes:
    return _CENTRAL.pack(0x02014B50, 20, version, flags, method, time_, date_, crc, packed,
                         size, len(name), 0, 0, 0, 0, 0, offset) + name


def _end(target: BinaryIO, central: Sequence[bytes], offset: int) -> None:
    directory = b"".join(central)
    target.write(directory)
    target.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory),
                           offset, 0))


class ZipMember(NamedTuple):
    """A member of a zip to write with :func:`write_zip`: its name, the CRC-32
    and size of its content, and the content deflated (:func:`zip_member`)."""

    name: str
    crc: int
    size: int
    packed: bytes


def zip_member(name: str, data: bytes) -> ZipMember:
    """``data`` as the deflated member ``name``."""
    return ZipMember(name, zlib.crc32(data), len(data), _deflate(data))


def write_zip(target: BinaryIO, members: Iterable[ZipMember], when: datetime) -> None:
    """A zip of ``members`` (deflated, in this order, each dated ``when``),
    laid out byte for byte as :func:`reproducible_zip` lays out a zip of the
    same members: members made once can go into many files without being
    compressed again. Small files only (no 64-bit extension)."""
    time_, date_ = _dos_time(when)
    central = []
    offset = 0
    for member in members:
        name = member.name.encode("ascii")
        packed = len(member.packed)
        target.write(_local_header(name, 20, 0, zipfile.ZIP_DEFLATED, time_, date_,
                                   member.crc, packed, member.size))
        target.write(member.packed)
        central.append(_central_header(name, 20, 0, zipfile.ZIP_DEFLATED, time_, date_,
                                       member.crc, packed, member.size, offset))
        offset += _LOCAL.size + len(name) + packed
    _end(target, central, offset)


def _rebuild_zip(old: zipfile.ZipFile, target: BinaryIO, when: datetime) -> None:
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(target, "w", allowZip64=True) as new:
        for info in old.infolist():
            data = _member_data(old, info, when)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = info.compress_type
            fixed.create_system = 0  # the default depends on the platform
            fixed.external_attr = 0
            new.writestr(fixed, old.read(info) if data is None else data)


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _temporary(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                            dir=path.parent if str(path.parent) else ".")


def _is_zip(handle: BinaryIO) -> bool:
    handle.seek(0)
    head = handle.read(len(_ZIP_MAGIC))
    handle.seek(0, io.SEEK_END)
    return head == _ZIP_MAGIC


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, stamp: date | datetime | None = None,
                  reproducible: bool = True, fsync: bool = True) -> Iterator[BinaryIO]:
    """An open binary file whose content replaces ``path`` when the block ends
    without an exception, flushed to disk first; nothing changes otherwise.
    ``fsync=False`` leaves the flush to disk to the caller (the report pack
    flushes a staging directory of a million notices with one ``os.sync``).

    A zip written to it is made reproducible (see :func:`reproducible_zip`,
    dated by :func:`document_time` of ``stamp``) unless ``reproducible`` is
    False. The file must be seekable, as a zip writer needs anyway.
    """
    target = Path(path)
    mode = _mode_for(target)
    fd, tmp = _temporary(target)
    made = [tmp]
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w+b") as handle:
            yield handle
            if reproducible and _is_zip(handle):
                handle.seek(0)
                fd2, tmp2 = _temporary(target)
                made.append(tmp2)
                os.chmod(tmp2, mode)
                with os.fdopen(fd2, "wb") as fixed:
                    reproducible_zip(handle, fixed, document_time(stamp))
                    fixed.flush()
                    if fsync:
                        os.fsync(fixed.fileno())
            else:
                handle.flush()
                if fsync:
                    os.fsync(handle.fileno())
        os.replace(made[-1], target)
        if len(made) > 1:
            os.unlink(tmp)
    except BaseException:
        for name in made:
            Path(name).unlink(missing_ok=True)
        raise


def write_atomically(path: str | os.PathLike[str], content: bytes | Sequence[bytes], *,
                     stamp: date | datetime | None = None) -> None:
    """Write ``content`` (bytes, or a sequence of chunks) to ``path`` whole or
    not at all, as :func:`atomic_writer` does."""
    with atomic_writer(path, stamp=stamp) as handle:
        if isinstance(content, bytes):
            handle.write(content)
        else:
            handle.writelines(content)


def is_stream(target: str | os.PathLike[str] | BinaryIO) -> TypeGuard[BinaryIO]:
    """Whether ``target`` is a binary stream rather than a path."""
    return not isinstance(target, (str, os.PathLike)) and hasattr(target, "write")


@contextlib.contextmanager
def output(target: Target, *, stamp: date | datetime | None = None) -> Iterator[BinaryIO]:
    """Where a writer writes ``target``'s content: for a path, an
    :func:`atomic_writer`; for a stream, a buffer written to it when the block
    ends without an exception (nothing is written otherwise), a zip made
    reproducible as in a file, so that the stream receives the very bytes the
    file would hold. The caller's stream is not closed."""
    if isinstance(target, (str, os.PathLike)):
        with atomic_writer(target, stamp=stamp) as handle:
            yield handle
        return
    buffer = io.BytesIO()
    yield buffer
    if _is_zip(buffer):
        buffer.seek(0)
        fixed = io.BytesIO()
        reproducible_zip(buffer, fixed, document_time(stamp))
        buffer = fixed
    target.write(buffer.getvalue())


def write_output(target: Target, content: bytes | Sequence[bytes], *,
                 stamp: date | datetime | None = None) -> None:
    """Write ``content`` to ``target`` (a path, whole or not at all; or a
    binary stream), as :func:`output` does."""
    with output(target, stamp=stamp) as handle:
        if isinstance(content, bytes):
            handle.write(content)
        else:
            handle.writelines(content)
