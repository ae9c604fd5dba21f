"""The one cattrs converter: how model objects become plain data and back.

Every file format (JSON, TOML, and the workbooks :mod:`cadretrain.readers.xlsx`
reads) goes through :data:`converter`, so the rules for what a valid
value looks like live here and nowhere else.

It is strict on purpose. cattrs by default turns ``"7"`` into ``7``, ``1.9``
into ``1``, ``true`` into ``1`` and a number into text; each of those is an
error here, reported with its place. Text is normalized to Unicode NFC so that
the same name typed on two keyboards compares equal.

Why one module of over 500 lines: the project keeps one cattrs converter in
one place. Its strict scalar hooks, the hand-written fast path that hands a
record back to cattrs' generated hooks whenever it is in doubt, and the
located errors both produce are one mechanism; split, the rules for a valid
value would live in two places.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
import types
import typing
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from cadretrain import model
from cadretrain.i18n import N_, _
from cadretrain.model import Dataset
from cadretrain.progress import counted

__all__ = ["FieldError", "converter", "from_data", "structure_errors", "to_data"]

T = TypeVar("T")

#: Decimals are limited so that a JSON number written from one reads back equal.
MAX_SIGNIFICANT_DIGITS = 15

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FieldError(ValueError):
    """A value has the wrong type or form. The message says what was expected."""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, str):
        return _('the text "{text}"').format(text=shorten(value))
    if isinstance(value, int) and abs(value) >= 10**4000:
        return _("a number with over 4,000 digits")  # str() of it raises past 4,300
    if isinstance(value, (int, float, Decimal)):
        # As written in the file (5, 0.9), not as a report prints it.
        return _("the number {value}").format(value=shorten(str(value), 40))
    if value is None:
        return "null"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a table/object")
    return _("a value of type {type}").format(type=type(value).__name__)


#: Characters no exporter can write: lone surrogates (UTF-8 cannot encode
#: them) and the noncharacters U+FFFE and U+FFFF (XML, hence Word and Excel,
#: forbids them). Control characters are left: the exporters clean those.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
#: Whole numbers beyond this many digits do not fit Excel (15 significant
#: digits) nor a JSON reader that uses floats; Python refuses to print 4,300.
MAX_INTEGER = 10**15


def _unwritable(text: str) -> bool:
    """Whether ``text`` holds a character no file can hold (fast for the usual text)."""
    return not text.isascii() and _UNWRITABLE.search(text) is not None


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise FieldError(_("expected text, got {value}").format(value=_describe(value)))
    if _unwritable(value):
        match = _UNWRITABLE.search(value)
        assert match is not None
        raise FieldError(_(
            'the text "{text}" holds U+{code} at character {position}, which no document '
            "can hold (a lone surrogate or a noncharacter)").format(
                text=shorten(_UNWRITABLE.sub(_escaped, value)),
                code=f"{ord(match.group()):04X}", position=match.start() + 1))
    return unicodedata.normalize("NFC", value)


def _structure_int(value: object, _type: type) -> int:
    # bool is a subclass of int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(_("expected a whole number, got {value}").format(value=_describe(value)))
    if not -MAX_INTEGER < value < MAX_INTEGER:
        raise FieldError(_too_large(value))
    return value


def _too_large(value: int | Decimal) -> str:
    if isinstance(value, int) and abs(value) >= 10**4000:  # str() raises past 4,300 digits
        return _("the number with over 4,000 digits is too large: at most 15 digits before "
                 "the decimal point")
    return _("the number {value} is too large: at most 15 digits before the decimal "
             "point").format(value=shorten(str(value), 24))


def _structure_bool(value: object, _type: type) -> bool:
    if not isinstance(value, bool):
        raise FieldError(_("expected true or false, got {value}").format(value=_describe(value)))
    return value


#: Decimals that passed the checks below, by value; at most _DECIMALS_KEPT of
#: them, so that a hostile file cannot make it grow. Every check depends on the
#: value alone (8.5 and 8.50 pass or fail alike), and a results roster repeats
#: a few values (attendance 0.95, grade 8.5) hundreds of thousands of times.
_CHECKED_DECIMALS: set[Decimal] = set()
_DECIMALS_KEPT = 8192


def _structure_decimal(value: object, _type: type) -> Decimal:
    # A signalling NaN cannot be hashed: only a finite value is looked up.
    if type(value) is Decimal and value.is_finite() and value in _CHECKED_DECIMALS:
        return value
    number = _checked_decimal(value)
    if type(value) is Decimal and len(_CHECKED_DECIMALS) < _DECIMALS_KEPT:
        _CHECKED_DECIMALS.add(number)
    return number


def _checked_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise FieldError(_("expected a number, got {value}").format(value=_describe(value)))
    # A float arrives only from Python callers; repr() gives the shortest text
    # that reads back to the same float, i.e. the number as it was written.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise FieldError(_("expected a finite number, got {value}").format(value=value))
    if number and number.adjusted() >= 15:
        raise FieldError(_too_large(number))
    if number and number.adjusted() < -300:
        raise FieldError(_("the number {value} is too small to be written").format(
            value=shorten(str(value), 24)))
    if len(number.normalize().as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        raise FieldError(
            _("the number {value} has more than {digits} significant digits").format(
                value=value, digits=MAX_SIGNIFICANT_DIGITS)
        )
    return number


def _structure_date(value: object, _type: type) -> date:
    # TOML has native dates; JSON has text. A datetime is not a date here.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldError(_('"{value}" is not a real date').format(value=value)) from None
    raise FieldError(_("expected a date as YYYY-MM-DD, got {value}").format(value=_describe(value)))


#: A "did you mean" compares at most this many characters of a value and of a choice.
_COMPARED = 64
#: A collection this small is compared whole with an unknown value (difflib).
_SMALL = 32
#: Of a larger one, the choices sharing the most n-grams with it are.
_CANDIDATES = 8
#: Postings of the value's n-grams looked at to find those candidates.
_BUDGET = 4096


def _grams(text: str) -> set[str]:
    padded = f"\x02{text.lower()}\x03"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Suggestions:
    """The ' did you mean "x"?' hints for one collection of choices.

    Built once per collection, so that a file with thousands of unknown
    references stays near linear: the choices are indexed by their
    three-letter pieces (n-grams), and an unknown value is compared in full
    (difflib) only with the few choices that share the rarest pieces with it,
    on its first characters only. A small collection is compared whole.
    """

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = list(dict.fromkeys(choices))
        self._short = [c[:_COMPARED] for c in self.choices]
        self._grams: dict[str, list[int]] = {}
        self._initials: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        if len(self.choices) > _SMALL:
            for index, choice in enumerate(self._short):
                for gram in _grams(choice):
                    self._grams.setdefault(gram, []).append(index)
        for choice in self.choices:
            self._initials.setdefault("".join(p[:1] for p in choice.split("-")), choice)

    def _candidates(self, word: str) -> list[int]:
        if len(self.choices) <= _SMALL:
            return list(range(len(self.choices)))
        postings = sorted((self._grams[g] for g in _grams(word) if g in self._grams), key=len)
        counts: Counter[int] = Counter()
        spent = 0
        for posting in postings:
            if spent + len(posting) > _BUDGET and counts:
                break
            counts.update(posting[:_BUDGET])
            spent += len(posting)
        return sorted(i for i, _count in counts.most_common(_CANDIDATES))

    def hint(self, word: str) -> str:
        """``'; did you mean "x"?'`` or "" when no choice is close."""
        if word in self._seen:
            return self._seen[word]
        short = word[:_COMPARED]
        found = ""
        candidates = self._candidates(short)
        close = difflib.get_close_matches(short, [self._short[i] for i in candidates],
                                          n=1, cutoff=0.6)
        if close:
            found = next(self.choices[i] for i in candidates if self._short[i] == close[0])
        elif len(word) <= _COMPARED:
            found = self._initials.get(word.lower().replace("-", ""), "")
            if not found and word:
                lowered = word.lower()
                found = next((c for c in self.choices if lowered in c), "")
        hint = _('; did you mean "{choice}"?').format(choice=shorten(found)) if found else ""
        if len(self._seen) < 10_000:
            self._seen[word] = hint
        return hint


def _suggest(word: str, choices: list[str]) -> str:
    """A ' did you mean "x"?' hint: close spellings, or choices whose initials match."""
    return Suggestions(choices).hint(word)


def shorten(text: str, limit: int = 60) -> str:
    """``text``, or its first ``limit`` characters and how long it is: a bad
    value of 50 MB is quoted in a message, not echoed in full."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    # The member by its value, looked up in the enum's own table: this hook
    # runs for every status and result of a national file (300,000 times),
    # where building the list of values on each call cost a third of the build.
    if isinstance(value, str):
        found = cls._value2member_map_.get(value)
        if found is not None:
            return found
    allowed = [str(m.value) for m in cls]
    if isinstance(value, str):
        hint = _suggest(value, allowed) or _("; expected one of {choices}").format(
            choices=", ".join(f'"{a}"' for a in allowed))
        raise FieldError(_('unknown value "{value}"').format(value=shorten(value)) + hint)
    raise FieldError(_("expected one of {choices}, got {value}").format(
        choices=", ".join(allowed), value=_describe(value)))


