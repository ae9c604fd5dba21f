"""Records built in code are checked as a file is: a mistake is refused where it
is made, with the record, the field and what is wrong; text is NFC; lists give
tuples; levels take their enumeration; a record built in code equals the same
record read from its file."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain import testing
from cadretrain.model import (
    ClassRecord,
    Dataset,
    Enrollment,
    Organization,
    OrganizationKind,
    Person,
    PoliticalTheoryLevel,
    Qualification,
    QualificationKind,
    Result,
)
from cadretrain.record_checks import RecordError


def test_a_wrong_type_is_refused_with_its_place() -> None:
    with pytest.raises(RecordError) as caught:
        Organization(id=1, name="Chi bộ 1", kind=OrganizationKind.BRANCH)  # type: ignore[arg-type]
    assert str(caught.value) == "Organization.id: expected text, got the number 1"
    assert (caught.value.record, caught.value.field) == ("Organization", "id")
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)
    with pytest.raises(RecordError, match=r'^Organization\.kind: unknown value "branchh"; '
                                          r'did you mean "branch"\?$'):
        Organization(id="cb1", name="Chi bộ 1", kind="branchh")  # type: ignore[arg-type]
    with pytest.raises(RecordError, match=r"^Result\.attendance: expected a number, got "
                                          r'the text "0.9"$'):
        Result(attendance="0.9")  # type: ignore[arg-type]
    with pytest.raises(RecordError, match=r"^Person\.posts: expected a list, got the text"):
        Person(id="an", full_name="An", organization="cb1", posts="gd")  # type: ignore[arg-type]
    with pytest.raises(RecordError, match=r"^ClassRecord\.enrollments\[1\]: expected a "
                                          r"Enrollment record, got the text \"an\"$"):
        ClassRecord(id="k", course_type="dang-vien-moi", host="cb1", start=date(2025, 1, 1),
                    end=date(2025, 1, 5),
                    enrollments=[Enrollment(person="b", sending_organization="cb1"), "an"])  # type: ignore[list-item]


def test_the_values_a_file_would_give_are_taken_in_their_one_form() -> None:
    org = Organization(id="cb1", name="Chi bộ 1", kind="branch")  # type: ignore[arg-type]
    assert org.kind is OrganizationKind.BRANCH
    result = Result(attendance=0.9)  # type: ignore[arg-type]
    assert result.attendance == Decimal("0.9") and type(result.attendance) is Decimal
    q = Qualification(id="q", kind=QualificationKind.POLITICAL_THEORY,
                      level=PoliticalTheoryLevel.ADVANCED,  # type: ignore[arg-type]
                      issued=date(2020, 1, 1), issuer="Học viện")
    assert q.level == "advanced"
    person = Person(id="an", full_name="An", organization="cb1",
                    qualifications=[q])  # type: ignore[arg-type]
    assert person.qualifications == (q,)
    assert hash(person) == hash(attrs.evolve(person, qualifications=(q,)))


def test_text_built_in_code_is_nfc_so_an_id_is_found() -> None:
    name = "Chi bộ Hà Nội"
    ident = testing.decomposed("hà-nội")
    assert ident != "hà-nội"
    org = Organization(id=ident, name=testing.decomposed(name), kind=OrganizationKind.BRANCH)
    assert org.id == "hà-nội" and org.name == name
    person = Person(id="an", full_name="An", organization="hà-nội")
    ds = Dataset(organizations=[org], people=[person])  # type: ignore[arg-type]
    assert cadretrain.validate(ds) == []
    assert ds.person("an").organization == ds.organization(testing.decomposed("hà-nội")).id


def test_the_issue_s_examples_never_reach_an_exporter() -> None:
    # Each was accepted before and crashed dumps() or an exporter later.
    for build in (
        lambda: Organization(id="x", name="X", kind="chi bộ"),  # type: ignore[arg-type]
        lambda: Organization(id=1, name="X", kind=OrganizationKind.BRANCH),  # type: ignore[arg-type]
        lambda: Result(attendance="90%"),  # type: ignore[arg-type]
        lambda: Qualification(id="q", kind="lý luận",  # type: ignore[arg-type]
                              level="advanced", issued=date(2020, 1, 1), issuer="HV"),
    ):
        with pytest.raises(RecordError):
            build()


# ------------------------------------------------------------ property tests


def _records(ds: Dataset) -> list[Any]:
    """Every record of ``ds``, nested ones too."""
    found: list[Any] = []

    def walk(value: Any) -> None:
        if attrs.has(type(value)):
            found.append(value)
            for f in attrs.fields(type(value)):
                walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(ds)
    return found


def _wrong_for(t: Any) -> list[object]:
    """Values no conversion makes into a ``t``."""
    origin = typing.get_origin(t)
    if origin is typing.Union or origin is types.UnionType:
        (inner,) = [a for a in typing.get_args(t) if a is not type(None)]
        return [v for v in _wrong_for(inner) if v is not None]  # None is allowed here
    if origin is tuple:
        return ["abc", 5, {"a": 1}]
    if t is str:
        return [1, 2.5, b"id", ["a"], date(2020, 1, 1)]
    if t is bool:
        return ["yes", 1, None]
    if t is int:
        return ["7", 2.5, True, None]
    if t is Decimal:
        return ["0.9", True, None, float("nan")]
    if t is date:
        return [20170101, "2017-02-30", "1/1/2017", None]
    if isinstance(t, type) and attrs.has(t):
        return ["x", 1, {"id": "x"}]
    return [5, "no-such-value", None]  # an enumeration


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_record_mutated_to_a_wrong_type_is_refused(data: st.DataObject) -> None:
    ds = data.draw(testing.datasets())
    record = data.draw(st.sampled_from(_records(ds)))
    cls = type(record)
    hints = typing.get_type_hints(cls)
    field = data.draw(st.sampled_from([f for f in attrs.fields(cls)]))
    wrong = data.draw(st.sampled_from(_wrong_for(hints[field.name])))
    with pytest.raises(RecordError) as caught:
        attrs.evolve(record, **{field.name: wrong})
    assert str(caught.value).startswith(f"{cls.__name__}.{field.name}")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=testing.datasets())
def test_a_dataset_built_in_code_equals_itself_read_from_its_file(ds: Dataset) -> None:
    for fmt in ("json", "toml"):
        again = cadretrain.loads(cadretrain.dumps(ds, fmt), fmt).dataset  # type: ignore[arg-type]
        assert again == ds
        assert hash(again) == hash(ds)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=testing.datasets())
def test_lists_and_decomposed_text_give_the_same_records(ds: Dataset) -> None:
    # The same dataset built again from lists and NFD text is equal to it.
    def rebuilt(value: Any) -> Any:
        if attrs.has(type(value)):
            return type(value)(**{f.name: rebuilt(getattr(value, f.name))
                                  for f in attrs.fields(type(value))})
        if isinstance(value, tuple):
            return [rebuilt(v) for v in value]
        if isinstance(value, str):
            return testing.decomposed(value)
        return value

    again = rebuilt(ds)
    assert again == ds
    assert hash(again) == hash(ds)
