"""Working days (ngày làm việc) on the Vietnamese public calendar.

Party regulations set deadlines in working days: "Trong thời hạn 30 ngày làm
việc, kể từ ngày nhận được quyết định kết nạp đảng viên…". A working day is a
Monday to Friday that is not a public holiday, or a weekend day the government
made a working day in exchange for a bridge day off.

The public holidays, Tết (Lunar New Year) included, and the exchanged days come
from the ``holidays`` package (its ``VN`` calendar), which follows each year's
decisions; a hand-kept list here would go stale. What the package does not know
(a day off a province or an agency grants, a late decision) the user adds:
``days_off`` and ``working_days`` in the rule set's ``[calendar]`` table, or
:class:`WorkingCalendar` from Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from attrs import field, frozen

__all__ = ["WorkingCalendar", "public_holidays"]


@lru_cache(maxsize=64)
def _year(year: int) -> tuple[frozenset[date], frozenset[date], dict[date, str]]:
    import holidays  # imported when a deadline is first computed

    calendar = holidays.country_holidays("VN", years=year, language="vi")
    names = {day: str(name) for day, name in calendar.items()}
    workdays = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return frozenset(names), workdays, names


def public_holidays(year: int) -> dict[date, str]:
    """The public holidays and exchanged days off of ``year``, with their
    Vietnamese names (from the ``holidays`` package)."""
    return dict(sorted(_year(year)[2].items()))


def _dates(values: Iterable[date]) -> frozenset[date]:
    return frozenset(values)


@frozen(kw_only=True)
class WorkingCalendar:
    """The Vietnamese working-day calendar, with the user's own additions:
    ``days_off`` (not working days, whatever the calendar says) and
    ``working_days`` (working days, a Saturday worked in exchange)."""

    days_off: frozenset[date] = field(factory=frozenset, converter=_dates)
    working_days: frozenset[date] = field(factory=frozenset, converter=_dates)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        off, exchanged, _ = _year(day.year)
        if day in exchanged:
            return True
        return day.weekday() < 5 and day not in off

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not
        counted: "30 ngày làm việc, kể từ ngày …" ends on the 30th working day
        after that day)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        left = count
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days there are after ``start`` up to and including ``end``."""
        n = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            n += self.is_working_day(day)
        return n
