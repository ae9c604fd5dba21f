"""The dataset finds its records by id, with one index built once per dataset."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import cadretrain
from cadretrain import lookups, testing
from cadretrain.lookups import UnknownId
from cadretrain.model import Dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"


def test_the_lookups_of_the_sample() -> None:
    ds = cadretrain.load(SAMPLE)
    person = ds.people[17]
    assert ds.person(person.id) is person
    org = ds.organizations[3]
    assert ds.organization(org.id) is org
    cls = ds.classes[-1]
    assert ds.class_record(cls.id) is cls
    assert ds.course_type(cls.course_type).id == cls.course_type  # built-in ones too
    root = next(o for o in ds.organizations if o.parent is None)
    assert ds.children(root.id) == tuple(o for o in ds.organizations if o.parent == root.id)
    leaf = next(o for o in ds.organizations if not any(c.parent == o.id
                                                      for c in ds.organizations))
    assert ds.children(leaf.id) == ()
    # One index per dataset, shared by every caller.
    assert ds.index is ds.index


def test_an_unknown_id_says_what_and_which() -> None:
    ds = cadretrain.load(SAMPLE)
    with pytest.raises(UnknownId) as caught:
        ds.person("no-one")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value) == 'unknown person "no-one"'
    assert (caught.value.kind, caught.value.id) == ("person", "no-one")
    with pytest.raises(UnknownId, match='unknown organization "x"'):
        ds.children("x")


def test_an_index_goes_with_its_dataset() -> None:
    ds = Dataset()
    assert ds.index.people == {}
    key = id(ds)
    assert key in lookups._indexes
    del ds
    gc.collect()
    assert key not in lookups._indexes


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=testing.datasets())
def test_every_record_is_found_by_its_id(ds: Dataset) -> None:
    for p in ds.people:
        assert ds.person(p.id) == p
    for o in ds.organizations:
        assert ds.organization(o.id) == o
        assert [c.id for c in ds.children(o.id)] == [
            c.id for c in ds.organizations if c.parent == o.id]
    for c in ds.classes:
        assert ds.class_record(c.id) == c
        assert ds.course_type(c.course_type).id == c.course_type
