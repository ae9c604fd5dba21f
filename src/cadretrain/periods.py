"""Periods a report covers: a year, six months, a quarter, a school year, a campaign.

A period is its first and last day, both included (``(date, date)``); a whole
number stands for that calendar year. Everything that computes takes one
(``period=``), and a class belongs to a period by its **start date**, a class
group by its ``period_start``, everywhere.

:func:`parse_period` reads what ``--period START..END`` gives;
:func:`period_label` names a period the way reports head themselves
("6 tháng đầu năm 2018", "năm học 2017 - 2018"); :func:`same_period_last_year`
is the period a statistical form compares with ("cùng kỳ năm trước").
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from cadretrain.formatting import format_date
from cadretrain.i18n import Language, _, language

__all__ = [
    "Period",
    "PeriodError",
    "bounds",
    "contains",
    "parse_period",
    "period_label",
    "same_period_last_year",
    "year_period",
]

#: A period: a calendar year, or first and last day (both included).
Period = int | tuple[date, date]


class PeriodError(ValueError):
    """A text that is not a period; the message says what is expected."""


def year_period(year: int) -> tuple[date, date]:
    """1 January to 31 December of ``year``."""
    return date(year, 1, 1), date(year, 12, 31)


def bounds(period: Period | None) -> tuple[date, date] | None:
    """The first and last day of ``period`` (None stays None: all the data)."""
    if period is None:
        return None
    if isinstance(period, int):
        return year_period(period)
    return period


def contains(outer: tuple[date, date], inner: tuple[date, date]) -> bool:
    """Whether ``inner`` lies within ``outer`` (equal periods included)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _day(text: str, last: bool) -> date:
    match = _PART.match(text.strip())
    if not match:
        raise PeriodError(_("{text} is not a date (YYYY-MM-DD), a month (YYYY-MM) or a "
                            "year").format(text=repr(text)))
    year, month, day = match.groups()
    try:
        if day is not None:
            return date(int(year), int(month), int(day))
        if month is not None:
            m = int(month)
            return date(int(year), m, calendar.monthrange(int(year), m)[1] if last else 1)
        return date(int(year), 12, 31) if last else date(int(year), 1, 1)
    except ValueError as exc:
        raise PeriodError(f"{text!r}: {exc}") from None


def parse_period(text: str) -> tuple[date, date]:
    """``START..END``, each a date, a month or a year: ``2018-01-01..2018-06-30``,
    ``2017-09..2018-08`` (a school year), ``2018`` (one year). A month or year
    as START is its first day, as END its last."""
    start_text, sep, end_text = text.partition("..")
    if not sep:
        start_text = end_text = text
    start, end = _day(start_text, last=False), _day(end_text, last=True)
    if end < start:
        raise PeriodError(_("{text}: the period ends before it starts").format(
            text=repr(text)))
    return start, end


def same_period_last_year(period: Period) -> tuple[date, date]:
    """The same days one year earlier ("cùng kỳ năm trước"); 29 February
    becomes 28 February, and a period ending on the last of February ends on
    the last of February again."""
    start, end = bounds(period) or year_period(date.today().year)

    def back(d: date, last: bool) -> date:
        year = d.year - 1
        month_end = calendar.monthrange(d.year, d.month)[1]
        if last and d.day == month_end:
            return date(year, d.month, calendar.monthrange(year, d.month)[1])
        return date(year, d.month, min(d.day, calendar.monthrange(year, d.month)[1]))

    return back(start, last=False), back(end, last=True)


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def period_label(period: Period | None, locale: str = "vi") -> str:
    """A period as a report's heading names it: ``năm 2018``, ``6 tháng đầu
    năm 2018``, ``quý III năm 2018``, ``năm học 2017 - 2018``, ``tháng 3 năm
    2018``, else ``từ ngày 15 tháng 12 năm 2017 đến ngày 15 tháng 01 năm 2018``
    (English with ``locale="en"``). None is all the data."""
    lang: Language = "en" if locale.split("_")[0] == "en" else "vi"
    with language(lang):
        return _period_words(bounds(period), lang)


def _period_words(span: tuple[date, date] | None, lang: Language) -> str:
    if span is None:
        return _("all the data")
    start, end = span
    whole_months = start.day == 1 and _month_end(end)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if whole_months and start.year == end.year:
        year = start.year
        if months == 12:
            return _("the year {year}").format(year=year)
        if start.month == 1:
            return _("the first {months} months of {year}").format(months=months, year=year)
        if end.month == 12:
            return _("the last {months} months of {year}").format(months=months, year=year)
        if months == 3 and start.month % 3 == 1:
            return _("quarter {quarter} of {year}").format(
                quarter=_ROMAN[start.month // 3 + 1], year=year)
        if months == 1:
            # the month's English name, or its number in "tháng 3 năm 2018"
            return _("{month} {year}").format(
                month=start.strftime("%B") if lang == "en" else start.month, year=year)
    if whole_months and months == 12 and start.month == 9:
        return _("the school year {first}-{last}").format(first=start.year, last=end.year)
    return _("from {start} to {end}").format(start=format_date(start, lang),
                                            end=format_date(end, lang))
