"""Figures the way reports print them: Vietnamese by default, English on request.

Every number goes through Babel, which knows each locale's grouping and
decimal symbols (``1.909`` and ``162,5%`` in Vietnamese, ``1,909`` and
``162.5%`` in English); nothing here hard-codes a symbol.

Rounding rule: half up, as people round (162,45% at one decimal is 162,5%,
-0,5 at no decimals is -1: halves go away from zero). The rounding is done
here, exactly, on a :class:`~fractions.Fraction` or :class:`~decimal.Decimal`,
before Babel sees the number; Babel then only lays out digits that are already
final. (Babel on its own rounds half to even and would accept a float, which
is how reports end up printing 162,49999%.)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import (
    NumberFormatError,
    parse_decimal,
)
from babel.numbers import (
    format_decimal as _babel_format_decimal,
)
from babel.numbers import (
    format_percent as _babel_format_percent,
)

__all__ = [
    "FigureParseError",
    "Number",
    "format_count",
    "format_date",
    "format_decimal",
    "format_percent",
    "parse_count",
    "parse_decimal_figure",
    "parse_percent",
    "percent_sign",
    "round_half_up",
]

#: What the formatters accept: exact numbers only (no float).
Number = int | Fraction | Decimal

DateStyle = Literal["long", "medium", "short"]

# Hướng dẫn 36-HD/VPTW writes the day with two digits and the month with a
# leading zero only for January and February ("ngày 05 tháng 3 năm 2018",
# "ngày 20 tháng 02 năm 2018": "tháng 1" could be read as the start of
# "tháng 10"-"tháng 12" when a line is cut). Babel's own Vietnamese long form
# is "15 tháng 1, 2018", so the patterns are given; the words stay Babel
# patterns (quoted literals).
_DATE_PATTERNS: dict[tuple[str, str], str] = {
    ("vi", "long"): "'ngày' dd 'tháng' MM 'năm' y",
    ("vi", "long-3"): "'ngày' dd 'tháng' M 'năm' y",
    ("vi", "short"): "dd/MM/y",
}


class FigureParseError(ValueError):
    """A text that is not a figure formatted for the given locale."""


def _exact(value: Number) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction | Decimal):
        raise TypeError(f"expected an int, Fraction or Decimal, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"cannot format {value}")
    return Fraction(value)


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    """``value`` rounded to ``decimals`` places, halves away from zero, exactly.

    The result is a Decimal with exactly ``decimals`` digits after the point.
    """
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    exact = _exact(value)
    scaled = abs(exact) * 10**decimals
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    sign = -1 if exact < 0 and whole else 1
    return Decimal(sign * whole).scaleb(-decimals)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


# Babel takes ~50 µs a call and a report pack formats the same few counts and
# dates a million times (typed: True must still be refused, not found as 1).
@lru_cache(maxsize=4096, typed=True)
def format_count(n: int, locale: str = "vi") -> str:
    """A whole count with the locale's grouping: ``1.909`` (vi), ``1,909`` (en)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"a count is an int, got {type(n).__name__}")
    return _babel_format_decimal(n, format="#,##0", locale=locale)


def format_decimal(value: Number, decimals: int = 1, locale: str = "vi") -> str:
    """``value`` with exactly ``decimals`` decimals, rounded half up: ``2,5`` (vi)."""
    rounded = round_half_up(value, decimals)
    return _babel_format_decimal(
        rounded, format=_pattern(decimals), locale=locale, decimal_quantization=True
    )


def format_percent(ratio: Number, decimals: int = 1, locale: str = "vi") -> str:
    """``ratio`` (1 is 100%) as a percentage with exactly ``decimals`` decimals.

    ``Fraction(13, 8)`` gives ``162,5%`` (vi) or ``162.5%`` (en);
    ``Fraction(28, 19)`` with ``decimals=0`` gives ``147%``.
    """
    return _percent_text(round_half_up(_exact(ratio) * 100, decimals), decimals, locale)


# A check formats each of a million results' attendance: they are a few
# hundred distinct rounded values. The rounded value has exactly ``decimals``
# digits after the point (and no negative zero), so it is a safe key.
@lru_cache(maxsize=4096)
def _percent_text(percent: Decimal, decimals: int, locale: str) -> str:
    # Babel multiplies by 100 itself; dividing a Decimal by 100 is exact, so
    # Babel gets digits that are already final and has nothing left to round.
    return _babel_format_percent(
        percent.scaleb(-2), format=_pattern(decimals) + "%", locale=locale,
        decimal_quantization=True,
    )


@lru_cache(maxsize=4096, typed=True)
def format_date(d: date, locale: str = "vi", style: DateStyle = "long") -> str:
    """A date as reports print it: ``ngày 15 tháng 01 năm 2018``, ``ngày 05
    tháng 3 năm 2018`` (vi: a zero before days 1-9 and months 1-2 only, as
    Hướng dẫn 36-HD/VPTW writes them) / ``15/01/2018``; ``January 15, 2018`` /
    ``1/15/18`` (en, Babel's own)."""
    language = locale.split("_")[0].split("-")[0]
    key = (language, "long-3") if (language, style) == ("vi", "long") and d.month >= 3 \
        else (language, style)
    pattern = _DATE_PATTERNS.get(key, style)
    return _babel_format_date(d, format=pattern, locale=locale)


def percent_sign(locale: str = "vi") -> str:
    """The locale's percent sign, as Babel's locale data gives it."""
    symbols = Locale.parse(locale).number_symbols
    latn = symbols.get("latn", symbols)
    sign = latn.get("percentSign", "%")
    return str(sign)


def parse_decimal_figure(text: str, locale: str = "vi") -> Decimal:
    """Read back a number formatted for ``locale`` (``1.909`` or ``162,5`` in vi)."""
    try:
        return parse_decimal(text.strip(), locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation) as exc:
        raise FigureParseError(f"{text!r} is not a number as written in locale {locale!r}") from exc


def parse_count(text: str, locale: str = "vi") -> int:
    """Read back a whole count formatted for ``locale``."""
    value = parse_decimal_figure(text, locale)
    if value != value.to_integral_value():
        raise FigureParseError(f"{text!r} is not a whole count")
    return int(value)


def parse_percent(text: str, locale: str = "vi") -> Decimal:
    """Read back a percentage formatted for ``locale`` as a number of percent:
    ``"162,5%"`` gives ``Decimal("162.5")``."""
    stripped = text.strip()
    sign = percent_sign(locale)
    if not stripped.endswith(sign):
        raise FigureParseError(f"{text!r} does not end with the percent sign {sign!r}")
    return parse_decimal_figure(stripped[: -len(sign)], locale)
