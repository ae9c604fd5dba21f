"""The loader: JSON and TOML files in, typed immutable datasets out, every problem at once."""

from __future__ import annotations

import copy
import gc
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain import DatasetError, DatasetFileError, Severity
from cadretrain.model import Dataset
from cadretrain.readers.json_toml import write_atomically
from cadretrain.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _class(ident: str, course_type: str = "dang-vien-moi", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": ident, "course_type": course_type, "start": "2017-03-01",
        "end": "2017-03-05", "host": "duk", "learner_count": 40,
    }
    data.update(changes)
    return data


def _small() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "title": "Thử",
        "organizations": [
            {"id": "duk", "name": "Đảng ủy Khối", "kind": "party-committee"},
            {"id": "cb1", "name": "Chi bộ 1", "kind": "branch", "parent": "duk"},
        ],
        "people": [{"id": "p1", "full_name": "Nguyễn Văn An", "organization": "cb1"}],
        "classes": [
            _class("k0"),
            _class("k1", "doi-tuong-ket-nap"),
            _class("k2", learner_count=None, enrollments=[
                {"person": "p1", "sending_organization": "cb1"}]),
            _class("k3", "nghiep-vu-cong-tac-dang"),
        ],
        "documents": [{"id": "d", "title": "Báo cáo"}],
    }


def _problems(data: Any) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        cadretrain.from_dict(data)
    return [str(p) for p in caught.value.problems]


# ------------------------------------------------------------- the good path


def test_a_valid_dataset_loads_into_typed_immutable_records() -> None:
    loaded = cadretrain.from_dict(_small())
    ds = loaded.dataset
    assert loaded.warnings == ()
    assert isinstance(ds, cadretrain.Dataset)
    assert ds.organizations[1].kind is cadretrain.OrganizationKind.BRANCH
    assert ds.classes[2].enrollments is not None
    assert ds.classes[2].learners == 1
    assert isinstance(ds.classes, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.title = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.classes[0].learner_count = 3  # type: ignore[misc]


def test_json_and_toml_files_give_the_same_dataset(tmp_path: Path) -> None:
    ds = cadretrain.from_dict(_small()).dataset
    as_json, as_toml = tmp_path / "d.json", tmp_path / "d.toml"
    cadretrain.dump(ds, as_json)
    cadretrain.dump(ds, as_toml)
    assert cadretrain.load(as_json) == ds
    assert cadretrain.load(as_toml) == ds
    assert json.loads(as_json.read_text("utf-8"))["schema_version"] == 1


def test_the_format_follows_the_extension_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "D.JSON"
    path.write_text(json.dumps(_small()), "utf-8")
    assert cadretrain.load(path).title == "Thử"


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_the_seed_example_round_trips_through_text(
        fmt: cadretrain.readers.json_toml.Format) -> None:
    ds = cadretrain.load(SEED)
    assert cadretrain.loads(cadretrain.dumps(ds, fmt), fmt).dataset == ds


def test_the_seed_example_loads_with_exactly_the_one_expected_warning() -> None:
    loaded = cadretrain.read(SEED)
    ds = loaded.dataset
    (warning,) = loaded.warnings
    assert warning.severity is Severity.WARNING
    assert warning.source == str(SEED)
    # The report's 1.909 learners is a total whose printed parts say otherwise.
    index = next(i for i, f in enumerate(ds.figures) if f.id == "llct-hoc-vien")
    total = ds.figures[index]
    by_id = {f.id: f for f in ds.figures}
    parts_sum = sum(by_id[p].value for p in total.parts)
    assert parts_sum != total.value
    assert warning.path == f"figures[{index}].value"
    # Figures in the message are written as the language writes them (English here).
    assert f"printed total {int(total.value):,}" in warning.message
    assert warning.message.endswith(f"= {int(parts_sum):,}")


def test_text_read_from_a_file_is_nfc(tmp_path: Path) -> None:
    data = _small()
    data["organizations"][0]["name"] = unicodedata.normalize("NFD", "Đảng ủy Khối")
    # An id typed in decomposed form still matches the same id typed composed.
    data["organizations"].append({
        "id": "đơn-vị", "name": "Đơn vị", "kind": "agency", "parent": "duk"})
    data["people"][0]["organization"] = unicodedata.normalize("NFD", "đơn-vị")
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    ds = cadretrain.load(path)
    assert ds.organizations[0].name == "Đảng ủy Khối"
    assert ds.people[0].organization == "đơn-vị"


def test_a_fraction_in_a_file_is_read_exactly(tmp_path: Path) -> None:
    data = _small()
    data["figures"] = [{
        "id": "f", "source": "d", "quote": "đạt 162,5%", "measure": "classes-attainment",
        "value": 162.5, "period_start": "2017-01-01", "period_end": "2017-12-31",
        "scope": "duk"}]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), "utf-8")
    value = cadretrain.load(path).figures[0].value
    assert str(value) == "162.5"


