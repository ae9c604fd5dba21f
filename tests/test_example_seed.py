"""The seed example: its plans follow from the printed percentages, and its one
inconsistency is the report's own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import cadretrain
from cadretrain.model import Dataset, Measure, PrintedFigure

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"
DATASET = cadretrain.load(SEED)


def _figure(ds: Dataset, measure: Measure, course_types: tuple[str, ...]) -> PrintedFigure:
    (found,) = [f for f in ds.figures
                if f.measure is measure and set(f.course_types) == set(course_types)]
    return found


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


ATTAINMENT = [f for f in DATASET.figures if f.measure is Measure.CLASSES_ATTAINMENT]


@pytest.mark.parametrize("attainment", ATTAINMENT, ids=[f.id for f in ATTAINMENT])
def test_the_plans_give_back_each_printed_percentage(attainment: PrintedFigure) -> None:
    plans = [p for p in DATASET.plans if p.course_type in attainment.course_types]
    assert {p.course_type for p in plans} == set(attainment.course_types)
    planned = sum(p.classes for p in plans if p.classes is not None)
    held = _figure(DATASET, Measure.CLASSES, attainment.course_types).value
    percent = Decimal(100) * held / planned
    # As printed: 162,5% to one decimal, 147% to none (28 / 19 = 147,37%).
    assert round(percent, _decimals(attainment.value)) == attainment.value


@pytest.mark.parametrize(
    "attainment", [f for f in ATTAINMENT if len(f.course_types) == 1],
    ids=[f.id for f in ATTAINMENT if len(f.course_types) == 1],
)
def test_each_plan_is_the_whole_number_the_percentage_forces(attainment: PrintedFigure) -> None:
    held = _figure(DATASET, Measure.CLASSES, attainment.course_types).value
    (plan,) = [p for p in DATASET.plans if p.course_type == attainment.course_types[0]]
    derived = held * 100 / attainment.value
    assert derived == derived.to_integral_value()
    assert plan.classes == derived
    assert plan.learners is None


def test_the_percentages_were_not_computed_on_learners() -> None:
    # Read in learners, at least one plan would not be a whole number.
    derived = [
        _figure(DATASET, Measure.LEARNERS, f.course_types).value * 100 / f.value
        for f in ATTAINMENT if len(f.course_types) == 1
    ]
    assert any(d != d.to_integral_value() for d in derived)


def test_class_groups_hold_the_printed_parts() -> None:
    for group in DATASET.class_groups:
        course = (group.course_type,)
        assert _figure(DATASET, Measure.CLASSES, course).value == group.classes
        assert _figure(DATASET, Measure.LEARNERS, course).value == group.learners


def test_the_one_warning_is_the_reports_own_inconsistency() -> None:
    loaded = cadretrain.read(SEED)
    (warning,) = loaded.warnings
    by_id = {f.id: f for f in DATASET.figures}
    total = by_id["llct-hoc-vien"]
    parts = [by_id[p] for p in total.parts]
    assert warning.path == f"figures[{DATASET.figures.index(total)}].value"
    # The printed total is the first two parts: the party-work learners are missing.
    assert total.value == parts[0].value + parts[1].value
    assert total.value != sum(p.value for p in parts)
    classes = by_id["llct-lop"]
    assert classes.value == sum(by_id[p].value for p in classes.parts)


def test_nothing_is_invented_no_people_and_no_roster() -> None:
    assert DATASET.people == ()
    assert all(c.enrollments is None for c in DATASET.classes)
    assert all(c.group is not None for c in DATASET.classes)
