"""Events and fatalities over time, for the overview's and the timeline's charts.

Events are counted as clusters (an incident that five outlets report is one event), by
type, in the period of their earliest plausible report. Fatalities are claimant-aware:
for each event, each claimant's figure (the highest it gave for that event, in the period
of its earliest report of it); a claimant's line adds up its own figures over the events
of a period, and the lines of two claimants are never added together. Reports dated
after their article's publication or in the future are left out and counted
(:attr:`Activity.excluded`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from ..vocab import EventType, values
from . import tallies
from .filters import Filters, country_code
from .queries import LISTS
from .rows import Record

PLAUSIBLE_EVENT = (
    "(+e.date IS NULL OR (+e.date <= date('now') "
    "AND (e.published IS NULL OR +e.date <= substr(e.published, 1, 10))))"
)
"""An event report dated no later than its article's publication, nor in the future
(``+e.date``: a full pass is faster than a range search of the date index here)."""

_EVENTS = LISTS["events"]
TIMELINE = dataclasses.replace(_EVENTS, clauses=(*_EVENTS.clauses, PLAUSIBLE_EVENT))
"""The timeline: the event list without the reports of implausible dates (the CLI's
``events``, the API's ``/api/events`` and the exports keep every report). Its order is the
event list's, so it is read through the same date index (``events_date``) when many rows
match."""

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
    uncharted: int = 0
    """More than this many reports match filters the tallies do not answer: the charts
    were not drawn (narrow the filters); 0 when they were."""


CHART_CAP = 20_000
"""Most matching reports the charts group at a request (filters other than a country
and an event type, which the tallies answer at any size): grouping a million reports
took seconds. Beyond it the charts are not drawn and the page says so."""


def activity(connection: sqlite3.Connection, filters: Filters) -> Activity:
    """Events by type and fatalities per claimant over time, for the filters.

    The charts of the whole store, of one country and of one event type (in a country or
    all) are read from the tallies the write path keeps (:mod:`.tallies`: a few thousand
    rows per country); for other filters the counting is done by SQLite (a group per
    event, then per period), one pass over the matching event reports, when at most
    :data:`CHART_CAP` match (else :attr:`Activity.uncharted`).

    Args:
        connection: The store.
        filters: As for the event list (dates, country, type, claimant, hedge, outlet);
            the page (limit, offset) is ignored.
    """
    country, kind = tallied_country(filters), None
    if country is None and (typed := tallied_type(filters)) is not None:
        country, kind = typed
    if country is not None and tallies.usable(connection):
        return _from_tallies(connection, filters, country, kind)
    condition, params = LISTS["events"].where(filters)
    joined = f"{condition} AND" if condition else " WHERE"
    plausible = f"{joined} {PLAUSIBLE_EVENT} AND e.date IS NOT NULL"
    matching = connection.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM events e{plausible} LIMIT ?)",
        [*params, CHART_CAP + 1],
    ).fetchone()[0]
    if int(matching) > CHART_CAP:
        excluded, examples = _implausible(connection, filters)
        return Activity("day", excluded=excluded, excluded_examples=examples, uncharted=CHART_CAP)
    excluded = int(
        connection.execute(
            f"SELECT count(*) FROM events e{joined} NOT {PLAUSIBLE_EVENT}", params
        ).fetchone()[0]
    )
    examples = _records(
        connection.execute(
            "SELECT e.id, e.document_id, e.date, e.published, e.type, e.place, e.claimant, "
            f"e.evidence FROM events e{joined} NOT {PLAUSIBLE_EVENT} "
            "ORDER BY e.date DESC, e.id LIMIT ?",
            [*params, EXCLUDED_EXAMPLES],
        ).fetchall()
    )
    first, last = connection.execute(
        f"SELECT min(substr(e.date, 1, 10)), max(substr(e.date, 1, 10)) FROM events e{plausible}",
        params,
    ).fetchone()
    if first is None:
        return Activity("day", excluded=excluded, excluded_examples=examples)
    period, periods, index, slot = _axis(first, last)
    events: dict[str, list[int]] = {}
    for kind, begins, count in connection.execute(
        f"SELECT type, {slot} AS begins, count(*) FROM (SELECT min(substr(e.date, 1, 10)) "
        f"AS day, min(e.type) AS type FROM events e{plausible} "
        "GROUP BY coalesce(e.cluster_id, e.id)) GROUP BY type, begins",
        params,
    ):
        events.setdefault(kind, [0] * len(periods))[index[begins]] = int(count)
    totals: dict[str, list[float | None]] = {}
    labels: dict[str, str] = {}
    for who, name, kind, begins, value in connection.execute(
        f"SELECT f.who, coalesce(n.name, min(f.written)), min(f.kind), {slot} AS begins, "
        "sum(f.best) FROM (SELECT coalesce(e.claimant_entity, e.claimant) AS who, "
        "min(e.claimant) AS written, min(e.claimant_type) AS kind, max(e.fatalities) AS best, "
        f"min(substr(e.date, 1, 10)) AS day FROM events e{plausible} "
        "AND e.fatalities IS NOT NULL GROUP BY coalesce(e.cluster_id, e.id), who) f "
        "LEFT JOIN entities n ON n.id = f.who GROUP BY f.who, begins",
        params,
    ):
        labels[who] = f"reported by {name}" if kind == "outlet" else name
        totals.setdefault(who, [None] * len(periods))[index[begins]] = float(value)
    return _charted(period, periods, events, totals, labels, excluded, examples)


def tallied_country(filters: Filters) -> str | None:
    """The country whose tallies answer the filters ('' for all), or None when the
    filters select more than a country (the reports are grouped then)."""
    rest = dataclasses.replace(
        filters, country=None, limit=None, offset=0, descending=False, after=None
    )
    if rest != Filters(limit=None):
        return None
    return country_code(filters.country) if filters.country else ""


def tallied_type(filters: Filters) -> tuple[str, str] | None:
    """The country ('' for all) and event type whose tallies answer the filters, or None:
    an event type (not a sub-type) and at most a country. Every report of an event has
    its type, so the type's events are whole events (migration 12)."""
    if filters.type not in _EVENT_TYPES:
        return None
    country = tallied_country(dataclasses.replace(filters, type=None))
    return None if country is None or filters.type is None else (country, filters.type)


_EVENT_TYPES = frozenset(values(EventType))


def _from_tallies(
    connection: sqlite3.Connection, filters: Filters, country: str, kind: str | None = None
) -> Activity:
    """:func:`activity` from the tallies of one country ('' for all), of one event type
    (``kind``) or all."""
    excluded, examples = _implausible(connection, filters)
    typed = "" if kind is None else " AND type = ?"
    chosen: tuple[str, ...] = (country,) if kind is None else (country, kind)
    first = connection.execute(
        f"SELECT min(day) FROM activity_days WHERE country = ?{typed}", chosen
    ).fetchone()[0]
    last = connection.execute(
        f"SELECT substr(last, 1, 10) FROM activity_clusters WHERE country = ?{typed} "
        "ORDER BY last DESC LIMIT 1",
        chosen,
    ).fetchone()
    if first is None or last is None:
        return Activity("day", excluded=excluded, excluded_examples=examples)
    period, periods, index, slot = _axis(first, last[0])
    events: dict[str, list[int]] = {}
    for name, begins, count in connection.execute(
        f"SELECT type, {slot} AS begins, sum(events) FROM activity_days WHERE country = ?"
        f"{typed} GROUP BY type, begins",
        chosen,
    ):
        events.setdefault(name, [0] * len(periods))[index[begins]] = int(count)
    # every claimant's total ranks them; only the drawn ones are read per period
    days = "activity_claim_days" if kind is None else "activity_type_claim_days"
    claimed: dict[str, float] = {}
    labels: dict[str, str] = {}
    for who, name, claimant_type, total in connection.execute(
        "SELECT f.who, coalesce(n.name, f.written), f.kind, f.total FROM (SELECT who, "
        "min(written) AS written, min(kind) AS kind, sum(fatalities) AS total "
        f"FROM {days} WHERE country = ?{typed} GROUP BY who) f "
        "LEFT JOIN entities n ON n.id = f.who",
        chosen,
    ):
        labels[who] = f"reported by {name}" if claimant_type == "outlet" else name
        claimed[who] = float(total)
    ranked = sorted(claimed, key=lambda who: (-claimed[who], labels[who]))
    drawn = ranked[:MAX_CLAIMANT_LINES]
    totals: dict[str, list[float | None]] = {who: [None] * len(periods) for who in drawn}
    marks = ", ".join("?" * len(drawn))
    for who, begins, value in connection.execute(
        f"SELECT who, {slot} AS begins, sum(fatalities) FROM {days} "
        f"WHERE country = ?{typed} AND who IN ({marks}) GROUP BY who, begins",
        (*chosen, *drawn),
    ):
        totals[who][index[begins]] = float(value)
    return Activity(
        period=period,
        periods=periods,
        events=dict(sorted(events.items(), key=lambda item: (-sum(item[1]), item[0]))),
        fatalities={labels[who]: totals[who] for who in drawn},
        other_claimants=max(0, len(ranked) - MAX_CLAIMANT_LINES),
        excluded=excluded,
        excluded_examples=examples,
    )


def _implausible(connection: sqlite3.Connection, filters: Filters) -> tuple[int, list[Record]]:
    """How many reports matching the filters have an implausible date, and the latest few:
    those dated after their article's publication (the partial index ``events_late``), and
    those dated after today."""
    condition, params = LISTS["events"].where(filters)
    joined = f"{condition} AND" if condition else " WHERE"
    late = "e.date > substr(e.published, 1, 10)"
    future = f"e.date > date('now') AND NOT coalesce({late}, 0)"
    count = 0
    found: list[Record] = []
    for source, kind in (("events e INDEXED BY events_late", late), ("events e", future)):
        count += int(
            connection.execute(f"SELECT count(*) FROM {source}{joined} {kind}", params).fetchone()[
                0
            ]
        )
        found += _records(
            connection.execute(
                "SELECT e.id, e.document_id, e.date, e.published, e.type, e.place, e.claimant, "
                f"e.evidence FROM {source}{joined} {kind} ORDER BY e.date DESC, e.id LIMIT ?",
                [*params, EXCLUDED_EXAMPLES],
            ).fetchall()
        )
    found.sort(key=lambda row: str(row["id"]))
    found.sort(key=lambda row: str(row["date"]), reverse=True)
    return count, found[:EXCLUDED_EXAMPLES]


def _charted(
    period: Period,
    periods: list[dt.date],
    events: dict[str, list[int]],
    totals: dict[str, list[float | None]],
    labels: dict[str, str],
    excluded: int,
    examples: list[Record],
) -> Activity:
    """The activity of counted events and claimants' totals: types by size, the claimants
    with the most fatalities drawn."""
    ranked = sorted(totals, key=lambda who: (-sum(v or 0.0 for v in totals[who]), labels[who]))
    return Activity(
        period=period,
        periods=periods,
        events=dict(sorted(events.items(), key=lambda item: (-sum(item[1]), item[0]))),
        fatalities={labels[who]: totals[who] for who in ranked[:MAX_CLAIMANT_LINES]},
        other_claimants=max(0, len(ranked) - MAX_CLAIMANT_LINES),
        excluded=excluded,
        excluded_examples=examples,
    )


def _axis(first: str, last: str) -> tuple[Period, list[dt.date], dict[str, int], str]:
    """The time axis from day ``first`` to ``last``: its period, the periods' first days,
    each first day's position, and the SQL that gives a day its period's first day."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    period = _period(start, end)
    periods = _periods(start, end, period)
    index = {day.isoformat(): number for number, day in enumerate(periods)}
    return period, periods, index, _period_sql(period)


def _period_sql(period: Period) -> str:
    """The first day of the period of ``day`` (an ISO date column), in SQL."""
    if period == "week":
        return "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')"
    if period == "month":
        return "substr(day, 1, 7) || '-01'"
    return "day"


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
