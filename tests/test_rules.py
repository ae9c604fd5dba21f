"""Month arithmetic, the rule-set format, grace periods, meets_requirements,
certificate status, the pass policy and the check command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cadretrain.cli import main
from cadretrain.model import (
    Classification,
    Dataset,
    Person,
    Post,
    PostHolding,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
)
from cadretrain.rules import (
    PassParameters,
    RuleSetError,
    Severity,
    Status,
    add_months,
    certificate_status,
    check,
    default_rule_set,
    load_rule_set,
    meets_requirements,
    months_between,
    parse_rule_set,
    passes,
)

# ----------------------------------------------------------- month arithmetic


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2025, 8, 31), 1, date(2025, 9, 30)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),
    (date(2020, 8, 31), 60, date(2025, 8, 31)),
    (date(2021, 1, 31), 60, date(2026, 1, 31)),
    (date(2025, 1, 1), -13, date(2023, 12, 1)),
])
def test_add_months_clamps_to_the_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_is_not_reversible_at_month_ends() -> None:
    assert add_months(add_months(date(2025, 1, 31), 1), -1) == date(2025, 1, 28)


def test_months_between_counts_whole_months() -> None:
    assert months_between(date(2025, 1, 31), date(2025, 2, 27)) == 0
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert months_between(date(2020, 8, 31), date(2025, 8, 30)) == 59
    assert months_between(date(2020, 8, 31), date(2025, 8, 31)) == 60


# ----------------------------------------------------------- the format


def _rule(**over: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": "r1", "kind": "post-requirements", "title": "t",
        "regulation": "Nghị định 29/2024/NĐ-CP", "in_force_from": date(2024, 5, 1),
        "severity": "error",
        "parameters": {"standards": [{"categories": ["division-head"],
                                      "political_theory": "intermediate"}]},
    }
    rule.update(over)
    return rule


def test_every_problem_of_a_rule_set_is_reported_with_its_place() -> None:
    data = {"version": "1", "title": "t", "rules": [
        _rule(),
        _rule(id="r1", severity="fatal"),
        _rule(id="r3", kind="post-requirement"),
        _rule(id="r4", parameters={"standards": [{"categories": ["x"],
                                                   "political_theory": "high"}]}),
        _rule(id="r5", in_force_until=date(2020, 1, 1)),
        _rule(id="r6", parameters={"grace": 3}),
        _rule(id="r7", kind="admission-party-awareness", parameters={"max_age_months": "60"}),
    ]}
    with pytest.raises(RuleSetError) as info:
        parse_rule_set(data, source="mine.toml")
    places = {(p.path, p.source) for p in info.value.problems}
    paths = {p for p, _ in places}
    assert ("rules[1].severity", "mine.toml") in places
    assert "rules[2].kind" in paths
    assert "rules[3].parameters" in paths
    assert "rules[4].in_force_until" in paths
    assert "rules[5].parameters.grace" in paths
    assert "rules[6].parameters.max_age_months" in paths
    text = str(info.value)
    assert "post-requirements" in text  # the unknown kind lists the known ones
    assert "high" in text


def test_duplicate_rule_ids_are_refused() -> None:
    with pytest.raises(RuleSetError) as info:
        parse_rule_set({"version": "1", "title": "t", "rules": [_rule(), _rule()]})
    assert [p.path for p in info.value.problems] == ["rules[1].id"]


def test_rules_in_force_on_a_date() -> None:
    rs = parse_rule_set({"version": "1", "title": "t", "rules": [
        _rule(id="old", in_force_from=date(2013, 2, 1), in_force_until=date(2024, 5, 9)),
        _rule(id="new", in_force_from=date(2024, 5, 10)),
    ]})
    assert [r.id for r in rs.in_force(date(2024, 5, 9))] == ["old"]
    assert [r.id for r in rs.in_force(date(2024, 5, 10))] == ["new"]
    assert rs.in_force(date(2013, 1, 31)) == ()


def test_default_rule_set_marks_what_is_unconfirmed() -> None:
    rs = default_rule_set()
    assert rs.version
    unconfirmed = [r for r in rs.rules if r.needs_confirmation]
    assert unconfirmed and all(r.note for r in unconfirmed)


# ----------------------------------------------------------- post requirements

POST = Post(id="tp", title="Trưởng phòng", organization="o", category="division-head")


def _person(*quals: Qualification, start: date = date(2025, 1, 1)) -> Person:
    return Person(id="p", full_name="Nguyễn Văn An", organization="o",
                  posts=(PostHolding(post="tp", start=start),), qualifications=quals)


def _pt(level: str, issued: date = date(2010, 1, 1), expires: date | None = None,
        qid: str = "q") -> Qualification:
    return Qualification(id=qid, kind=QualificationKind.POLITICAL_THEORY, level=level,
                         issued=issued, issuer="Trường", expires=expires)


def test_meets_requirements_gives_every_reason() -> None:
    yes = meets_requirements(_person(_pt("advanced")), POST, date(2026, 1, 1))
    assert yes.ok and [r.met for r in yes.reasons] == [True]
    assert yes.reasons[0].evidence[0].ref == "q"
    no = meets_requirements(_person(_pt("elementary")), POST, date(2026, 1, 1))
    assert not no.ok
    assert no.reasons[0].requirement.level == "intermediate"
    assert no.reasons[0].rule_id == "nd29-llct-trung-cap"


def test_an_expired_qualification_never_satisfies() -> None:
    expired = _pt("advanced", expires=date(2025, 12, 31))
    assert meets_requirements(_person(expired), POST, date(2025, 12, 31)).ok
    assert not meets_requirements(_person(expired), POST, date(2026, 1, 1)).ok


def test_a_direct_post_requirement_is_checked() -> None:
    requirement = Requirement(kind=QualificationKind.STATE_MANAGEMENT, level="specialist")
    post = attrs.evolve(POST, category=None, requirements=(requirement,))
    decision = meets_requirements(_person(_pt("advanced")), post, date(2026, 1, 1))
    assert not decision.ok
    assert [r.requirement for r in decision.reasons] == [requirement]


def _grace_rules(months: int) -> Any:
    return parse_rule_set({"version": "g1", "title": "t", "rules": [
        _rule(parameters={"grace_months": months, "standards": [
            {"categories": ["division-head"], "political_theory": "intermediate"}]})]})


def test_a_grace_period_runs_from_the_appointment() -> None:
    person = _person(start=date(2025, 1, 31))
    ds = Dataset(people=(person,), posts=(POST,))
    rules = _grace_rules(12)
    during = check(ds, date(2026, 1, 31), rules).findings
    after = check(ds, date(2026, 2, 1), rules).findings
    assert [f.severity for f in during] == [Severity.WARNING]
    assert "2026" in during[0].message_en and "grace period runs" in during[0].message_en
    assert [f.severity for f in after] == [Severity.ERROR]
    assert "grace period ended" in after[0].message_en
    assert after[0].ruleset_version == "g1"


def test_owed_since_the_day_after_a_qualification_lapsed() -> None:
    person = _person(_pt("advanced", expires=date(2025, 6, 30)), start=date(2024, 1, 1))
    ds = Dataset(people=(person,), posts=(POST,))
    (finding,) = check(ds, date(2026, 1, 1), _grace_rules(0)).findings
    assert "July 1, 2025" in finding.message_en
    assert {e.kind for e in finding.evidence} == {"post", "qualification"}


# ----------------------------------------------------------- certificate status


def test_certificate_status_on_each_side_of_the_windows() -> None:
    q = Qualification(id="c", kind=QualificationKind.COURSE_CERTIFICATE,
                      course_type="doi-tuong-ket-nap", issued=date(2021, 1, 31), issuer="x")
    expires = date(2026, 1, 31)
    windows = (90, 60, 30)
    assert certificate_status(None, date(2026, 1, 1), None).status is Status.MISSING
    assert certificate_status(q, date(2021, 1, 30), expires).status is Status.MISSING
    assert certificate_status(q, expires - timedelta(days=91), expires, windows).status \
        is Status.VALID
    soon = certificate_status(q, expires - timedelta(days=90), expires, windows)
    assert (soon.status, soon.window) == (Status.EXPIRING_SOON, 90)
    assert certificate_status(q, expires - timedelta(days=30), expires, windows).window == 30
    assert certificate_status(q, expires - timedelta(days=31), expires, windows).window == 60
    assert certificate_status(q, expires, expires, windows).status is Status.EXPIRING_SOON
    assert certificate_status(q, expires + timedelta(days=1), expires).status is Status.EXPIRED


def test_a_certificate_expiring_in_one_day_says_one_day() -> None:
    # The expiring-soon finding counts the days left; English says "1 day left".
    rules = parse_rule_set({"version": "e1", "title": "t", "rules": [{
        "id": "e", "kind": "certificate-expiry", "title": "t", "regulation": "r",
        "in_force_from": date(2000, 1, 1), "severity": "warning",
        "parameters": {"windows_days": [90, 30]}}]})
    q = Qualification(id="c", kind=QualificationKind.COURSE_CERTIFICATE,
                      course_type="boi-duong-chuyen-de", issued=date(2021, 1, 31), issuer="x",
                      expires=date(2026, 1, 31))
    ds = Dataset(people=(Person(id="p", full_name="Nguyễn Văn An", organization="o",
                                qualifications=(q,)),))
    for on, words, vi_words in ((date(2026, 1, 30), "(1 day left, within the 30-day window)",
                                 "(còn 1 ngày, trong ngưỡng 30 ngày)"),
                                (date(2026, 1, 29), "(2 days left, within the 30-day window)",
                                 "(còn 2 ngày, trong ngưỡng 30 ngày)")):
        (finding,) = check(ds, on, rules).findings
        assert words in finding.message_en
        assert vi_words in finding.message_vi


# ----------------------------------------------------------- pass policy


def test_the_pass_policy_names_every_failing_threshold() -> None:
    policy = PassParameters(min_attendance=Decimal("0.8"), min_essay_grade=Decimal(5),
                            passing_classifications=(Classification.GOOD,))
    ok, reasons = passes(Result(attendance=Decimal("0.8"), essay_grade=Decimal(5),
                                classification=Classification.GOOD), policy)
    assert ok and reasons == []
    ok, reasons = passes(Result(attendance=Decimal("0.79"), essay_grade=Decimal(4),
                                classification=Classification.AVERAGE), policy)
    assert not ok and len(reasons) == 3
    # a classification without an essay grade is judged by the classification
    ok, reasons = passes(Result(attendance=Decimal("0.9"), essay_grade=None,
                                classification=Classification.GOOD), policy)
    assert ok and reasons == []
    ok, reasons = passes(Result(attendance=Decimal("0.9"), essay_grade=None,
                                classification=Classification.AVERAGE), policy)
    assert reasons == ["classified average"]
    ok, reasons = passes(Result(attendance=Decimal("0.9")), policy)
    assert not ok and len(reasons) == 2  # no grade and no classification: both named


def test_pass_reasons_are_vietnamese_and_never_say_none() -> None:
    from cadretrain.rules import pass_failures
    policy = PassParameters(min_attendance=Decimal("0.8"), min_essay_grade=Decimal(5),
                            passing_classifications=(Classification.OUTSTANDING,
                                                     Classification.GOOD))
    failures = pass_failures(Result(attendance=Decimal("0.7"), essay_grade=Decimal("4.5"),
                                    classification=Classification.FAIL), policy)
    assert [v for v, _ in failures] == ["chuyên cần 70%, dưới 80%",
                                        "điểm bài thu hoạch 4,5, dưới 5",
                                        "xếp loại không đạt"]
    empty = pass_failures(Result(), policy)
    texts = " ".join(v + " " + e for v, e in empty)
    assert "None" not in texts and "chưa có tỷ lệ chuyên cần" in texts
    assert passes(Result(attendance=Decimal(1), essay_grade=Decimal(9),
                         classification=Classification.OUTSTANDING), policy) == (True, [])


def test_proposed_certificates_follow_the_policy_and_grants() -> None:
    from cadretrain.readers.plain import from_dict
    from cadretrain.rules import proposed_certificates
    data = {"schema_version": 1, "organizations": [
        {"id": "tt", "name": "Trung tâm", "kind": "training-centre"}],
        "people": [{"id": "a", "full_name": "A", "organization": "tt"},
                   {"id": "b", "full_name": "B", "organization": "tt"}],
        "classes": [{"id": "k1", "course_type": "llct-so-cap", "start": "2025-01-01",
                     "end": "2025-03-01", "host": "tt", "enrollments": [
                         {"person": "a", "sending_organization": "tt",
                          "result": {"attendance": 0.9, "certificate_number": "S1"}},
                         {"person": "b", "sending_organization": "tt",
                          "result": {"attendance": 0.5}}]}]}
    ds = from_dict(data).dataset
    proposed = proposed_certificates(ds, PassParameters(min_attendance=Decimal("0.8")),
                                     date(2025, 6, 1))
    assert [(p, q.kind, q.level, q.number, q.issued) for p, q in proposed] == [
        ("a", QualificationKind.POLITICAL_THEORY, "elementary", "S1", date(2025, 3, 1))]


# ----------------------------------------------------------- the command

DATASET = """schema_version = 1
[[organizations]]
id = "bo"
name = "Bộ Mẫu"
kind = "agency"
body = "state-administrative"
[[posts]]
id = "tp"
title = "Vụ trưởng"
organization = "bo"
category = "department-director"
placement = "ministry"
[[people]]
id = "an"
full_name = "Nguyễn Văn An"
organization = "bo"
posts = [{ post = "tp", start = 2025-01-01 }]
[[people.qualifications]]
id = "q"
kind = "political-theory"
level = "LEVEL"
issued = 2010-01-01
issuer = "Trường"
"""


def _write(tmp_path: Path, level: str) -> str:
    path = tmp_path / "ds.toml"
    path.write_text(DATASET.replace("LEVEL", level), "utf-8")
    return str(path)


def test_check_exits_1_on_an_error_finding(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "elementary")
    assert main(["check", path, "--on", "2025-06-01", "--lang", "vi"]) == 1
    out = capsys.readouterr().out
    assert "Bộ Mẫu (bo)" in out and "nd29-llct" in out and "Nghị định 29/2024/NĐ-CP" in out
    assert default_rule_set().version in out
    assert "chức vụ tp (từ ngày 01/01/2025" in out and "lý luận chính trị" in out
    # the trace a reader follows: article and quoted sentence, with where it was read
    assert "căn cứ: Nghị định 29/2024/NĐ-CP, tiêu chuẩn về lý luận chính trị" in out
    assert "“Có bằng tốt nghiệp cử nhân chính trị hoặc cao cấp lý luận chính trị" in out
    assert "(nguồn thứ cấp: https://vietnammedia.vnanet.vn/" in out


def test_check_exits_0_without_an_error_and_speaks_english(tmp_path: Path,
                                                          capsys: Any) -> None:
    path = _write(tmp_path, "advanced")
    assert main(["check", path, "--on", "2025-06-01", "--english"]) == 0
    out = capsys.readouterr().out
    assert "Rule set" in out and "0 at error level" in out


def test_check_json_is_stamped(tmp_path: Path, capsys: Any) -> None:
    from cadretrain import __version__
    path = _write(tmp_path, "elementary")
    assert main(["check", path, "--on", "2025-06-01", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["library_version"] == __version__
    assert data["ruleset_version"] == default_rule_set().version
    assert [f["rule"] for f in data["findings"] if f["severity"] == "error"] == ["nd29-llct"]
    assert data["findings"][0]["evidence"][0]["ref"] == "tp"
    basis = data["findings"][0]["basis"]
    assert basis[0]["document"] == "Nghị định 29/2024/NĐ-CP" and basis[0]["official"] is False
    assert basis[0]["quote"].startswith("Có bằng tốt nghiệp cử nhân chính trị")


def test_check_with_a_bad_rules_file_exits_2_naming_places(tmp_path: Path,
                                                            capsys: Any) -> None:
    path = _write(tmp_path, "elementary")
    rules = tmp_path / "rules.toml"
    rules.write_text('version = "x"\ntitle = "t"\n[[rules]]\nid = "a"\nkind = "nope"\n', "utf-8")
    assert main(["check", path, "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}: rules[0].kind" in err and "rules[0].title" in err
    rules.write_text("version = ", "utf-8")
    assert main(["check", path, "--rules", str(rules)]) == 2
    assert main(["check", path, "--rules", str(tmp_path / "missing.toml")]) == 2


def test_check_with_an_own_rules_file(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "elementary")
    rules = tmp_path / "rules.toml"
    rules.write_text("""version = "mine-3"
