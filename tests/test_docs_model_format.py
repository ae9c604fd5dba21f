"""The data-model and dataset-format pages say what the code does."""

from __future__ import annotations

import enum
import json
import re
from pathlib import Path

import attrs
import pytest

import cadretrain
from cadretrain import model

ROOT = Path(__file__).resolve().parents[1]
FORMAT_PAGE = ROOT / "docs" / "dataset-format.md"
MODEL_PAGE = ROOT / "docs" / "model.md"


def _blocks(page: Path, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", page.read_text("utf-8"), re.M | re.S)


def test_the_toml_examples_of_the_format_page_make_one_valid_dataset() -> None:
    blocks = _blocks(FORMAT_PAGE, "toml")
    assert len(blocks) >= 10
    loaded = cadretrain.loads("\n".join(blocks), "toml")
    ds = loaded.dataset
    assert loaded.warnings == ()
    # Every section of a dataset has an example.
    for field in attrs.fields(model.Dataset):
        assert getattr(ds, field.name), f"no example of {field.name}"


@pytest.mark.parametrize("block", _blocks(FORMAT_PAGE, "json"))
def test_the_json_examples_of_the_format_page_are_valid(block: str) -> None:
    cadretrain.from_dict(json.loads(block))


def _model_enums() -> list[type[enum.Enum]]:
    return [c for c in vars(model).values()
            if isinstance(c, type) and issubclass(c, enum.Enum) and c.__module__ == model.__name__]


def test_the_model_page_gives_every_enum_value_in_its_table() -> None:
    text = MODEL_PAGE.read_text("utf-8")
    for cls in _model_enums():
        for member in cls:
            assert f"| `{member.value}` |" in text, f"{cls.__name__}.{member.name}"


def test_the_model_page_lists_the_builtin_catalog() -> None:
    text = MODEL_PAGE.read_text("utf-8")
    for ct in cadretrain.builtin_course_types():
        row = f"| `{ct.id}` | {ct.name} | {ct.name_en} | `{ct.category.value}` |"
        assert row in text


def test_the_model_page_names_every_record_and_field() -> None:
    text = MODEL_PAGE.read_text("utf-8")
    for cls in [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]:
        assert f"`{cls.__name__}`" in text, cls.__name__
        for field in attrs.fields(cls):
            assert f"`{field.name}`" in text, f"{cls.__name__}.{field.name}"


def _quick_start(page: Path) -> list[str]:
    return [line.strip() for line in page.read_text("utf-8").splitlines()
            if line.startswith("    python3 -m venv .venv && ")]


def test_the_docs_index_gives_the_readmes_quick_start() -> None:
    readme = _quick_start(ROOT / "README.md")
    assert len(readme) == 2
    assert _quick_start(ROOT / "docs" / "index.md") == readme


def test_the_model_page_gives_the_measures_in_their_own_words() -> None:
    # One vocabulary: the page, the workbook and the report say Measure.label().
    text = MODEL_PAGE.read_text("utf-8")
    for member in model.Measure:
        assert f"| `{member.value}` | {member.label('vi')} | {member.label('en')} |" in text