def _is_variadic_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


#: The records whose reading the progress line counts: the long lists of a dataset.
COUNTED = {model.Organization: N_("organizations"), model.Person: N_("people"),
           model.ClassRecord: N_("classes")}


def _tuple_hook_factory(t: Any, *, fast: bool = True) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = typing.get_args(t)[0]
    item_hook: list[Callable[[object, Any], Any]] = []
    what = COUNTED.get(item_type)

    def structure(value: object, _type: type) -> tuple[Any, ...]:
        # cattrs would happily iterate a string into characters: a list is required.
        if not isinstance(value, (list, tuple)):
            raise FieldError(_("expected a list, got {value}").format(value=_describe(value)))
        # The item hook is looked up once per list type, not once per item
        # (what converter.structure(item, item_type) does): a roster of a
        # million enrollments spends measurable time in that dispatch.
        if not item_hook:
            item_hook.append(_structure_hook(item_type))
        hook = item_hook[0]
        # Most lists are well formed: build them in one go, and only when an
        # item fails go through them again one by one to collect every error
        # with its index (the hooks have no side effects).
        if fast:
            try:
                return tuple([hook(item, item_type) for item in
                              (value if what is None else counted(value, what))])
            except Exception:  # noqa: BLE001 - collected with their places below
                pass
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


