"""Vietnamese collation of text and personal names, in pure Python.

The order is the one ICU's Vietnamese collation (locale ``vi``, CLDR's
tailoring) gives, whether or not ICU is installed:

* **Letters** (primary level) in the Vietnamese alphabet
  ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y``, with the
  foreign letters ``f j w z`` in their Latin places. ``ă â ê ô ơ ư đ`` are
  letters of their own, not accented ``a e o u d``.
* **Tones** (secondary level): no tone, huyền (`` ` ``), hỏi (``?``),
  ngã (``~``), sắc (``'``), nặng (``.``), as CLDR's ``&̀<<̉<<̃<<́<<̣``
  orders them. A tone only decides when the letters are equal all along.
* **Case** (tertiary level): lower case before upper case.

Like ICU, spaces and punctuation are not ignored: they sort before digits,
and digits before letters. Input may be NFC or NFD; the key is the same.
Two strings that differ only in ways ICU ignores (normalization form) get
the same key; :func:`vietnamese_key` adds the NFC text as a last level so
that the order is total (ICU with its identical level off would call them
equal).

Names are sorted the Vietnamese way (:func:`name_sort_key`): by the given
name (tên, the last word), then the middle names (tên đệm), then the family
name (họ, the first word), each compared completely (letters, tones, case)
before the next is looked at, as rosters sorted by a "Tên" column and then a
"Họ và tên đệm" column are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

__all__ = [
    "NameKey",
    "TextKey",
    "name_parts",
    "name_sort_key",
    "sort_people",
    "vietnamese_key",
]

#: The key of one text: primary, secondary and tertiary weights, then the NFC text.
TextKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]
#: The key of a name: given name, middle names, family name, then the whole name.
NameKey = tuple[TextKey, TextKey, TextKey, TextKey]

# The alphabet, with the letters that carry a vowel mark written as base
# letter + combining mark (their NFD form): breve, circumflex, horn.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_ALPHABET = (
    "a", "a" + _BREVE, "a" + _CIRCUMFLEX, "b", "c", "d", "đ", "e", "e" + _CIRCUMFLEX,
    "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "o" + _CIRCUMFLEX, "o" + _HORN,
    "p", "q", "r", "s", "t", "u", "u" + _HORN, "v", "w", "x", "y", "z",
)
# Letters come after every space, punctuation mark and digit (ICU's root
# order); other scripts' letters come after the Vietnamese alphabet.
_LETTER_BASE = 0x20000
_LETTER_WEIGHT = {letter: _LETTER_BASE + i for i, letter in enumerate(_ALPHABET)}
_OTHER_LETTER_BASE = _LETTER_BASE + len(_ALPHABET)
_SPACE_WEIGHT = 1
_PUNCTUATION_BASE = 2
_DIGIT_BASE = 0x18000

# Tones in CLDR's Vietnamese order (secondary weights 1..5; 0 = no tone).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Any other combining mark (e.g. a diaeresis in a foreign name) ranks after
# the tones, by code point: a documented approximation of ICU's root order.
_OTHER_MARK_BASE = 0x100
_VOWEL_MARKS = {_BREVE, _CIRCUMFLEX, _HORN}


def _parse(text: str) -> Iterable[tuple[str, str, list[str]]]:
    """Split NFD text into (original base, lower-case letter, marks) clusters."""
    decomposed = unicodedata.normalize("NFD", text)
    i, n = 0, len(decomposed)
    while i < n:
        base = decomposed[i]
        i += 1
        marks: list[str] = []
        while i < n and unicodedata.combining(decomposed[i]):
            marks.append(decomposed[i])
            i += 1
        yield base, base.lower(), marks


def _primary(lower: str, vowel_mark: str) -> int:
    letter = _LETTER_WEIGHT.get(lower + vowel_mark)
    if letter is not None:
        return letter
    if lower.isspace():
        return _SPACE_WEIGHT
    if lower.isdigit():
        return _DIGIT_BASE + unicodedata.digit(lower, 0)
    if lower.isalpha():
        return _OTHER_LETTER_BASE + ord(lower)
    return _PUNCTUATION_BASE + ord(lower) % 0x10000


# Rosters repeat the same given, middle and family names thousands of times.
@lru_cache(maxsize=1 << 16)
def vietnamese_key(text: str) -> TextKey:
    """Sort key of ``text`` in Vietnamese alphabet, tone and case order.

    Keys compare the way ICU's ``vi`` collator compares the texts (letters
    first over the whole text, then tones, then case); equal keys mean equal
    NFC texts.
    """
    primaries: list[int] = []
    secondaries: list[int] = []
    tertiaries: list[int] = []
    for base, lower, marks in _parse(text):
        vowel_mark = ""
        other: list[int] = []
        tone = 0
        for mark in marks:
            if mark in _VOWEL_MARKS and not vowel_mark and (lower + mark) in _LETTER_WEIGHT:
                vowel_mark = mark
            elif mark in _TONES and not tone:
                tone = _TONES[mark]
            else:
                other.append(_OTHER_MARK_BASE + ord(mark))
        primaries.append(_primary(lower, vowel_mark))
        secondaries.append(tone)
        secondaries.extend(other)
        tertiaries.append(0 if base == lower else 1)
    return (tuple(primaries), tuple(secondaries), tuple(tertiaries),
            unicodedata.normalize("NFC", text))


def name_parts(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a name written family-first: ``Nguyễn Văn An``.

    A one-word name is a given name alone. Whitespace runs count as one space.
    """
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> NameKey:
    """Sort key of a Vietnamese name: given name, then middle names, then family name."""
    family, middle, given = name_parts(full_name)
    return (vietnamese_key(given), vietnamese_key(middle), vietnamese_key(family),
            vietnamese_key(" ".join(full_name.split())))


T = TypeVar("T")


def sort_people(people: Iterable[T], name: Callable[[T], str] | None = None) -> list[T]:
    """``people`` sorted by :func:`name_sort_key` of their names (stable for equal names).

    ``name`` gets the name of an item; by default its ``full_name``
    attribute (a :class:`cadretrain.model.Person`), or the item itself when
    it is a string.
    """
    def get(item: T) -> str:
        if name is not None:
            return name(item)
        if isinstance(item, str):
            return item
        full_name = getattr(item, "full_name", None)
        if not isinstance(full_name, str):
            raise TypeError(f"{item!r} has no full_name text to sort by")
        return full_name

    return sorted(people, key=lambda item: name_sort_key(get(item)))
