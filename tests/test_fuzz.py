"""The fuzzers as property tests, sized for CI (``tools/fuzz.py`` runs them at
scale): whatever the input, a loader returns a dataset, or raises
``DatasetError`` (its content) or ``DatasetFileError`` (the file) naming the
file; nothing else, and no abort."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain import hostile
from cadretrain.problems import DatasetError
from cadretrain.readers.plain import DatasetFileError

ROOT = Path(__file__).resolve().parents[1]
SEED_TOML = (ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml").read_text("utf-8")
SEED_JSON = cadretrain.dumps(cadretrain.loads(SEED_TOML, "toml").dataset, "json")
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _read(path: Path, content: bytes) -> str:
    path.write_bytes(content)
    try:
        cadretrain.read(path)
    except DatasetError as exc:
        assert exc.problems
        return "DatasetError"
    except DatasetFileError as exc:
        assert str(path) in str(exc)
        return "DatasetFileError"
    return "loaded"


@pytest.mark.parametrize("fmt", ["json", "toml"])
@FUZZ
@given(rng=st.randoms(use_true_random=False), as_bytes=st.booleans())
def test_a_mutated_dataset_file_loads_or_is_a_clear_error(
        tmp_path: Path, fmt: str, rng: random.Random, as_bytes: bool) -> None:
    text = hostile.mutate_text(SEED_JSON if fmt == "json" else SEED_TOML, rng, steps=4)
    content = text.encode("utf-8", "surrogatepass")
    if as_bytes:
        content = hostile.mutate_bytes(content, rng)
    assert _read(tmp_path / f"d.{fmt}", content) in ("loaded", "DatasetError",
                                                     "DatasetFileError")


@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_a_random_workbook_loads_or_is_a_clear_error(tmp_path: Path,
                                                     rng: random.Random) -> None:
    assert _read(tmp_path / "w.xlsx", hostile.random_workbook(rng)) in (
        "loaded", "DatasetError", "DatasetFileError")


@FUZZ
@given(content=st.binary(max_size=2000))
def test_bytes_that_are_no_workbook_are_refused_as_a_file(tmp_path: Path,
                                                          content: bytes) -> None:
    assert _read(tmp_path / "w.xlsx", content) == "DatasetFileError"


def test_the_generator_makes_workbooks_that_load(tmp_path: Path) -> None:
    # Else the property above would only ever test refusals.
    outcomes = {_read(tmp_path / "w.xlsx", hostile.random_workbook(random.Random(seed)))
                for seed in range(40)}
    assert outcomes == {"loaded", "DatasetError", "DatasetFileError"}
