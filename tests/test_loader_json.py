"""Reading JSON: a key given twice anywhere is refused, as the object-pairs hook
refuses it, though most texts are read without that hook."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cadretrain.readers.json_toml import (
    _DuplicateKey,
    _no_duplicate_keys,
    _parse_json,
    _unique_keys,
)

KEYS = ["a", "b", "a:b", ":", "id", "x\\"]
TEXTS = ["", "p1", "10:30", "a:b", ":", '"quoted": yes', "\\", "\u00e1"]


def _reference(text: str) -> object:
    """What the loader always did: every object through the pairs hook."""
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
    except (_DuplicateKey, ValueError, RecursionError) as exc:
        return (type(exc), str(exc))


def _outcome(text: str) -> object:
    try:
        return _parse_json(text)
    except (_DuplicateKey, ValueError, RecursionError) as exc:
        return (type(exc), str(exc))


@st.composite
def _string(draw: st.DrawFn, choices: list[str]) -> str:
    """A JSON string token: some colons escaped, some quotes, spaces around."""
    text = json.dumps(draw(st.sampled_from(choices)), ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.replace(":", draw(st.sampled_from(["\\u003a", "\\u003A"])))
    return text


@st.composite
def _json(draw: st.DrawFn, depth: int = 0) -> str:
    """JSON text with objects that may repeat a key."""
    kind = draw(st.integers(0, 4 if depth < 3 else 1))
    if kind == 0:
        return draw(_string(TEXTS))
    if kind == 1:
        return draw(st.sampled_from(["1", "2.50", "true", "null", "-0"]))
    if kind == 2:
        items = draw(st.lists(_json(depth + 1), max_size=3))
        return "[" + ",".join(items) + "]"
    members = draw(st.lists(st.tuples(_string(KEYS), _json(depth + 1)), max_size=4))
    space = draw(st.sampled_from(["", " ", "\n  "]))
    return "{" + ",".join(f"{k}{space}:{space}{v}" for k, v in members) + "}"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_json())
@example('{"a": 1, "a": 2}')
@example('{"a": "10:30", "b": {"c": 1, "c": 2}}')
@example('{"a": "x\\u003ay", "a": 1}')
@example('{"a": 1, "a": "x\\u003ay"}')
@example('[{"a": ":"}, {"b": 1, "b": 1}]')
@example('{"a": 1, "a": 2, ')
def test_the_loader_reads_json_as_the_pairs_hook_does(text: str) -> None:
    assert _outcome(text) == _reference(text)


@given(_json())
def test_no_duplicate_keys_is_never_wrong(text: str) -> None:
    try:
        members = 0

        def count(obj: dict[str, Any]) -> dict[str, Any]:
            nonlocal members
            members += len(obj)
            return obj

        parsed = json.loads(text, object_hook=count)
    except ValueError:
        return
    if _no_duplicate_keys(text, parsed, members):
        json.loads(text, object_pairs_hook=_unique_keys)  # raises on a repeated key


def test_a_text_with_colons_in_its_values_is_decided_without_the_pairs_hook() -> None:
    text = json.dumps({"title": "Báo cáo: 2017", "items": [{"t": "10:30"}, {"t": ":"}]})
    parsed = json.loads(text)
    assert _no_duplicate_keys(text, parsed, 4)
    repeated = '{"title": "Báo cáo: 2017", "items": [{"t": "10:30", "t": ":"}]}'
    assert not _no_duplicate_keys(repeated, json.loads(repeated), 3)
