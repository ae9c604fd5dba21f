"""The computed report (cadretrain.report): the seed reads like the seed report,
every number of a sentence is a figure the data gives, the office's own text."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from cadretrain.attainment import activity, attainment, year_period
from cadretrain.catalog import course_catalog
from cadretrain.exporters.api import ReportMeta, ReportSections, read_meta
from cadretrain.model import Dataset, Measure
from cadretrain.readers import load
from cadretrain.report import (
    BlockKind,
    Figure,
    Paragraph,
    ReportDocument,
    compute_report,
    parse_markdown,
)
from cadretrain.testing import datasets

# These tests read the report in Vietnamese, as a user gets it by default
# (tests/test_document_languages.py reads it in English).
pytestmark = pytest.mark.usefixtures("vietnamese")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def _seed() -> tuple[Dataset, ReportDocument]:
    dataset = load(SEED / "dataset.toml")
    return dataset, compute_report(dataset, read_meta(SEED / "meta.toml"))


def test_the_seed_results_say_what_the_seed_report_says() -> None:
    dataset, report = _seed()
    results = report.section("results")
    assert results is not None and results.origin == "data"
    text = "\n".join(p.text for p in results.paragraphs)
    # The knowledge-update classes with the Centre's partners, as the seed words them.
    assert ("Trung tâm Bồi dưỡng chính trị Đảng ủy Khối phối hợp với Ban Tổ chức Đảng ủy Khối "
            "và Văn phòng Đảng ủy Khối tổ chức 2 lớp bồi dưỡng, cập nhật kiến thức cho 177 "
            "học viên.") in text
    # The planned classes: 28, 147%, and each kind with its printed percentage.
    for shown in ("28 lớp", "147%", "13 lớp", "1.084 đảng viên dự bị", "162,5%", "12 lớp",
                  "825 quần chúng ưu tú", "150%", "3 lớp", "186 học viên", "100%"):
        assert shown in text, shown
    # The four member party committees, each named with its classes and learners.
    members = {"Đảng bộ Học viện Ngân hàng": ["91"],
               "Đảng bộ Tổng Công ty Quản lý bay Việt Nam": ["78", "50"],
               "Đảng bộ Bộ Thông tin và Truyền thông": ["137", "94"],
               "Đảng bộ Tổng cục Hải quan": ["102", "81"]}
    assert "phối hợp với 4 đảng bộ" in text
    for name, counts in members.items():
        sentence = next(s for s in re.split(r"\. |\n", text) if f"Phối hợp với {name} tổ chức" in s)
        assert re.findall(r"\d[\d.]*(?= học viên)", sentence) == counts, sentence
    # The four schools, named, with the 7 classes and 518 learners.
    schools = [o.name for o in dataset.organizations if o.kind.value in ("school", "academy")]
    assert len(schools) == 4
    sentence = next(p.text for p in results.paragraphs if "liên kết, phối hợp" in p.text)
    assert all(name in sentence for name in schools)
    assert "7 lớp" in sentence and "518 học viên" in sentence
    # Nothing the seed does not print: no grand total, no plan stated as fact.
    assert not re.search(r"\b(37|2\.790)\b", text)
    assert not any(f.derived for p in results.paragraphs for f in p.figures)
    assert not re.search(r"kế hoạch \d", text)


def test_the_seed_opening_states_its_basis_from_the_documents() -> None:
    _, report = _seed()
    assert report.opening is not None
    assert report.opening.text.startswith("Thực hiện Kết luận số 120-KL/ĐUK của Đảng ủy Khối "
                                          "các cơ quan Trung ương về đẩy mạnh")
    assert report.opening.text.endswith("năm 2017 như sau:")
    given = compute_report(load(SEED / "dataset.toml"),
                           attrs.evolve(read_meta(SEED / "meta.toml"), basis="Căn cứ X."))
    assert given.opening is not None and given.opening.text == "Căn cứ X."


def test_derived_plans_are_marked_and_explained_and_the_table_equals_the_data() -> None:
    dataset, report = _seed()
    table = attainment(dataset, period=year_period(2017))
    rows = report.appendix.rows
    assert report.appendix.heading == "PHỤ LỤC"
    for row, line in zip(rows, [*table.rows, table.total], strict=True):
        assert row[3].figure is not None and row[3].figure.value == line.classes.actual
        assert row[6].figure is not None and row[6].figure.value == line.learners.actual
        plan = row[2].figure
        assert (plan is None) == (line.classes.planned is None)
        if plan is not None:
            assert plan.value == line.classes.planned and plan.derived
            assert row[2].text.endswith("a")
    assert any("suy ra" in n for n in report.appendix.notes)
    notes = [n.text for n in report.notes]
    assert any("1.909" in n and "2.095" in n for n in notes)
    assert sum("ke-hoach-" in n and "suy ra" in n for n in notes) == 3


def test_the_offices_sections_come_from_the_metadata_or_are_left_out() -> None:
    dataset, report = _seed()
    assert [s.key for s in report.sections] == ["results", "limitations", "tasks"]
    assert [s.number for s in report.sections] == ["I", "II", "III"]
    tasks = report.section("tasks")
    assert tasks is not None and tasks.origin == "office"
    items = [p for p in tasks.paragraphs if p.kind is BlockKind.NUMBERED]
    assert [p.number for p in items] == [1, 2, 3, 4]
    assert items[0].spans[0].bold and items[0].spans[0].text == "Tăng cường quán triệt"
    bare = compute_report(dataset, attrs.evolve(read_meta(SEED / "meta.toml"),
                                                sections=ReportSections()))
    assert [s.key for s in bare.sections] == ["results"]
    assert "hạn chế" not in " ".join(p.text for p in bare.paragraphs()).lower()


def test_markdown_of_the_office() -> None:
    blocks = parse_markdown("# Về nội dung\n\nDòng một\ndòng hai **đậm** nữa.\n\n"
                            "1. Một\n2) Hai\n   tiếp theo\n- gạch\n")
    assert [b.kind for b in blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH,
                                        BlockKind.NUMBERED, BlockKind.NUMBERED,
                                        BlockKind.BULLET]
    assert blocks[1].text == "Dòng một dòng hai đậm nữa."
    assert [s.bold for s in blocks[1].spans] == [False, True, False]
    assert blocks[3].number == 2 and blocks[3].text == "Hai tiếp theo"


# ------------------------------------------------------------- the property

_NUMBER = re.compile(r"\d[\d.,]*%?")


def _numbers(paragraph: Paragraph, dataset: Dataset) -> list[str]:
    text = paragraph.text
    names = [o.name for o in dataset.organizations]
    names += [c.name for c in course_catalog(dataset).values()]
    # Only names with a digit could add a number; others are left (a generated
    # name may be "%" or "0", which would cut a figure's text).
    # A name is cut where it stands as a name, not inside a number ("3" in "2.743").
    for name in sorted((n for n in names if any(c.isdigit() for c in n)), key=len,
                       reverse=True):
        for form in (name, name[:1].lower() + name[1:]):
            text = re.sub(rf"(?<![\d.,]){re.escape(form)}(?![\d.,%])", " ", text)
    return [m.group().rstrip(".,") for m in _NUMBER.finditer(text)]


def _check_figure(figure: Figure, dataset: Dataset, report: ReportDocument) -> None:
    """A figure's value is what the data gives for its source."""
    period = (report.period_start, report.period_end) if report.period_start else None
    table = attainment(dataset, period=period)
    source = figure.source
    if source.startswith("attainment["):
        key, _, rest = source[len("attainment["):].partition("]")
        measure_word, what = rest.lstrip(".").split(".")
        measure = (Measure.CLASSES_ATTAINMENT if measure_word == "classes"
                   else Measure.LEARNERS_ATTAINMENT)
        if key == "planned":
            lines = [ln for ln in table.rows if ln.classes.planned is not None
                     or ln.learners.planned is not None]
            if what == "actual":
                assert figure.value == sum(ln.of(measure).actual for ln in lines)
            return
        line = table.total if key == "total" else next(
            ln for ln in table.rows if ln.course_type == key)
        value = line.of(measure)
        expected = {"actual": value.actual, "planned": value.planned,
                    "rate": value.ratio}[what]
        assert figure.exact == expected, source
    elif source.startswith("population["):
        from cadretrain.population import member_share
        from cadretrain.selection import Selection

        root = source[len("population["):].split("]")[0]
        assert period is not None
        share = member_share(dataset, root, on=period[1], selection=Selection(period=period))
        expected = {".attended.members": share.attended.members, ".members": share.members,
                    ".share": share.ratio, ".attended.unknown": share.attended.unknown}
        assert figure.exact == next(v for k, v in expected.items() if source.endswith(k))
    elif source.startswith(("classes[", "class_groups[")) and source.endswith(
            (".classes", ".learners")):
        classes = learners = 0
        for part in source.rsplit(".", 1)[0].split("+"):
            kind, _, ident = part.rstrip("]").partition("[")
            records = dataset.classes if kind == "classes" else dataset.class_groups
            record = next(r for r in records if r.id == ident)
            classes += 1 if kind == "classes" else record.classes  # type: ignore[union-attr]
            learners += record.learners
        assert figure.value == (classes if source.endswith(".classes") else learners), source