def _make_converter(*, fast_records: bool = True) -> cattrs.Converter:
    """The strict converter. Without ``fast_records``, every record and list
    goes through cattrs' generated hooks alone: the tests compare the two."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(date, _structure_date)
    # Registered for the Enum base class: cattrs looks up class hooks before
    # hook factories, and its own Enum hook is one (cattrs 23.2 to 26 alike).
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook_factory(
        _is_variadic_tuple, functools.partial(_tuple_hook_factory, fast=fast_records)
    )
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    if fast_records:
        # Made at the first use of each record class, not at import: a
        # program that imports cadretrain without reading a file (the CLI's
        # --help, an exporter) does not pay for generating them.
        records = frozenset(_RECORDS)
        conv.register_structure_hook_factory(
            lambda t: isinstance(t, type) and t in records,
            lambda cls: _fast_record_hook(conv, cls))
    return conv


#: The model's record classes, whose fast hooks :func:`_make_converter` registers.
_RECORDS: tuple[type, ...] = tuple(
    obj for obj in vars(model).values() if isinstance(obj, type) and attrs.has(obj)
)


_ABSENT = object()
#: Dates read from text, by their text; at most _DATES_KEPT of them (a few
#: years of days), so that a hostile file cannot make it grow without end.
_DATES: dict[str, date] = {}
_DATES_KEPT = 8192


def _read_date(value: object) -> date:
    """:func:`_structure_date`, remembering the dates read from text."""
    found = _structure_date(value, date)
    if isinstance(value, str) and len(_DATES) < _DATES_KEPT:
        _DATES[value] = found
    return found


def _fast_record_hook(conv: cattrs.Converter, cls: type) -> Callable[[object, Any], Any]:
    """A hook for the records ``cls`` of well-formed data, falling back to the
    hook cattrs generates for anything else.

    A national dataset holds over a million records, most of them well formed.
    The hook cattrs generates collects every field's errors (a list, a try
    block and a call per field, a dict of arguments) and calls the attrs
    ``__init__``, which sets each field through ``object.__setattr__``. For a
    record whose keys are all known and whose text, whole-number and
    true/false values are of exactly their type, this hook does the same
    checks inline and sets the slots directly, as ``__init__`` does (the
    records have no validators or converters, and their post-init type check
    is what this hook does inline). Any
    other value goes through the hook of its type; the first thing that is
    not as expected (an unknown key, a missing field, a value of another type,
    an error from a field's hook) hands the whole record to cattrs' generated
    hook, which gives the same record or every located error. A property test
    checks the two agree.
    """
    # cattrs' own hook for the class; its fields' hooks are the converter's
    # (a nested record's is its fast hook, made on first use).
    generic: Callable[..., Any] = conv.gen_structure_attrs_fromdict(cls)
    fields = attrs.fields(attrs.resolve_types(cls))
    assert not any(f.validator or f.converter or f.alias != f.name for f in fields), cls
    # The records' one post-init is the model's type check (cadretrain.record_checks),
    # which this hook makes inline for every value it sets itself.
    post_init = getattr(cls, "__attrs_post_init__", None)
    assert post_init in (None, model._Record.__attrs_post_init__), cls
    namespace: dict[str, Any] = {
        "generic": generic, "cls": cls, "new": object.__new__, "ABSENT": _ABSENT,
        "names": frozenset(f.name for f in fields), "nfc": unicodedata.normalize,
        "unwritable": _unwritable, "LIMIT": MAX_INTEGER, "dates": _DATES,
        "read_date": _read_date, "date_type": date,
    }
    required_lines: list[str] = []
    optional_lines: list[str] = []
    defaults_lines: list[str] = []
    for i, field in enumerate(fields):
        slot = getattr(cls, field.name)
        assert isinstance(slot, types.MemberDescriptorType), (cls, field.name)
        namespace[f"set{i}"] = slot.__set__
        args = typing.get_args(field.type)
        optional = isinstance(field.type, types.UnionType) and len(args) == 2 and (
            args[1] is type(None))
        inner = args[0] if optional else field.type
        required = field.default is attrs.NOTHING
        if required:
            lines = required_lines
            lines += [f"    v = o.get({field.name!r}, ABSENT)",
                      "    if v is ABSENT:",
                      "        return generic(o, t)",
                      "    elif v is not None:" if optional else "    else:"]
        else:
            default = field.default
            assert not hasattr(default, "factory"), (cls, field.name)  # no attrs.Factory
            namespace[f"default{i}"] = default
            defaults_lines.append(f"        set{i}(r, default{i})")
            lines = optional_lines
            if optional and default is None:
                # Absent or null, the field is None.
                lines += [f"    v = o.get({field.name!r})",
                          "    if v is not None:"]
            else:
                lines += [f"    v = o.get({field.name!r}, ABSENT)",
                          "    if v is ABSENT:",
                          f"        v = default{i}",
                          "    elif v is not None:" if optional else "    else:"]
        if inner is str:
            # ASCII text (every id) is already NFC and writable: no call for it.
            lines += ["        if type(v) is not str:",
                      "            return generic(o, t)",
                      "        if not v.isascii():",
                      "            if unwritable(v):",
                      "                return generic(o, t)",
                      "            v = nfc('NFC', v)"]
        elif inner is int:
            lines += ["        if type(v) is not int or not -LIMIT < v < LIMIT:",
                      "            return generic(o, t)"]
        elif inner is bool:
            lines += ["        if type(v) is not bool:",
                      "            return generic(o, t)"]
        elif isinstance(inner, type) and issubclass(inner, enum.Enum):
            # The member by its value (what _structure_enum looks up first).
            namespace[f"members{i}"] = inner._value2member_map_
            lines += ["        if type(v) is not str:",
                      "            return generic(o, t)",
                      f"        v = members{i}.get(v)",
                      "        if v is None:",
                      "            return generic(o, t)"]
        elif inner is date:
            # A national file repeats few dates (200,000 people joined on a
            # few thousand days): each text is parsed once per load.
            # A date already (TOML, a workbook) is taken as it is.
            lines += ["        d = v if type(v) is date_type else dates.get(v) if type(v) is str "
                      "else None",
                      "        if d is None:",
                      "            try:",
                      "                d = read_date(v)",
                      "            except Exception:",
                      "                return generic(o, t)",
                      "        v = d"]
        else:
            namespace[f"hook{i}"] = _structure_hook(inner, conv)
            namespace[f"type{i}"] = inner
            lines += ["        try:",
                      f"            v = hook{i}(v, type{i})",
                      "        except Exception:",
                      "            return generic(o, t)"]
        lines.append(f"    set{i}(r, v)")
    n_required = sum(f.default is attrs.NOTHING for f in fields)
    lines = [
        "def structure(o, t):",
        "    if type(o) is not dict:",
        "        return generic(o, t)",
        "    r = new(cls)",
        *required_lines,
        # All the required fields are there: with nothing else, the others
        # take their defaults (most records of a national roster).
        f"    if len(o) == {n_required}:",
        *defaults_lines,
        "        return r",
        "    if not o.keys() <= names:",
        "        return generic(o, t)",
        *optional_lines,
        "    return r",
    ]
    source = "\n".join(lines)
    exec(compile(source, f"<cadretrain fast structure {cls.__name__}>", "exec"), namespace)
    structure: Callable[[object, Any], Any] = namespace["structure"]
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
        return _("required field is missing")
    if isinstance(exc, ForbiddenExtraKeysError):
        return _("unknown key")
    if isinstance(exc, TypeError) and "argument" in str(exc):
        return _("wrong value: {error}").format(error=exc)
    if isinstance(exc, (TypeError, AttributeError)):
        return _("wrong type of value here")
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
            found.append((_join(path, shorten(key)), _("unknown key") + _suggest(key, fields)))
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
