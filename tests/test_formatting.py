"""Figures through Babel: Vietnamese by default, English on request, exact half-up rounding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from babel.numbers import format_percent as babel_format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.formatting import (
    FigureParseError,
    format_count,
    format_date,
    format_decimal,
    format_percent,
    parse_count,
    parse_decimal_figure,
    parse_percent,
    round_half_up,
)


def test_counts_group_the_vietnamese_and_the_english_way() -> None:
    assert format_count(1909) == "1.909"
    assert format_count(1909, "en") == "1,909"
    assert format_count(1234567, "vi") == "1.234.567"


def test_percentages_use_the_locale_decimal_symbol() -> None:
    assert format_percent(Fraction(13, 8)) == "162,5%"
    assert format_percent(Fraction(13, 8), 1, "en") == "162.5%"
    assert format_percent(Fraction(28, 19), 0) == "147%"
    assert format_percent(Fraction(3, 2), 0) == "150%"
    assert format_percent(Fraction(3, 2), 2) == "150,00%"


def test_dates_as_vietnamese_reports_write_them() -> None:
    assert format_date(date(2018, 1, 15)) == "ngày 15 tháng 01 năm 2018"
    # Hướng dẫn 36-HD/VPTW: a zero before days 1-9 and before months 1-2 only.
    assert format_date(date(2018, 3, 5)) == "ngày 05 tháng 3 năm 2018"
    assert format_date(date(2018, 2, 20)) == "ngày 20 tháng 02 năm 2018"
    assert format_date(date(2018, 4, 3)) == "ngày 03 tháng 4 năm 2018"
    assert format_date(date(2018, 12, 31)) == "ngày 31 tháng 12 năm 2018"
    assert format_date(date(2018, 1, 15), style="short") == "15/01/2018"
    assert format_date(date(2018, 1, 15), "en") == "January 15, 2018"


def test_halves_round_up_where_babel_alone_rounds_to_even() -> None:
    # 0.125% at two decimals: half even keeps 0.12, people write 0.13.
    ratio = Fraction(1, 800)
    assert babel_format_percent(Decimal("0.00125"), format="#,##0.00%", locale="en") == "0.12%"
    assert format_percent(ratio, 2, "en") == "0.13%"
    assert format_decimal(Fraction(5, 2), 0) == "3"
    assert format_decimal(Fraction(-5, 2), 0) == "-3"  # halves away from zero
    assert round_half_up(Decimal("162.45"), 1) == Decimal("162.5")


def test_no_float_noise_and_no_float_input() -> None:
    # 0.1 + 0.2 is not 0.3 in binary floating point; the formatter refuses floats
    # and an exact sum formats cleanly.
    assert format_percent(Fraction(1, 10) + Fraction(2, 10), 5) == "30,00000%"
    with pytest.raises(TypeError):
        format_percent(0.3, 1)  # type: ignore[arg-type]


def test_parsers_read_back_and_refuse_the_other_locale() -> None:
    assert parse_count("1.909") == 1909
    assert parse_count("1,909", "en") == 1909
    assert parse_percent("162,5%") == Decimal("162.5")
    assert parse_percent("162.5%", "en") == Decimal("162.5")
    with pytest.raises(FigureParseError, match=r"1,909\.5"):
        parse_decimal_figure("1,909.5", "vi")
    with pytest.raises(FigureParseError, match="percent sign"):
        parse_percent("162,5", "vi")
    with pytest.raises(FigureParseError, match="whole"):
        parse_count("2,5", "vi")


ratios = st.fractions(min_value=0, max_value=1000, max_denominator=100_000)


@settings(max_examples=200, deadline=None)
@given(ratios, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_a_percentage_read_back_is_within_half_a_unit_of_the_last_digit(
    ratio: Fraction, decimals: int, locale: str
) -> None:
    text = format_percent(ratio, decimals, locale)
    back = Fraction(parse_percent(text, locale))
    half_unit = Fraction(1, 2 * 10**decimals)
    assert abs(back - ratio * 100) <= half_unit
    # and exactly the half-up rounding of the exact value
    assert back == Fraction(round_half_up(ratio * 100, decimals))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from(["vi", "en"]))
def test_a_count_reads_back_unchanged(n: int, locale: str) -> None:
    assert parse_count(format_count(n, locale), locale) == n


def test_every_date_of_a_year_has_zeros_only_where_the_guideline_writes_them() -> None:
    day = date(2024, 1, 1)
    while day.year == 2024:
        words = format_date(day).split()
        assert words[0] == "ngày" and words[2] == "tháng" and words[4] == "năm"
        assert words[1] == f"{day.day:02d}"
        assert words[3] == (f"{day.month:02d}" if day.month <= 2 else str(day.month))
        day = date.fromordinal(day.toordinal() + 1)
