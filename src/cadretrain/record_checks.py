"""Records built in code are checked as records read from a file are.

Every record class of :mod:`cadretrain.model` runs :func:`check_record` after
its ``__init__``: each field's value is checked against the field's declared
type with the loader's own rules and words (``expected text, got the number
1``), and put in its one form:

- text is normalized to Unicode NFC, so an id typed in decomposed form is the
  same id as the one read from a file;
- a list (or any sequence) given for a tuple field becomes a tuple, so the
  record stays hashable and equal to the same record loaded from its file;
- an enumeration field takes its member or the member's value
  (``kind="branch"`` or ``kind=OrganizationKind.BRANCH``); a level
  (``Qualification.level``, ``Requirement.level``) takes its text or the
  enumeration member (``PoliticalTheoryLevel.ADVANCED``);
- a number field takes an int, a Decimal or a float (read as written:
  ``0.9`` is ``Decimal("0.9")``); a date field a :class:`~datetime.date` or
  its ISO text.

Anything else is refused at once with :class:`RecordError`, naming the record
class, the field (and the item of a tuple) and what is wrong, so a mistake
never reaches :func:`~cadretrain.validation.validate`, an exporter or
:func:`~cadretrain.readers.json_toml.dumps` as an AttributeError.

The loader's fast path builds records without calling ``__init__``: its own
checks of each value are the same (the converter's tests compare the two).
"""

from __future__ import annotations

import enum
import types
import typing
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cadretrain.i18n import _

__all__ = ["RecordError", "check_record"]


class RecordError(TypeError, ValueError):
    """A record built in code holds a value its field cannot take.

    A :class:`TypeError` (a value of the wrong type) and a :class:`ValueError`
    (a value of the right type but not allowed, such as an unknown enumeration
    value), so that either ``except`` catches it. ``record`` is the class name,
    ``field`` the field's path in it (``enrollments[2]``), ``problem`` the
    message without the place."""

    def __init__(self, record: str, field: str, problem: str) -> None:
        super().__init__(f"{record}.{field}: {problem}")
        self.record, self.field, self.problem = record, field, problem


class _Refused(Exception):
    def __init__(self, where: str, problem: str) -> None:
        self.where, self.problem = where, problem


Check = Callable[[Any], Any]  # returns the value in its one form, or raises _Refused


def _fail(where: str, problem: str) -> typing.NoReturn:
    raise _Refused(where, problem)


def _check_str(value: Any) -> Any:
    if type(value) is str:
        return value if unicodedata.is_normalized("NFC", value) else \
            unicodedata.normalize("NFC", value)
    from cadretrain.converter import _describe

    _fail("", _("expected text, got {value}").format(value=_describe(value)))


def _check_level(value: Any) -> Any:
    # A level is kept as text (its kind decides which enumeration it belongs
    # to); the enumeration's member is accepted for it.
    if isinstance(value, enum.Enum) and isinstance(value.value, str):
        return value.value
    return _check_str(value)


def _converting(structure: Callable[[Any, Any], Any], target: Any) -> Check:
    from cadretrain.converter import FieldError

    def check(value: Any) -> Any:
        try:
            return structure(value, target)
        except FieldError as exc:
            _fail("", str(exc))

    return check


def _check_for(t: Any, name: str) -> Check:
    from cadretrain import converter as cv

    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        (inner,) = args
        inner_check = _check_for(inner, name)

        def optional(value: Any) -> Any:
            return None if value is None else inner_check(value)

        return optional
    if origin is tuple:
        item_type = typing.get_args(t)[0]
        item_check = _check_for(item_type, name)

        def sequence(value: Any) -> Any:
            if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
                _fail("", _("expected a list, got {value}").format(value=cv._describe(value)))
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(item_check(item))
                except _Refused as refused:
                    _fail(f"[{index}]{refused.where}", refused.problem)
            return tuple(items)

        return sequence
    if t is str:
        return _check_level if name == "level" else _check_str
    if t is bool:
        return _converting(cv._structure_bool, bool)
    if t is int:
        return _converting(cv._structure_int, int)
    if t is Decimal:
        return _converting(cv._structure_decimal, Decimal)
    if t is date:
        return _converting(cv._structure_date, date)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        enum_check = _converting(cv._structure_enum, t)

        def member(value: Any) -> Any:
            return value if type(value) is t else enum_check(value)

        return member
    if isinstance(t, type) and attrs.has(t):
        def record(value: Any) -> Any:
            if not isinstance(value, t):
                _fail("", _("expected a {record} record, got {value}").format(
                    record=t.__name__, value=cv._describe(value)))
            return value

        return record
    raise TypeError(f"no check for the type {t!r} of the field {name}")  # a new field type


_CHECKS: dict[type, tuple[tuple[str, Check], ...]] = {}


def _checks_of(cls: type) -> tuple[tuple[str, Check], ...]:
    checks = _CHECKS.get(cls)
    if checks is None:
        hints = typing.get_type_hints(cls)
        checks = tuple((f.name, _check_for(hints[f.name], f.name)) for f in attrs.fields(cls))
        _CHECKS[cls] = checks
    return checks


def check_record(record: Any) -> None:
    """Check every field of ``record`` (an attrs record of the model) and put its
    value in its one form; raise :class:`RecordError` on the first mistake."""
    cls = type(record)
    for name, check in _checks_of(cls):
        value = getattr(record, name)
        try:
            checked = check(value)
        except _Refused as refused:
            raise RecordError(cls.__name__, name + refused.where, refused.problem) from None
        if checked is not value:
            object.__setattr__(record, name, checked)