@settings(max_examples=30, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets(max_classes=6, max_class_groups=2, max_plans=4))
def test_property_the_narrative_states_only_numbers_the_data_gives(dataset: Dataset) -> None:
    years = sorted({a.start.year for a in activity(dataset)}) or [2020]
    roots = [o for o in dataset.organizations if o.parent is None]
    meta = ReportMeta(issuer=roots[0].name if roots else "X", year=years[-1])
    report = compute_report(dataset, meta)
    results = report.section("results")
    # Years may be named: the year reported on and its plans' years ("kế hoạch năm 2025").
    plan_years = {str(p.period_end.year) for p in dataset.plans} | {str(years[-1])}
    for paragraph in results.paragraphs if results else ():
        shown = {f.text for f in paragraph.figures} | plan_years
        for number in _numbers(paragraph, dataset):
            assert number in shown, (number, paragraph.text)
        for figure in paragraph.figures:
            assert not figure.derived
            _check_figure(figure, dataset, report)
            if figure.denominator != 1:
                assert 0 <= Fraction(figure.value, figure.denominator)
    # The table's cells are the data's attainment.
    table = attainment(dataset, period=year_period(years[-1]))
    for row, line in zip(report.appendix.rows, [*table.rows, table.total], strict=True):
        assert row[3].figure is not None and row[3].figure.value == line.classes.actual
        assert row[6].figure is not None and row[6].figure.value == line.learners.actual


