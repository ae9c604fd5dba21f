"""Plans inferred from printed percentages.

Reports print "120 lớp, đạt 75% kế hoạch" and not the plan. The plans a
printed percentage allows are the whole numbers P for which the count over P,
as a percentage rounded half up at the printed precision, is what was printed:
:func:`consistent_plans` finds them all, exactly, as a range.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from attrs import frozen

from cadretrain.formatting import format_count, format_percent
from cadretrain.i18n import Language

__all__ = ["PlanRange", "achievable", "consistent_plans", "printed_decimals"]


def printed_decimals(value: Decimal) -> int:
    """How many decimals a printed value shows: 162.5 -> 1, 147 -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def printed_text(value: Decimal, percent: bool, locale: str = "vi") -> str:
    """A printed figure's value as it was printed, in ``locale``'s format: a
    percentage (``value`` a number of percent) or a count at its own decimals
    (``162,5%``, ``1.909``)."""
    places = printed_decimals(value)
    if percent:
        return format_percent(Fraction(value) / 100, places, locale)
    if places == 0:
        return format_count(int(value), locale)
    return str(value)


@frozen(kw_only=True)
class PlanRange:
    """The whole plans from ``low`` to ``high`` (None: without end); empty when
    ``high`` is below ``low``."""

    low: int
    high: int | None

    @property
    def empty(self) -> bool:
        return self.high is not None and self.high < self.low

    def __contains__(self, plan: object) -> bool:
        return (isinstance(plan, int) and plan >= self.low
                and (self.high is None or plan <= self.high))

    def describe(self, unit: str, locale: str = "vi") -> str:
        """``159 đến 161 lớp``, ``8 lớp``, ``không có kế hoạch nào`` (vi) /
        ``159 to 161 classes``, ``no whole plan`` (en)."""
        from cadretrain.i18n import _, language

        lang: Language = "en" if locale.split("_")[0] == "en" else "vi"
        with language(lang):
            if self.empty:
                return _("no whole plan")
            low = format_count(self.low, lang)
            if self.high is None:
                return _("{low} {unit} or more").format(low=low, unit=unit)
            if self.high == self.low:
                return f"{low} {unit}"
            return _("{low} to {high} {unit}").format(
                low=low, high=format_count(self.high, lang), unit=unit)


def consistent_plans(printed: Decimal, actual: int) -> PlanRange:
    """Every whole plan P >= 1 with round_half_up(100 * actual / P) at the
    printed precision equal to ``printed`` (a number of percent).

    The percentage falls as P grows, so the plans form a range: P is above
    100·actual / (printed + half a unit) and at most 100·actual / (printed -
    half a unit), where a unit is the printed precision.
    """
    half = Fraction(1, 2 * 10 ** printed_decimals(printed))
    value = Fraction(printed)
    top = value + half
    if top <= 0 or actual < 0:
        return PlanRange(low=1, high=0)
    # 100·actual / P < top  <=>  P > 100·actual / top
    low = max(1, int(Fraction(100 * actual) / top) + 1) if actual else 1
    bottom = value - half
    if bottom <= 0:
        return PlanRange(low=low, high=None)
    # 100·actual / P >= bottom  <=>  P <= 100·actual / bottom
    high = int(Fraction(100 * actual) / bottom)  # floor, both sides positive
    return PlanRange(low=low, high=high)


def achievable(printed: Decimal, denominator: int) -> bool:
    """Whether some whole count k makes k / denominator, as a percentage rounded
    half up at the printed precision, equal ``printed`` (a number of percent)."""
    if denominator <= 0 or printed < 0:
        return False
    half = Fraction(1, 2 * 10 ** printed_decimals(printed))
    # Rounding half up gives ``printed`` exactly for the percentages in
    # [printed - half, printed + half); look for a whole k in that window.
    low = Fraction(printed) - half
    high = Fraction(printed) + half
    k = max(0, -((-low * denominator) // 100))  # ceil(low * denominator / 100)
    return Fraction(100 * k, denominator) < high
