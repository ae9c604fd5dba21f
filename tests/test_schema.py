"""The published JSON Schema: generated from the model, and agreeing with the loader."""

from __future__ import annotations

import copy
import datetime
import enum
import json
import sys
import typing
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import cadretrain
from cadretrain import model
from cadretrain.cli import main
from cadretrain.schema import dataset_schema, schema_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "schema" / "dataset.schema.json"
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"
EXAMPLES = sorted(ROOT.glob("examples/*/dataset.json")) + sorted(
    ROOT.glob("examples/*/dataset.toml")
)
VALIDATOR = jsonschema.Draft202012Validator(
    dataset_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _json_compatible(value: Any) -> Any:
    """TOML's native dates and exact decimals as a JSON parser would give them."""
    if isinstance(value, dict):
        return {k: _json_compatible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_compatible(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _raw(path: Path) -> Any:
    text = path.read_text("utf-8")
    if path.suffix == ".toml":
        return _json_compatible(tomllib.loads(text))
    return json.loads(text)


def _schema_errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_the_published_schema_is_the_generated_one() -> None:
    assert PUBLISHED.read_text("utf-8") == schema_text(), (
        "schema/dataset.schema.json is stale: run "
        "`cadretrain schema -o schema/dataset.schema.json`"
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(PUBLISHED.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_the_command_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text("utf-8") == schema_text()
    assert main(["schema", "-o", str(tmp_path / "missing" / "s.json")]) == 2


def _model_classes() -> list[type]:
    return [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]


def test_every_record_and_field_of_the_model_is_described() -> None:
    schema = dataset_schema()
    defs = schema["$defs"]
    for cls in _model_classes():
        described = schema if cls is model.Dataset else defs[cls.__name__]
        assert described["additionalProperties"] is False
        fields = attrs.fields(cls)
        assert list(described["properties"]) == [f.name for f in fields]
        expected_required = [f.name for f in fields if f.default is attrs.NOTHING]
        if cls is model.Dataset:
            expected_required = ["schema_version"]  # a file must say its version
        assert described.get("required", []) == expected_required, cls.__name__


def test_every_enum_the_model_uses_is_listed_with_all_its_values() -> None:
    field_enums = {
        t for cls in _model_classes() for t in _field_types(cls)
        if isinstance(t, type) and issubclass(t, enum.Enum)
    }
    assert model.Measure in field_enums  # the walk finds enums inside unions and tuples
    expected = sorted([str(m.value) for m in e] for e in field_enums)
    listed = sorted(
        node["enum"] for node in _walk(json.loads(schema_text()))
        if isinstance(node, dict) and "enum" in node
    )
    # Each enum appears once, in its $defs entry's property, unless two fields use it.
    assert sorted({tuple(v) for v in listed}) == sorted({tuple(v) for v in expected})


def _field_types(cls: type) -> list[Any]:
    found: list[Any] = []
    for hint in typing.get_type_hints(cls).values():
        stack = [hint]
        while stack:
            t = stack.pop()
            found.append(t)
            stack.extend(typing.get_args(t))
    return found


def _walk(node: Any) -> list[Any]:
    found = [node]
    if isinstance(node, dict):
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_walk(value))
    return found


# ----------------------------------------------------------------- examples


def test_the_examples_are_found() -> None:
    assert SEED in EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_every_example_validates_against_the_schema(path: Path) -> None:
    assert _schema_errors(_raw(path)) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_what_cadretrain_writes_validates_against_the_schema(path: Path) -> None:
    written = json.loads(cadretrain.dumps(cadretrain.load(path), "json"))
    assert _schema_errors(written) == []


def test_the_builtin_catalog_follows_the_course_type_schema() -> None:
    catalog = json.loads(
        (ROOT / "src" / "cadretrain" / "data" / "course_types.json").read_text("utf-8")
    )
    document = {"schema_version": 1, "course_types": catalog["course_types"]}
    assert _schema_errors(document) == []


def test_a_full_roster_with_results_validates() -> None:
    # The seed example has no people or rosters; this covers those records.
    person = model.Person(
        id="p1", full_name="Nguyễn Văn An", organization="cb",
        birth_date=datetime.date(1980, 5, 17),
        party_status=(model.PartyStatusChange(status=model.PartyStatus.PROBATIONARY,
                                              since=datetime.date(2016, 5, 1)),),
        posts=(model.PostHolding(post="bt", start=datetime.date(2016, 1, 1)),),
        qualifications=(model.Qualification(
            id="q", kind=model.QualificationKind.POLITICAL_THEORY, level="intermediate",
            issued=datetime.date(2016, 6, 1), issuer="Trường Chính trị"),),
    )
    cls = model.ClassRecord(
        id="k", course_type="dang-vien-moi", start=datetime.date(2017, 3, 1),
        end=datetime.date(2017, 3, 5), host="cb",
        lecturers=(model.Lecturer(name="Lê Thị Hoa", role=model.LecturerRole.GUEST_SPEAKER),),
        enrollments=(model.Enrollment(
            person="p1", sending_organization="cb",
            result=model.Result(attendance=Decimal("0.95"), essay_grade=Decimal("8.5"),
                                classification=model.Classification.GOOD,
                                attitude=model.Attitude.GOOD, certificate_issued=True)),),
    )
    ds = model.Dataset(
        organizations=(model.Organization(id="cb", name="Chi bộ",
                                          kind=model.OrganizationKind.BRANCH),),
        people=(person,),
        posts=(model.Post(id="bt", title="Bí thư", organization="cb", requirements=(
            model.Requirement(kind=model.QualificationKind.POLITICAL_THEORY,
                              level="intermediate"),)),),
        classes=(cls,),
    )
    written = json.loads(cadretrain.dumps(ds, "json"))
    assert cadretrain.from_dict(written).dataset == ds
    assert _schema_errors(written) == []


# -------------------------------------------- invalid documents, refused by both


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


INVALID = [
    ("text for a whole number", _set(("class_groups", 0, "classes"), "13")),
    ("fraction for a whole number", _set(("class_groups", 0, "classes"), 13.5)),
    ("boolean for a whole number", _set(("class_groups", 0, "learners"), True)),
    ("number for text", _set(("organizations", 0, "name"), 12)),
    ("text for a number", _set(("figures", 0, "value"), "2")),
    ("unknown top-level key", _set(("organisations",), [])),
    ("unknown nested key", _set(("class_groups", 0, "lerners"), 177)),
    ("date not ISO", _set(("class_groups", 0, "period_start"), "01/01/2017")),
    ("date with a time", _set(("class_groups", 0, "period_start"), "2017-01-01T00:00:00")),
    ("date that does not exist", _set(("class_groups", 0, "period_start"), "2017-02-30")),
    ("unknown enum value", _set(("organizations", 0, "kind"), "committee")),
    ("missing required field", _delete(("class_groups", 0, "host"))),
    ("missing schema_version", _delete(("schema_version",))),
    ("newer schema_version", _set(("schema_version",), 2)),
    ("text for a list", _set(("class_groups", 0, "co_hosts"), "duk-btc")),
    ("null for a required field", _set(("figures", 0, "quote"), None)),
    ("empty id", _set(("documents", 0, "id"), " ")),
]


@pytest.mark.parametrize("change", [c[1] for c in INVALID], ids=[c[0] for c in INVALID])
def test_an_invalid_document_is_refused_by_schema_and_loader(
    change: Callable[[dict[str, Any]], None],
) -> None:
    document = copy.deepcopy(SEED_DOCUMENT)
    change(document)
    assert _schema_errors(document) != []
    with pytest.raises(cadretrain.DatasetError):
        cadretrain.from_dict(document)


SEED_DOCUMENT = _raw(SEED)


def test_the_schema_checks_shape_only() -> None:
    # A reference to nothing is well-formed: the schema accepts it, validation does not.
    document = copy.deepcopy(SEED_DOCUMENT)
    document["class_groups"][0]["course_type"] = "dvm"
    assert _schema_errors(document) == []
    with pytest.raises(cadretrain.DatasetError) as caught:
        cadretrain.from_dict(document)
    assert [p.path for p in caught.value.errors] == ["class_groups[0].course_type"]
