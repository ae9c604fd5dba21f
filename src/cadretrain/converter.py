"""The one cattrs converter: how model objects become plain data and back.

Every file format (JSON, TOML, and the workbooks :mod:`cadretrain.xlsx_import`
reads) goes through :data:`converter`, so the rules for what a valid
value looks like live here and nowhere else.

It is strict on purpose. cattrs by default turns ``"7"`` into ``7``, ``1.9``
into ``1``, ``true`` into ``1`` and a number into text; each of those is an
error here, reported with its place. Text is normalized to Unicode NFC so that
the same name typed on two keyboards compares equal.
"""

from __future__ import annotations

import difflib
import enum
import re
import typing
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from cadretrain.model import Dataset, Enrollment

__all__ = ["FieldError", "converter", "from_data", "structure_errors", "to_data"]

T = TypeVar("T")

#: Decimals are limited so that a JSON number written from one reads back equal.
MAX_SIGNIFICANT_DIGITS = 15

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FieldError(ValueError):
    """A value has the wrong type or form. The message says what was expected."""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, (int, float, Decimal)):
        return f"the number {value}"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table/object"
    return f"a value of type {type(value).__name__}"


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise FieldError(f"expected text, got {_describe(value)}")
    return unicodedata.normalize("NFC", value)


def _structure_int(value: object, _: type) -> int:
    # bool is a subclass of int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(f"expected a whole number, got {_describe(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise FieldError(f"expected a number, got {_describe(value)}")
    # A float arrives only from Python callers; repr() gives the shortest text
    # that reads back to the same float, i.e. the number as it was written.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise FieldError(f"expected a finite number, got {value}")
    if len(number.normalize().as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        raise FieldError(
            f"the number {value} has more than {MAX_SIGNIFICANT_DIGITS} significant digits"
        )
    return number


def _structure_date(value: object, _: type) -> date:
    # TOML has native dates; JSON has text. A datetime is not a date here.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldError(f'"{value}" is not a real date') from None
    raise FieldError(f"expected a date as YYYY-MM-DD, got {_describe(value)}")


def _suggest(word: str, choices: list[str]) -> str:
    """A ' did you mean "x"?' hint: close spellings, or choices whose initials match."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = word.lower().replace("-", "")
        close = [c for c in choices if "".join(p[:1] for p in c.split("-")) == lowered]
    if not close:
        close = [c for c in choices if word and word.lower() in c]
    return f'; did you mean "{close[0]}"?' if close else ""


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [str(m.value) for m in cls]
    if isinstance(value, str):
        for member in cls:
            if member.value == value:
                return member
        hint = _suggest(value, allowed) or "; expected one of " + ", ".join(
            f'"{a}"' for a in allowed
        )
        raise FieldError(f'unknown value "{value}"{hint}')
    raise FieldError(f"expected one of {', '.join(allowed)}, got {_describe(value)}")


def _is_variadic_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = typing.get_args(t)[0]
    item_hook: list[Callable[[object, Any], Any]] = []

    def structure(value: object, _: type) -> tuple[Any, ...]:
        # cattrs would happily iterate a string into characters: a list is required.
        if not isinstance(value, (list, tuple)):
            raise FieldError(f"expected a list, got {_describe(value)}")
        # The item hook is looked up once per list type, not once per item
        # (what converter.structure(item, item_type) does): a roster of a
        # million enrollments spends measurable time in that dispatch.
        if not item_hook:
            item_hook.append(_structure_hook(item_type))
        hook = item_hook[0]
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                # cattrs reads the index from the exception's notes (PEP 678);
                # setattr works on Python 3.10, which has no add_note().
                notes = [*getattr(exc, "__notes__", []),
                         IterableValidationNote(f"index {index}", index, item_type)]
                setattr(exc, "__notes__", notes)  # noqa: B010
                errors.append(exc)
        if errors:
            raise IterableValidationError("while structuring a list", errors, t)
        return tuple(items)

    return structure


def _structure_hook(t: Any, of: cattrs.Converter | None = None) -> Callable[[object, Any], Any]:
    """The hook ``converter.structure(value, t)`` calls for ``t``."""
    conv: Any = converter if of is None else of
    public = getattr(conv, "get_structure_hook", None)  # cattrs 24.1 and later
    hook: Callable[[object, Any], Any] = (
        public(t) if public is not None else conv._structure_func.dispatch(t)
    )
    return hook


def _unstructure_decimal(value: Decimal) -> int | float:
    # The significant-digit limit above makes float(value) read back equal.
    return int(value) if value == value.to_integral_value() else float(value)


def _make_converter(*, direct_enrollments: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(date, _structure_date)
    # Registered for the Enum base class: cattrs looks up class hooks before
    # hook factories, and its own Enum hook is one (cattrs 23.2 to 26 alike).
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook_factory(_is_variadic_tuple, _tuple_hook_factory)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    if direct_enrollments:
        conv.register_structure_hook(Enrollment, _enrollment_hook(conv))
    return conv


def _enrollment_hook(conv: cattrs.Converter) -> Callable[[object, Any], Enrollment]:
    """Enrollments are the bulk of a national dataset (a million rows), and most
    are just a person and a sending organization. Those are built directly;
    anything else goes through the generated hook, which gives the same record
    or the same located errors."""
    generic: Callable[[object, Any], Enrollment] = _structure_hook(Enrollment, conv)
    normalize = unicodedata.normalize

    def structure(value: object, t: Any) -> Enrollment:
        if type(value) is dict and len(value) == 2:
            person = value.get("person")
            sender = value.get("sending_organization")
            if type(person) is str and type(sender) is str:
                return Enrollment(person=normalize("NFC", person),
                                  sending_organization=normalize("NFC", sender))
        return generic(value, t)

    return structure


#: The converter. Use :func:`to_data` and :func:`from_data` rather than calling it.
converter = _make_converter()


def to_data(obj: object) -> Any:
    """Turn a model object into plain data (dicts, lists, text, numbers).

    Fields left at their default are omitted, so files stay short; a
    :class:`~cadretrain.model.Dataset` always carries its ``schema_version``.
    """
    data = converter.unstructure(obj)
    if isinstance(obj, Dataset):
        data = {"schema_version": obj.schema_version, **data}
    return data


def from_data(data: object, cls: type[T]) -> T:
    """Build a model object from plain data. Raises cattrs' validation errors;
    :func:`structure_errors` turns them into located messages."""
    return converter.structure(data, cls)


def _format_exception(exc: BaseException) -> str:
    if isinstance(exc, FieldError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown key"
    if isinstance(exc, TypeError) and "argument" in str(exc):
        return f"wrong value: {exc}"
    if isinstance(exc, (TypeError, AttributeError)):
        return "wrong type of value here"
    return str(exc) or type(exc).__name__


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def structure_errors(exc: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Flatten a cattrs error into ``(path, message)`` pairs such as
    ``("classes[3].learner_count", "expected a whole number, got the text \\"7\\"")``."""
    found: list[tuple[str, str]] = []
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = sorted(
            attr.name for attr in getattr(exc.cl, "__attrs_attrs__", ())
        )
        # Keys are text in JSON and TOML; a Python caller may pass others.
        for key in sorted(map(str, exc.extra_fields)):
            found.append((_join(path, key), "unknown key" + _suggest(key, fields)))
    elif isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            found.extend(structure_errors(sub, f"{path}[{note.index}]"))
        for sub in without:
            found.extend(structure_errors(sub, path))
    elif isinstance(exc, ClassValidationError):
        with_notes_cls, without = exc.group_exceptions()
        for sub, attr_note in with_notes_cls:
            found.extend(structure_errors(sub, _join(path, attr_note.name)))
        for sub in without:
            found.extend(structure_errors(sub, path))
    else:
        found.append((path or "(top)", _format_exception(exc)))
    return found
