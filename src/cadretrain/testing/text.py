"""Strategies for text, names, identifiers and dates: always NFC, Vietnamese where
people read it.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date
from typing import Literal

from hypothesis import strategies as st

#: Common Vietnamese family names (họ).
FAMILY_NAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)

#: Common middle names (tên đệm).
MIDDLE_NAMES: tuple[str, ...] = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Thu", "Kim",
    "Anh", "Bảo", "Công", "Đình", "Quốc", "Thế", "Hoài", "Khánh", "Diệu", "Phương",
    "Mạnh", "Trọng", "Nguyệt", "Tường",
)

#: Common given names (tên). Several carry two diacritics on one letter
#: (ễ, ặ, ữ, ượ), which NFD spells with two combining marks.
GIVEN_NAMES: tuple[str, ...] = (
    "An", "Anh", "Bình", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hạnh", "Hằng",
    "Hiền", "Hiếu", "Hoa", "Huệ", "Hùng", "Hương", "Huyền", "Khoa", "Lan", "Linh", "Long",
    "Mai", "Nam", "Nga", "Ngọc", "Nhung", "Phúc", "Phương", "Quân", "Quyết", "Quỳnh", "Sơn",
    "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Tuấn", "Tùng", "Uyên", "Việt", "Vinh", "Xuân",
    "Yến", "Đạt", "Ước", "Nghĩa", "Thư", "Diễm", "Đặng", "Lượng", "Khuê", "Ngữ", "Hưởng",
)

#: Dates after this one are never generated for past events (qualifications,
#: party status, posts), so a check dated on or after it finds none in the future.
LATEST_PAST_EVENT = date(2025, 12, 31)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)




@functools.cache
def texts(
    *, min_size: int = 1, max_size: int = 24, controls: bool = False
) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text in NFC: any assigned character but surrogates.

    Control characters (category Cc: NUL, tab, line feed, ...) are left out
    unless ``controls`` is true; they are valid in a dataset but not in XML.
    NFC can shorten a text, so it may be shorter than ``min_size`` but is
    never empty when ``min_size`` is at least 1.
    """
    excluded: tuple[Literal["Cs", "Cn", "Cc"], ...] = (
        ("Cs", "Cn") if controls else ("Cs", "Cn", "Cc"))
    alphabet = st.characters(exclude_categories=excluded)
    return st.text(alphabet, min_size=min_size, max_size=max_size).map(_nfc)


@functools.cache
def vietnamese_names() -> st.SearchStrategy[str]:
    """A Vietnamese-looking full name in NFC: family, 0 to 2 middle names, given name."""
    return st.builds(
        lambda family, middle, given: " ".join([family, *middle, given]),
        st.sampled_from(FAMILY_NAMES),
        st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2),
        st.sampled_from(GIVEN_NAMES),
    )


@st.composite
def names(draw: st.DrawFn, *, arbitrary: bool = True) -> str:
    """Mostly :func:`vietnamese_names`; now and then (when ``arbitrary``) any :func:`texts`."""
    if arbitrary and draw(st.integers(0, 4)) == 0:
        return draw(texts())
    return draw(vietnamese_names())


def decomposed(text: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"] = "NFD") -> str:
    """``text`` in another normalization form (NFD by default), as some
    keyboards and systems produce it; the loader turns it back into NFC."""
    return unicodedata.normalize(form, text)


def identifiers() -> st.SearchStrategy[str]:
    """Short ids such as ``"vu-tccb"`` or ``"đb2"``: never empty or blank."""
    return _IDENTIFIERS


# Regular expressions are slow to draw from; these are built from plain parts.
_ID_WORD = st.text("abcdefghijklmnopqrstuvwxyzđ0123456789", min_size=1, max_size=5)
_IDENTIFIERS = st.builds(
    lambda first, rest: "-".join([first, *rest]),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from("abcdefghijklmnopqrstuvwxyzđ"),
              st.text("abcdefghijklmnopqrstuvwxyzđ0123456789", max_size=5)),
    st.lists(_ID_WORD, max_size=2),
)


def _numbered(template: str, high: int) -> st.SearchStrategy[str]:
    """``template`` with ``{}`` replaced by a number from 1 to ``high``."""
    return st.integers(1, high).map(template.format)


@functools.cache
def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


def _years_dates(years: tuple[int, int]) -> st.SearchStrategy[date]:
    return st.dates(date(years[0], 1, 1), date(years[1], 12, 31))


def _later(day: date, limit: date) -> st.SearchStrategy[date]:
    return st.dates(day, max(day, limit))
