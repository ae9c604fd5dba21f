"""Plain data into a dataset, every problem at once with its place.

What every reader shares: a JSON or TOML file, or a workbook, is first parsed
into plain data (dicts, lists, text, numbers, dates), then :func:`from_dict`
builds the model through the one converter, salvages what it can of records
that do not fit, runs :func:`~cadretrain.validation.validate`, and reports
every problem at once, the way beancount's loader does.
"""

from __future__ import annotations

import enum
import re
import sys
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from cadretrain._collector import paused
from cadretrain.converter import _describe, from_data, structure_errors
from cadretrain.i18n import _
from cadretrain.model import SCHEMA_VERSION, Dataset
from cadretrain.problems import DatasetError, Problem, Severity
from cadretrain.validation import _unknown_references, validate

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - exercised on Python 3.10 only
    pass  # type: ignore[import-not-found, unused-ignore]


class DatasetFileError(Exception):
    """A file could not be read as a dataset at all: missing, unreadable, not
    JSON or TOML, or of an unknown kind. The message names the file."""


@frozen
class Loaded:
    """A dataset that loaded, with the warnings found in it."""

    dataset: Dataset
    warnings: tuple[Problem, ...]
    source: str | None = None


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


#: The loader pauses the cycle collector while it builds (see cadretrain._collector).
_no_cycle_collection = paused


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
