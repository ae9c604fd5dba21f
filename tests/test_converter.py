"""The one converter is strict: no silent coercion, ISO dates, NFC text, unknown keys refused."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cadretrain.converter import (
    MAX_SIGNIFICANT_DIGITS,
    from_data,
    structure_errors,
    to_data,
)
from cadretrain.model import (
    SCHEMA_VERSION,
    ClassGroup,
    ClassRecord,
    Dataset,
    Enrollment,
    Lecturer,
    LecturerRole,
    Measure,
    Organization,
    OrganizationKind,
    PrintedFigure,
    Result,
)


def _class(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "k1",
        "course_type": "dang-vien-moi",
        "start": "2017-03-01",
        "end": "2017-03-05",
        "host": "duk",
        "learner_count": 45,
    }
    data.update(changes)
    return data


def _errors(data: object, cls: type) -> list[tuple[str, str]]:
    """The located errors structuring ``data`` as ``cls`` raises (fails if none)."""
    try:
        from_data(data, cls)
    except Exception as exc:  # noqa: BLE001 - whatever cattrs raises is flattened
        return structure_errors(exc)
    pytest.fail(f"{data!r} was accepted as {cls.__name__}")


# ------------------------------------------------------------- no coercion


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("7", 'the text "7"'),
        (1.9, "the number 1.9"),
        (Decimal("1.9"), "the number 1.9"),
        (2.0, "the number 2.0"),  # a float is not a whole number, even when integral
        (True, "the boolean true"),
        (False, "the boolean false"),
        ([3], "a list"),
        ("", 'the text ""'),
    ],
)
def test_an_integer_field_takes_only_an_integer(value: object, described: str) -> None:
    assert _errors(_class(learner_count=value), ClassRecord) == [
        ("learner_count", f"expected a whole number, got {described}")
    ]


def test_null_for_a_required_integer_is_an_error() -> None:
    data = {"id": "g", "course_type": "dang-vien-moi", "classes": None, "learners": 3,
            "period_start": "2017-01-01", "period_end": "2017-12-31", "host": "duk"}
    assert _errors(data, ClassGroup) == [("classes", "expected a whole number, got null")]


def test_null_for_an_optional_integer_is_absence() -> None:
    # JSON writers emit null for "no value"; for an optional field it means the default.
    record = from_data(_class(learner_count=None), ClassRecord)
    assert record.learner_count is None


@pytest.mark.parametrize(
    ("value", "described"),
    [(12, "the number 12"), (Decimal("1.5"), "the number 1.5"), (True, "the boolean true"),
     ({"a": 1}, "a table/object")],
)
def test_a_text_field_takes_only_text(value: object, described: str) -> None:
    assert _errors(_class(venue=value), ClassRecord) == [
        ("venue", f"expected text, got {described}")
    ]


@pytest.mark.parametrize("value", [1, 0, "true", "yes", None])
def test_a_boolean_field_takes_only_true_or_false(value: object) -> None:
    errors = _errors({"certificate_issued": value}, Result)
    assert [path for path, _ in errors] == ["certificate_issued"]
    assert errors[0][1].startswith("expected true or false, got")


@pytest.mark.parametrize("value", ["1", True, "", [1]])
def test_a_decimal_field_takes_only_a_number(value: object) -> None:
    errors = _errors({"attendance": value}, Result)
    assert [path for path, _ in errors] == ["attendance"]
    assert errors[0][1].startswith("expected a number, got")


@pytest.mark.parametrize("value", [1, Decimal("162.5"), 0.95, Decimal("0.1")])
def test_a_decimal_keeps_the_number_as_written(value: int | float | Decimal) -> None:
    result = from_data({"attendance": value}, Result)
    assert result.attendance == Decimal(str(value))
    assert str(result.attendance) == str(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("-Infinity")])
def test_a_decimal_must_be_finite(value: float | Decimal) -> None:
    assert _errors({"attendance": value}, Result)[0][0] == "attendance"


def test_a_decimal_has_a_limited_number_of_significant_digits() -> None:
    too_long = Decimal("0." + "1" * (MAX_SIGNIFICANT_DIGITS + 1))
    path, message = _errors({"attendance": too_long}, Result)[0]
    assert path == "attendance"
    assert f"more than {MAX_SIGNIFICANT_DIGITS} significant digits" in message
    just_fits = Decimal("0." + "1" * MAX_SIGNIFICANT_DIGITS)
    assert from_data({"attendance": just_fits}, Result).attendance == just_fits


def test_a_list_field_does_not_take_a_string() -> None:
    # cattrs would otherwise iterate "duk" into ("d", "u", "k").
    assert _errors(_class(co_hosts="duk"), ClassRecord) == [
        ("co_hosts", 'expected a list, got the text "duk"')
    ]


def test_a_list_item_error_names_its_index() -> None:
    assert _errors(_class(co_hosts=["a", 5, "b", False]), ClassRecord) == [
        ("co_hosts[1]", "expected text, got the number 5"),
        ("co_hosts[3]", "expected text, got the boolean false"),
    ]


# ------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    ["01/03/2017", "1/3/2017", "2017-3-1", "20170301", "2017-W09-3", "2017-060",
     "2017-03-01T00:00", "2017-03-01 ", " 2017-03-01", "ngày 01 tháng 3 năm 2017"],
)
def test_a_date_is_iso_yyyy_mm_dd_only(text: str) -> None:
    assert _errors(_class(start=text), ClassRecord) == [
        ("start", f'expected a date as YYYY-MM-DD, got the text "{text}"')
    ]


@pytest.mark.parametrize("text", ["2017-02-29", "2017-13-01", "2017-04-31", "2017-00-10"])
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    assert _errors(_class(start=text), ClassRecord) == [
        ("start", f'"{text}" is not a real date')
    ]


def test_a_leap_day_is_a_real_date() -> None:
    assert from_data(_class(start="2016-02-29"), ClassRecord).start == date(2016, 2, 29)


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(datetime(2017, 3, 1, 8, 0), "datetime"), (time(8, 0), "time")],
)
def test_a_toml_datetime_or_time_is_not_a_date(value: object, type_name: str) -> None:
    assert _errors(_class(start=value), ClassRecord) == [
        ("start", f"expected a date as YYYY-MM-DD, got a value of type {type_name}")
    ]


def test_a_toml_date_is_a_date() -> None:
    assert from_data(_class(start=date(2017, 3, 1)), ClassRecord).start == date(2017, 3, 1)


@pytest.mark.parametrize("value", [20170301, True, None])
def test_a_date_is_not_a_number(value: object) -> None:
    assert _errors(_class(start=value), ClassRecord)[0][0] == "start"


# ------------------------------------------------------------------- enums


def test_every_enum_value_reads_as_its_member_and_nothing_else_does() -> None:
    import enum

    from cadretrain import model
    from cadretrain.converter import FieldError, _structure_enum

    for cls in [c for c in vars(model).values()
                if isinstance(c, type) and issubclass(c, enum.Enum) and c is not enum.Enum]:
        for member in cls:
            assert _structure_enum(member.value, cls) is member
        for wrong in ("", " ", str(next(iter(cls)).value).upper() + "x", 1):
            with pytest.raises(FieldError):
                _structure_enum(wrong, cls)


def test_an_unknown_enum_value_suggests_the_closest() -> None:
    assert _errors({"id": "a", "name": "A", "kind": "brnch"}, Organization) == [
        ("kind", 'unknown value "brnch"; did you mean "branch"?')
    ]


def test_an_enum_value_by_its_initials_is_suggested() -> None:
    errors = _errors({"name": "A", "role": "gs"}, Lecturer)
    assert errors == [("role", 'unknown value "gs"; did you mean "guest-speaker"?')]


def test_an_unrecognizable_enum_value_lists_the_choices() -> None:
    (path, message), = _errors({"name": "A", "role": "zzz"}, Lecturer)
    assert path == "role"
    for role in LecturerRole:
        assert f'"{role.value}"' in message


def test_an_enum_is_its_value_not_its_python_name() -> None:
    assert _errors({"name": "A", "role": "GUEST_SPEAKER"}, Lecturer)[0][0] == "role"
    lecturer = from_data({"name": "A", "role": "guest-speaker"}, Lecturer)
    assert lecturer.role is LecturerRole.GUEST_SPEAKER


# ----------------------------------------------------------- unknown keys


def test_an_unknown_key_is_an_error_with_a_suggestion() -> None:
    assert _errors(_class(learnr_count=3), ClassRecord) == [
        ("learnr_count", 'unknown key; did you mean "learner_count"?')
    ]


def test_unknown_keys_are_refused_at_every_depth() -> None:
    data = {
        "schema_version": 1,
        "organisations": [],
        "classes": [
            _class(
                learner_count=None,
                enrollments=[{
                    "person": "p",
                    "sending_organization": "duk",
                    "result": {"clasification": "good"},
                }],
                lecturers=[{"name": "A", "rol": "lecturer"}],
            )
        ],
    }
    assert sorted(_errors(data, Dataset)) == sorted([
        ("organisations", 'unknown key; did you mean "organizations"?'),
        ("classes[0].enrollments[0].result.clasification",
         'unknown key; did you mean "classification"?'),
        ("classes[0].lecturers[0].rol", 'unknown key; did you mean "role"?'),
    ])


def test_a_missing_required_field_is_named() -> None:
    data = _class()
    del data["host"]
    assert _errors(data, ClassRecord) == [("host", "required field is missing")]


def test_every_mistake_in_a_record_is_reported() -> None:
    errors = _errors(
        _class(learner_count="7", start="2017-02-30", venue=3, extra=1), ClassRecord
    )
    assert sorted(path for path, _ in errors) == ["extra", "learner_count", "start", "venue"]


# ---------------------------------------------------------------------- NFC


def test_text_is_normalized_to_nfc() -> None:
    name = "Đảng ủy Khối các cơ quan Trung ương"
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name  # the test means something only if the forms differ
    org = from_data({"id": "duk", "name": decomposed, "kind": "party-committee"}, Organization)
    assert org.name == name
    assert unicodedata.is_normalized("NFC", org.name)


def test_text_in_lists_and_nested_records_is_normalized() -> None:
    decomposed = unicodedata.normalize("NFD", "Học viện Ngân hàng")
    record = from_data(
        _class(co_hosts=[decomposed], lecturers=[{"name": decomposed}]), ClassRecord
    )
    assert record.co_hosts == ("Học viện Ngân hàng",)
    assert record.lecturers[0].name == "Học viện Ngân hàng"


# ------------------------------------------------------------- unstructure


def test_to_data_writes_iso_dates_enum_values_and_omits_defaults() -> None:
    record = ClassRecord(
        id="k1", course_type="dang-vien-moi", start=date(2017, 3, 1), end=date(2017, 3, 5),
        host="duk", enrollments=(Enrollment(person="p", sending_organization="duk"),),
        lecturers=(Lecturer(name="A", role=LecturerRole.GUEST_SPEAKER),),
    )
    assert to_data(record) == {
        "id": "k1", "course_type": "dang-vien-moi", "start": "2017-03-01",
        "end": "2017-03-05", "host": "duk",
        "lecturers": [{"name": "A", "role": "guest-speaker"}],
        "enrollments": [{"person": "p", "sending_organization": "duk"}],
    }


def test_decimals_are_written_as_json_numbers_that_read_back_equal() -> None:
    figure = PrintedFigure(
        id="f", source="d", quote="đạt 162,5%", measure=Measure.CLASSES_ATTAINMENT,
        value=Decimal("162.5"), period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
        scope="duk",
    )
    data = to_data(figure)
    assert data["value"] == 162.5 and isinstance(data["value"], float)
    assert from_data(data, PrintedFigure) == figure
    whole = to_data(attrs.evolve(figure, value=Decimal(147)))
    assert whole["value"] == 147 and isinstance(whole["value"], int)


def test_a_dataset_always_carries_its_schema_version() -> None:
    data = to_data(Dataset())
    assert data == {"schema_version": SCHEMA_VERSION}
    org = Organization(id="duk", name="Đảng ủy Khối", kind=OrganizationKind.PARTY_COMMITTEE)
    data = to_data(Dataset(organizations=(org,)))
    assert next(iter(data)) == "schema_version"
    assert from_data(data, Dataset) == Dataset(organizations=(org,))
