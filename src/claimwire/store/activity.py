"""Events and fatalities over time, for the overview's and the timeline's charts.

Events are counted as clusters (an incident that five outlets report is one event), by
type, in the period of their earliest plausible report. Fatalities are claimant-aware:
for each event, each claimant's figure (the highest it gave for that event); a claimant's
line adds up its own figures over the events of a period, and the lines of two claimants
are never added together. Reports dated after their article's publication or in the
future are left out and counted (:attr:`Activity.excluded`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from .filters import Filters
from .queries import LISTS, ListQuery
from .rows import Record

PLAUSIBLE_EVENT = (
    "(e.date IS NULL OR (e.date <= date('now') "
    "AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))))"
)
"""An event report dated no later than its article's publication, nor in the future."""

_EVENTS = LISTS["events"]
TIMELINE = ListQuery(
    _EVENTS.select, _EVENTS.source, (*_EVENTS.clauses, PLAUSIBLE_EVENT), _EVENTS.order
)
"""The timeline: the event list without the reports of implausible dates (the CLI's
``events``, the API's ``/api/events`` and the exports keep every report)."""

Period = Literal["day", "week", "month"]
MAX_CLAIMANT_LINES = 6
"""Claimants drawn on the fatalities chart (the most-killed-claiming first)."""
EXCLUDED_EXAMPLES = 20
"""Implausibly dated reports listed under the charts (all are counted)."""


@dataclass(frozen=True)
class Activity:
    """Events and fatalities per period.

    Attributes:
        period: ``day``, ``week`` (from Monday) or ``month``, chosen by the time span.
        periods: The first day of each period, in order (empty periods included).
        events: Event type -> events (clusters) per period.
        fatalities: Claimant -> the fatalities it claimed per period (None: no figure).
        other_claimants: Claimants with fatality figures not drawn (fewer lines).
        excluded: Event reports left out for an implausible date.
        excluded_examples: A few of them (id, date, published, type, evidence...).
    """

    period: Period
    periods: list[dt.date] = field(default_factory=list)
    events: dict[str, list[int]] = field(default_factory=dict)
    fatalities: dict[str, list[float | None]] = field(default_factory=dict)
    other_claimants: int = 0
    excluded: int = 0
    excluded_examples: list[Record] = field(default_factory=list)


def activity(connection: sqlite3.Connection, filters: Filters) -> Activity:
    """Events by type and fatalities per claimant over time, for the filters.

    Args:
        connection: The store.
        filters: As for the event list (dates, country, type, claimant, hedge, outlet);
            the page (limit, offset) is ignored.
    """
    condition, params = LISTS["events"].where(filters)
    plausible = f"{condition} AND {PLAUSIBLE_EVENT}" if condition else f" WHERE {PLAUSIBLE_EVENT}"
    reports = connection.execute(
        "SELECT e.id, e.cluster_id, e.type, e.date, e.fatalities, e.claimant_entity, e.claimant, "
        "e.claimant_type, n.name AS entity_name FROM events e "
        f"LEFT JOIN entities n ON n.id = e.claimant_entity{plausible} AND e.date IS NOT NULL",
        params,
    ).fetchall()
    excluded_rows = connection.execute(
        "SELECT e.id, e.document_id, e.date, e.published, e.type, e.place, e.claimant, "
        f"e.evidence FROM events e{condition}{' AND' if condition else ' WHERE'} "
        f"NOT {PLAUSIBLE_EVENT} ORDER BY e.date DESC, e.id LIMIT ?",
        [*params, EXCLUDED_EXAMPLES],
    ).fetchall()
    excluded = connection.execute(
        f"SELECT count(*) FROM events e{condition}{' AND' if condition else ' WHERE'} "
        f"NOT {PLAUSIBLE_EVENT}",
        params,
    ).fetchone()[0]
    first: dict[str, tuple[str, str]] = {}  # cluster -> (earliest date, type)
    claimed: dict[tuple[str, str], tuple[str, float]] = {}  # (cluster, claimant) -> best
    labels: dict[str, str] = {}
    for row in reports:
        cluster = row["cluster_id"] or row["id"]
        day = row["date"][:10]
        if cluster not in first or day < first[cluster][0]:
            first[cluster] = (day, row["type"])
        if row["fatalities"] is not None:
            who = row["claimant_entity"] or row["claimant"]
            name = row["entity_name"] or row["claimant"]
            labels[who] = f"reported by {name}" if row["claimant_type"] == "outlet" else name
            known = claimed.get((cluster, who))
            if known is None or row["fatalities"] > known[1]:
                claimed[(cluster, who)] = (day, float(row["fatalities"]))
    days = [dt.date.fromisoformat(day) for day, _ in first.values()]
    if not days:
        return Activity("day", excluded=int(excluded), excluded_examples=_records(excluded_rows))
    period = _period(min(days), max(days))
    periods = _periods(min(days), max(days), period)
    index = {start: number for number, start in enumerate(periods)}
    events: dict[str, list[int]] = {}
    for day, kind in first.values():
        slot = index[_start(dt.date.fromisoformat(day), period)]
        events.setdefault(kind, [0] * len(periods))[slot] += 1
    totals: dict[str, list[float | None]] = {}
    for (cluster, who), (_, value) in claimed.items():
        slot = index[_start(dt.date.fromisoformat(first[cluster][0]), period)]
        line = totals.setdefault(who, [None] * len(periods))
        line[slot] = (line[slot] or 0.0) + value
    ranked = sorted(totals, key=lambda who: (-sum(v or 0.0 for v in totals[who]), labels[who]))
    return Activity(
        period=period,
        periods=periods,
        events=dict(sorted(events.items(), key=lambda item: -sum(item[1]))),
        fatalities={labels[who]: totals[who] for who in ranked[:MAX_CLAIMANT_LINES]},
        other_claimants=max(0, len(ranked) - MAX_CLAIMANT_LINES),
        excluded=int(excluded),
        excluded_examples=_records(excluded_rows),
    )


def _records(rows: list[sqlite3.Row]) -> list[Record]:
    return [dict(row) for row in rows]


def _period(first: dt.date, last: dt.date) -> Period:
    span = (last - first).days
    if span <= 62:
        return "day"
    return "week" if span <= 730 else "month"


def _start(day: dt.date, period: Period) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _periods(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    found, current = [], _start(first, period)
    while current <= last:
        found.append(current)
        if period == "month":
            current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            current += dt.timedelta(days=7 if period == "week" else 1)
    return found
