"""Validation beyond the shape: references, duplicates, dates, counts, printed totals, the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import attrs
import pytest

import cadretrain
from cadretrain.model import (
    ClassGroup,
    ClassRecord,
    CourseCategory,
    CourseType,
    Dataset,
    Enrollment,
    Lecturer,
    Measure,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    Post,
    PostHolding,
    PrintedFigure,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
    SourceDocument,
)
from cadretrain.problems import Severity
from cadretrain.validation import levels_for, validate

Y0, Y1 = date(2017, 1, 1), date(2017, 12, 31)


def _org(ident: str, parent: str | None = None,
         kind: OrganizationKind = OrganizationKind.BRANCH) -> Organization:
    return Organization(id=ident, name=ident.upper(), kind=kind, parent=parent)


def _figure(ident: str, value: int, measure: Measure = Measure.LEARNERS,
            parts: tuple[str, ...] = ()) -> PrintedFigure:
    return PrintedFigure(
        id=ident, source="bc", quote=f"{value} học viên", measure=measure, value=Decimal(value),
        period_start=Y0, period_end=Y1, scope="duk", parts=parts,
    )


def _base() -> Dataset:
    """A small dataset that uses every kind of record and has no problem."""
    return Dataset(
        organizations=(
            _org("duk", kind=OrganizationKind.PARTY_COMMITTEE),
            _org("cb1", "duk"),
            _org("cb2", "duk"),
            _org("truong", kind=OrganizationKind.SCHOOL),
        ),
        course_types=(
            CourseType(id="rieng", name="Lớp riêng", category=CourseCategory.OTHER),
        ),
        people=(
            Person(
                id="p1", full_name="Nguyễn Văn An", organization="cb1",
                party_status=(
                    PartyStatusChange(status=PartyStatus.CANDIDATE, since=date(2015, 1, 1)),
                    PartyStatusChange(status=PartyStatus.PROBATIONARY, since=date(2016, 5, 1)),
                ),
                posts=(PostHolding(post="bt-cb1", start=date(2016, 1, 1)),),
                qualifications=(
                    Qualification(id="q1", kind=QualificationKind.POLITICAL_THEORY,
                                  level="intermediate", issued=date(2016, 6, 1), issuer="truong"),
                    Qualification(id="q2", kind=QualificationKind.COURSE_CERTIFICATE,
                                  course_type="dang-vien-moi", issued=date(2017, 3, 10),
                                  issuer="duk", expires=date(2022, 3, 10)),
                ),
            ),
            Person(id="p2", full_name="Trần Thị Bình", organization="cb2"),
        ),
        posts=(
            Post(id="bt-cb1", title="Bí thư chi bộ", organization="cb1",
                 requirements=(Requirement(kind=QualificationKind.POLITICAL_THEORY,
                                           level="intermediate"),)),
        ),
        classes=(
            ClassRecord(
                id="k1", course_type="dang-vien-moi", start=date(2017, 3, 1),
                end=date(2017, 3, 5), host="duk", co_hosts=("truong",),
                lecturers=(Lecturer(name="Nguyễn Văn An", person="p1", organization="cb1"),),
                learner_count=2,
                enrollments=(
                    Enrollment(person="p1", sending_organization="cb1",
                               joined=date(2017, 3, 2), left=date(2017, 3, 4),
                               result=Result(attendance=Decimal("0.9"),
                                             essay_grade=Decimal("8.5"))),
                    Enrollment(person="p2", sending_organization="cb2"),
                ),
                group="g-dvm",
            ),
            ClassRecord(id="k2", course_type="rieng", start=date(2017, 6, 1),
                        end=date(2017, 6, 1), host="cb1", learner_count=30),
        ),
        class_groups=(
            ClassGroup(id="g-dvm", course_type="dang-vien-moi", classes=3, learners=100,
                       period_start=Y0, period_end=Y1, host="duk", source="bc"),
        ),
        plans=(
            Plan(id="kh", period_start=Y0, period_end=Y1, scope="duk",
                 course_type="dang-vien-moi", classes=2, source="bc"),
        ),
        documents=(SourceDocument(id="bc", title="Báo cáo"),),
        figures=(
            _figure("tong", 100, parts=("a", "b")),
            _figure("a", 60),
            _figure("b", 40),
            _figure("pct", 150, Measure.CLASSES_ATTAINMENT),
        ),
    )


BASE = _base()


def _found(ds: Dataset, on: date | None = None) -> list[tuple[Severity, str, str]]:
    return [(p.severity, p.path, p.message) for p in validate(ds, on=on)]


def test_the_base_dataset_is_valid() -> None:
    assert _found(BASE, on=date(2018, 1, 1)) == []


# Each case changes one thing in BASE and names the one problem that must follow.
def _replace(section: str, index: int, **changes: object) -> Callable[[Dataset], Dataset]:
    def change(ds: Dataset) -> Dataset:
        records = list(getattr(ds, section))
        records[index] = attrs.evolve(records[index], **changes)
        return attrs.evolve(ds, **{section: tuple(records)})
    return change


def _append(section: str, record: object) -> Callable[[Dataset], Dataset]:
    def change(ds: Dataset) -> Dataset:
        return attrs.evolve(ds, **{section: (*getattr(ds, section), record)})
    return change


def _ungrouped(change: Callable[[Dataset], Dataset]) -> Callable[[Dataset], Dataset]:
    """``change`` applied to BASE with its grouped class taken out of the group,
    so that the class's own checks against the group do not also fire."""
    return lambda ds: change(_replace("classes", 0, group=None)(ds))


