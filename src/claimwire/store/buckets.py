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
import sqlite3
from dataclasses import dataclass, replace
from typing import Literal

from .filters import Filters, country_code
from .series import (
    POINT_SELECT,
    Point,
    Series,
    claimed_of,
    figure_rows,
    make_point,
    series_of,
    series_rows,
)
from .tables import chunks

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


def thinned_series(
    connection: sqlite3.Connection,
    filters: Filters,
    *,
    today: dt.date | None = None,
    limit: int = MAX_POINTS,
) -> list[Thinned]:
    """``[thin(s, limit=limit) for s in read_series(connection, filters, today=today)]``,
    reading a long series' days (``series_days``, schema 17), not its points.

    A series is read point by point, as :func:`read_series` does, when one of its
    conflicts keeps no more than ``limit`` points in the filters' dates (none is thinned),
    has a point without a day, a date after ``today``, or no day rows yet.
    """
    rows = series_rows(connection, filters)
    last_day = (today or dt.date.today()).isoformat()
    country = country_code(filters.country) if filters.country else None
    since = filters.since.isoformat() if filters.since else ""
    until = filters.until.isoformat() if filters.until else "9999-12-31"
    ids = [row["id"] for row in rows]
    conflicts: dict[str, list[sqlite3.Row]] = {series_id: [] for series_id in ids}
    spans: dict[tuple[str, str], sqlite3.Row] = {}
    for chunk in chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        for found in connection.execute(
            f"SELECT * FROM series_conflicts WHERE series_id IN ({marks})", chunk
        ):
            conflicts[found["series_id"]].append(found)
        for found in connection.execute(
            "SELECT series_id, conflict, sum(points) AS points, min(day) AS first, "
            f"max(day) AS last FROM series_days WHERE series_id IN ({marks}) "
            "AND day >= ? AND day <= ? GROUP BY series_id, conflict",
            [*chunk, since, until],
        ):
            spans[(found["series_id"], found["conflict"])] = found
    slow = [row["id"] for row in rows if not _by_days(conflicts[row["id"]], spans, country,
                                                      last_day, limit)]  # fmt: skip
    by_series = figure_rows(connection, slow)
    found_series: list[Thinned] = []
    for row in rows:
        if row["id"] in by_series:
            found_series.extend(
                thin(entry, limit=limit)
                for entry in series_of(row, by_series[row["id"]], filters, last_day)
            )
            continue
        for conflict in sorted(conflicts[row["id"]], key=lambda c: c["conflict"] or "~"):
            span = spans.get((row["id"], conflict["conflict"]))
            if span is None or (country is not None and conflict["conflict"] != country):
                continue
            found_series.append(_thinned_days(connection, row, conflict, span, since, until))
    return found_series


def _by_days(
    conflicts: list[sqlite3.Row],
    spans: dict[tuple[str, str], sqlite3.Row],
    country: str | None,
    last_day: str,
    limit: int,
) -> bool:
    """Whether a series can be read from its days: each conflict shown is thinned."""
    if not conflicts:
        return False
    for conflict in conflicts:
        if not conflict["dated"] or (conflict["last_date"] or "") > last_day:
            return False
        if country is not None and conflict["conflict"] != country:
            continue
        span = spans.get((conflict["series_id"], conflict["conflict"]))
        if span is not None and span["points"] <= limit:
            return False
    return True


def _thinned_days(
    connection: sqlite3.Connection,
    row: sqlite3.Row,
    conflict: sqlite3.Row,
    span: sqlite3.Row,
    since: str,
    until: str,
) -> Thinned:
    """One conflict of a series thinned from its day rows in ``since``..``until``."""
    chosen = period_for(dt.date.fromisoformat(span["first"]), dt.date.fromisoformat(span["last"]))
    # one row per period and kind, in SQL: its points and last point (max() of the rank,
    # the only min/max of the query, gives the bare columns of its row), then its range
    period = _PERIOD_START[chosen]
    bounds = (row["id"], conflict["conflict"], since, until)
    ordered = connection.execute(
        f"SELECT {period} AS period, kind, sum(points) AS points, last_figure, "
        "max(last_rank) AS last_rank, last_total FROM series_days "
        "WHERE series_id = ? AND conflict = ? AND day >= ? AND day <= ? "
        "GROUP BY period, kind ORDER BY last_rank",
        bounds,
    ).fetchall()
    ranges = {
        (found["period"], found["kind"]): (found["low"], found["high"])
        for found in connection.execute(
            f"SELECT {period} AS period, kind, min(low) AS low, max(high) AS high "
            "FROM series_days WHERE series_id = ? AND conflict = ? AND day >= ? AND day <= ? "
            "GROUP BY period, kind",
            bounds,
        )
    }
    figures = {}
    ids = [group["last_figure"] for group in ordered]
    for chunk in chunks(ids):
        for figure in connection.execute(
            f"{POINT_SELECT}WHERE f.id IN ({', '.join('?' for _ in chunk)})", chunk
        ):
            figures[figure["id"]] = figure
    points = []
    for group in ordered:
        figure = figures[group["last_figure"]]
        points.append(make_point(figure, claimed_of(figure), group["last_total"]))
    series = Series(
        **dict(row),
        conflict=conflict["conflict"] or None,
        points=points,
        excluded=conflict["excluded"],
    )
    kept = [Kept(group["points"], *ranges[(group["period"], group["kind"])]) for group in ordered]
    return Thinned(series, chosen, kept, span["points"])


_PERIOD_START: dict[Period, str] = {
    "day": "day",
    "week": "date(day, '-6 days', 'weekday 1')",
    "month": "substr(day, 1, 8) || '01'",
}
"""The first day of a day row's period (:func:`period_start`), in SQL."""
