"""Golden cases kept as data beside the default rules (src/cadretrain/rules/golden/*.toml),
run the way OpenFisca runs the YAML tests beside its formulas."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cadretrain.dataset import from_dict
from cadretrain.rules import check, default_rule_set

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GOLDEN = Path(str(resources.files("cadretrain.rules").joinpath("golden")))


def _files() -> list[Path]:
    return sorted(GOLDEN.glob("*.toml"))


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


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_golden_case(rule_id: str, case: dict[str, Any]) -> None:
    on = case["on"]
    dataset = from_dict({"schema_version": 1, **case["dataset"]}, on=on).dataset
    result = check(dataset, on)
    got = Counter((f.person, f.severity.value) for f in result.findings if f.rule_id == rule_id)
    expected = Counter((e["person"], e["severity"]) for e in case["expected"])
    assert got == expected, case["name"]
    for finding in result.findings:
        assert finding.evidence
        assert finding.ruleset_version == result.ruleset_version