# --------------------------------------------------------- all mistakes at once


def test_the_unknown_course_type_message_names_its_place() -> None:
    data = _small()
    data["classes"][3]["course_type"] = "dvm"
    assert _problems(data) == [
        'classes[3].course_type: unknown course type "dvm"; did you mean "dang-vien-moi"?'
    ]


def test_the_unknown_course_type_message_from_a_file_names_the_file(tmp_path: Path) -> None:
    data = _small()
    data["classes"][3]["course_type"] = "dvm"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DatasetError) as caught:
        cadretrain.read(path)
    (problem,) = caught.value.problems
    assert problem.source == str(path)
    assert str(problem) == (
        f'{path}: classes[3].course_type: unknown course type "dvm"; '
        'did you mean "dang-vien-moi"?'
    )


def test_mistakes_in_several_sections_are_all_reported() -> None:
    data = _small()
    data["title"] = 2017
    data["organizations"][1]["kind"] = "brnch"
    data["people"][0]["birth_date"] = "1980-02-30"
    data["classes"][0]["learner_count"] = "7"
    data["classes"][1]["learner_count"] = 1.9
    data["classes"][2]["enrollments"][0]["result"] = {"certificate_issued": 1}
    data["classes"][3]["course_type"] = "dvm"
    data["documents"][0]["issued"] = "15/01/2018"
    data["colour"] = "red"
    problems = _problems(data)
    expected_paths = [
        "title", "organizations[1].kind", "people[0].birth_date",
        "classes[0].learner_count", "classes[1].learner_count",
        "classes[2].enrollments[0].result.certificate_issued",
        "classes[3].course_type", "documents[0].issued", "colour",
    ]
    for path in expected_paths:
        assert sum(p.startswith(path + ":") for p in problems) == 1, (path, problems)
    assert len(problems) == len(expected_paths)


def test_a_shape_error_does_not_hide_reference_errors_in_other_records() -> None:
    data = _small()
    data["classes"][0]["start"] = "2017-3-1"          # a shape error ...
    data["classes"][1]["host"] = "dukk"              # ... and a dangling reference elsewhere
    data["people"][0]["organization"] = "cb2"
    problems = _problems(data)
    assert problems == [
        'classes[0].start: expected a date as YYYY-MM-DD, got the text "2017-3-1"',
        'people[0].organization: unknown organization "cb2"; did you mean "cb1"?',
        'classes[1].host: unknown organization "dukk"; did you mean "duk"?',
    ]


def test_a_shape_error_does_not_hide_other_mistakes_in_the_same_record() -> None:
    data = _small()
    data["classes"][1]["learner_count"] = "40"   # an optional field of the wrong type ...
    data["classes"][1]["course_type"] = "dvm"    # ... beside an unknown course type
    data["classes"][2]["enrollments"][0]["result"] = {"attendance": "1"}
    data["classes"][2]["host"] = "cb"
    assert _problems(data) == [
        'classes[1].learner_count: expected a whole number, got the text "40"',
        'classes[2].enrollments[0].result.attendance: expected a number, got the text "1"',
        'classes[1].course_type: unknown course type "dvm"; did you mean "dang-vien-moi"?',
        'classes[2].host: unknown organization "cb"; did you mean "cb1"?',
    ]


