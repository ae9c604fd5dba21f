"""Reading and writing dataset files (JSON and TOML).

It parses the text (refusing a key given twice, numbers with a fraction kept
exact) and hands the plain data to :mod:`cadretrain.readers.plain`, which
builds the model through the one converter, runs
:func:`~cadretrain.validation.validate` and reports every problem at once with
its place, the way beancount's loader does.

``load``, ``read`` and ``from_dict`` were here for a while on the way to
:mod:`cadretrain.readers` and :mod:`cadretrain.readers.plain`; the old names
still work for one release, with a ``DeprecationWarning``.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from cadretrain.atomic import write_atomically as write_atomically  # its old home
from cadretrain.converter import to_data
from cadretrain.i18n import _
from cadretrain.model import Dataset
from cadretrain.readers.plain import DatasetFileError, Loaded, _build, _no_cycle_collection

#: Names that moved from here (ad4dfd7), and their homes.
_MOVED = {"load": "cadretrain.readers", "read": "cadretrain.readers",
          "from_dict": "cadretrain.readers.plain"}


def __getattr__(name: str) -> Any:
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    import warnings

    warnings.warn(f"cadretrain.readers.json_toml.{name} is deprecated: import {name} from "
                  f"{home}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(home), name)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "Format",
    "dump",
    "dumps",
    "loads",
    "read_file",
    "to_dict",
]


Format = Literal["json", "toml"]


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


def loads(text: str, format: Format = "json", *, on: date | None = None,
          source: str | None = None) -> Loaded:
    """Parse, build and validate a dataset from text in ``format``."""
    with _no_cycle_collection():  # the parsed tree is as acyclic as the records
        return _build(_parse(text, format, source or "<text>"), source, on)


def read_file(path: str | os.PathLike[str], *, on: date | None = None) -> Loaded:
    """Load a JSON or TOML dataset file (by its suffix) with its warnings.

    Raises :class:`~cadretrain.readers.plain.DatasetFileError` when the file cannot
    be read or parsed, :class:`~cadretrain.problems.DatasetError` when its content
    has errors. :func:`cadretrain.read` takes a workbook too.
    """
    path = Path(path)
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
