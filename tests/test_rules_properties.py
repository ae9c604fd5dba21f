"""Property tests of the certification rules (hypothesis, modest example counts)."""

from __future__ import annotations

import random
from datetime import date

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadretrain.model import Dataset, Person
from cadretrain.rules import KINDS, CheckResult, Finding, Severity, check, default_rule_set
from cadretrain.testing import datasets, qualifications

RULES = default_rule_set()
ON = st.dates(date(2012, 1, 1), date(2027, 12, 31))
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _key(f: Finding) -> tuple[str, str, str, str]:
    """What an error is about: rule, person and the record it is anchored on
    (the post, the party status change, the class result)."""
    first = f.evidence[0]
    return (f.rule_id, f.person, first.kind, first.ref)


def _errors(result: CheckResult) -> set[tuple[str, str, str, str]]:
    return {_key(f) for f in result.findings if f.severity is Severity.ERROR}


def _with_people(ds: Dataset, people: list[Person]) -> Dataset:
    return attrs.evolve(ds, people=tuple(people))


@SETTINGS
@given(datasets(min_people=1, max_people=6), ON, st.data())
def test_adding_a_qualification_never_adds_an_error(ds: Dataset, on: date,
                                                    data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(ds.people) - 1))
    extra = data.draw(qualifications(id="added-qualification",
                                     class_ids=[c.id for c in ds.classes]))
    people = list(ds.people)
    person = people[index]
    people[index] = attrs.evolve(person, qualifications=(*person.qualifications, extra))
    before = _errors(check(ds, on, RULES))
    after = _errors(check(_with_people(ds, people), on, RULES))
    assert after <= before


@SETTINGS
@given(datasets(min_people=1, max_people=6), ON, st.data())
def test_removing_a_qualification_never_removes_an_error(ds: Dataset, on: date,
                                                         data: st.DataObject) -> None:
    holders = [i for i, p in enumerate(ds.people) if p.qualifications]
    if not holders:
        return
    index = data.draw(st.sampled_from(holders))
    person = ds.people[index]
    drop = data.draw(st.integers(0, len(person.qualifications) - 1))
    people = list(ds.people)
    people[index] = attrs.evolve(person, qualifications=tuple(
        q for i, q in enumerate(person.qualifications) if i != drop))
    before = _errors(check(ds, on, RULES))
    after = _errors(check(_with_people(ds, people), on, RULES))
    assert before <= after


@SETTINGS
@given(datasets(min_people=1, max_people=6), ON, st.data())
def test_a_rule_outside_its_dates_never_fires(ds: Dataset, on: date,
                                              data: st.DataObject) -> None:
    rules = []
    for rule in RULES.rules:
        start = data.draw(st.dates(date(2000, 1, 1), date(2030, 1, 1)))
        end = data.draw(st.none() | st.dates(start, date(2031, 1, 1)))
        rules.append(attrs.evolve(rule, in_force_from=start, in_force_until=end))
    ruleset = attrs.evolve(RULES, rules=tuple(rules))
    in_force = {r.id for r in ruleset.rules if r.in_force(on)}
    # rules that judge dated events also judge the events of their own period
    # when they have ended before the check date; a rule not yet in force never runs
    started = {r.id for r in ruleset.rules
               if KINDS[r.kind].judges_events and r.in_force_from <= on}
    result = check(ds, on, ruleset)
    assert {f.rule_id for f in result.findings} <= in_force | started
    assert set(result.rules_applied) == in_force | started
    assert all(r.in_force_from <= on for r in ruleset.rules if r.id in result.rules_applied)


def _shuffled(ds: Dataset, rng: random.Random) -> Dataset:
    def mix(items: tuple) -> tuple:  # type: ignore[type-arg]
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    people = [attrs.evolve(p, qualifications=mix(p.qualifications), posts=mix(p.posts),
                           party_status=mix(p.party_status)) for p in ds.people]
    classes = [attrs.evolve(c, enrollments=mix(c.enrollments))
               if c.enrollments is not None else c for c in ds.classes]
    return attrs.evolve(ds, people=mix(tuple(people)), posts=mix(ds.posts),
                        classes=mix(tuple(classes)), organizations=mix(ds.organizations))


@SETTINGS
@given(datasets(min_people=1, max_people=8), ON, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_record_order(ds: Dataset, on: date,
                                                    rng: random.Random) -> None:
    first = check(ds, on, RULES)
    again = check(_shuffled(ds, rng), on, RULES)
    assert again.to_data() == first.to_data()


@SETTINGS
@given(datasets(min_people=1, max_people=6), ON)
def test_every_finding_carries_evidence_and_stamps(ds: Dataset, on: date) -> None:
    result = check(ds, on, RULES)
    assert result.ruleset_version == RULES.version
    for f in result.findings:
        assert f.evidence and f.ruleset_version == RULES.version
        assert f.regulation == {r.id: r for r in RULES.rules}[f.rule_id].regulation
