"""Attainment: exact ratios, statuses, roll-ups, reconciliation; the seed's printed figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain.attainment import (
    Attainment,
    AttainmentLine,
    Status,
    achievable,
    activity,
    attainment,
    printed_decimals,
    progress,
)
from cadretrain.cli import main
from cadretrain.cli.attainment import render
from cadretrain.formatting import format_count, format_percent, round_half_up
from cadretrain.model import (
    ClassGroup,
    Classification,
    ClassRecord,
    Dataset,
    Enrollment,
    Measure,
    MemberCount,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    PrintedFigure,
    Result,
)
from cadretrain.population import share_reached
from cadretrain.reconciliation import computed_figure, reconcile
from cadretrain.testing import datasets

SEED = Path(__file__).resolve().parents[1] / "examples" / "dang-uy-khoi-2017" / "dataset.toml"
DATASET = cadretrain.load(SEED)
COURSES = ("dang-vien-moi", "doi-tuong-ket-nap", "nghiep-vu-cong-tac-dang")


# ------------------------------------------------------------------ the seed


def _percent_figures() -> list[PrintedFigure]:
    return [f for f in DATASET.figures if f.measure is Measure.CLASSES_ATTAINMENT]


@pytest.mark.parametrize("figure", _percent_figures(), ids=lambda f: f.id)
def test_the_seed_table_gives_each_printed_percentage(figure: PrintedFigure) -> None:
    table = attainment(DATASET, period=2017)
    if len(figure.course_types) == 1:
        (line,) = [ln for ln in table.by_course_type if ln.course_type == figure.course_types[0]]
    else:
        line = table.total
        planned_types = {ln.course_type for ln in table.lines if ln.classes.planned is not None}
        assert planned_types == set(figure.course_types)
    assert line.classes.status is Status.RATIO
    assert line.classes.ratio is not None
    assert round_half_up(line.classes.ratio * 100, printed_decimals(figure.value)) == figure.value
    # and the Vietnamese text is the one the report prints
    text = format_percent(line.classes.ratio, printed_decimals(figure.value))
    assert text in figure.quote


def test_the_seed_total_is_a_ratio_of_sums_not_an_average() -> None:
    table = attainment(DATASET, period=2017)
    planned = [ln for ln in table.lines if ln.classes.planned is not None]
    ratios = [ln.classes.ratio for ln in planned]
    assert all(r is not None for r in ratios)
    expected = Fraction(sum(ln.classes.actual for ln in planned),
                        sum(ln.classes.planned or 0 for ln in planned))
    assert table.total.classes.ratio == expected
    average = sum(r for r in ratios if r is not None) / len(ratios)
    assert table.total.classes.ratio != average


def test_the_seed_cli_prints_the_reports_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["attainment", str(SEED), "--year", "2017", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    for printed in ("162,5%", "150%", "100%", "147%"):
        assert printed in out
    assert "150,0%" not in out and "147,4%" not in out
    assert "in 1.909, dữ liệu cho 2.095" in out


def test_the_seed_cli_in_english_with_chosen_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["attainment", str(SEED), "--english", "--decimals", "0"]) == 0
    out = capsys.readouterr().out
    assert "163%" in out  # 162.5 rounds half up
    assert "printed 1,909, data gives 2,095" in out
    assert main(["attainment", str(SEED), "--english", "--decimals", "2"]) == 0
    assert "147.37%" in capsys.readouterr().out


def test_the_seed_reconciliation_lists_the_learner_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = reconcile(DATASET)
    assert [d.figure for d in found] == ["llct-hoc-vien"]
    (total,) = found
    figures = {f.id: f for f in DATASET.figures}
    parts = figures["llct-hoc-vien"].parts
    assert total.printed == figures["llct-hoc-vien"].value
    assert total.computed == sum(int(figures[p].value) for p in parts)
    assert total.source == "bao-cao-2017"
    assert main(["attainment", str(SEED), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["classes"]["ratio"] == [28, 19]
    assert data["discrepancies"][0]["computed"] == total.computed


def test_the_seed_by_organization_rolls_up_the_tree(capsys: pytest.CaptureFixture[str]) -> None:
    table = attainment(DATASET, period=2017, by="organization")
    (root,) = [ln for ln in table.by_organization if ln.organization == "duk"]
    assert root.classes == table.total.classes
    assert main(["attainment", str(SEED), "--by", "organization"]) == 0
    assert "ĐUK" in capsys.readouterr().out


def test_the_cli_refuses_bad_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["attainment", str(SEED), "--decimals", "-1"]) == 2
    assert main(["attainment", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert "--decimals" in err and "missing.toml" in err


# ------------------------------------------------------------ small datasets

ORGS = (
    Organization(id="root", name="Đảng ủy", kind=OrganizationKind.PARTY_COMMITTEE),
    Organization(id="a", name="Chi bộ A", kind=OrganizationKind.BRANCH, parent="root",
                 member_counts=(MemberCount(on=date(2017, 1, 1), members=4),
                                MemberCount(on=date(2017, 6, 1), members=5),
                                MemberCount(on=date(2018, 1, 1), members=50))),
    Organization(id="b", name="Chi bộ B", kind=OrganizationKind.BRANCH, parent="root"),
)


def _plan(pid: str, scope: str, course: str, classes: int | None,
          learners: int | None = None) -> Plan:
    return Plan(id=pid, period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
                scope=scope, course_type=course, classes=classes, learners=learners)


def _class(cid: str, host: str, course: str, start: date = date(2017, 3, 1), *,
           learners: int = 10, co_hosts: tuple[str, ...] = ()) -> ClassRecord:
    return ClassRecord(id=cid, course_type=course, start=start, end=start, host=host,
                       learner_count=learners, co_hosts=co_hosts)


def test_zero_missing_and_outside_plans_are_statuses_not_errors() -> None:
    ds = Dataset(
        organizations=ORGS,
        plans=(_plan("p0", "a", COURSES[0], 0), _plan("p1", "b", COURSES[1], 2)),
        classes=(_class("c1", "a", COURSES[0]), _class("c2", "b", COURSES[1]),
                 _class("c3", "b", COURSES[2])),
    )
    table = attainment(ds, period=2017, by="organization")
    by_key = {(ln.organization, ln.course_type): ln for ln in table.lines}
    zero = by_key[("a", COURSES[0])]
    assert zero.classes.status is Status.PLAN_OF_ZERO and zero.classes.ratio is None
    assert zero.classes.actual == 1
    assert by_key[("b", COURSES[1])].classes.ratio == Fraction(1, 2)
    assert by_key[("b", COURSES[1])].learners.status is Status.NO_PLAN
    outside = by_key[("b", COURSES[2])]
    assert outside.classes.status is Status.OUTSIDE_PLAN and outside.classes.ratio is None
    # the total counts only planned lines: 2 classes (1 + 1) against 0 + 2
    assert table.total.classes.ratio == Fraction(2, 2)
    assert table.total.classes.actual == 3
    text = "\n".join(render(ds, table, reconcile(ds), locale="vi"))
    assert "kế hoạch bằng 0" in text and "ngoài kế hoạch" in text and "chưa giao" in text


def test_a_class_counts_for_its_host_only_and_for_the_nearest_plan() -> None:
    ds = Dataset(
        organizations=ORGS,
        plans=(_plan("p-root", "root", COURSES[0], 4), _plan("p-a", "a", COURSES[0], 2),
               _plan("p-b", "b", COURSES[0], 1)),
        classes=(_class("c1", "a", COURSES[0], co_hosts=("b",)),
                 _class("c2", "root", COURSES[0])),
    )
    table = attainment(ds, by="organization")
    by_org = {ln.organization: ln for ln in table.lines}
    assert by_org["a"].classes.actual == 1  # the host
    assert by_org["b"].classes.actual == 0  # a co-host does not count it
    assert by_org["root"].classes.actual == 1  # the nearer plan of "a" took c1
    (root,) = [ln for ln in table.by_organization if ln.organization == "root"]
    assert root.classes.actual == 2 and root.classes.planned == 7


def test_grouped_classes_count_once_through_their_group() -> None:
    group = ClassGroup(id="g", course_type=COURSES[0], classes=3, learners=90,
                       period_start=date(2017, 1, 1), period_end=date(2017, 12, 31), host="a")
    member = attrs.evolve(_class("c1", "a", COURSES[0]), group="g")
    ds = Dataset(organizations=ORGS, plans=(_plan("p", "a", COURSES[0], 6),),
                 classes=(member,), class_groups=(group,))
    line = attainment(ds, period=2017).total
    assert (line.classes.actual, line.learners.actual) == (3, 90)
    assert line.classes.ratio == Fraction(1, 2)


def test_progress_counts_the_part_year_against_the_whole_plan() -> None:
    ds = Dataset(
        organizations=ORGS, plans=(_plan("p", "a", COURSES[0], 4),),
        classes=(_class("c1", "a", COURSES[0], date(2017, 2, 1)),
                 _class("c2", "a", COURSES[0], date(2017, 9, 1))),
    )
    assert progress(ds, 2017, date(2017, 6, 30)).total.classes.ratio == Fraction(1, 4)
    assert progress(ds, 2017, date(2017, 12, 31)).total.classes.ratio == Fraction(2, 4)


def _roster_dataset() -> Dataset:
    def enrol(person: str, org: str, c: Classification | None) -> Enrollment:
        return Enrollment(person=person, sending_organization=org,
                          result=Result(classification=c) if c else None)

    c1 = attrs.evolve(_class("c1", "root", COURSES[0]), learner_count=None, enrollments=(
        enrol("p1", "a", Classification.EXCELLENT), enrol("p2", "a", Classification.GOOD),
        enrol("p3", "b", Classification.GOOD), enrol("p4", "b", None)))
    c2 = attrs.evolve(_class("c2", "root", COURSES[1]), learner_count=None, enrollments=(
        enrol("p1", "a", Classification.FAIL),))
    return Dataset(organizations=ORGS, classes=(c1, c2))


def test_share_reached_counts_people_once_against_the_latest_member_count() -> None:
    ds = _roster_dataset()
    reached = share_reached(ds, "a", on=date(2017, 12, 31), period=2017)
    # Nobody's party status is known: two people, each once, and no member to count.
    assert (reached.attended.total, reached.members, reached.counted_on) == (
        2, 5, date(2017, 6, 1))
    assert reached.attended.unknown == 2 and not reached.complete
    assert reached.ratio == 0
    only = share_reached(ds, "a", on=date(2017, 3, 1), course_types=[COURSES[1]])
    assert (only.attended.total, only.members) == (1, 4)
    none = share_reached(ds, "b", on=date(2017, 12, 31))
    assert none.members is None and none.ratio is None
    # With statuses, only members count against the member count (issue 12).
    full = (PartyStatusChange(status=PartyStatus.FULL, since=date(2000, 1, 1)),)
    other = (PartyStatusChange(status=PartyStatus.NON_MEMBER, since=date(2000, 1, 1)),)
    known = attrs.evolve(ds, people=(Person(id="p1", full_name="A", organization="a",
                                            party_status=full),
                                     Person(id="p2", full_name="B", organization="a",
                                            party_status=other)))
    shared = share_reached(known, "a", on=date(2017, 12, 31), period=2017)
    assert (shared.attended.members, shared.attended.non_members) == (1, 1)
    assert shared.ratio == Fraction(1, 5) and shared.complete


def test_reached_is_a_deprecated_alias_of_member_share() -> None:
    import cadretrain.attainment as module
    from cadretrain.population import MemberShare

    with pytest.warns(DeprecationWarning, match="MemberShare"):
        assert module.Reached is MemberShare
    assert isinstance(share_reached(_roster_dataset(), "a", on=date(2017, 12, 31)),
                      MemberShare)


def test_classification_distribution_is_deprecated_and_still_counts_rosters() -> None:
    import cadretrain.attainment as module
    from cadretrain.distribution import result_distribution
    from cadretrain.selection import Selection

    with pytest.warns(DeprecationWarning, match="distribution.result_distribution"):
        classification_distribution = module.classification_distribution
    dist = classification_distribution(_roster_dataset(), period=2017, scope="root")
    assert dist.counts[Classification.GOOD] == 2 and dist.unclassified == 1
    assert dist.classified == 4
    assert dist.share(Classification.GOOD) == Fraction(1, 2)
    empty = classification_distribution(_roster_dataset(), period=2016)
    assert empty.share(Classification.GOOD) is None
    # The name to use instead counts the same learners by classification.
    instead = result_distribution(_roster_dataset(), Selection(period=(date(2017, 1, 1),
                                                                       date(2017, 12, 31)),
                                                               scope="root"))
    assert {c: n for c, n in instead.counts.items() if n} == {
        c: n for c, n in dist.counts.items() if n}


def test_a_printed_percentage_no_whole_count_can_give_is_flagged() -> None:
    assert achievable(Decimal("147"), 19)
    assert not achievable(Decimal("147"), 8)  # multiples of 12,5%
    assert achievable(Decimal("162.5"), 8)
    figure = PrintedFigure(id="f", source="doc", quote="đạt 147%",
                           measure=Measure.CLASSES_ATTAINMENT, value=Decimal("147"),
                           period_start=date(2017, 1, 1), period_end=date(2017, 12, 31),
                           scope="root", course_types=(COURSES[0],))
    ds = Dataset(organizations=ORGS, plans=(_plan("p", "a", COURSES[0], 8),),
                 classes=tuple(_class(f"c{i}", "a", COURSES[0]) for i in range(12)),
                 figures=(figure,))
    (flagged,) = reconcile(ds)
    assert flagged.unachievable and flagged.computed == Fraction(12, 8)


# ---------------------------------------------------------------- properties

YEAR = 2017


@st.composite
def small_datasets(draw: st.DrawFn) -> Dataset:
    """A forest of organizations with plans (some of zero, some missing a
    measure), classes, groups and grouped classes in and around the year."""
    n = draw(st.integers(min_value=1, max_value=7))
    orgs = []
    for i in range(n):
        parent = draw(st.none() | st.integers(min_value=0, max_value=i - 1)) if i else None
        orgs.append(Organization(id=f"o{i}", name=f"Tổ chức {i}",
                                 kind=OrganizationKind.BRANCH,
                                 parent=None if parent is None else f"o{parent}"))
    org_ids = st.sampled_from([o.id for o in orgs])
    courses = st.sampled_from(COURSES)
    plans = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        classes = draw(st.none() | st.integers(min_value=0, max_value=6))
        learners = draw(st.integers(min_value=0, max_value=200)) if classes is None else draw(
            st.none() | st.integers(min_value=0, max_value=200))
        plans.append(_plan(f"p{i}", draw(org_ids), draw(courses), classes, learners))
    starts = st.dates(min_value=date(YEAR - 1, 11, 1), max_value=date(YEAR + 1, 2, 1))
    groups = [
        ClassGroup(id=f"g{i}", course_type=draw(courses),
                   classes=draw(st.integers(min_value=1, max_value=5)),
                   learners=draw(st.integers(min_value=0, max_value=300)),
                   period_start=(s := draw(starts)), period_end=s, host=draw(org_ids))
        for i in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    classes = []
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        cls = _class(f"c{i}", draw(org_ids), draw(courses), draw(starts),
                     learners=draw(st.integers(min_value=0, max_value=60)))
        if groups and draw(st.booleans()):
            cls = attrs.evolve(cls, group=draw(st.sampled_from(groups)).id)
        classes.append(cls)
    return Dataset(organizations=tuple(orgs), plans=tuple(plans), classes=tuple(classes),
                   class_groups=tuple(groups))


def any_datasets() -> st.SearchStrategy[Dataset]:
    """The project's valid datasets (cadretrain.testing), and the small ones above
    that also hold zero plans, plans without classes and nested plans."""
    return st.one_of(small_datasets(), datasets(max_classes=6, max_plans=5,
                                                max_class_groups=2, max_people=6))


PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _flat(ds: Dataset) -> tuple[int, int, int | None]:
    """Classes, learners and planned classes, straight from the records."""
    acts = list(activity(ds))
    planned = [p.classes for p in ds.plans if p.classes is not None]
    return (sum(a.classes for a in acts), sum(a.learners for a in acts),
            sum(planned) if planned else None)


def _sum(lines: list[AttainmentLine]) -> tuple[Attainment, Attainment]:
    classes = lines[0].classes
    learners = lines[0].learners
    for ln in lines[1:]:
        classes, learners = classes + ln.classes, learners + ln.learners
    return classes, learners


@PROPERTY
@given(any_datasets(), st.randoms(use_true_random=False))
def test_rolling_up_in_any_grouping_order_equals_the_flat_computation(
    ds: Dataset, rnd: object
) -> None:
    import random

    assert isinstance(rnd, random.Random)
    table = attainment(ds, by="organization")
    classes, learners, planned = _flat(ds)
    assert (table.total.classes.actual, table.total.learners.actual) == (classes, learners)
    assert table.total.classes.planned == planned
    if not table.lines:
        return
    # any partition of the lines, summed part by part, in any order
    lines = list(table.lines)
    rnd.shuffle(lines)
    parts: dict[int, list[AttainmentLine]] = {}
    for ln in lines:
        parts.setdefault(rnd.randrange(3), []).append(ln)
    sums = [_sum(p) for p in parts.values()]
    rnd.shuffle(sums)
    total_c, total_l = sums[0]
    for c, lr in sums[1:]:
        total_c, total_l = total_c + c, total_l + lr
    assert (total_c, total_l) == (table.total.classes, table.total.learners)
    # by course type, and by the roots of the tree, give the same total
    assert _sum(list(table.by_course_type)) == (table.total.classes, table.total.learners)
    roots = {o.id for o in ds.organizations if o.parent is None}
    top = [ln for ln in table.by_organization if ln.organization in roots]
    assert _sum(top) == (table.total.classes, table.total.learners)


@PROPERTY
@given(any_datasets(), st.data())
def test_adding_a_class_never_lowers_its_lines_attainment(ds: Dataset, data: st.DataObject) -> None:
    before = attainment(ds, by="organization")
    planned = [ln for ln in before.lines if ln.classes.status is Status.RATIO]
    if not planned:
        return
    line = data.draw(st.sampled_from(planned))
    assert line.organization is not None and line.course_type is not None
    extra = _class("extra", line.organization, line.course_type,
                   learners=data.draw(st.integers(min_value=0, max_value=50)))
    after = attainment(attrs.evolve(ds, classes=(*ds.classes, extra)), by="organization")
    (same,) = [ln for ln in after.lines
               if (ln.organization, ln.course_type) == (line.organization, line.course_type)]
    assert same.classes.ratio is not None and line.classes.ratio is not None
    assert same.classes.ratio > line.classes.ratio
    if line.learners.ratio is not None:
        assert same.learners.ratio is not None and same.learners.ratio >= line.learners.ratio


@PROPERTY
@given(any_datasets(), st.randoms(use_true_random=False))
def test_the_order_of_records_does_not_matter(ds: Dataset, rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)

    def shuffled(items: tuple[object, ...]) -> tuple[object, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    other = attrs.evolve(ds, organizations=shuffled(ds.organizations),
                         plans=shuffled(ds.plans), classes=shuffled(ds.classes),
                         class_groups=shuffled(ds.class_groups))
    for by in ("course-type", "organization"):
        assert attainment(other, by=by) == attainment(ds, by=by)


@PROPERTY
@given(any_datasets(), st.data())
def test_zero_and_missing_plans_never_raise(ds: Dataset, data: st.DataObject) -> None:
    figures = tuple(
        PrintedFigure(id=f"f{i}", source="doc", quote="…",
                      measure=data.draw(st.sampled_from(Measure)),
                      value=Decimal(data.draw(st.integers(min_value=0, max_value=500))),
                      period_start=date(YEAR, 1, 1), period_end=date(YEAR, 12, 31),
                      scope=data.draw(st.sampled_from([o.id for o in ds.organizations])),
                      course_types=tuple(data.draw(st.sets(st.sampled_from(COURSES)))))
        for i in range(data.draw(st.integers(min_value=0, max_value=4)))
    )
    ds = attrs.evolve(ds, figures=figures)
    found = reconcile(ds)
    for d in found:
        (figure,) = [f for f in figures if f.id == d.figure]
        assert d.computed == computed_figure(ds, figure)
    for by in ("course-type", "organization"):
        table = attainment(ds, by=by)
        for ln in (*table.lines, table.total):
            for m in (ln.classes, ln.learners):
                assert (m.ratio is None) == (m.status is not Status.RATIO)
        for locale in ("vi", "en"):
            text = "\n".join(render(ds, table, found, locale=locale))
            assert format_count(table.total.classes.actual, locale) in text


def test_the_docs_show_the_table_the_cli_prints(capsys: pytest.CaptureFixture[str]) -> None:
    page = (SEED.parents[2] / "docs" / "attainment.md").read_text(encoding="utf-8")
    command = "$ cadretrain attainment examples/dang-uy-khoi-2017/dataset.toml --year 2017\n"
    shown = page.split(command, 1)[1].split("\n```", 1)[0]
    assert main(["attainment", str(SEED), "--year", "2017", "--lang", "vi"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == shown


def _whole_tree_order(parent: dict[str, str | None]) -> dict[str, int]:
    """The rows' order as the roll-up first computed it: a depth-first walk of
    the whole tree from the roots, children by id, then the organizations no
    root reaches (a cycle) in the dataset's order."""
    children: dict[str | None, list[str]] = {}
    for org in sorted(parent):
        up = parent[org]
        children.setdefault(None if up is None or up not in parent else up, []).append(org)
    order: dict[str, int] = {}
    stack = children.get(None, [])[::-1]
    while stack:
        org = stack.pop()
        if org not in order:
            order[org] = len(order)
            stack.extend(reversed(children.get(org, ())))
    for org in parent:
        order.setdefault(org, len(order))
    return order


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from([f"o{i}" for i in range(9)]),
                          st.none() | st.sampled_from([f"o{i}" for i in range(9)] + ["x", "y"])),
                min_size=1, max_size=12),
       st.sets(st.sampled_from([f"o{i}" for i in range(9)] + ["x"])))
def test_rows_are_ordered_as_a_walk_of_the_whole_tree(
    links: list[tuple[str, str | None]], rows: set[str]
) -> None:
    """_tree_order sorts only the rows' organizations by their paths from the
    root; the order is the walk of the whole tree's, for any forest, unknown
    parents ("x", "y"), cycles and repeated ids; ids the tree lacks are left out."""
    from cadretrain.attainment import OrganizationTree, _tree_order

    orgs = [Organization(id=org, name=org, kind=OrganizationKind.BRANCH, parent=up)
            for org, up in links]
    tree = OrganizationTree(orgs)
    whole = _whole_tree_order(tree.parent)
    mine = _tree_order(tree, rows)
    assert set(mine) == rows & set(tree.parent)
    assert sorted(mine, key=mine.__getitem__) == sorted(mine, key=whole.__getitem__)