def test_a_field_left_out_to_read_its_record_causes_no_second_problem() -> None:
    # Without its unreadable learner_count, k0 has neither roster nor count; that
    # follows from the first mistake and is not reported again.
    data = _small()
    data["classes"][0]["learner_count"] = 40.0
    data["classes"][0]["lecturers"] = [{"name": "A", "rol": "lecturer"}]
    assert sorted(_problems(data)) == [
        "classes[0].learner_count: expected a whole number, got the number 40.0",
        'classes[0].lecturers[0].rol: unknown key; did you mean "role"?',
    ]


def test_a_reference_to_a_record_that_has_a_shape_error_is_not_reported_twice() -> None:
    data = _small()
    data["organizations"][1]["kind"] = "brnch"  # cb1 cannot be read, but it exists
    problems = _problems(data)
    assert problems == ['organizations[1].kind: unknown value "brnch"; did you mean "branch"?']


def _one_broken_class() -> dict[str, Any]:
    """A class whose start is not a real date, with four more mistakes of its own."""
    data = _small()
    data["classes"][1].update(
        start="2017-13-01",            # a required field that cannot be read
        learner_count="40",            # an optional field of the wrong type
        colour="red",                  # an unknown key
        course_type="dvm",             # an unknown course type
        host="dukk",                   # an unknown host organization
        co_hosts=["cb1", "cb9"],       # and an unknown co-host
    )
    return data


ONE_BROKEN_CLASS = [
    'classes[1].start: "2017-13-01" is not a real date',
    'classes[1].learner_count: expected a whole number, got the text "40"',
    "classes[1].colour: unknown key",
    'classes[1].course_type: unknown course type "dvm"; did you mean "dang-vien-moi"?',
    'classes[1].host: unknown organization "dukk"; did you mean "duk"?',
    'classes[1].co_hosts[1]: unknown organization "cb9"; did you mean "cb1"?',
]


def test_a_record_with_a_bad_required_field_has_all_its_mistakes_reported() -> None:
    with pytest.raises(DatasetError) as caught:
        cadretrain.from_dict(_one_broken_class())
    problems = caught.value.problems
    assert [str(p) for p in problems] == ONE_BROKEN_CLASS
    assert all(p.is_error for p in problems)
    # The same order every time.
    assert _problems(_one_broken_class()) == ONE_BROKEN_CLASS


def test_a_record_with_a_bad_required_field_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(_one_broken_class()), "utf-8")
    with pytest.raises(DatasetError) as caught:
        cadretrain.read(path)
    assert [p.source for p in caught.value.problems] == [str(path)] * len(ONE_BROKEN_CLASS)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: {line}" for line in ONE_BROKEN_CLASS
    ]


def test_a_missing_required_field_does_not_hide_the_rest_of_its_record() -> None:
    data = _small()
    del data["classes"][2]["start"]
    data["classes"][2]["host"] = "cb"
    data["classes"][2]["enrollments"].append({"person": "p2", "sending_organization": "cb1"})
    data["classes"][2]["lecturers"] = [{"name": "A", "person": "p9", "organization": "du"}]
    assert _problems(data) == [
        "classes[2].start: required field is missing",
        'classes[2].host: unknown organization "cb"; did you mean "cb1"?',
        'classes[2].lecturers[0].person: unknown person "p9"',
        'classes[2].lecturers[0].organization: unknown organization "du"; did you mean "duk"?',
        'classes[2].enrollments[1].person: unknown person "p2"',
    ]