def test_the_opening_of_a_plan_document_and_a_title_that_is_not_a_subject() -> None:
    dataset = load(SAMPLE)
    report = compute_report(dataset, ReportMeta(issuer="Đảng ủy Cơ quan mẫu",
                                                title=dataset.title or "", year=2025))
    assert report.opening is not None
    assert report.opening.text == (
        "Thực hiện Kế hoạch số 145-KH/ĐU ngày 20 tháng 12 năm 2024 của Đảng bộ Cơ quan mẫu "
        "về đào tạo, bồi dưỡng cán bộ, đảng viên năm 2025, Đảng bộ Cơ quan mẫu báo cáo kết "
        "quả công tác đào tạo, bồi dưỡng năm 2025 như sau:")
    # The sample's results: every kind of 2025, its partners, lecturers, results.
    text = " ".join(p.text for p in report.section("results").paragraphs)  # type: ignore
    for shown in ("liên kết, phối hợp với Học viện Chính trị quốc gia Hồ Chí Minh",
                  "giảng viên", "báo cáo viên", "được xếp loại"):
        assert shown in text, shown


def test_the_share_of_members_reached_when_the_committee_has_a_member_count() -> None:
    from datetime import date

    from cadretrain.model import MemberCount
    from cadretrain.population import member_share
    from cadretrain.selection import Selection

    dataset = load(SAMPLE)
    orgs = tuple(attrs.evolve(o, member_counts=(MemberCount(on=date(2025, 1, 1), members=250),))
                 if o.id == "cqm" else o for o in dataset.organizations)
    dataset = attrs.evolve(dataset, organizations=orgs)
    report = compute_report(dataset, ReportMeta(issuer="Đảng ủy Cơ quan mẫu", year=2025))
    share = member_share(dataset, "cqm", on=date(2025, 12, 31),
                         selection=Selection(period=year_period(2025)))
    assert share.ratio is not None
    sentence = report.section("results").paragraphs[-1]  # type: ignore[union-attr]
    assert sentence.text.startswith(f"Có {share.attended.members} đảng viên của Đảng bộ Cơ "
                                    "quan mẫu tham gia các lớp, bằng ")
    assert "tổng số 250 đảng viên" in sentence.text
    for figure in sentence.figures:
        _check_figure(figure, dataset, report)


