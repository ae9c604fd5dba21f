"""Validation's shortcuts for records with nothing to report (a clean roster,
a person with nothing but an organization, ids without repeats) give the same
problems, in the same order, as the checks made one by one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadretrain import validation
from cadretrain.model import (
    Classification,
    ClassRecord,
    Dataset,
    Enrollment,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Result,
)
from cadretrain.problems import Problem
from cadretrain.testing import datasets


def _slow(dataset: Dataset) -> list[Problem]:
    validation.collector.SHORTCUTS = False
    try:
        return validation.validate(dataset)
    finally:
        validation.collector.SHORTCUTS = True


def _roster(ds: Dataset, draw: st.DrawFn,
            change: Callable[[list[Enrollment], int], None]) -> Dataset:
    rostered = [i for i, c in enumerate(ds.classes) if c.enrollments]
    if not rostered:
        return ds
    ci = draw(st.sampled_from(rostered))
    cls: ClassRecord = ds.classes[ci]
    assert cls.enrollments is not None
    roster = list(cls.enrollments)
    change(roster, draw(st.integers(0, len(roster) - 1)))
    classes = list(ds.classes)
    classes[ci] = attrs.evolve(cls, enrollments=tuple(roster),
                               learner_count=None if cls.learner_count is None else len(roster))
    return attrs.evolve(ds, classes=tuple(classes))


def _person(ds: Dataset, draw: st.DrawFn, **changes: Any) -> Dataset:
    if not ds.people:
        return ds
    pi = draw(st.integers(0, len(ds.people) - 1))
    people = list(ds.people)
    people[pi] = attrs.evolve(people[pi], **changes)
    return attrs.evolve(ds, people=tuple(people))


@st.composite
def _with_mistakes(draw: st.DrawFn) -> Dataset:
    ds: Dataset = draw(datasets(with_rosters=True))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from([
            "unknown person", "unknown sender", "twice", "joined", "left", "result",
            "person org", "empty id", "repeated id", "repeated qualification", "statuses",
            "results in range", "essay grade", "an act late",
        ]))
        if kind == "unknown person":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], person="nobody")))
        elif kind == "unknown sender":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], sending_organization="nowhere")))
        elif kind == "twice":
            ds = _roster(ds, draw, lambda r, i: r.append(r[i]))
        elif kind == "joined":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], joined=date(1999, 1, 1))))
        elif kind == "left":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], left=date(2999, 1, 1))))
        elif kind == "result":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], result=Result(attendance=Decimal("1.5")))))
        elif kind == "results in range":  # nothing to report: the shortcut keeps it
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], result=Result(attendance=Decimal("0.9"),
                                                    essay_grade=Decimal("8"),
                                                    classification=Classification.GOOD))))
        elif kind == "essay grade":
            ds = _roster(ds, draw, lambda r, i: r.__setitem__(
                i, attrs.evolve(r[i], result=Result(essay_grade=Decimal("11")))))
        elif kind == "an act late":
            # One status whose admission acts come after it: the shortcut must not skip it.
            ds = _person(ds, draw, posts=(), qualifications=(), party_status=(
                PartyStatusChange(status=PartyStatus.PROBATIONARY, since=date(2020, 1, 1),
                                  decision=date(2021, 1, 1), ceremony=date(2019, 1, 1)),))
        elif kind == "person org":
            ds = _person(ds, draw, organization="nowhere")
        elif kind == "empty id":
            ds = _person(ds, draw, id=" ")
        elif kind == "repeated id" and ds.people:
            ds = attrs.evolve(ds, people=(*ds.people, ds.people[0]))
        elif kind == "statuses":
            histories = [p.party_status for p in ds.people if len(p.party_status) > 1]
            if histories:
                # Without posts or qualifications, so the shortcut is tried.
                ds = _person(ds, draw, party_status=histories[0][::-1], posts=(),
                             qualifications=())
        elif kind == "repeated qualification":
            held = [q for p in ds.people for q in p.qualifications]
            if held:
                ds = _person(ds, draw, qualifications=(held[0],))
    return ds


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_with_mistakes())
def test_the_shortcuts_change_no_problem_and_no_order(dataset: Dataset) -> None:
    assert validation.collector.SHORTCUTS
    assert validation.validate(dataset) == _slow(dataset)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(with_rosters=True))
def test_a_valid_dataset_is_valid_either_way(dataset: Dataset) -> None:
    assert validation.validate(dataset) == _slow(dataset) == []


def test_the_mistakes_drawn_are_found() -> None:
    # The comparison above is only worth something if the mistakes are there.
    person = Person(id="p", full_name="A", organization="nowhere")
    ds = Dataset(people=(person, person))
    found = validation.validate(ds)
    assert [p.path for p in found] == ["people[1].id", "people[0].organization",
                                       "people[1].organization"]
    assert found == _slow(ds)
    # A person of one status whose acts are out of order is checked, not skipped.
    late = Person(id="q", full_name="B", organization="o", party_status=(
        PartyStatusChange(status=PartyStatus.PROBATIONARY, since=date(2020, 1, 1),
                          decision=date(2021, 1, 1), ceremony=date(2019, 1, 1)),))
    ds = Dataset(organizations=(Organization(id="o", name="O",
                                             kind=OrganizationKind.BRANCH),), people=(late,))
    assert validation.validate(ds) == _slow(ds) != []