def _class_change(**changes: object) -> Callable[[Dataset], Dataset]:
    return _replace("classes", 0, **changes)


def _enrollment_change(index: int, **changes: object) -> Callable[[Dataset], Dataset]:
    def change(ds: Dataset) -> Dataset:
        cls = ds.classes[0]
        assert cls.enrollments is not None
        enrollments = list(cls.enrollments)
        enrollments[index] = attrs.evolve(enrollments[index], **changes)
        return _class_change(enrollments=tuple(enrollments))(ds)
    return change


def _qualification_change(index: int, **changes: object) -> Callable[[Dataset], Dataset]:
    def change(ds: Dataset) -> Dataset:
        person = ds.people[0]
        quals = list(person.qualifications)
        quals[index] = attrs.evolve(quals[index], **changes)
        return _replace("people", 0, qualifications=tuple(quals))(ds)
    return change


DANGLING = [
    ("org parent", _replace("organizations", 1, parent="dk"),
     "organizations[1].parent", 'unknown organization "dk"; did you mean "duk"?'),
    ("person org", _replace("people", 1, organization="cb3"),
     "people[1].organization", 'unknown organization "cb3"'),
    ("post org", _replace("posts", 0, organization="cb9"),
     "posts[0].organization", 'unknown organization "cb9"'),
    ("held post", _replace("people", 0, posts=(PostHolding(post="bt", start=Y0),)),
     "people[0].posts[0].post", 'unknown post "bt"'),
    ("certificate course", _qualification_change(1, course_type="dvm"),
     "people[0].qualifications[1].course_type",
     'unknown course type "dvm"; did you mean "dang-vien-moi"?'),
    ("class course", _replace("classes", 1, course_type="dvm"),
     "classes[1].course_type", 'unknown course type "dvm"; did you mean "dang-vien-moi"?'),
    ("class host", _class_change(host="dukk"),
     "classes[0].host", 'unknown organization "dukk"; did you mean "duk"?'),
    ("class co-host", _class_change(co_hosts=("truong", "truongg")),
     "classes[0].co_hosts[1]", 'unknown organization "truongg"; did you mean "truong"?'),
    ("lecturer person", _class_change(lecturers=(Lecturer(name="X", person="p9"),)),
     "classes[0].lecturers[0].person", 'unknown person "p9"'),
    ("lecturer org", _class_change(lecturers=(Lecturer(name="X", organization="vtv"),)),
     "classes[0].lecturers[0].organization", 'unknown organization "vtv"'),
    ("learner", _enrollment_change(1, person="p3"),
     "classes[0].enrollments[1].person", 'unknown person "p3"'),
    ("sender", _enrollment_change(1, sending_organization="cb4"),
     "classes[0].enrollments[1].sending_organization", 'unknown organization "cb4"'),
    ("class group", _replace("classes", 1, group="g-x"),
     "classes[1].group", 'unknown class group "g-x"'),
    ("group course", _ungrouped(_replace("class_groups", 0, course_type="dvm")),
     "class_groups[0].course_type", 'unknown course type "dvm"'),
    ("group host", _replace("class_groups", 0, host="x"),
     "class_groups[0].host", 'unknown organization "x"'),
    ("group co-host", _replace("class_groups", 0, co_hosts=("x",)),
     "class_groups[0].co_hosts[0]", 'unknown organization "x"'),
    ("group source", _replace("class_groups", 0, source="bc2"),
     "class_groups[0].source", 'unknown document "bc2"; did you mean "bc"?'),
    ("plan scope", _replace("plans", 0, scope="x"),
     "plans[0].scope", 'unknown organization "x"'),
    ("plan course", _replace("plans", 0, course_type="x"),
     "plans[0].course_type", 'unknown course type "x"'),
    ("plan source", _replace("plans", 0, source="x"),
     "plans[0].source", 'unknown document "x"'),
    ("figure source", _replace("figures", 3, source="x"),
     "figures[3].source", 'unknown document "x"'),
    ("figure scope", _replace("figures", 3, scope="x"),
     "figures[3].scope", 'unknown organization "x"'),
    ("figure course", _replace("figures", 3, course_types=("dang-vien-moi", "x")),
     "figures[3].course_types[1]", 'unknown course type "x"'),
]


