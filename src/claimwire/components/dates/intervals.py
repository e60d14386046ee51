"""Calendar arithmetic: month ends, shifted months, weekdays and periods around an anchor."""

from __future__ import annotations

import calendar
import datetime as dt

from .lexicon import PeriodPart, PeriodUnit, Unit
from .settings import (
    FUTURE_WITHIN_DAYS,
    MONTH_DAY_YEARS_BACK,
    PAST_BEYOND_DAYS,
    TWO_DIGIT_YEAR_PIVOT,
)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """The (year, month) ``offset`` months after (year, month)."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (February 30, year 0)."""
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def nearest_month_day(month: int, day: int, anchor: dt.date, *, future: bool) -> dt.date | None:
    """The latest ``month``/``day`` not after ``anchor`` (or the earliest not before it).

    A past date almost a year back yields to a future one a few weeks ahead ("the 19 March
    elections" in a 15 March report): see :func:`prefer_future`.
    """
    years = range(anchor.year + 1, anchor.year - MONTH_DAY_YEARS_BACK, -1)
    found = [d for d in (make_date(y, month, day) for y in years) if d is not None]
    later = [d for d in found if d >= anchor]
    earlier = [d for d in found if d <= anchor]
    after = min(later) if later else None
    before = max(earlier) if earlier else None
    if future or before is None:
        return after
    if after is not None and prefer_future(before, after, anchor):
        return after
    return before


def prefer_future(before: dt.date, after: dt.date, anchor: dt.date) -> bool:
    """Whether a date ``after`` the anchor beats the past default ``before`` it.

    True when the past one lies further back than ``PAST_BEYOND_DAYS`` and the future one
    within ``FUTURE_WITHIN_DAYS`` (:mod:`.settings`).
    """
    return (anchor - before).days > PAST_BEYOND_DAYS and (after - anchor).days <= (
        FUTURE_WITHIN_DAYS
    )


def resolve_weekday(weekday: int, anchor: dt.date, rel: str | None, *, future: bool) -> dt.date:
    """The day a weekday reference points at, by news conventions (package docstring)."""
    if rel in ("next", "coming") or (future and rel != "last"):
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and rel in ("next", "coming"):
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and rel in ("last", "past", "previous"):
        back = 7
    return anchor - dt.timedelta(days=back)


def two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """The four-digit year of a two-digit one: near the anchor, else by the pivot."""
    if anchor is None:
        return 1900 + yy if yy >= TWO_DIGIT_YEAR_PIVOT else 2000 + yy
    candidates = [century + yy for century in (1900, 2000, 2100)]
    return min(candidates, key=lambda year: (abs(year - anchor.year), year))


def _weekend(anchor: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    monday = anchor - dt.timedelta(days=anchor.weekday())
    saturday = monday + dt.timedelta(days=5)
    if offset < 0 and saturday > anchor:
        saturday -= dt.timedelta(days=7)
    elif offset > 0:
        saturday += dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)


def period_interval(
    unit: PeriodUnit, offset: int, part: PeriodPart, anchor: dt.date
) -> tuple[dt.date, dt.date]:
    """The interval of 'last week', 'earlier this month', 'next year', 'over the weekend'."""
    if unit == "weekend":
        return _weekend(anchor, offset)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        first, last = monday, monday + dt.timedelta(days=6)
    elif unit == "month":
        year, month = shift_month(anchor.year, anchor.month, offset)
        first, last = dt.date(year, month, 1), month_end(year, month)
    else:
        first, last = dt.date(anchor.year + offset, 1, 1), dt.date(anchor.year + offset, 12, 31)
    if part == "to_anchor":
        last = anchor
    elif part == "from_anchor":
        first = anchor
    return first, last


def back(anchor: dt.date, unit: Unit, count: int) -> dt.date:
    """The day ``count`` units before ``anchor`` (hours round up to whole days)."""
    if unit == "hour":
        return anchor - dt.timedelta(days=-(-count // 24))
    if unit == "day":
        return anchor - dt.timedelta(days=count)
    if unit == "week":
        return anchor - dt.timedelta(weeks=count)
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = shift_month(anchor.year, anchor.month, -months)
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))
