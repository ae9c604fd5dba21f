"""Reading and writing dataset files (JSON and TOML).

This is the loader: it parses a file, builds the model through the one
converter, runs :func:`~cadretrain.validation.validate`, and reports every
problem at once with its place, the way beancount's loader does.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import itertools
import json
import os
import re
import sys
import typing
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import frozen

from cadretrain.atomic import write_atomically as write_atomically  # its old home
from cadretrain.converter import _describe, from_data, structure_errors, to_data
from cadretrain.i18n import _
from cadretrain.model import SCHEMA_VERSION, Dataset
from cadretrain.problems import DatasetError, Problem, Severity
from cadretrain.validation import _unknown_references, validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "DatasetFileError",
    "Format",
    "Loaded",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "read",
    "to_dict",
]

Format = Literal["json", "toml"]


class DatasetFileError(Exception):
    """A file could not be read as a dataset at all: missing, unreadable, not
    JSON or TOML, or of an unknown kind. The message names the file."""


@frozen
class Loaded:
    """A dataset that loaded, with the warnings found in it."""

    dataset: Dataset
    warnings: tuple[Problem, ...]
    source: str | None = None


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".toml":
        return "toml"
    raise DatasetFileError(
        f"{path}: " + _("cannot tell the format from the extension {suffix!r}; "
                        "use .json, .toml or .xlsx").format(suffix=suffix)
    )


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice: JSON parsers keep the last
    one silently, and TOML forbids it."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                break
            seen.add(key)
        ident = obj.get("id")
        if isinstance(ident, str):
            message = _('the key "{key}" is given twice in the record with id "{id}"')
        else:
            message = _('the key "{key}" is given twice')
        raise _DuplicateKey(message.format(key=key, id=ident))
    return obj


#: Scalars of parsed JSON: nothing inside them to count.
_SCALARS = frozenset({int, float, bool, type(None), Decimal})


def _members_and_colons(root: Any) -> tuple[int, int] | None:
    """The number of members of all the objects in ``root`` (parsed JSON) and
    of colons in all its text, keys included; None when that would take long
    (objects with many different keys).

    Values are taken in groups, the values of one key in all the objects of a
    list, so that the work is done by C loops (``map``, ``str.join``) rather
    than by a Python loop over a million values.
    """
    members = colons = 0
    work: list[list[Any]] = [[root]]
    while work:
        group = work.pop()
        kinds = set(map(type, group))
        if len(kinds) != 1:
            work += ([n for n in group if type(n) is kind] for kind in kinds - _SCALARS)
            continue
        kind = kinds.pop()
        if kind is str:
            colons += "".join(group).count(":")
        elif kind is list:
            items = list(itertools.chain.from_iterable(group))
            if items:
                work.append(items)
        elif kind is dict:
            size = sum(map(len, group))
            members += size
            keys = set().union(*group)
            if len(keys) * len(group) > 4 * size + 64:
                return None
            for key in keys:
                if ":" in key:
                    colons += key.count(":") * sum(
                        map(dict.__contains__, group, itertools.repeat(key)))
                work.append(list(map(dict.get, group, itertools.repeat(key))))
    return members, colons


def _no_duplicate_keys(text: str, parsed: Any, members: int) -> bool:
    """Whether ``parsed``, ``json.loads(text)`` whose objects have ``members``
    members in all, surely lost no key given twice. False means "not sure".

    Outside its strings, JSON text has a colon for each member of an object,
    and nowhere else. So the text has at least as many colons as members,
    and a key given twice leaves ``parsed`` with fewer members than that.
    When the colons are as many as the members of ``parsed``, no object lost
    one. When some text holds colons, they are counted in ``parsed`` and
    taken off: a lost member takes its colon and any in its text with it, so
    the count still differs. A colon written as an escape (``\\u003a``) is
    counted in ``parsed`` but not in the text: such a text is not decided.
    """
    colons = text.count(":")
    if colons == members:
        return True
    if "\\u003" in text:
        return False
    counted = _members_and_colons(parsed)
    return counted is not None and colons - counted[1] == counted[0] == members


def _parse_json(text: str) -> Any:
    """JSON with numbers with a fraction as Decimal (162.5 stays 162.5), and a
    key given twice in an object refused with its place.

    A hook that sees the members of every object as pairs is slow (a national
    roster has over a million objects): the text is parsed with a hook that
    only counts the members, and again with the pairs only when
    :func:`_no_duplicate_keys` cannot tell that no key is repeated, or when
    the text cannot be parsed (the pairs hook may find a repeated key before
    the error, and decides which is reported, as it always did).
    """
    members = 0

    def count(obj: dict[str, Any]) -> dict[str, Any]:
        nonlocal members
        members += len(obj)
        return obj

    try:
        parsed = json.loads(text, parse_float=Decimal, object_hook=count)
    except (ValueError, RecursionError):
        pass
    else:
        if _no_duplicate_keys(text, parsed, members):
            return parsed
    return json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)


#: The largest dataset file read, by format: beyond it the file is refused
#: before it is parsed. TOML is parsed in Python (about 1 MB a second here):
#: a national roster belongs in JSON, which is parsed in C.
MAX_FILE_BYTES: dict[str, int] = {"json": 1024 * 1024 * 1024, "toml": 64 * 1024 * 1024}
#: The most parts a dotted TOML key may have (``a.b.c = 1`` has three); the
#: TOML parser takes time quadratic in them (20,000 parts: over a minute).
MAX_KEY_PARTS = 32
_LONG_DOTTED_KEY = re.compile(
    r"""(?:^|[{,])[ \t]*\[{0,2}[ \t]*(?:(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*)"""
    rf"{{{MAX_KEY_PARTS},}}", re.MULTILINE)


def _check_size(size: int, fmt: Format, source: str) -> None:
    limit = MAX_FILE_BYTES[fmt]
    if size > limit:
        hint = "; write it as JSON" if fmt == "toml" else ""
        raise DatasetFileError(
            f"{source}: {size:,} bytes, over the {limit:,} a {fmt.upper()} dataset may have "
            f"(cadretrain.readers.json_toml.MAX_FILE_BYTES){hint}")


def _parse(text: str, fmt: Format, source: str) -> Any:
    # Windows editors (Notepad) start UTF-8 files with a byte-order mark; it is
    # not part of the data.
    text = text.removeprefix("\ufeff")
    _check_size(len(text), fmt, source)  # characters: at most the bytes
    if fmt == "toml" and _LONG_DOTTED_KEY.search(text):
        raise DatasetFileError(
            f"{source}: a dotted key has more than {MAX_KEY_PARTS} parts; not a dataset")
    # Numbers with a fraction are read as Decimal so that 162.5 stays 162.5.
    try:
        if fmt == "json":
            return _parse_json(text)
        return tomllib.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DatasetFileError(
            f"{source}: " + _("line {line}, column {column}: not valid JSON: {error}").format(
                line=exc.lineno, column=exc.colno, error=exc.msg)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise DatasetFileError(f"{source}: " + _("not valid TOML: {error}").format(error=exc)) \
            from None
    except _DuplicateKey as exc:
        raise DatasetFileError(f"{source}: {exc}") from None
    except RecursionError:
        raise DatasetFileError(f"{source}: " + _("nested too deeply to be a dataset")) from None
    except ValueError:
        # Python refuses to convert integers of more than 4300 digits (by default);
        # its message differs between versions and suggests changing the limit.
        raise DatasetFileError(
            f"{source}: " + _("cannot be read: a number in it has too many digits")
        ) from None


def _check_version(data: Any) -> list[tuple[str, str]]:
    if not isinstance(data, dict):
        return [("(top)", _("a dataset is a table/object of named sections"))]
    # Keys are text in JSON and TOML; a Python caller may pass others, which
    # older cattrs cannot even name as unknown.
    odd = [(str(key), _("unknown key")) for key in data if not isinstance(key, str)]
    if odd:
        return odd
    version = data.get("schema_version")
    if version is None:
        return [("schema_version", _("required; this cadretrain reads version {version}")
                 .format(version=SCHEMA_VERSION))]
    if isinstance(version, bool) or not isinstance(version, int):
        return [("schema_version", _("expected a whole number, got {value}")
                 .format(value=_describe(version)))]
    if version > SCHEMA_VERSION:
        return [(
            "schema_version",
            _("{version} is newer than this cadretrain reads ({supported}); upgrade cadretrain")
            .format(version=version, supported=SCHEMA_VERSION),
        )]
    if version < 1:
        return [("schema_version", _("{version} is not a schema version").format(
            version=version))]
    return []


class _Salvaged(typing.NamedTuple):
    dataset: Dataset
    #: for each section, the source index of each kept record
    positions: dict[str, list[int]]
    #: for each section, the ids of records that could not be read at all
    unreadable: dict[str, set[str]]
    #: for a record (``classes[3]``), the fields left out to read it
    left_out: dict[str, set[str]]
    #: records left out of the dataset, built with stand-ins for the required
    #: fields that could not be read: (section, source index, record)
    incomplete: list[tuple[str, int, Any]]


def _bad_fields(exc: BaseException) -> set[str]:
    """The top-level field names of a record that its structuring error names."""
    return {re.split(r"[.\[]", path, maxsplit=1)[0] for path, _message in structure_errors(exc)}


#: Stand-ins for a required field that cannot be read, by the field's type. A
#: record built with one is only used to find its unknown references.
_STAND_INS: dict[Any, object] = {str: "", int: 0, Decimal: 0, bool: False, date: date.min}


def _stand_in(field_type: Any) -> object:
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return next(iter(field_type)).value
    return _STAND_INS.get(field_type, attrs.NOTHING)


class _Read(typing.NamedTuple):
    record: Any
    #: the fields that could not be read
    bad: set[str]
    #: whether a required field is among them: the record is built with
    #: stand-ins for those and is not part of the dataset
    incomplete: bool


def _read_record(item: Any, cls: type[Any]) -> _Read | None:
    """``item`` as a ``cls``, leaving out the fields that cannot be read, with
    stand-ins for those that are required; None when it cannot be built."""
    try:
        return _Read(from_data(item, cls), set(), incomplete=False)
    except Exception as exc:  # noqa: BLE001 - reported by the full pass already
        if not isinstance(item, dict):
            return None
        bad = _bad_fields(exc)
    fields = attrs.fields_dict(attrs.resolve_types(cls))
    readable = {k: v for k, v in item.items() if k not in bad}
    incomplete = False
    for name in bad:
        field = fields.get(name)
        if field is not None and field.default is attrs.NOTHING:
            stand_in = _stand_in(field.type)
            if stand_in is attrs.NOTHING:
                return None
            readable[name] = stand_in
            incomplete = True
    try:
        return _Read(from_data(readable, cls), bad, incomplete)
    except Exception:  # noqa: BLE001 - reported by the full pass already
        return None


def _salvage(data: dict[str, Any]) -> _Salvaged:
    """The records of ``data`` that can be read, one by one.

    A record whose only mistakes are in optional fields is kept without those
    fields. Validating what can be read finds the mistakes a shape error would
    otherwise hide (an unknown course type in a class whose learner count is
    also wrong, or in another class). A record with a required field that
    cannot be read is not kept, since every check that compares that field
    would be wrong; it is built with a stand-in for the field to check its
    references.
    """
    fields = {a.name: a for a in attrs.fields(Dataset)}
    kept: dict[str, Any] = {}
    positions: dict[str, list[int]] = {}
    unreadable: dict[str, set[str]] = {}
    left_out: dict[str, set[str]] = {}
    incomplete: list[tuple[str, int, Any]] = []
    for name, value in data.items():
        field_type = fields[name].type if name in fields else None
        if field_type is None:
            continue
        item_type = typing.get_args(field_type)
        if isinstance(value, list) and item_type:
            records, where = [], []
            for index, item in enumerate(value):
                read = _read_record(item, item_type[0])
                if read is None or read.incomplete:
                    ident = item.get("id") if isinstance(item, dict) else None
                    if isinstance(ident, str):
                        unreadable.setdefault(name, set()).add(ident)
                if read is None:
                    continue
                if read.bad:
                    left_out[f"{name}[{index}]"] = read.bad
                if read.incomplete:
                    incomplete.append((name, index, read.record))
                    continue
                records.append(read.record)
                where.append(index)
            kept[name], positions[name] = tuple(records), where
        else:
            try:
                kept[name] = from_data(value, field_type)
            except Exception:  # noqa: BLE001 - reported by the full pass already
                pass
    return _Salvaged(Dataset(**kept), positions, unreadable, left_out, incomplete)


_RECORD_PATH = re.compile(r"^\w+\[\d+\]")


def _follows_from_left_out(path: str, left_out: dict[str, set[str]]) -> bool:
    """Whether a problem at ``path`` may only be there because a field was left
    out: it is at that field, or at its record as a whole (a class without its
    unreadable learner_count "needs a roster or a learner_count")."""
    match = _RECORD_PATH.match(path)
    fields = left_out.get(match.group(0)) if match else None
    if not fields:
        return False
    rest = path[match.end():] if match else ""
    return rest == "" or re.split(r"[.\[]", rest[1:], maxsplit=1)[0] in fields


def _restore_path(path: str, positions: dict[str, list[int]]) -> str:
    """Map ``classes[2].x`` of the salvaged dataset back to the source's index."""
    match = re.match(r"^(\w+)\[(\d+)\]", path)
    if match and match.group(1) in positions:
        original = positions[match.group(1)][int(match.group(2))]
        return f"{match.group(1)}[{original}]{path[match.end():]}"
    return path


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Building a dataset makes millions of small records and no reference
    cycles; Python's cycle collector would still walk the growing heap again
    and again during the load. It is paused while the records are built and
    checked, and set back as it was found afterwards: nothing else of the
    host's collector is changed (no object is frozen or moved between
    generations; docs/benchmarks.md says what the pause buys)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(data: Any, source: str | None, on: date | None) -> Loaded:
    with _no_cycle_collection():
        return _build_records(data, source, on)


def _build_records(data: Any, source: str | None, on: date | None) -> Loaded:
    located = _check_version(data)
    if located:
        raise DatasetError(
            Problem(severity=Severity.ERROR, path=path, message=message, source=source)
            for path, message in located
        )
    try:
        dataset = from_data(data, Dataset)
    except Exception as exc:  # noqa: BLE001 - every structuring error is collected
        shape = [
            Problem(severity=Severity.ERROR, path=path, message=message, source=source)
            for path, message in structure_errors(exc)
        ]
        salvaged = _salvage(data)
        found = validate(salvaged.dataset, on=on, unreadable_ids=salvaged.unreadable)
        restored = [(p, _restore_path(p.path, salvaged.positions)) for p in found]
        # The incomplete records' paths are the source's already.
        restored += [
            (p, p.path)
            for p in _unknown_references(
                salvaged.dataset, salvaged.incomplete, on=on, unreadable_ids=salvaged.unreadable
            )
        ]
        more = [
            Problem(severity=p.severity, path=path, message=p.message, source=source)
            for p, path in restored
            if not _follows_from_left_out(path, salvaged.left_out)
        ]
        raise DatasetError(shape + more) from None
    problems = [
        Problem(severity=p.severity, path=p.path, message=p.message, source=source)
        for p in validate(dataset, on=on)
    ]
    if any(p.is_error for p in problems):
        raise DatasetError(problems)
    return Loaded(dataset, tuple(problems), source)


def from_dict(data: Any, *, on: date | None = None, source: str | None = None) -> Loaded:
    """Build and validate a dataset from plain data (what ``json.load`` gives).

    Raises :class:`~cadretrain.problems.DatasetError` listing every problem
    when there is any error.
    """
    return _build(data, source, on)


def loads(text: str, format: Format = "json", *, on: date | None = None,
          source: str | None = None) -> Loaded:
    """Parse, build and validate a dataset from text in ``format``."""
    with _no_cycle_collection():  # the parsed tree is as acyclic as the records
        return _build(_parse(text, format, source or "<text>"), source, on)


def read(path: str | os.PathLike[str], *, on: date | None = None) -> Loaded:
    """Load a dataset file with its warnings.

    Raises :class:`DatasetFileError` when the file cannot be read or parsed,
    :class:`~cadretrain.problems.DatasetError` when its content has errors.
    An Excel workbook (``.xlsx``) is read by :mod:`cadretrain.readers.xlsx`.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from cadretrain.readers.xlsx import read_workbook  # loads python-calamine

        return read_workbook(path, on=on)
    fmt = _format_of(path)
    try:
        _check_size(path.stat().st_size, fmt, str(path))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetFileError(f"{path}: " + _("no such file")) from None
    except UnicodeDecodeError as exc:
        raise DatasetFileError(f"{path}: " + _("not UTF-8 text (byte {byte})").format(
            byte=exc.start)) from None
    except OSError as exc:
        raise DatasetFileError(f"{path}: " + _("cannot read: {error}").format(
            error=exc.strerror)) from None
    with _no_cycle_collection():  # the parsed tree is as acyclic as the records
        return _build(_parse(text, fmt, str(path)), str(path), on)


def load(path: str | os.PathLike[str], *, on: date | None = None) -> Dataset:
    """Load a dataset file. Warnings are dropped; use :func:`read` to get them."""
    return read(path, on=on).dataset


def to_dict(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain data, as it is written to a file."""
    data: dict[str, Any] = to_data(dataset)
    return data


def dumps(dataset: Dataset, format: Format = "json") -> str:
    """The dataset as JSON or TOML text that :func:`loads` reads back equal."""
    data = to_dict(dataset)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import tomli_w  # only needed to write TOML

    return tomli_w.dumps(data)


def dump(dataset: Dataset, path: str | os.PathLike[str],
         format: Format | None = None) -> None:
    """Write the dataset to ``path``. The file appears whole or not at all."""
    path = Path(path)
    text = dumps(dataset, format or _format_of(path))
    write_atomically(path, text.encode("utf-8"))