def test_a_person_whose_organization_is_a_number_has_its_other_mistakes_reported() -> None:
    data = _small()
    data["people"][0].update(
        organization=7,
        birth_date="1980-02-30",
        posts=[{"post": "bi-thu", "start": "2015-01-01"}],
        qualifications=[{"id": "q", "kind": "course-certificate", "issued": "2017-03-05",
                         "issuer": "duk", "course_type": "dvm"}],
    )
    assert _problems(data) == [
        "people[0].organization: expected text, got the number 7",
        'people[0].birth_date: "1980-02-30" is not a real date',
        'people[0].posts[0].post: unknown post "bi-thu"',
        'people[0].qualifications[0].course_type: unknown course type "dvm"; '
        'did you mean "dang-vien-moi"?',
    ]


def test_every_section_reports_the_references_of_a_record_with_a_bad_required_field() -> None:
    data = _small()
    data["organizations"][1].update(kind="brnch", parent="dk")
    data["posts"] = [{"id": "bt", "title": 3, "organization": "cb2"}]
    data["class_groups"] = [{
        "id": "g", "course_type": "dvm", "classes": "2", "learners": 80,
        "period_start": "2017-01-01", "period_end": "2017-12-31", "host": "du",
        "source": "dd"}]
    data["plans"] = [{"id": "kh", "period_start": "2017", "period_end": "2017-12-31",
                      "scope": "dk", "course_type": "dang-vien-moi", "classes": 3,
                      "source": "d"}]
    data["figures"] = [{"id": "f", "source": "dd", "quote": "3 lớp", "measure": "lop",
                        "value": 3, "period_start": "2017-01-01",
                        "period_end": "2017-12-31", "scope": "duk", "parts": ["f2"]}]
    assert _problems(data) == [
        'organizations[1].kind: unknown value "brnch"; did you mean "branch"?',
        "posts[0].title: expected text, got the number 3",
        'class_groups[0].classes: expected a whole number, got the text "2"',
        'plans[0].period_start: expected a date as YYYY-MM-DD, got the text "2017"',
        'figures[0].measure: unknown value "lop"; expected one of "classes", "learners", '
        '"classes-attainment", "learners-attainment", "members-attended", '
        '"non-members-attended", "members-reached", "result-count", "result-share", '
        '"classes-change", "learners-change"',
        'organizations[1].parent: unknown organization "dk"; did you mean "duk"?',
        'posts[0].organization: unknown organization "cb2"; did you mean "cb1"?',
        'class_groups[0].course_type: unknown course type "dvm"; did you mean "dang-vien-moi"?',
        'class_groups[0].host: unknown organization "du"; did you mean "duk"?',
        'class_groups[0].source: unknown document "dd"; did you mean "d"?',
        'plans[0].scope: unknown organization "dk"; did you mean "duk"?',
        'figures[0].source: unknown document "dd"; did you mean "d"?',
        'figures[0].parts[0]: unknown figure "f2"; did you mean "f"?',
    ]


def test_no_check_compares_a_field_with_a_stand_in() -> None:
    # Each record below is valid but for one required field that cannot be
    # read. Had a check compared the others with a stand-in, it would report a
    # class ending before it starts, a learner joining outside the class, a
    # class starting outside its group's period, a period ending before it
    # starts, parts counting something else, a total that is not its parts.
    data = _small()
    data["class_groups"] = [{
        "id": "g", "course_type": "dang-vien-moi", "classes": 2, "learners": 80,
        "period_start": "2017-01-01", "period_end": "2017-12-31", "host": "duk"}]
    data["classes"][0].update(start="1/3/2017", group="g")
    data["classes"][2].update(end=None)
    data["classes"][2]["enrollments"][0]["joined"] = "2017-03-02"
    data["plans"] = [{"id": "kh", "period_start": 2017, "period_end": "2017-12-31",
                      "scope": "duk", "course_type": "dang-vien-moi", "classes": 3}]
    figure = {"source": "d", "quote": "q", "period_start": "2017-01-01",
              "period_end": "2017-12-31", "scope": "duk"}
    data["figures"] = [
        {**figure, "id": "t", "measure": "classes", "value": 3, "parts": ["a", "b"]},
        {**figure, "id": "a", "measure": "classes", "value": 2},
        {**figure, "id": "b", "measure": "clases", "value": 1},
    ]
    assert _problems(data) == [
        'classes[0].start: expected a date as YYYY-MM-DD, got the text "1/3/2017"',
        "classes[2].end: expected a date as YYYY-MM-DD, got null",
        'plans[0].period_start: expected a date as YYYY-MM-DD, got the number 2017',
        'figures[2].measure: unknown value "clases"; did you mean "classes"?',
    ]