DUPLICATES = [
    ("organization", _append("organizations", _org("cb1")),
     "organizations[4].id", 'duplicate organization id "cb1" (first at organizations[1].id)'),
    ("person", _append("people", Person(id="p2", full_name="X", organization="cb1")),
     "people[2].id", 'duplicate person id "p2" (first at people[1].id)'),
    ("post", _append("posts", Post(id="bt-cb1", title="X", organization="cb1")),
     "posts[1].id", 'duplicate post id "bt-cb1"'),
    ("class", _replace("classes", 1, id="k1"),
     "classes[1].id", 'duplicate class id "k1" (first at classes[0].id)'),
    ("plan", _append("plans", BASE.plans[0]), "plans[1].id", 'duplicate plan id "kh"'),
    ("document", _append("documents", SourceDocument(id="bc", title="X")),
     "documents[1].id", 'duplicate document id "bc"'),
    ("course type", _append("course_types", BASE.course_types[0]),
     "course_types[1].id", 'duplicate course type id "rieng"'),
    ("built-in course type",
     _append("course_types", CourseType(id="dang-vien-moi", name="X",
                                        category=CourseCategory.OTHER)),
     "course_types[1].id", '"dang-vien-moi" is a built-in course type'),
    ("qualification", _qualification_change(1, id="q1"),
     "people[0].qualifications[1].id",
     'duplicate qualification id "q1" (first at people[0].qualifications[0].id)'),
    ("empty id", _append("documents", SourceDocument(id=" ", title="X")),
     "documents[1].id", "an id cannot be empty"),
]


DATES = [
    ("class ends before it starts", _replace("classes", 1, end=date(2017, 5, 31)),
     "classes[1].end", "the class ends before it starts"),
    ("joined before the class", _enrollment_change(0, joined=date(2017, 2, 28)),
     "classes[0].enrollments[0].joined", "2017-02-28 is outside the class (2017-03-01 to"),
    ("left after the class", _enrollment_change(0, left=date(2017, 3, 6)),
     "classes[0].enrollments[0].left", "2017-03-06 is outside the class"),
    ("left before joining", _enrollment_change(0, joined=date(2017, 3, 4),
                                               left=date(2017, 3, 2)),
     "classes[0].enrollments[0].left", "the learner leaves before joining"),
    ("post left before taken",
     _replace("people", 0, posts=(PostHolding(post="bt-cb1", start=date(2016, 1, 1),
                                              end=date(2015, 1, 1)),)),
     "people[0].posts[0].end", "the post is left before it is taken"),
    ("party status out of order",
     _replace("people", 0, party_status=tuple(reversed(BASE.people[0].party_status))),
     "people[0].party_status[1].since", "party status changes must be listed in date order"),
    ("qualification expires first", _qualification_change(1, expires=date(2017, 3, 10)),
     "people[0].qualifications[1].expires", "the qualification expires before it is issued"),
    ("group period",
     _ungrouped(_replace("class_groups", 0, period_end=date(2016, 12, 31))),
     "class_groups[0].period_end", "the period ends before it starts"),
    ("plan period", _replace("plans", 0, period_start=date(2018, 1, 1)),
     "plans[0].period_end", "the period ends before it starts"),
    ("figure period", _replace("figures", 3, period_end=date(2016, 1, 1)),
     "figures[3].period_end", "the period ends before it starts"),
]


