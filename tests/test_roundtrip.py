"""Round trips through JSON and TOML, and the guarantees of cadretrain.testing."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain.model import (
    Classification,
    Dataset,
    Measure,
    OrganizationKind,
    PartyStatus,
    QualificationKind,
    Result,
)
from cadretrain.testing import (
    BUILTIN_COURSE_TYPE_IDS,
    FAMILY_NAMES,
    GIVEN_NAMES,
    LATEST_PAST_EVENT,
    MIDDLE_NAMES,
    PASS_ATTENDANCE,
    PASS_GRADE,
    POST_CATEGORIES,
    class_records,
    datasets,
    decomposed,
    organizations_trees,
    party_histories,
    people,
    plans,
    results,
    texts,
    vietnamese_names,
)
from cadretrain.validation import levels_for

# Drawing a whole dataset takes about 50 ms (hundreds of draws), so the
# health check's one-second budget for its first examples leaves little
# margin on a loaded two-core CI machine: a slow draw there is not a bug.
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _errors(dataset: Dataset) -> list[str]:
    return [str(p) for p in cadretrain.validate(dataset) if p.is_error]


@FAST
@given(dataset=datasets())
def test_every_generated_dataset_validates_without_errors_or_warnings(dataset: Dataset) -> None:
    assert cadretrain.validate(dataset) == []


@FAST
@given(dataset=datasets(), fmt=st.sampled_from(["json", "toml"]))
def test_load_of_dump_gives_back_the_dataset(dataset: Dataset, fmt: str) -> None:
    text = cadretrain.dumps(dataset, fmt)  # type: ignore[arg-type]
    assert cadretrain.loads(text, fmt).dataset == dataset  # type: ignore[arg-type]


@settings(FAST, max_examples=20)
@given(dataset=datasets(), fmt=st.sampled_from(["json", "toml"]))
def test_decomposed_text_loads_as_the_nfc_dataset(dataset: Dataset, fmt: str) -> None:
    text = decomposed(cadretrain.dumps(dataset, fmt))  # type: ignore[arg-type]
    assert cadretrain.loads(text, fmt).dataset == dataset  # type: ignore[arg-type]


@settings(FAST, max_examples=15)
@given(dataset=datasets(min_people=3, max_people=8, with_rosters=True,
                        with_learner_counts=False, min_classes=1, years=(2024, 2024)))
def test_roster_only_datasets_of_one_year(dataset: Dataset) -> None:
    assert _errors(dataset) == []
    assert dataset.classes and all(c.enrollments is not None for c in dataset.classes)
    assert all(c.start.year == 2024 for c in dataset.classes)
    assert all(p.period_start.year == 2024 for p in dataset.plans)
    assert all(g.period_start.year == 2024 for g in dataset.class_groups)
    people_org = {p.id: p.organization for p in dataset.people}
    for cls in dataset.classes:
        assert cls.enrollments is not None
        assert len({e.person for e in cls.enrollments}) == len(cls.enrollments)
        for enrollment in cls.enrollments:
            assert enrollment.sending_organization == people_org[enrollment.person]


@settings(FAST, max_examples=15)
@given(dataset=datasets(with_rosters=False, min_classes=1))
def test_count_only_datasets(dataset: Dataset) -> None:
    assert all(c.enrollments is None and c.learner_count is not None for c in dataset.classes)


def test_a_dataset_needs_rosters_or_counts() -> None:
    with pytest.raises(ValueError, match="roster or a learner count"):
        datasets(with_rosters=False, with_learner_counts=False)
    with pytest.raises(ValueError, match="min_depth"):
        datasets(min_depth=5, max_organizations=4)
    with pytest.raises(ValueError, match="min_depth"):
        organizations_trees(min_depth=0)


@settings(FAST, max_examples=15)
@given(dataset=datasets(min_people=1, min_plans=1, min_classes=1, max_class_groups=3))
def test_datasets_fill_the_sections_that_were_asked_for(dataset: Dataset) -> None:
    assert dataset.people and dataset.plans and dataset.classes
    assert all(p.classes is not None or p.learners is not None for p in dataset.plans)
    for group in dataset.class_groups:
        members = [c for c in dataset.classes if c.group == group.id]
        assert all(c.course_type == group.course_type for c in members)
        assert group.classes >= len(members)
        assert group.learners >= sum(c.learners for c in members)


@settings(FAST, max_examples=15)
@given(dataset=datasets(max_figures=6, max_documents=2))
def test_figures_have_parts_of_their_own_measure_that_add_up(dataset: Dataset) -> None:
    by_id = {f.id: f for f in dataset.figures}
    for fig in dataset.figures:
        if fig.parts:
            assert fig.measure in (Measure.CLASSES, Measure.LEARNERS)
            assert all(by_id[p].measure is fig.measure for p in fig.parts)
            assert fig.value == sum(by_id[p].value for p in fig.parts)


@FAST
@given(orgs=organizations_trees(min_size=4, max_size=10, min_depth=4))
def test_trees_have_the_levels_asked_for(orgs: tuple[cadretrain.Organization, ...]) -> None:
    parents = {o.id: o.parent for o in orgs}
    assert len(parents) == len(orgs)

    def depth(ident: str) -> int:
        parent = parents[ident]
        return 0 if parent is None else 1 + depth(parent)

    assert max(depth(o.id) for o in orgs) >= 3
    assert orgs[0].parent is None and orgs[0].kind is OrganizationKind.PARTY_COMMITTEE
    seen: set[str] = set()
    for org in orgs:
        assert org.parent is None or org.parent in seen
        if org.parent is not None:
            parent_kind = next(o.kind for o in orgs if o.id == org.parent)
            assert parent_kind is not OrganizationKind.BRANCH
        seen.add(org.id)
    assert _errors(Dataset(organizations=orgs)) == []


@FAST
@given(person=people(["org"], ["p1", "p2"]))
def test_people_are_valid_and_their_histories_follow_the_real_path(
    person: cadretrain.Person,
) -> None:
    ds = Dataset(
        organizations=(cadretrain.Organization(id="org", name="Đảng bộ",
                                               kind=OrganizationKind.PARTY_COMMITTEE),),
        posts=tuple(cadretrain.Post(id=p, title="x", organization="org") for p in ("p1", "p2")),
        people=(person,),
    )
    assert cadretrain.validate(ds, on=date(2025, 12, 31)) == []
    order = [PartyStatus.NON_MEMBER, PartyStatus.CANDIDATE, PartyStatus.PROBATIONARY,
             PartyStatus.FULL]
    steps = [order.index(c.status) for c in person.party_status]
    assert steps == list(range(steps[0], steps[0] + len(steps))) if steps else True
    days = [c.since for c in person.party_status]
    assert days == sorted(days) and len(set(days)) == len(days)
    for q in person.qualifications:
        assert q.id.startswith(f"{person.id}-q")
        if q.kind is QualificationKind.COURSE_CERTIFICATE:
            assert q.level is None and q.course_type in BUILTIN_COURSE_TYPE_IDS
        else:
            assert q.level in levels_for(q.kind)
        assert q.expires is None or q.expires > q.issued


@FAST
@given(history=party_histories())
def test_full_membership_comes_a_year_after_admission(
    history: tuple[cadretrain.PartyStatusChange, ...],
) -> None:
    statuses = {c.status: c.since for c in history}
    if PartyStatus.PROBATIONARY in statuses and PartyStatus.FULL in statuses:
        admitted, full = statuses[PartyStatus.PROBATIONARY], statuses[PartyStatus.FULL]
        # Twelve calendar months: the same day a year later, or a later day.
        assert (full.year - 1, full.month, full.day) >= (
            admitted.year, admitted.month, admitted.day)


@FAST
@given(name=vietnamese_names())
def test_vietnamese_names_are_nfc_and_built_from_the_lists(name: str) -> None:
    assert unicodedata.is_normalized("NFC", name)
    words = name.split(" ")
    assert words[0] in FAMILY_NAMES and words[-1] in GIVEN_NAMES
    assert all(w in MIDDLE_NAMES for w in words[1:-1]) and len(words) <= 4


def test_the_name_lists_are_nfc_and_need_it() -> None:
    every = FAMILY_NAMES + MIDDLE_NAMES + GIVEN_NAMES
    assert all(unicodedata.is_normalized("NFC", w) for w in every)
    # Some names differ in NFD, with two combining marks on one letter.
    assert any(len(unicodedata.normalize("NFD", w)) - len(w) >= 2 for w in GIVEN_NAMES)
    for family in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
                   "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"):
        assert family in FAMILY_NAMES


@FAST
@given(text=texts(controls=True))
def test_texts_are_nonempty_nfc_and_encodable(text: str) -> None:
    assert text and unicodedata.is_normalized("NFC", text)
    text.encode("utf-8")  # no lone surrogates: raises UnicodeEncodeError otherwise


@FAST
@given(text=texts())
def test_texts_leave_out_control_characters_by_default(text: str) -> None:
    assert not any(unicodedata.category(c) == "Cc" for c in text)


@FAST
@given(cls=class_records(["a", "b", "c"], roster=False),
       plan=plans(["a", "b"], years=(2024, 2025)))
def test_single_records_are_valid_in_their_context(
    cls: cadretrain.ClassRecord, plan: cadretrain.Plan
) -> None:
    orgs = tuple(cadretrain.Organization(id=o, name=o, kind=OrganizationKind.BRANCH)
                 for o in "abc")
    assert _errors(Dataset(organizations=orgs, classes=(cls,), plans=(plan,))) == []
    assert cls.host not in cls.co_hosts
    assert 2024 <= plan.period_start.year <= 2025 and plan.period_end.year <= 2025


@settings(FAST, max_examples=15)
@given(dataset=datasets(max_posts=6, min_people=1))
def test_posts_use_the_shared_categories(dataset: Dataset) -> None:
    assert all(p.category in POST_CATEGORIES for p in dataset.posts)
    ids = Counter(q.id for p in dataset.people for q in p.qualifications)
    assert all(n == 1 for n in ids.values())


def test_importing_cadretrain_does_not_import_the_strategies() -> None:
    code = "import sys, cadretrain; print('cadretrain.testing' in sys.modules, " \
           "'hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]


@FAST
@given(result=results(coherent=True))
def test_coherent_results_agree_with_the_pass_thresholds(result: Result) -> None:
    assert result.attendance is not None and result.essay_grade is not None
    passes = result.attendance >= PASS_ATTENDANCE and result.essay_grade >= PASS_GRADE
    assert (result.classification is not Classification.FAIL) == passes
    assert result.certificate_issued == passes
    assert (result.certificate_number is not None) <= result.certificate_issued


@settings(FAST, max_examples=15)
@given(dataset=datasets(min_people=2, min_classes=1, with_learner_counts=False,
                        coherent_results=True, with_certificates=True))
def test_issued_certificates_are_recorded_from_their_class(dataset: Dataset) -> None:
    assert cadretrain.validate(dataset, on=LATEST_PAST_EVENT) == []
    catalog = cadretrain.course_catalog(dataset)
    people = {p.id: p for p in dataset.people}
    for cls in dataset.classes:
        assert cls.enrollments is not None
        for e in cls.enrollments:
            assert e.result is not None
            linked = [q for q in people[e.person].qualifications if q.class_id == cls.id]
            recorded = e.result.certificate_issued and cls.end <= LATEST_PAST_EVENT
            assert len(linked) == (1 if recorded else 0)
            for q in linked:
                grant = catalog[cls.course_type].grants
                assert q.issued == cls.end and q.course_type == cls.course_type
                assert (q.kind, q.level) == ((grant.kind, grant.level) if grant else
                                             (QualificationKind.COURSE_CERTIFICATE, None))
    assert cadretrain.loads(cadretrain.dumps(dataset)).dataset == dataset
