"""Golden cases kept as data beside the default rules (rules/golden/<kind module>/*.toml),
run the way OpenFisca runs the YAML tests beside its formulas."""

from __future__ import annotations

import re
import sys
from collections import Counter
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cadretrain.readers.plain import from_dict
from cadretrain.rules import check, default_rule_set
from cadretrain.rules.kinds import KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GOLDEN = Path(str(resources.files("cadretrain.rules").joinpath("golden")))


def _files() -> list[Path]:
    return sorted(GOLDEN.glob("*/*.toml"))


def _cases() -> list[Any]:
    out = []
    for path in _files():
        data = tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
        for index, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{path.stem}[{index}]"))
    return out


def test_every_default_rule_has_golden_cases() -> None:
    covered = {path.stem for path in _files()}
    assert {rule.id for rule in default_rule_set().rules} <= covered


def test_golden_cases_sit_beside_the_module_of_their_rule_kind() -> None:
    # rules/golden/<module>/<rule id>.toml, <module> being rules/<module>.py, the
    # module that evaluates the rule's kind: a kind's code and its cases side by side.
    kinds = {rule.id: rule.kind for rule in default_rule_set().rules}
    rules_dir = GOLDEN.parent
    assert not list(GOLDEN.glob("*.toml")), "golden cases outside a kind's folder"
    for path in _files():
        data = tomllib.loads(path.read_text("utf-8"))
        module = KINDS[kinds[data["rule"]]].evaluate.__module__
        assert module == f"cadretrain.rules.{path.parent.name}", (path, module)
        assert (rules_dir / f"{path.parent.name}.py").is_file(), path


#: Default rules that rest on no regulation (a mechanism or the unit's own
#: policy); every other default rule cites the text it rests on.
NO_REGULATION = {"yeu-cau-rieng-cua-chuc-vu", "het-han-giay-chung-nhan",
                 "chinh-sach-dat-lop-boi-duong"}


def test_every_default_rule_carries_its_basis() -> None:
    for rule in default_rule_set().rules:
        if rule.id in NO_REGULATION:
            assert not rule.basis and rule.note, rule.id
            continue
        assert rule.basis, rule.id
        for c in rule.basis:
            assert c.document and c.article and c.quote and c.source, rule.id


def _golden_data() -> list[tuple[str, dict[str, Any]]]:
    return [(path.stem, tomllib.loads(path.read_text("utf-8"), parse_float=Decimal))
            for path in _files()]


def test_each_version_boundary_has_a_case_the_day_before_and_the_day_of() -> None:
    """A rule that starts after another of its kind ended (a new version):
    its golden file has a case on its first day, and the previous version's
    file a case on that one's last day."""
    rules = default_rule_set().rules
    days: dict[str, set[Any]] = {}
    for stem, data in _golden_data():
        for case in data["cases"]:
            days.setdefault(stem, set()).update(case.get("event_days", []))
    for rule in rules:
        for before in rules:
            if before.kind == rule.kind and before.in_force_until is not None and \
                    (rule.in_force_from - before.in_force_until).days == 1:
                assert rule.in_force_from in days.get(rule.id, set()), rule.id
                assert before.in_force_until in days.get(before.id, set()), before.id


def _unpad(text: str) -> str:
    return re.sub(r"tháng 0(\d)", r"tháng \1", text)


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_golden_case(rule_id: str, case: dict[str, Any]) -> None:
    on = case["on"]
    dataset = from_dict({"schema_version": 1, **case["dataset"]}, on=on).dataset
    result = check(dataset, on)
    mine = [f for f in result.findings if f.rule_id == rule_id]
    got = Counter((f.person, f.severity.value) for f in mine)
    expected = Counter((e["person"], e["severity"]) for e in case["expected"])
    assert got == expected, case["name"]
    # `says`: words the finding's Vietnamese message must hold (a deadline, the
    # date a rule lacked); `cites`: the article its basis must name
    for e in case["expected"]:
        theirs = [f for f in mine if (f.person, f.severity.value) == (e["person"], e["severity"])]
        if "says" in e:  # month numbers compared without a leading zero
            says = _unpad(e["says"])
            assert any(says in _unpad(f.message_vi) for f in theirs), (
                case["name"], e["says"], [f.message_vi for f in theirs])
        if "due" in e:  # the deadline the finding measured against, as evidence
            dues = [dict(ev.facts).get("due") for f in theirs for ev in f.evidence
                    if ev.kind == "deadline"]
            assert e["due"].isoformat() in dues, (case["name"], e["due"], dues)
        if "cites" in e:
            assert any(e["cites"] in f.article for f in theirs), (case["name"], e["cites"])
    for finding in result.findings:
        assert finding.evidence
        assert finding.ruleset_version == result.ruleset_version


def test_vietnamese_messages_hold_no_english_words_and_no_none() -> None:
    """Every Vietnamese message the golden cases produce: no "None", no
    English words of the English messages (dates, ids and quotes aside)."""
    english_words = {"the", "attendance", "grade", "classified", "none", "below",
                     "passes", "certificate", "admitted", "deadline", "probation"}
    for rule_id, case in _cases_plain():
        dataset = from_dict({"schema_version": 1, **case["dataset"]}, on=case["on"]).dataset
        for f in check(dataset, case["on"]).findings:
            assert "None" not in f.message_vi and "None" not in f.message_en, f.message_vi
            words = set(re.findall(r"[a-z]+", f.message_vi.split("“")[0].lower()))
            assert not words & english_words, (rule_id, f.message_vi)


def _cases_plain() -> list[tuple[str, dict[str, Any]]]:
    return [(data["rule"], case) for _, data in _golden_data() for case in data["cases"]]