def test_part_way_through_the_year_the_rates_are_against_the_years_plan() -> None:
    from datetime import date

    dataset = load(SAMPLE)
    half = (date(2025, 1, 1), date(2025, 6, 30))
    report = compute_report(dataset, ReportMeta(issuer="Đảng ủy Cơ quan mẫu"), period=half)
    assert report.opening is not None
    assert "Kế hoạch số 145-KH/ĐU" in report.opening.text
    assert "112-KH/ĐU" not in report.opening.text  # the 2024 plan is not this period's
    assert report.opening.text.endswith("6 tháng đầu năm 2025 như sau:")
    first = report.section("results").paragraphs[0]  # type: ignore[union-attr]
    assert "kế hoạch năm 2025 về số lớp" in first.text
    assert "chưa tổ chức lớp bồi dưỡng, cập nhật kiến thức" in first.text
    table = attainment(dataset, period=half)
    for figure in first.figures:
        _check_figure(figure, dataset, report)
    assert any(ln.plan_period for ln in table.rows)


def test_the_heading_states_the_period_reported_on_not_only_the_metadatas_year() -> None:
    # build_pack gives the metadata the period's year; the heading must still say
    # which part of the year the report covers.
    from datetime import date

    dataset = load(SAMPLE)
    meta = ReportMeta(issuer="Đảng ủy Cơ quan mẫu", year=2025)
    half = compute_report(dataset, meta, period=(date(2025, 1, 1), date(2025, 6, 30)))
    assert half.title.endswith("6 tháng đầu năm 2025")
    assert half.period_start == date(2025, 1, 1) and half.period_end == date(2025, 6, 30)
    whole = compute_report(dataset, meta)
    assert whole.title.endswith("bồi dưỡng năm 2025")


def test_a_pack_without_a_metadata_title_states_the_period_not_the_datasets_title() -> None:
    # The dataset's title ("Cơ quan mẫu (hư cấu): … 2024-2025") names the data; a report
    # of six months is titled with its subject and period. A metadata title still wins.
    from datetime import date

    from cadretrain.pack import build_pack

    dataset = load(SAMPLE)
    half = (date(2025, 1, 1), date(2025, 6, 30))
    pack = build_pack(dataset, period=half, notices=False)
    report = pack._context.report
    assert dataset.title and report.title != dataset.title
    assert report.title == "Kết quả công tác đào tạo, bồi dưỡng 6 tháng đầu năm 2025"
    assert "báo cáo kết quả công tác đào tạo, bồi dưỡng 6 tháng đầu năm 2025" in \
        report.opening.text  # type: ignore[union-attr]
    own = build_pack(dataset, period=half, notices=False,
                     meta=ReportMeta(title="Sơ kết công tác đào tạo 6 tháng đầu năm 2025"))
    assert own._context.report.title == "Sơ kết công tác đào tạo 6 tháng đầu năm 2025"


def test_a_rate_is_printed_at_the_precision_the_office_prints_it() -> None:
    # The seed prints "đạt 147%" for the year (28 / 19 = 147,37%): a report of the first
    # six months, with no printed figure of its own, writes the line as the office does,
    # "147%", not "147,4%"; a line printed with one decimal keeps it ("162,5%").
    from datetime import date

    from cadretrain.reconciliation import figure_decimals, printed_precision

    dataset = load(SEED / "dataset.toml")
    meta = ReportMeta(year=2017)
    half = (date(2017, 1, 1), date(2017, 6, 30))
    year = compute_report(dataset, meta).section("results")
    six = compute_report(dataset, meta, period=half).section("results")
    assert year is not None and six is not None
    assert "đạt 147% so với kế hoạch," in year.paragraphs[1].text
    assert "đạt 147% so với kế hoạch năm 2017" in six.paragraphs[1].text
    assert "đạt 162,5%" in six.paragraphs[1].text and "147,4%" not in six.paragraphs[1].text
    table = attainment(dataset, period=half)
    assert figure_decimals(dataset, table, table.total, Measure.CLASSES_ATTAINMENT) == 0
    # Without any printed figure of the line: None, and the caller's one decimal.
    assert printed_precision((), half) is None
    # A share of members: the committee printed 99,38%, the report writes 99,38%.
    fiction = load(ROOT / "examples" / "huyen-minh-hoa" / "dataset.toml")
    results = compute_report(fiction, ReportMeta(year=2025)).section("results")
    assert results is not None
    assert "bằng 99,38% tổng số 8.000 đảng viên" in results.paragraphs[-1].text