COUNTS = [
    ("person twice in a class", _enrollment_change(1, person="p1"),
     "classes[0].enrollments[1].person",
     'person "p1" is already in this class (enrollments[0])'),
    ("roster size vs learner_count", _class_change(learner_count=3),
     "classes[0].learner_count", "the class states 3 learners but its roster lists 2"),
    ("no roster, no count", _replace("classes", 1, learner_count=None),
     "classes[1]", "a class needs a roster (enrollments) or a learner_count"),
    ("negative count", _replace("classes", 1, learner_count=-1),
     "classes[1].learner_count", "a learner count cannot be negative"),
    ("attendance above 1", _enrollment_change(0, result=Result(attendance=Decimal("1.5"))),
     "classes[0].enrollments[0].result.attendance", "attendance is a share from 0 to 1"),
    ("essay grade above 10", _enrollment_change(0, result=Result(essay_grade=Decimal(11))),
     "classes[0].enrollments[0].result.essay_grade", "an essay grade is from 0 to 10"),
    ("empty plan", _replace("plans", 0, classes=None),
     "plans[0]", "a plan needs a number of classes, of learners, or both"),
    ("negative plan", _replace("plans", 0, learners=-5),
     "plans[0].learners", "a planned number cannot be negative"),
    ("negative group", _replace("class_groups", 0, learners=-1),
     "class_groups[0].learners", "a count cannot be negative"),
    ("qualification level", _qualification_change(0, level="intermedate"),
     "people[0].qualifications[0].level",
     '"intermedate" is not a political-theory level; did you mean "intermediate"?'),
    ("qualification without level", _qualification_change(0, level=None),
     "people[0].qualifications[0].level", "a political-theory qualification needs a level"),
    ("certificate with level", _qualification_change(1, level="elementary"),
     "people[0].qualifications[1].level", "a course certificate has no level"),
    ("certificate without course", _qualification_change(1, course_type=None),
     "people[0].qualifications[1].course_type", "a course certificate needs its course type"),
    ("requirement level",
     _replace("posts", 0, requirements=(Requirement(kind=QualificationKind.STATE_MANAGEMENT,
                                                    level="senior"),)),
     "posts[0].requirements[0].level", '"senior" is not a state-management level'),
    ("requirement of a certificate",
     _replace("posts", 0, requirements=(Requirement(kind=QualificationKind.COURSE_CERTIFICATE,
                                                    level="x"),)),
     "posts[0].requirements[0].kind", '"course-certificate" has no levels to require'),
]


GROUPS = [
    ("course type differs", _replace("classes", 1, group="g-dvm"),
     "classes[1].group",
     'class group "g-dvm" is of course type "dang-vien-moi", this class of "rieng"'),
    ("more classes than the group", _replace("class_groups", 0, classes=0),
     "class_groups[0].classes", "1 class names this group, more than its 0"),
    ("more learners than the group", _replace("class_groups", 0, learners=1),
     "class_groups[0].learners",
     "the classes that name this group have 2 learners, more than its 1"),
    ("class outside the period", _replace("class_groups", 0, period_start=date(2017, 4, 1)),
     "class_groups[0].period_start", 'class "k1" of this group starts outside its period'),
]


FIGURES = [
    ("part of itself", _replace("figures", 0, parts=("a", "b", "tong")),
     "figures[0].parts[2]", "a figure cannot be a part of itself"),
    ("unknown part", _replace("figures", 0, parts=("a", "c")),
     "figures[0].parts[1]", 'unknown figure "c"'),
    ("part counts something else", _replace("figures", 0, parts=("a", "b", "pct")),
     "figures[0].parts[2]", 'figure "pct" counts classes-attainment, this one counts learners'),
]


CASES = DANGLING + DUPLICATES + DATES + COUNTS + GROUPS + FIGURES


