"""The converter's fast hooks build what cattrs' generated hooks build, for
every record class: the same record, or the same located errors in the same
order."""

from __future__ import annotations

import enum
import functools
import subprocess
import sys
import typing
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain.converter import _RECORDS, _make_converter, converter, structure_errors
from cadretrain.model import ClassRecord, Dataset, Enrollment, Person, PostHolding
from cadretrain.testing import datasets

GENERATED = _make_converter(fast_records=False)

#: Text that is not in NFC, which every hook normalizes.
DECOMPOSED = [unicodedata.normalize("NFD", "Đảng ủy"), "\u212b", "Ｋ"]
scalars = st.one_of(
    st.text(max_size=4),
    st.sampled_from(["2017-03-01", "2017-02-30", "2017-13-01", "full", "branch", "nope",
                     *DECOMPOSED]),
    st.integers(-3, 3), st.booleans(), st.none(), st.decimals(allow_nan=True, places=2),
    st.floats(allow_nan=True), st.just(date(2017, 3, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                 max_size=3),
    max_leaves=6,
)


def _outcome(conv: cattrs.Converter, value: object, cls: type) -> object:
    try:
        built: object = conv.structure(value, cls)
    except Exception as exc:  # noqa: BLE001 - the errors are what is compared
        return structure_errors(exc)
    # repr tells apart what == does not: Decimal("1") and 1, a tuple and a list.
    return built, repr(built), type(built)


def test_every_record_class_has_a_fast_hook() -> None:
    assert {cls.__name__ for cls in _RECORDS} >= {"Dataset", "ClassRecord", "Enrollment",
                                                  "Person", "Result", "Qualification"}
    for cls in _RECORDS:
        assert converter.get_structure_hook(cls) is not GENERATED.get_structure_hook(cls)


@st.composite
def _record_data(draw: st.DrawFn, of: type | None = None) -> tuple[type, object]:
    """A record class and data for it: its fields, some of them missing, some
    given odd values, now and then an unknown key or not a table at all."""
    cls = of or draw(st.sampled_from(_RECORDS))
    fields = attrs.fields(attrs.resolve_types(cls))
    data: dict[Any, Any] = {}
    for field in fields:
        # Mostly well formed, so that the fast path is taken; now and then a
        # field left out or of any value at all.
        choice = draw(st.integers(0, 2 * len(fields)))
        if choice == 0:
            continue
        data[field.name] = draw(values if choice == 1 else _plausible(field.type))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.sampled_from(["extra", "id ", 3]))] = draw(scalars)
    if draw(st.integers(0, 19)) == 0:
        return cls, draw(values)
    return cls, data


def _plausible(t: Any) -> st.SearchStrategy[Any]:
    """Values for a field of type ``t`` that it accepts."""
    args = typing.get_args(t)
    if type(None) in args:
        return st.none() | _plausible(args[0])
    if t is str:
        return st.text(max_size=4) | st.sampled_from(DECOMPOSED)
    if t is int:
        return st.integers(-2, 2)
    if t is bool:
        return st.booleans()
    if t is Decimal:
        return st.integers(-2, 2) | st.decimals(places=1, min_value=-2, max_value=12)
    if t is date:
        return st.sampled_from(["2017-03-01", "2017-12-31", date(2017, 5, 1)])
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return st.sampled_from([m.value for m in t])
    if typing.get_origin(t) is tuple:
        return st.lists(_plausible(args[0]), max_size=2)
    if attrs.has(t):
        fields = attrs.fields(t)
        return st.fixed_dictionaries(
            {f.name: _plausible(f.type) for f in fields if f.default is attrs.NOTHING},
            optional={f.name: _plausible(f.type) for f in fields if f.default is not attrs.NOTHING},
        )
    return values  # pragma: no cover - every field type is handled above


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_record_data())
def test_fast_and_generated_hooks_agree_on_any_data(case: tuple[type, object]) -> None:
    cls, value = case
    assert _outcome(converter, value, cls) == _outcome(GENERATED, value, cls)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets())
def test_fast_and_generated_hooks_agree_on_whole_datasets(dataset: Dataset) -> None:
    data = cadretrain.to_dict(dataset)
    fast = _outcome(converter, data, Dataset)
    assert fast == _outcome(GENERATED, data, Dataset)
    assert fast[0] == dataset  # type: ignore[index]


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (Enrollment, {"person": "p", "sending_organization": "o", "joined": None}),
        (Enrollment, {"person": "p", "sending_organization": "o", "result": None}),
        (Person, {"id": "p", "full_name": "A", "organization": "o", "posts": []}),
        (ClassRecord, {"id": "k", "course_type": "c", "start": "2017-01-02",
                       "end": "2017-01-03", "host": "h", "enrollments": None,
                       "learner_count": 3}),
    ],
)
def test_explicit_nulls_and_empty_lists_read_as_cattrs_reads_them(
    cls: type, value: dict[str, Any]
) -> None:
    assert _outcome(converter, value, cls) == _outcome(GENERATED, value, cls)
    assert not isinstance(_outcome(converter, value, cls), list)