def test_a_reference_to_a_class_group_that_cannot_be_read_is_not_reported_twice() -> None:
    data = _small()
    data["class_groups"] = [{
        "id": "g", "course_type": "dang-vien-moi", "classes": 2, "learners": "80",
        "period_start": "2017-01-01", "period_end": "2017-12-31", "host": "duk"}]
    data["classes"][0]["group"] = "g"
    assert _problems(data) == [
        'class_groups[0].learners: expected a whole number, got the text "80"',
    ]


def test_a_record_whose_id_cannot_be_read_cannot_be_referred_to() -> None:
    # What the id was meant to be is unknown, so references to "cb1" point nowhere.
    data = _small()
    data["organizations"][1]["id"] = ["cb1"]
    assert _problems(data) == [
        "organizations[1].id: expected text, got a list",
        'people[0].organization: unknown organization "cb1"',
        'classes[2].enrollments[0].sending_organization: unknown organization "cb1"',
    ]


#: For a record of each section, a field that refers to other records.
REFERRING = {
    "organizations": "parent", "posts": "organization", "people": "organization",
    "classes": "host", "class_groups": "host", "plans": "scope", "figures": "scope",
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets(), data=st.data())
def test_a_bad_required_field_has_no_false_consequence(
    dataset: Dataset, data: st.DataObject
) -> None:
    # A valid dataset with one required field (not an id) of one record made
    # unreadable gives exactly that one problem; and with an unknown
    # reference in another field of the same record, exactly those two.
    raw = cadretrain.to_dict(dataset)
    records = [
        (section, index, name)
        for section, items in raw.items() if isinstance(items, list)
        for index, item in enumerate(items)
        for name, field in attrs.fields_dict(type(getattr(dataset, section)[index])).items()
        if field.default is attrs.NOTHING and name != "id"
    ]
    if not records:
        return
    section, index, name = data.draw(st.sampled_from(records))
    record = raw[section][index]
    record[name] = []
    problems = _problems(copy.deepcopy(raw))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{section}[{index}].{name}: expected ")
    other = REFERRING.get(section)
    if other is None or other == name:
        return
    record[other] = "no-such-id"
    problems = _problems(raw)
    assert len(problems) == 2, problems
    assert problems[1].startswith(
        f'{section}[{index}].{other}: unknown organization "no-such-id"'
    )


def test_the_exception_carries_errors_and_warnings_apart() -> None:
    data = _small()
    data["classes"][0]["course_type"] = "dvm"
    data["figures"] = [
        {"id": "t", "source": "d", "quote": "3 lớp", "measure": "classes", "value": 3,
         "period_start": "2017-01-01", "period_end": "2017-12-31", "scope": "duk",
         "parts": ["a"]},
        {"id": "a", "source": "d", "quote": "2 lớp", "measure": "classes", "value": 2,
         "period_start": "2017-01-01", "period_end": "2017-12-31", "scope": "duk"},
    ]
    with pytest.raises(DatasetError) as caught:
        cadretrain.from_dict(data)
    error = caught.value
    assert [p.path for p in error.errors] == ["classes[0].course_type"]
    assert [p.path for p in error.warnings] == ["figures[0].value"]
    assert "1 error in the dataset" in str(error)