@pytest.mark.parametrize(
    ("change", "path", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_is_one_located_error(
    change: Callable[[Dataset], Dataset], path: str, message: str
) -> None:
    found = _found(change(BASE))
    assert len(found) == 1, found
    severity, found_path, found_message = found[0]
    assert severity is Severity.ERROR
    assert found_path == path
    assert found_message.startswith(message)


def test_many_mistakes_are_all_reported_in_one_pass() -> None:
    ds = BASE
    picked = [DANGLING[0], DUPLICATES[3], DATES[1], COUNTS[0], COUNTS[1], GROUPS[3]]
    for _, change, _, _ in picked:
        ds = change(ds)
    assert sorted(p.path for p in validate(ds)) == sorted(c[2] for c in picked)


def test_a_qualification_issued_after_the_check_date_is_an_error() -> None:
    on = date(2017, 3, 9)  # the day before q2 was issued
    assert _found(BASE, on=on) == [(
        Severity.ERROR, "people[0].qualifications[1].issued",
        "issued on 2017-03-10, after the date of the check (2017-03-09)",
    )]
    assert _found(BASE, on=date(2017, 3, 10)) == []
    assert _found(BASE) == []  # without a check date nothing depends on the clock


def test_a_printed_total_that_disagrees_with_its_parts_is_a_warning() -> None:
    ds = _replace("figures", 0, value=Decimal(99))(BASE)
    assert _found(ds) == [(
        Severity.WARNING, "figures[0].value",
        'printed total 99 ("100 học viên") disagrees with the sum of its parts: '
        "60 (a) + 40 (b) = 100",
    )]


def test_a_warning_does_not_stop_loading() -> None:
    ds = _replace("figures", 0, value=Decimal(99))(BASE)
    loaded = cadretrain.from_dict(cadretrain.to_dict(ds))
    assert loaded.dataset == ds
    assert [w.path for w in loaded.warnings] == ["figures[0].value"]
    assert all(not w.is_error for w in loaded.warnings)


def test_percentages_cannot_have_parts() -> None:
    ds = _replace("figures", 3, parts=("a",))(BASE)
    found = _found(ds)
    assert (Severity.ERROR, "figures[3].parts",
            "percentages do not add up; only counts can have parts") in found


@pytest.mark.parametrize(
    ("parents", "cycle"),
    [
        ({"cb1": "cb1"}, "cb1 → cb1"),
        ({"duk": "cb1"}, "duk → cb1 → duk"),
        ({"duk": "cb2", "cb2": "cb1", "cb1": "duk"}, "duk → cb2 → cb1 → duk"),
    ],
)
def test_a_cycle_in_the_organization_tree_is_reported_once(
    parents: dict[str, str], cycle: str
) -> None:
    orgs = tuple(
        attrs.evolve(o, parent=parents.get(o.id, o.parent)) for o in BASE.organizations
    )
    found = _found(attrs.evolve(BASE, organizations=orgs))
    assert len(found) == 1, found
    severity, path, message = found[0]
    assert severity is Severity.ERROR
    assert path.startswith("organizations[") and path.endswith("].parent")
    assert message == "the organization tree has a cycle: " + cycle


def test_a_group_counts_its_named_classes_within_its_totals() -> None:
    # Two named classes that fill the group exactly are fine; one learner more is not.
    extra = ClassRecord(id="k3", course_type="dang-vien-moi", start=date(2017, 9, 1),
                        end=date(2017, 9, 2), host="duk", learner_count=98, group="g-dvm")
    ds = _append("classes", extra)(BASE)
    assert _found(ds) == []
    too_many = _replace("classes", 2, learner_count=99)(ds)
    assert [path for _, path, _ in _found(too_many)] == ["class_groups[0].learners"]


def test_a_dataset_course_type_extends_the_catalog() -> None:
    assert "rieng" not in {ct.id for ct in cadretrain.builtin_course_types()}
    assert "rieng" in cadretrain.course_catalog(BASE)
    without = attrs.evolve(BASE, course_types=())
    assert [path for _, path, _ in _found(without)] == ["classes[1].course_type"]


def test_levels_are_listed_lowest_first() -> None:
    assert levels_for(QualificationKind.POLITICAL_THEORY) == (
        "elementary", "intermediate", "advanced", "advanced-administration", "bachelor")
    assert levels_for(QualificationKind.STATE_MANAGEMENT) == (
        "specialist", "principal-specialist", "senior-specialist")
    assert levels_for(QualificationKind.CIVIL_SERVICE_RANK) == (
        "specialist", "principal-specialist", "senior-specialist")
    assert levels_for(QualificationKind.COURSE_CERTIFICATE) == ()


def test_the_dated_acts_of_an_admission_must_come_in_order() -> None:
    text = """
schema_version = 1
organizations = [{ id = "cb", name = "Chi bộ", kind = "branch" }]
[[people]]
id = "an"
full_name = "Nguyễn Văn An"
organization = "cb"
[[people.party_status]]
status = "probationary"
since = 2025-03-10
resolution = 2025-02-20
decision = 2025-02-10
ceremony = 2025-03-10
[[people.party_status]]
status = "full"
since = 2026-03-10
ceremony = 2026-03-10
"""
    with pytest.raises(cadretrain.DatasetError) as caught:
        cadretrain.loads(text, "toml")
    shown = {(p.path, p.message) for p in caught.value.problems}
    assert ("people[0].party_status[0].decision",
            "the committee's decision (2025-02-10) is dated before the branch's "
            "resolution (2025-02-20)") in shown
    assert any(path == "people[0].party_status[1].ceremony" and "probationary" in message
               for path, message in shown)
    assert len(shown) == 2


def test_a_file_with_only_the_status_dates_still_loads() -> None:
    text = """
schema_version = 1
organizations = [{ id = "cb", name = "Chi bộ", kind = "branch" }]
[[people]]
id = "an"
full_name = "Nguyễn Văn An"
organization = "cb"
party_status = [{ status = "probationary", since = 2025-03-10 }]
"""
    change = cadretrain.loads(text, "toml").dataset.people[0].party_status[0]
    assert (change.resolution, change.decision, change.ceremony) == (None, None, None)
