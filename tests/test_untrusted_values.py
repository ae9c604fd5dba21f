"""Validation cost and exportable values (issue 16, items 3 and 4)."""

from __future__ import annotations

import difflib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain import converter
from cadretrain.cli import main
from cadretrain.converter import Suggestions, shorten
from cadretrain.problems import DatasetError
from cadretrain.readers.plain import DatasetFileError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_validation import mistyped

BASE: dict[str, Any] = {
    "schema_version": 1,
    "organizations": [{"id": "o", "name": "Đảng bộ", "kind": "party-committee"}],
    "documents": [{"id": "d", "title": "Báo cáo"}],
}


def _problems(data: dict[str, Any] | str) -> dict[str, str]:
    with pytest.raises(DatasetError) as caught:
        if isinstance(data, str):
            cadretrain.loads(data)
        else:
            cadretrain.from_dict(data)
    return {p.path: p.message for p in caught.value.problems}


def _figure(value: object) -> dict[str, Any]:
    return {**BASE, "figures": [{"id": "f", "source": "d", "quote": "q", "measure": "classes",
                                 "value": value, "scope": "o", "period_start": "2020-01-01",
                                 "period_end": "2020-12-31"}]}


# ------------------------------------------------------------ item 3: cost


def test_every_mistyped_reference_gets_its_own_id_suggested() -> None:
    with pytest.raises(DatasetError) as caught:
        cadretrain.from_dict(mistyped(2000))
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2000
    assert messages[1234] == 'unknown person "dw-01234"; did you mean "dv-01234"?'
    assert all(m == f'unknown person "dw-{m[19:24]}"; did you mean "dv-{m[19:24]}"?'
               for m in messages)


def test_suggestions_compare_a_bounded_number_of_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    # The cost, counted rather than timed: difflib's full comparison (ratio)
    # ran once per id for each unknown reference (quadratic: 85 KB took 12 s).
    calls = 0
    real = difflib.SequenceMatcher.ratio

    def counted(self: difflib.SequenceMatcher[str]) -> float:
        nonlocal calls
        calls += 1
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    with pytest.raises(DatasetError):
        cadretrain.from_dict(mistyped(2000))
    # get_close_matches calls ratio() twice for a choice it keeps.
    assert calls <= 2 * 2000 * converter._CANDIDATES


_ids = st.text("abcdefgh-0123", min_size=3, max_size=12)


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(_ids, min_size=1, max_size=200, unique=True), word=_ids)
@example(choices=["120"], word="10210")  # close one way round only
def test_a_suggestion_is_a_close_spelling_or_initials_or_contains_the_word(
        choices: list[str], word: str) -> None:
    hint = Suggestions(choices).hint(word)
    if not hint:
        return
    suggested = hint.removeprefix('; did you mean "').removesuffix('"?')
    assert suggested in choices
    # Measured as get_close_matches measures (the choice first): the ratio is not
    # symmetric ("10210" against "120" is 0.5 one way, 0.75 the other).
    close = difflib.SequenceMatcher(None, suggested, word).ratio() >= 0.6
    initials = "".join(p[:1] for p in suggested.split("-")) == word.lower().replace("-", "")
    assert close or initials or word.lower() in suggested


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(_ids, min_size=1, max_size=32, unique=True), word=_ids)
def test_a_small_collection_is_compared_whole_as_before(choices: list[str], word: str) -> None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        assert Suggestions(choices).hint(word) == f'; did you mean "{close[0]}"?'


def test_a_huge_bad_value_is_quoted_by_a_short_prefix() -> None:
    value = "k" * 1_000_000
    problems = _problems({**BASE, "organizations": [{"id": "o", "name": "x", "kind": value}]})
    message = problems["organizations[0].kind"]
    assert len(message) < 400
    assert f"{'k' * 60}… (1,000,000 characters)" in message
    problems = _problems({**BASE, "people": [{"id": "p", "full_name": "A",
                                              "organization": "x" * 100_000}]})
    assert len(problems["people[0].organization"]) < 200
    assert shorten("abc") == "abc"


def test_a_toml_key_of_many_parts_is_refused_before_parsing() -> None:
    # tomllib takes over a minute on 20,000 parts (quadratic).
    text = "schema_version = 1\n" + "a." * 20_000 + "b = 1\n"
    with pytest.raises(DatasetFileError, match="more than 32 parts"):
        cadretrain.loads(text, "toml")
    fine = "schema_version = 1\n[organizations.x.y]\nz = 1\n"
    with pytest.raises(DatasetError):  # parsed, then refused as data
        cadretrain.loads(fine, "toml")