# ----------------------------------------------------------- schema_version


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (None, "schema_version: required; this cadretrain reads version 1"),
        (2, "schema_version: 2 is newer than this cadretrain reads (1); upgrade cadretrain"),
        (0, "schema_version: 0 is not a schema version"),
        ("1", 'schema_version: expected a whole number, got the text "1"'),
        (True, "schema_version: expected a whole number, got the boolean true"),
        (1.0, "schema_version: expected a whole number, got the number 1.0"),
    ],
)
def test_the_schema_version_is_checked_first(version: object, message: str) -> None:
    data = _small()
    data["classes"][0]["course_type"] = "dvm"  # not reported: the version decides the rules
    if version is None:
        del data["schema_version"]
    else:
        data["schema_version"] = version
    assert _problems(data) == [message]


@pytest.mark.parametrize("top", [[], "dataset", 3, None])
def test_a_dataset_is_a_table(top: object) -> None:
    assert _problems(top) == ["(top): a dataset is a table/object of named sections"]


def test_keys_that_are_not_text_are_unknown_keys() -> None:
    # Only Python callers can do this; they get located problems, not a TypeError.
    data: dict[Any, Any] = {**_small(), 1: "one", (2, 3): "two"}
    assert _problems(data) == ["1: unknown key", "(2, 3): unknown key"]


def test_a_section_must_be_a_list() -> None:
    data = _small()
    data["people"] = {"id": "p1"}
    assert _problems(data)[0] == "people: expected a list, got a table/object"


# ------------------------------------------------------------ unreadable files


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "nothing.toml"
    with pytest.raises(DatasetFileError, match="no such file") as caught:
        cadretrain.read(path)
    assert str(path) in str(caught.value)


def test_bad_json_names_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{\n  "schema_version": 1,\n  "title": "x",,\n}\n', "utf-8")
    with pytest.raises(DatasetFileError) as caught:
        cadretrain.read(path)
    assert str(caught.value).startswith(f"{path}: line 3, column ")
    assert "not valid JSON" in str(caught.value)


def test_bad_toml_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('schema_version = 1\ntitle = "unclosed\n', "utf-8")
    with pytest.raises(DatasetFileError, match="not valid TOML") as caught:
        cadretrain.read(path)
    assert str(caught.value).startswith(str(path))


def test_a_file_that_is_not_utf8_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes('{"title": "Đảng"}'.encode("utf-16"))
    with pytest.raises(DatasetFileError, match="not UTF-8"):
        cadretrain.read(path)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("deep.json", '{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "nested too deeply"),
        ("deep.toml", "schema_version = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n",
         "nested too deeply"),
        ("huge.json", '{"schema_version": 1, "title": ' + "9" * 5000 + "}",
         "cannot be read: a number in it has too many digits"),
    ],
    ids=["deep-json", "deep-toml", "huge-number"],
)
def test_a_file_python_cannot_parse_is_a_file_error(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(DatasetFileError) as caught:
        cadretrain.read(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert says in str(caught.value)


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_byte_order_mark_is_not_part_of_the_data(tmp_path: Path, suffix: str) -> None:
    # Notepad on Windows writes UTF-8 with a byte-order mark.
    ds = cadretrain.from_dict(_small()).dataset
    path = tmp_path / f"d{suffix}"
    fmt: cadretrain.readers.json_toml.Format = "json" if suffix == ".json" else "toml"
    path.write_bytes(b"\xef\xbb\xbf" + cadretrain.dumps(ds, fmt).encode("utf-8"))
    assert cadretrain.load(path) == ds


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"schema_version": 1, "title": "a", "title": "b"}', 'the key "title" is given twice'),
        ('{"schema_version": 1, "organizations": [{"id": "x", "name": "A", "name": "B", '
         '"kind": "branch"}]}', 'the key "name" is given twice in the record with id "x"'),
    ],
)
def test_a_key_given_twice_in_json_is_refused(tmp_path: Path, text: str, says: str) -> None:
    # json.loads would keep the last value silently; TOML refuses this by itself.
    path = tmp_path / "d.json"
    path.write_text(text, "utf-8")
    with pytest.raises(DatasetFileError) as caught:
        cadretrain.read(path)
    assert str(caught.value) == f"{path}: {says}"


