"""Working days on the Vietnamese calendar, the user's own days off, and a
rule set of one's own wherever findings are computed (check, report, export)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.cli import main
from cadretrain.exporters.json import load_export
from cadretrain.pack import build_pack
from cadretrain.readers.plain import from_dict
from cadretrain.rules import (
    WorkingCalendar,
    check,
    default_rule_set,
    load_rule_set,
    parse_rule_set,
    public_holidays,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def test_tet_and_the_public_holidays_are_not_working_days() -> None:
    calendar = WorkingCalendar()
    tet_2026 = [date(2026, 2, d) for d in range(16, 21)]  # Monday to Friday
    assert all(day in public_holidays(2026) for day in tet_2026)
    assert not any(calendar.is_working_day(day) for day in tet_2026)
    assert calendar.is_working_day(date(2026, 2, 23))
    assert not calendar.is_working_day(date(2025, 9, 2))  # National Day
    assert not calendar.is_working_day(date(2026, 3, 7))  # a Saturday
    # 26/4/2025 was a Saturday worked in exchange for 2/5/2025
    assert calendar.is_working_day(date(2025, 4, 26))
    assert not calendar.is_working_day(date(2025, 5, 2))
    assert "Tết" in public_holidays(2026)[date(2026, 2, 17)]


def test_thirty_working_days_across_tet() -> None:
    calendar = WorkingCalendar()
    assert calendar.add_working_days(date(2026, 1, 20), 30) == date(2026, 3, 10)
    # weekdays alone would give 3/3/2026: Tết's five days off move it a week
    assert calendar.working_days_between(date(2026, 1, 20), date(2026, 3, 10)) == 30
    assert calendar.add_working_days(date(2026, 1, 20), 0) == date(2026, 1, 20)


def test_the_users_days_off_and_exchanged_working_days_count() -> None:
    base = WorkingCalendar()
    off = WorkingCalendar(days_off=[date(2026, 3, 9)])
    worked = WorkingCalendar(working_days=[date(2026, 3, 7)])
    assert off.add_working_days(date(2026, 1, 20), 30) == date(2026, 3, 11)
    assert worked.add_working_days(date(2026, 1, 20), 30) == date(2026, 3, 9)
    assert base.add_working_days(date(2026, 1, 20), 30) == date(2026, 3, 10)


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2015, 1, 1), date(2030, 12, 31)), st.integers(1, 90))
def test_a_deadline_is_a_working_day_that_many_working_days_later(start: date, n: int) -> None:
    calendar = WorkingCalendar()
    due = calendar.add_working_days(start, n)
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == n
    assert calendar.working_days_between(start, due - timedelta(days=1)) == n - 1
    assert calendar.add_working_days(start, n + 1) > due


CEREMONY_CASE = {
    "schema_version": 1,
    "organizations": [{"id": "cb", "name": "Chi bộ", "kind": "branch"}],
    "people": [{"id": "an", "full_name": "Nguyễn Văn An", "organization": "cb",
                "party_status": [{"status": "probationary", "since": "2026-03-11",
                                  "decision": "2026-01-20", "ceremony": "2026-03-11"}]}],
}


def _with_calendar(days_off: list[str]) -> Any:
    text = (Path(str(ROOT / "src" / "cadretrain" / "rules" / "default.toml"))
            .read_text("utf-8").replace("days_off = []", f"days_off = [{', '.join(days_off)}]"))
    from decimal import Decimal

    from cadretrain.rules.ruleset import tomllib

    return parse_rule_set(tomllib.loads(text, parse_float=Decimal))


def test_a_day_off_in_the_rule_set_moves_the_ceremony_deadline() -> None:
    dataset = from_dict(CEREMONY_CASE).dataset
    on = date(2026, 6, 1)

    def late(rules: Any) -> list[str]:
        return [f.person for f in check(dataset, on, rules).findings
                if f.rule_id == "qd294-thoi-han-ket-nap"]

    # the 31st working day after the decision: late by the public calendar...
    assert late(default_rule_set()) == ["an"]
    # ...in time when the committee had a day off of its own on 21/1/2026
    with_day_off = _with_calendar(["2026-01-21"])
    assert with_day_off.calendar.days_off == (date(2026, 1, 21),)
    assert late(with_day_off) == []


def test_a_bad_calendar_is_reported_with_its_place(tmp_path: Path) -> None:
    from cadretrain.rules import RuleSetError

    path = tmp_path / "r.toml"
    path.write_text('version = "x"\ntitle = "t"\nrules = []\n[calendar]\n'
                    'days_off = ["not a date"]\n', "utf-8")
    try:
        load_rule_set(path)
    except RuleSetError as exc:
        assert any(p.path.startswith("calendar.days_off") for p in exc.problems), exc.problems
    else:  # pragma: no cover
        raise AssertionError("accepted a bad calendar")


OWN_RULES = """version = "mine-7"
title = "own rules"
[[rules]]
id = "own-vu-truong"
kind = "post-requirements"
title = "Vụ trưởng: bachelor"
regulation = "Quy định 01-QĐ/ĐU, 01/01/2025"
in_force_from = 2020-01-01
severity = "error"
[[rules.basis]]
document = "Quy định 01-QĐ/ĐU"
issued = 2025-01-01
article = "Điều 3"
quote = "Vụ trưởng phải có bằng cử nhân chính trị."
source = "Sổ tay của Đảng ủy"
official = true
[[rules.parameters.standards]]
categories = ["department-director"]
political_theory = "bachelor"
"""


def _own_rules(tmp_path: Path) -> Path:
    path = tmp_path / "own.toml"
    path.write_text(OWN_RULES, "utf-8")
    return path


def test_build_pack_and_the_report_command_take_a_rule_set(tmp_path: Path,
                                                            capsys: Any) -> None:
    from cadretrain import load

    rules = load_rule_set(_own_rules(tmp_path))
    pack = build_pack(load(SAMPLE), year=2025, rules=rules)
    assert pack.findings.ruleset_version == "mine-7"
    assert {f.rule_id for f in pack.findings.findings} == {"own-vu-truong"}
    data = json.loads(next(f.content for f in pack.files if f.name == "data.json"))
    assert data["ruleset_version"] == "mine-7"
    assert data["findings"]["findings"][0]["basis"][0]["article"] == "Điều 3"

    out = tmp_path / "out"
    assert main(["report", str(SAMPLE), "-o", str(out), "--year", "2025",
                 "--rules", str(_own_rules(tmp_path))]) == 0
    assert "mine-7" in capsys.readouterr().out
    export = load_export(json.loads((out / "data.json").read_text("utf-8")))
    assert export.findings is not None and export.findings.ruleset_version == "mine-7"
    assert export.findings.findings[0].basis[0].quote == "Vụ trưởng phải có bằng cử nhân chính trị."


def test_the_export_command_takes_a_rule_set(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    assert main(["export", str(SAMPLE), "--to", "json", "-o", str(target), "--year", "2025",
                 "--rules", str(_own_rules(tmp_path))]) == 0
    data = json.loads(target.read_text("utf-8"))
    assert data["ruleset_version"] == "mine-7"
    assert {f["rule"] for f in data["findings"]["findings"]} == {"own-vu-truong"}


def test_a_bad_rules_file_stops_report_and_export_with_status_2(tmp_path: Path,
                                                                capsys: Any) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\ntitle = "t"\n[[rules]]\nid = "a"\nkind = "nope"\n', "utf-8")
    out = tmp_path / "out"
    assert main(["report", str(SAMPLE), "-o", str(out), "--rules", str(bad)]) == 2
    assert main(["export", str(SAMPLE), "--to", "json", "-o", str(tmp_path / "x.json"),
                 "--rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: rules[0].kind" in err
    assert not out.exists() and not (tmp_path / "x.json").exists()


def test_party_age_counts_from_the_admission_decision() -> None:
    from cadretrain.model import PartyStatus, PartyStatusChange, Person
    from cadretrain.rules import party_age_start

    admitted = PartyStatusChange(status=PartyStatus.PROBATIONARY, since=date(2024, 9, 15),
                                 decision=date(2024, 8, 25), ceremony=date(2024, 9, 15))
    full = PartyStatusChange(status=PartyStatus.FULL, since=date(2025, 9, 15))
    person = Person(id="x", full_name="X", organization="cb", party_status=(admitted, full))
    assert party_age_start(person) == (date(2024, 8, 25), None)
    old_file = Person(id="y", full_name="Y", organization="cb", party_status=(
        PartyStatusChange(status=PartyStatus.PROBATIONARY, since=date(2024, 9, 15)),))
    assert party_age_start(old_file) == (date(2024, 9, 15), "decision")
    assert party_age_start(Person(id="z", full_name="Z", organization="cb")) is None


def test_meets_requirements_does_not_say_yes_when_the_placement_decides() -> None:
    from cadretrain.model import (
        Organization,
        OrganizationKind,
        Person,
        Post,
        PostHolding,
        PostPlacement,
    )
    from cadretrain.rules import meets_requirements

    org = Organization(id="bo", name="Bộ", kind=OrganizationKind.AGENCY)
    post = Post(id="pvt", title="Phó Vụ trưởng", organization="bo",
                category="department-deputy-director")
    person = Person(id="a", full_name="A", organization="bo",
                    posts=(PostHolding(post="pvt", start=date(2024, 6, 1)),))
    decision = meets_requirements(person, post, date(2025, 6, 1))
    unknown = [r for r in decision.reasons if r.rule_id == "nd29-llct"]
    assert not decision.ok and unknown and not unknown[0].met
    assert "vị trí" in unknown[0].message_vi and "where the post sits" in unknown[0].message_en
    placed = Post(id="pvt", title="Phó Vụ trưởng", organization="bo",
                  category="department-deputy-director", placement=PostPlacement.MINISTRY)
    known = [r for r in meets_requirements(person, placed, date(2025, 6, 1)).reasons
             if r.rule_id == "nd29-llct"]
    assert [r.requirement.level for r in known] == ["advanced"] and not known[0].met
    del org