@pytest.mark.parametrize("cls", _RECORDS, ids=lambda cls: cls.__name__)
def test_the_data_drawn_includes_well_formed_records_of_every_class(cls: type) -> None:
    # Otherwise the comparison above would see only cattrs' hook, twice.
    assert isinstance(converter.structure(_well_formed(cls), cls), cls)


@functools.cache
def _well_formed(cls: type) -> dict[str, Any]:
    found = find(_record_data(cls), lambda case: not isinstance(
        _outcome(converter, case[1], case[0]), list),
        settings=settings(max_examples=500, phases=[Phase.generate], database=None))
    data: dict[str, Any] = found[1]  # type: ignore[assignment]
    return data


#: Values one step from what a field accepts: a boolean for a number, a number
#: for text or a boolean, a float, text of a number, nothing, an empty list or
#: table, lists with odd items; dates that are not real or not YYYY-MM-DD (a
#: week date, which date.fromisoformat takes), an enumeration's value, text
#: not in NFC, a lone surrogate.
NEAR_MISSES = [True, False, 0, 1, 1.0, Decimal(1), "1", "", None, [], {}, [""], ["", ""],
               [{}], [0], [None], ["2017-03-01"], {"id": "x"}, "2017-03-01", "2017-02-30",
               "2017-W01-1", "20170301", "full", "excellent", "branch", "Nguye\u0302\u0303n",
               "x\ud800"]


@pytest.mark.parametrize("cls", _RECORDS, ids=lambda cls: cls.__name__)
def test_fast_and_generated_hooks_agree_on_near_misses(cls: type) -> None:
    base = _well_formed(cls)
    for field in attrs.fields(cls):
        for odd in NEAR_MISSES:
            value = {**base, field.name: odd}
            assert _outcome(converter, value, cls) == _outcome(GENERATED, value, cls), (
                field.name, odd)


def test_the_fast_hooks_are_made_at_the_first_read_not_at_import() -> None:
    # Importing cadretrain (the CLI's --help, a program that only exports)
    # neither generates the record hooks nor loads a document library.
    code = (
        "import gc, sys, cadretrain\n"
        "def made():\n"
        "    return sorted({f.__code__.co_filename for f in gc.get_objects()\n"
        "                   if type(f).__name__ == 'function'\n"
        "                   and f.__code__.co_filename.startswith('<cadretrain fast')})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "               ('babel', 'docx', 'openpyxl', 'python_calamine', 'icu', 'msgspec'))\n"
        "print(heavy, made())\n"
        "cadretrain.loads('{\"schema_version\": 1, \"organizations\": [{\"id\": \"a\", '\n"
        "                 '\"name\": \"A\", \"kind\": \"branch\"}]}')\n"
        "print('Organization' in str(made()), 'Dataset' in str(made()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.splitlines() == ["[] []", "True True"]


def test_dates_read_are_remembered_within_a_bound() -> None:
    from cadretrain import converter as module

    days = [date(2000, 1, 1) + timedelta(days=i) for i in range(2 * module._DATES_KEPT)]
    read = [converter.structure({"post": "p", "start": day.isoformat()}, PostHolding)
            for day in days]
    assert len(module._DATES) <= module._DATES_KEPT
    assert [r.start for r in read] == days
    # A date read again is the same date, remembered (the first) or not (the last).
    for day in (days[0], days[-1]):
        again = converter.structure({"post": "p", "start": day.isoformat()}, PostHolding)
        assert again.start == day


def test_numbers_checked_are_remembered_within_a_bound_and_kept_as_written() -> None:
    from cadretrain import converter as module
    from cadretrain.converter import FieldError, _structure_decimal
    from cadretrain.model import Result

    numbers = [Decimal(i) / 100 for i in range(2 * module._DECIMALS_KEPT)]
    assert [_structure_decimal(n, Decimal) for n in numbers] == numbers
    assert len(module._CHECKED_DECIMALS) <= module._DECIMALS_KEPT
    # Equal values written differently stay as written, remembered or not.
    for text in ("8.5", "8.50", "8.500", "0.95", "0.950"):
        grade = converter.structure({"essay_grade": Decimal(text)}, Result).essay_grade
        assert str(grade) == text
    # A number refused is refused every time; a signalling NaN (which cannot be
    # hashed) is refused with a message, not a TypeError.
    for bad in ("1E+20", "1.0000000000000001", "NaN", "sNaN", "Infinity"):
        for _ in range(2):
            with pytest.raises(FieldError):
                _structure_decimal(Decimal(bad), Decimal)
    assert not any(not n.is_finite() or n.adjusted() >= 15 for n in module._CHECKED_DECIMALS)
