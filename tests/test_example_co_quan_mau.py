"""The fictional agency example: reproducible, valid, complete, and with
exactly the planted cases for the rules."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import cadretrain
from cadretrain.model import Dataset, PartyStatus, Person, QualificationKind
from cadretrain.validation import levels_for

HERE = Path(__file__).resolve().parent.parent / "examples" / "co-quan-mau"
DATASET = HERE / "dataset.json"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("co_quan_mau_generate", HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded = cadretrain.read(DATASET)
    assert loaded.warnings == ()
    return loaded.dataset


@pytest.fixture(scope="module")
def planted(generator: ModuleType) -> dict[str, list[str]]:
    result: dict[str, list[str]] = generator.generate()[1]
    return result


def test_the_generator_reproduces_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "dataset.json"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == DATASET.read_bytes()


def test_the_file_is_valid_on_the_check_date(generator: ModuleType) -> None:
    assert cadretrain.read(DATASET, on=generator.CHECK_DATE).warnings == ()


def test_a_few_hundred_people_with_full_rosters_and_results(dataset: Dataset) -> None:
    assert 250 <= len(dataset.people) <= 400
    assert {c.start.year for c in dataset.classes} == {2024, 2025}
    for cls in dataset.classes:
        assert cls.enrollments, cls.id
        assert all(e.result is not None and e.result.classification is not None
                   and e.result.essay_grade is not None and e.result.attendance is not None
                   and e.result.attitude is not None for e in cls.enrollments), cls.id
    planned = {(p.period_start.year, p.course_type) for p in dataset.plans}
    held = {(c.start.year, c.course_type) for c in dataset.classes}
    assert held <= planned
    categories = {p.category for p in dataset.posts}
    assert {"deputy-minister", "department-director", "division-head",
            "branch-secretary", "grassroots-committee-member"} <= categories


def test_certificates_follow_the_results(dataset: Dataset) -> None:
    held = {(q.class_id, p.id) for p in dataset.people for q in p.qualifications if q.class_id}
    for cls in dataset.classes:
        assert cls.enrollments is not None
        for e in cls.enrollments:
            assert e.result is not None
            assert e.result.certificate_issued == ((cls.id, e.person) in held)


def _certs(person: Person, course_type: str) -> list[date]:
    return [q.issued for q in person.qualifications if q.course_type == course_type]


def _months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    return date(day.year + month // 12, month % 12 + 1, day.day)


def test_the_planted_cases_are_exactly_the_cases(
    dataset: Dataset, planted: dict[str, list[str]], generator: ModuleType
) -> None:
    on = generator.CHECK_DATE
    five_years_ago = _months_before(on, 60)
    year_ago = _months_before(on, 12)
    posts = {p.id: p for p in dataset.posts}
    stale, missing, overdue, no_update, expired = set(), set(), set(), set(), set()
    owed: dict[QualificationKind, set[str]] = {k: set() for k in QualificationKind}
    for person in dataset.people:
        status = person.party_status[-1].status
        aware = _certs(person, "doi-tuong-ket-nap")
        if status is PartyStatus.CANDIDATE and not any(d > five_years_ago for d in aware):
            (stale if aware else missing).add(person.id)
        admitted = [c.since for c in person.party_status
                    if c.status is PartyStatus.PROBATIONARY]
        # The Party's statute asks for the class since 2011; older records
        # are not in the dataset.
        if admitted and date(2011, 1, 19) <= admitted[0] <= year_ago \
                and not _certs(person, "dang-vien-moi"):
            overdue.add(person.id)
        latest: dict[str, date | None] = {}
        for q in sorted(person.qualifications, key=lambda q: q.issued):
            if q.course_type is not None:
                latest[q.course_type] = q.expires
        if any(end is not None and end < on for end in latest.values()):
            expired.add(person.id)
        held = [posts[h.post] for h in person.posts]
        if any(p.category in generator.MANAGED for p in held) and not any(
                d > year_ago for d in _certs(person, "cap-nhat-kien-thuc")):
            no_update.add(person.id)
        for post in held:
            for req in post.requirements:
                levels = levels_for(req.kind)
                have = [levels.index(q.level) for q in person.qualifications
                        if q.kind is req.kind and q.level in levels]
                if max(have, default=-1) < levels.index(req.level):
                    owed[req.kind].add(person.id)
    assert stale == set(planted["candidate-awareness-older-than-60-months"]) and stale
    assert missing == set(planted["candidate-without-awareness-certificate"]) and missing
    assert overdue == set(planted["probationary-without-new-member-class-after-12-months"]
                          + planted["probationary-failed-new-member-class"])
    assert expired == set(planted["party-work-certificate-expired"]) and expired
    assert no_update == set(planted["managed-cadre-without-knowledge-update-in-12-months"])
    assert owed[QualificationKind.POLITICAL_THEORY] == set(planted["owed-political-theory"])
    assert owed[QualificationKind.STATE_MANAGEMENT] == set(planted["owed-state-management"])


def test_the_default_rules_find_the_planted_people_and_no_one_else(
    dataset: Dataset, planted: dict[str, list[str]], generator: ModuleType
) -> None:
    from cadretrain.rules import check, default_rule_set

    found = {f.person for f in check(dataset, generator.CHECK_DATE, default_rule_set()).findings}
    assert found == {person for ids in planted.values() for person in ids}