title = "own"
[[rules]]
id = "own"
kind = "post-requirements"
title = "t"
regulation = "Quy định 01-QĐ/ĐU, 01/01/2025"
in_force_from = 2025-01-01
severity = "warning"
[[rules.basis]]
document = "Quy định 01-QĐ/ĐU"
issued = 2025-01-01
article = "Điều 2"
quote = "Vụ trưởng phải có trình độ trung cấp lý luận chính trị trở lên."
source = "Sổ tay công tác đảng của Đảng ủy, trang 12"
official = true
[[rules.parameters.standards]]
categories = ["department-director"]
political_theory = "intermediate"
""", "utf-8")
    assert main(["check", path, "--on", "2025-06-01", "--rules", str(rules), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ruleset_version"] == "mine-3"
    assert [f["severity"] for f in data["findings"]] == ["warning"]
    assert data["findings"][0]["basis"][0]["article"] == "Điều 2"
    assert data["findings"][0]["basis"][0]["official"] is True
    assert load_rule_set(rules).rules[0].regulation == "Quy định 01-QĐ/ĐU, 01/01/2025"


def test_check_with_an_unreadable_dataset_exits_2(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "none.toml")]) == 2


# ----------------------------------------------------------- validity periods


def _validity(counts_from: str, **extra: Any) -> Any:
    return parse_rule_set({"version": "v", "title": "t", "rules": [{
        "id": "v", "kind": "certificate-validity", "title": "t", "regulation": "r",
        "in_force_from": date(2000, 1, 1), "severity": "info",
        "parameters": {"course_types": ["nghiep-vu-cong-tac-dang"], "months": 12,
                       "counts_from": counts_from, **extra}}]})


def test_validity_counts_from_the_issue_date_the_class_end_or_a_fixed_date() -> None:
    from cadretrain.model import ClassRecord
    from cadretrain.rules import effective_expiry
    q = Qualification(id="c", kind=QualificationKind.COURSE_CERTIFICATE,
                      course_type="nghiep-vu-cong-tac-dang", issued=date(2024, 3, 10),
                      issuer="x", class_id="k")
    klass = ClassRecord(id="k", course_type="nghiep-vu-cong-tac-dang", start=date(2024, 1, 2),
                        end=date(2024, 1, 31), host="h")
    on = date(2024, 6, 1)
    assert effective_expiry(q, _validity("issued"), on, {}) == date(2025, 3, 10)
    assert effective_expiry(q, _validity("class-end"), on, {"k": klass}) == date(2025, 1, 31)
    fixed = _validity("fixed-date", fixed_month=12, fixed_day=31)
    assert effective_expiry(q, fixed, on, {}) == date(2025, 12, 31)
    feb = _validity("fixed-date", fixed_month=2, fixed_day=29)
    assert effective_expiry(attrs.evolve(q, issued=date(2025, 1, 5)), feb, on, {}) \
        == date(2026, 2, 28)
    # a recorded expiry date wins over any rule
    assert effective_expiry(attrs.evolve(q, expires=date(2024, 12, 1)), fixed, on, {}) \
        == date(2024, 12, 1)


def test_a_fixed_date_validity_needs_its_month_and_day() -> None:
    with pytest.raises(RuleSetError) as info:
        _validity("fixed-date", fixed_month=13)
    assert [p.path for p in info.value.problems] == ["rules[0].parameters"]
    with pytest.raises(RuleSetError) as info:
        _validity("yearly")
    assert info.value.problems[0].path == "rules[0].parameters.counts_from"


def test_check_as_of_a_past_date_ignores_later_records(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "advanced")
    text = Path(path).read_text("utf-8").replace("issued = 2010-01-01", "issued = 2025-03-01")
    Path(path).write_text(text, "utf-8")
    # on 1 February 2025 the advanced level was not yet obtained: owed, exit 1
    assert main(["check", path, "--on", "2025-02-01", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert finding["rule"] == "nd29-llct"
    assert [e["kind"] for e in finding["evidence"]] == ["post"]  # the later record is no evidence
    assert main(["check", path, "--on", "2025-06-01"]) == 0


def test_a_findings_words_come_from_the_message_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every finding's Vietnamese text is the catalog's translation of English
    # messages: swap the Vietnamese catalog for one that marks each message and
    # every finding (and every reason of meets_requirements) carries the marks.
    import gettext

    import cadretrain
    from cadretrain import i18n
    from cadretrain.rules import check
    from cadretrain.rules.check import meets_requirements

    class Marked(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "«" + message + "»"

        def pgettext(self, context: str, message: str) -> str:
            return "«" + message + "»"

    sample = Path(__file__).resolve().parents[1] / "examples" / "co-quan-mau" / "dataset.json"
    dataset = cadretrain.read(sample).dataset
    on = date(2025, 12, 31)
    real = check(dataset, on)
    assert len({f.rule_id for f in real.findings}) >= 4
    monkeypatch.setattr(i18n, "_translations", lambda lang: (
        Marked() if lang == "vi" else gettext.NullTranslations()))
    marked = check(dataset, on)
    assert [f.message_en for f in marked.findings] == [f.message_en for f in real.findings]
    for f in marked.findings:
        assert f.message_vi.startswith("«") and f.message_vi.endswith("»"), f.message_vi
        assert f"«rule {f.rule_id}, " in f.trace(english=False)
        with i18n.language("vi"):
            assert f.message() == f.message_vi
        with i18n.language("en"):
            assert f.message() == f.message_en
    # Every post (so every kind of requirement) against every 30th person: all
    # 300 x 127 pairs took minutes of CI for the same kinds of reasons.
    reasons = [r for person in dataset.people[::30] for post in dataset.posts
               for r in meets_requirements(person, post, on, dataset).reasons]
    assert reasons
    for reason in reasons:
        assert reason.message_vi.startswith("«"), reason.message_vi


def test_evidence_reads_in_the_current_language() -> None:
    # The evidence stays data (English names, ISO dates: the JSON export's);
    # its text follows the language, as every line of `cadretrain check` does.
    from cadretrain import i18n
    from cadretrain.rules import Evidence

    q = Evidence(kind="qualification", ref="cqm-0239-q1", facts=(
        ("kind", "political-theory"), ("level", "elementary"), ("issued", "2000-06-07"),
        ("issuer", "Trung tâm Bồi dưỡng")))
    result = Evidence(kind="class-result", ref="lop-1", facts=(
        ("attendance", "0.75"), ("essay_grade", "6.5"), ("classification", "good"),
        ("certificate_issued", "true")))
    status = Evidence(kind="party-status", ref="probationary", facts=(
        ("since", "2020-01-02"), ("missing", "ceremony")))
    with i18n.language("vi"):
        assert str(q) == ("văn bằng cqm-0239-q1 (loại lý luận chính trị, trình độ sơ cấp, "
                          "ngày cấp 07/06/2000, nơi cấp Trung tâm Bồi dưỡng)")
        assert str(result) == ("kết quả học tập lớp lop-1 (chuyên cần 75%, điểm bài thu hoạch "
                               "6,5, xếp loại khá, đã cấp giấy chứng nhận có)")
        assert str(status) == ("tình trạng đảng viên đảng viên dự bị (từ ngày 02/01/2020, "
                               "không ghi ngày lễ kết nạp)")
    with i18n.language("en"):
        assert str(q) == ("qualification cqm-0239-q1 (kind political-theory, level elementary, "
                          "issued 2000-06-07, issuer Trung tâm Bồi dưỡng)")
        assert str(result) == ("class result lop-1 (attendance 75%, essay grade 6.5, "
                               "classification good, certificate issued yes)")
    assert q.to_data()["facts"]["issued"] == "2000-06-07"  # the data is unchanged
