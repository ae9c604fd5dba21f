"""The fast path for enrollments builds what cattrs' generated hook builds."""

from __future__ import annotations

import unicodedata

import cattrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.converter import _make_converter, converter, structure_errors
from cadretrain.model import Enrollment

values = st.one_of(st.text(max_size=8), st.integers(), st.none(), st.booleans())
keys = st.sampled_from(["person", "sending_organization", "joined", "left", "extra"])
GENERATED = _make_converter(fast_records=False)


def _outcome(conv: cattrs.Converter, value: object) -> object:
    try:
        return conv.structure(value, Enrollment)
    except Exception as exc:  # noqa: BLE001 - the errors are what is compared
        return sorted(structure_errors(exc))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, values, max_size=3) | st.lists(st.text(max_size=3), max_size=2))
def test_direct_and_generated_paths_agree(value: object) -> None:
    assert _outcome(converter, value) == _outcome(GENERATED, value)


@given(st.text(max_size=6), st.text(max_size=6))
def test_plain_enrollments_are_nfc(person: str, sender: str) -> None:
    decomposed = {"person": unicodedata.normalize("NFD", person),
                  "sending_organization": unicodedata.normalize("NFD", sender)}
    built = converter.structure(decomposed, Enrollment)
    assert built == GENERATED.structure(decomposed, Enrollment)
    assert built.person == unicodedata.normalize("NFC", person)
