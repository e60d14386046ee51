"""Long series thinned for drawing and sending: one claimed point per day, week or month.

A claimant that states a running total every day gives thousands of points over a war; a
chart cannot show them and a page should not send them. :func:`thin` keeps, in each
period (a day, a week or a month, chosen from the series' span), the **last** point of
each kind (running total, increment) as it was claimed, with its evidence and its
``computed`` flag, and says how many points it stands for and the lowest and highest
value claimed among them. Nothing is added up: a kept point is a claim someone made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from .series import Point, Series

Period = Literal["day", "week", "month"]

MAX_POINTS = 200
"""Series with more points than this are thinned."""
DAYS_BY_DAY = 200
"""Longest span (days) drawn a point per day; up to :data:`DAYS_BY_WEEK` a point a week,
beyond a point a month."""
DAYS_BY_WEEK = 1_400


@dataclass(frozen=True)
class Kept:
    """What a kept point stands for: how many points of its period and kind, and the
    lowest and highest value they claimed."""

    points: int
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Thinned:
    """A series with at most one point per period and kind (or all, when few)."""

    series: Series
    period: Period | None
    """None: every point was kept."""
    kept: list[Kept]
    """One per point of ``series.points``, in order."""
    points: int
    """Points before thinning."""


def period_for(first: dt.date, last: dt.date) -> Period:
    """The period of a series spanning ``first`` to ``last``."""
    span = (last - first).days
    if span <= DAYS_BY_DAY:
        return "day"
    return "week" if span <= DAYS_BY_WEEK else "month"


def period_start(day: dt.date, period: Period) -> dt.date:
    """The first day of the period holding ``day``."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def thin(series: Series, *, limit: int = MAX_POINTS, period: Period | None = None) -> Thinned:
    """The series with one point per period and kind when it has more than ``limit``.

    Args:
        series: A series, its points by date.
        limit: Most points kept as they are.
        period: The period to keep a point of (default: from the series' span).
    """
    points = series.points
    dated = [_day(point) for point in points]
    days = [day for day in dated if day is not None]
    if len(points) <= limit or not days:
        kept = [Kept(1, point.claimed, point.claimed) for point in points]
        return Thinned(series, None, kept, len(points))
    chosen = period or period_for(min(days), max(days))
    groups: dict[tuple[object, str], list[int]] = {}
    for index, (point, day) in enumerate(zip(points, dated, strict=True)):
        # an undated point stands alone
        key = period_start(day, chosen) if day is not None else index
        groups.setdefault((key, point.kind), []).append(index)
    found = []
    for members in sorted(groups.values(), key=lambda indexes: indexes[-1]):
        claimed = [value for i in members if (value := points[i].claimed) is not None]
        low, high = (min(claimed), max(claimed)) if claimed else (None, None)
        found.append((points[members[-1]], Kept(len(members), low, high)))
    return Thinned(
        replace(series, points=[point for point, _ in found]),
        chosen,
        [kept for _, kept in found],
        len(points),
    )


def _day(point: Point) -> dt.date | None:
    if not point.date:
        return None
    try:
        return dt.date.fromisoformat(point.date[:10])
    except ValueError:
        return None
