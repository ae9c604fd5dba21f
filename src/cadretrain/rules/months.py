"""Calendar arithmetic with explicit month ends.

Regulations count in months ("60 tháng", "12 tháng"). Adding months keeps the
day of the month when the target month has it and otherwise lands on the
target month's last day: 31 January + 1 month = 28 February (29 in a leap
year); 29 February 2024 + 12 months = 28 February 2025; 31 March - 1 month =
28/29 February. The result is therefore not reversible (31 January + 1 month
- 1 month = 28 January); rules only ever add a period to a starting date, so
that never matters, and the tests pin every case.
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months", "months_between"]


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative goes back),
    clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (``end`` on or after ``start``):
    the largest ``n`` with ``add_months(start, n) <= end``."""
    n = (end.year - start.year) * 12 + (end.month - start.month)
    while n > 0 and add_months(start, n) > end:
        n -= 1
    while add_months(start, n + 1) <= end:
        n += 1
    return n
