"""``cadretrain summary``: grouped classes counted once, Vietnamese number format."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.numbers import format_decimal

import cadretrain
from cadretrain.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _totals() -> tuple[int, int]:
    ds = cadretrain.load(SEED)
    ungrouped = [c for c in ds.classes if c.group is None]
    classes = len(ungrouped) + sum(g.classes for g in ds.class_groups)
    learners = sum(c.learners for c in ungrouped) + sum(g.learners for g in ds.class_groups)
    return classes, learners


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_summary_totals_count_each_class_once(
    capsys: pytest.CaptureFixture[str], locale: str
) -> None:
    assert main(["summary", str(SEED), "--lang", locale]) == 0
    out = capsys.readouterr().out.splitlines()
    classes, learners = _totals()
    word = {"vi": "Tổng cộng", "en": "Total"}[locale]
    total = next(line for line in out if word in line).replace(word, "").split()
    assert total[0] == format_decimal(classes, locale=locale)
    assert total[2] == format_decimal(learners, locale=locale)
    assert out[-1].strip() == {"vi": "hợp lệ, 1 cảnh báo", "en": "valid, 1 warning"}[locale]


def test_the_summary_of_an_invalid_file_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"schema_version": 1, "title": 5}', "utf-8")
    assert main(["summary", str(path)]) == 1
    assert "title: expected text, got the number 5" in capsys.readouterr().err