def test_a_key_given_twice_in_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('schema_version = 1\ntitle = "a"\ntitle = "b"\n', "utf-8")
    with pytest.raises(DatasetFileError, match="not valid TOML"):
        cadretrain.read(path)


def test_an_unknown_extension_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("schema_version: 1\n", "utf-8")
    with pytest.raises(DatasetFileError, match="cannot tell the format"):
        cadretrain.read(path)


def test_a_directory_is_a_file_error(tmp_path: Path) -> None:
    folder = tmp_path / "d.json"
    folder.mkdir()
    with pytest.raises(DatasetFileError, match="cannot read"):
        cadretrain.read(folder)


# ------------------------------------------------------------------- writing


def test_dump_replaces_a_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text("old", "utf-8")
    ds = cadretrain.from_dict(_small()).dataset
    cadretrain.dump(ds, path)
    assert cadretrain.load(path) == ds
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text("old", "utf-8")

    def chunks() -> Any:
        yield b"new, half"
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomically(path, chunks())  # type: ignore[arg-type]
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


def test_loading_does_not_change_the_input() -> None:
    data = _small()
    before = copy.deepcopy(data)
    cadretrain.from_dict(data)
    assert data == before


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", b"{}")
        with open(tmp_path / "plain.json", "wb") as handle:
            handle.write(b"{}")
    finally:
        os.umask(old_mask)
    mode = stat.S_IMODE((tmp_path / "new.json").stat().st_mode)
    assert mode == 0o640
    assert mode == stat.S_IMODE((tmp_path / "plain.json").stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b"old")
    path.chmod(0o604)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


# ------------------------------------------------------- the cycle collector


def test_loading_leaves_the_cycle_collector_as_it_found_it() -> None:
    # Some interpreters start with frozen objects (CPython 3.12.1: 375).
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    cadretrain.from_dict(_small())
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.disable()
    try:
        cadretrain.from_dict(_small())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_leaves_the_hosts_objects_in_their_generation() -> None:
    # The host's young objects stay young and the records made stay where any
    # new object is: the loader neither freezes nor moves objects between
    # generations (issue 15 item 4); it only pauses the collector meanwhile.
    data = _small()
    data["people"] = [{"id": f"p{i}", "full_name": "A", "organization": "cb1"}
                      for i in range(3000)]
    data["classes"][2]["enrollments"] = [{"person": f"p{i}", "sending_organization": "cb1"}
                                         for i in range(3000)]
    gc.collect()
    gc.disable()  # no collection of our own between here and the check
    try:
        hosts = [[i] for i in range(50)]
        loaded = cadretrain.from_dict(data)
        youngest = {id(o) for o in gc.get_objects(generation=0)}
        assert all(id(h) in youngest for h in hosts)
        assert id(loaded.dataset.people[0]) not in {id(o) for o in gc.get_objects(generation=2)}
    finally:
        gc.enable()


def _resident_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads Linux /proc")
def test_failed_loads_do_not_leak(tmp_path: Path) -> None:
    # 200 failed loads of a file with 300 errors stay within 100 MB of the first.
    data = _small()
    data["people"] = [{"id": f"p{i}", "full_name": "A", "organization": f"nope{i}"}
                      for i in range(300)]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DatasetError) as first:
        cadretrain.read(path)
    assert len(first.value.problems) >= 300
    del first
    after_first = _resident_bytes()
    for _ in range(200):
        with pytest.raises(DatasetError):
            cadretrain.read(path)
    gc.collect()
    assert _resident_bytes() - after_first < 100 * 2**20


def test_loading_does_not_release_objects_the_program_froze() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        cadretrain.from_dict(_small())
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