def test_a_file_over_the_size_limit_is_refused_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cadretrain.readers import json_toml as dataset

    monkeypatch.setitem(dataset.MAX_FILE_BYTES, "toml", 100)
    path = tmp_path / "d.toml"
    path.write_text("schema_version = 1\n" + "# comment\n" * 20, encoding="utf-8")
    with pytest.raises(DatasetFileError, match=r"d.toml: 219 bytes, over the 100 .*JSON"):
        cadretrain.read(path)


# ------------------------------------------------------------ item 4: values


def test_numbers_no_export_can_write_are_refused_where_they_are() -> None:
    too_large = "is too large: at most 15 digits before the decimal point"
    assert too_large in _problems(json.dumps(_figure("N")).replace('"N"', "1e309"))[
        "figures[0].value"]
    assert too_large in _problems(_figure(10**20))["figures[0].value"]
    assert "too small" in _problems(json.dumps(_figure("N")).replace('"N"', "1e-400"))[
        "figures[0].value"]
    # Past Python's own limit for printing an integer (4,300 digits).
    counts = {**BASE, "organizations": [{"id": "o", "name": "x", "kind": "party-committee",
                                         "member_counts": [{"on": "2020-01-01",
                                                            "members": 10**5000}]}]}
    assert _problems(counts)["organizations[0].member_counts[0].members"] == (
        "the number with over 4,000 digits is too large: at most 15 digits before the "
        "decimal point")


@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\ufffe", "\uffff"])
def test_text_no_document_can_hold_is_refused(bad: str) -> None:
    data = {**BASE, "organizations": [{"id": "o", "name": f"Đảng{bad}bộ",
                                       "kind": "party-committee"}]}
    message = _problems(data)["organizations[0].name"]
    assert f"U+{ord(bad):04X} at character 5" in message
    assert bad not in message  # quoted escaped: the message itself can be printed
    # From JSON text too, escaped or not.
    text = json.dumps(data, ensure_ascii=bad in "\ud800\udfff")
    assert "organizations[0].name" in _problems(text)


_anything = st.text(st.characters(), min_size=1, max_size=8)
_numbers = st.one_of(st.integers(), st.decimals(allow_nan=True, allow_infinity=True),
                     st.floats())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_anything, title=st.none() | _anything, value=_numbers, members=st.integers())
def test_what_validates_exports(name: str, title: str | None, value: object,
                                members: int) -> None:
    from cadretrain.exporters import ExportContext, discover, export_bytes
    from cadretrain.exporters.api import ReportMeta

    data = _figure(value)
    data["organizations"] = [{"id": "o", "name": name, "kind": "party-committee",
                              "member_counts": [{"on": "2020-01-01", "members": members}]}]
    if title is not None:
        data["title"] = title
    try:
        loaded = cadretrain.from_dict(data)
    except DatasetError:
        return
    context = ExportContext(dataset=loaded.dataset, meta=ReportMeta(), year=2020)
    found = discover(plugins=False)
    for name_, document in (("json", "full"), ("xlsx", "workbook"), ("docx", "report")):
        content = export_bytes(found.get(name_), context, document)
        assert content
    exported = json.loads(export_bytes(found.get("json"), context, "dataset"))
    assert isinstance(exported, dict)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the --debug run
def test_no_command_prints_a_traceback_without_debug(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from cadretrain.cli import summary

    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    def panics(args: object) -> int:
        class Leaky:
            def __del__(self) -> None:
                raise ValueError("in a finalizer")

        Leaky()  # an "unraisable" error: Python prints a traceback for it by default
        raise PanicException("TimeDelta::milliseconds out of bounds")

    monkeypatch.setattr(summary, "run", panics)
    assert main(["summary", "x.json"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "ignored error: in a finalizer" in err
    assert "TimeDelta::milliseconds out of bounds (run with --debug" in err
    with pytest.raises(PanicException):
        main(["--debug", "summary", "x.json"])


def test_decimal_values_within_the_limits_still_load() -> None:
    loaded = cadretrain.from_dict(_figure(Decimal("999999999999999")))
    assert loaded.dataset.figures[0].value == Decimal("999999999999999")
    assert cadretrain.from_dict(_figure(Decimal("1E-300"))).dataset.figures[0].value
