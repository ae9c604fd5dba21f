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
        raise PeriodError(f"{text!r} is not a date (YYYY-MM-DD), a month (YYYY-MM) or a year")
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
        raise PeriodError(f"{text!r}: the period ends before it starts")
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
    en = locale.split("_")[0] == "en"
    span = bounds(period)
    if span is None:
        return "all the data" if en else "toàn bộ dữ liệu"
    start, end = span
    whole_months = start.day == 1 and _month_end(end)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if whole_months and start.year == end.year:
        year = start.year
        if months == 12:
            return f"the year {year}" if en else f"năm {year}"
        if start.month == 1:
            return (f"the first {months} months of {year}" if en
                    else f"{months} tháng đầu năm {year}")
        if end.month == 12:
            return (f"the last {months} months of {year}" if en
                    else f"{months} tháng cuối năm {year}")
        if months == 3 and start.month % 3 == 1:
            quarter = _ROMAN[start.month // 3 + 1]
            return f"quarter {quarter} of {year}" if en else f"quý {quarter} năm {year}"
        if months == 1:
            return (f"{start.strftime('%B')} {year}" if en
                    else f"tháng {start.month} năm {year}")
    if whole_months and months == 12 and start.month == 9:
        return (f"the school year {start.year}-{end.year}" if en
                else f"năm học {start.year} - {end.year}")
    if en:
        return f"from {format_date(start, 'en')} to {format_date(end, 'en')}"
    return f"từ {format_date(start)} đến {format_date(end)}"
