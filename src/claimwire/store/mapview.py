"""Events for a map: the clusters in a bounding box and a time window, newest first.

The map asks for one page of the events in view (``limit``), and is told how many match
(``total``) and how many matching events have no coordinates (``unplaced``), so that it
can say "showing N of M" instead of hiding the rest. Each event comes with the precision
of its place (a town, a first-level region or a country: a country's centroid is not a
town) and the low, best (median) and high death toll its reports give.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import statistics
from dataclasses import dataclass

from ..errors import InvalidOptionError
from .box import Box
from .filters import (
    REGION_NAMES,
    Clause,
    Condition,
    Filters,
    by_box,
    by_place,
    claimant,
    claimant_clause,
    country,
    iso,
    page,
    region,
    twice,
    where,
)
from .mapindex import longest_span
from .queries import CLUSTER_COLUMNS, REPORT_CLAUSES
from .rows import Record, SqlValue

PRECISION_SQL = (
    "CASE WHEN p.id IS NULL THEN NULL "
    "WHEN p.type = 'A' AND coalesce(p.admin1, '') = '' THEN 'country' "
    "WHEN p.type = 'A' THEN 'region' "
    "WHEN p.type IN ('P', 'S', 'R', 'T', 'V') OR p.type IS NULL THEN 'point' "
    "ELSE 'area' END"
)
"""How precise an event's place is: ``point`` (a town, a site), ``region`` (first-level),
``country``, or ``area`` (another wide feature: a sea, a mountain range)."""


@dataclass(frozen=True)
class Extent:
    """What the filters select besides the box and the time window.

    Attributes:
        unplaced: Events matching the filters that have no coordinates (never on a map).
        first: The date of the oldest event matching the filters but not the time window.
        last: The date of the newest one.
    """

    unplaced: int
    first: str | None
    last: str | None


MAP_COLUMNS = (
    *CLUSTER_COLUMNS,
    "precision",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
)
"""The columns of an event on the map, in this order."""

FROM_PLACE = {"place": "p.name", "admin1": "p.admin1", "lat": "p.lat", "lon": "p.lon"}
"""The columns of an event that come from its place (``entities p``)."""
CLUSTER_SELECT = ", ".join(
    f"{FROM_PLACE.get(name, 'c.' + name)} AS {name}" for name in CLUSTER_COLUMNS
)
"""The selected columns of a cluster (``clusters c`` joined to ``entities p``)."""
TOLLS_SQL = (
    "(SELECT group_concat(e.fatalities) FROM events e WHERE e.cluster_id = x.id "
    "AND e.current = 1 AND e.duplicate = 0 AND e.fatalities IS NOT NULL)"
)
"""The death tolls an event's reports give (comma-separated)."""


MAP_CLAUSES: tuple[Clause, ...] = (
    Condition("include_offtopic", "m.ontopic = 1", None, when_off=True),
    # an event reaching into the window starts at most its longest span before it
    Condition(
        "since",
        "m.date_end >= ? AND m.date_start >= date(?, '-' || "
        "(SELECT coalesce(max(span), 0) FROM map_events) || ' days')",
        lambda value: (*iso(value), *iso(value)),
    ),
    Condition("until", "m.date_start BETWEEN '0' AND ?", iso),
    Condition("country", "m.country = ?", country),
    Condition("type", "(m.type = ? OR m.subtype = ?)", twice),
    Condition("subtype", "m.subtype = ?"),
    by_place("m.place_entity"),
    Condition(
        "admin1",
        f"m.place_entity IN (SELECT id FROM entities WHERE admin1 IN ({REGION_NAMES}))",
        region,
    ),
    by_box("m.lat", "m.lon"),
    Condition(
        "claimant",
        "m.id IN (SELECT cluster_id FROM events WHERE current = 1 AND "
        f"{claimant_clause('claimant_entity')})",
        claimant,
    ),
    *(
        Condition(
            clause.field,
            "m.id IN (SELECT e.cluster_id FROM events e WHERE e.current = 1 AND "
            f"e.duplicate = 0 AND {clause.sql})",
            clause.bind,
        )
        for clause in REPORT_CLAUSES
    ),
)
"""How the map's events (``map_events m``) answer the filters: as the event list
(``LISTS["clusters"]``) does, read from the table the write path keeps for the map."""

PLACE_FIELDS = frozenset(
    {"include_offtopic", "country", "type", "subtype", "place", "admin1", "bbox"}
)
"""The filters ``map_places`` (the events per place, type, sub-type and country) answers
with the same clauses: a count without a time window, a claimant or a report's words."""

SPARSE = 20_000
"""Up to this many matching events, a page is sorted from the matches found by the box's
index; beyond, the events are read newest first until the page is full."""


def _placed(filters: Filters, box: Box | None) -> tuple[str, list[SqlValue]]:
    """The WHERE of the map's events matching the filters; with a box, those with
    coordinates inside it."""
    condition, params = _where(filters)
    if box is None:
        return condition, params
    inside, corners = box.sql("m.lat", "m.lon")
    return f"{condition} AND m.lat IS NOT NULL AND {inside}", [*params, *corners]


def _where(filters: Filters) -> tuple[str, list[SqlValue]]:
    if filters.hedge:
        raise InvalidOptionError("the hedge filter does not apply to clusters")
    condition, params = where(filters, MAP_CLAUSES)
    return condition or " WHERE 1", params


def map_events(
    connection: sqlite3.Connection, filters: Filters, box: Box | None, *, matches: int | None = None
) -> list[Record]:
    """One page (``filters.limit`` / ``offset``) of the events matching the filters (with a
    box, those with coordinates inside it), newest first with ``filters.descending``
    (undated last), else oldest first (undated first).

    Args:
        connection: The store.
        filters: What to select.
        box: The map's view, or None.
        matches: How many events match (:func:`map_count`), when known: up to
            :data:`SPARSE`, the matches are found through the box's index and sorted;
            otherwise (and when unknown) they are read in order until the page is full.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    placed, params = _placed(filters, box)
    limit, paging = page(filters)
    direction = " DESC" if filters.descending else ""
    ordered = "" if matches is not None and matches <= SPARSE else " INDEXED BY map_events_date"
    sql = (
        f"SELECT x.*, {PRECISION_SQL} AS precision, {TOLLS_SQL} AS tolls "
        f"FROM (SELECT {CLUSTER_SELECT} FROM (SELECT m.id, m.date_start FROM map_events m"
        f"{ordered}{placed} ORDER BY m.date_start{direction}, m.id{direction}{limit}) k "
        "JOIN clusters c ON c.id = k.id LEFT JOIN entities p ON p.id = c.place_entity) x "
        "LEFT JOIN entities p ON p.id = x.place_entity "
        f"ORDER BY x.date_start{direction}, x.id{direction}"
    )
    return [with_tolls(dict(row)) for row in connection.execute(sql, params + paging)]


def map_count(connection: sqlite3.Connection, filters: Filters, box: Box | None) -> int:
    """How many events match the filters (with a box, inside it), whatever the page: the
    sum of their places' counts (``map_places``) when the filters allow, else counted.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    placed, params = _placed(filters, box)
    if _per_place(filters):
        sql = f"SELECT coalesce(sum(m.events), 0) FROM map_places m{placed}"
    else:
        sql = f"SELECT count(*) FROM map_events m{_window_index(filters)}{placed}"
    return int(connection.execute(sql, params).fetchone()[0])


WINDOW_DAYS = 366
"""Up to this many days, a time window's events are counted from the index by date (SQLite
would read the wider rows of the table); longer windows are left to SQLite's choice."""


def _window_index(filters: Filters) -> str:
    if filters.since is None or filters.until is None:
        return ""
    if (filters.until - filters.since).days > WINDOW_DAYS:
        return ""
    return " INDEXED BY map_events_when"


def _per_place(filters: Filters) -> bool:
    """Whether every filter given is one ``map_places`` answers."""
    given = {
        clause.field
        for clause in MAP_CLAUSES
        if isinstance(clause, Condition) and clause.applies(filters) and not clause.when_off
    }
    return given <= PLACE_FIELDS and not filters.hedge


def map_extent(connection: sqlite3.Connection, filters: Filters) -> Extent:
    """The events of the filters without coordinates, and the dates of the first and last
    event whatever the time window (``since`` and ``until`` are left out).

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    condition, params = _where(filters)
    if not _per_place(filters) and filters.since is None and filters.until is None:
        # a claimant or a report's words: their events read once for all four answers
        unplaced, first, last = connection.execute(
            "SELECT count(*) - count(m.lat), min(nullif(m.date_start, '')), "
            f"max(nullif(m.date_end, '')) FROM map_events m{condition}",
            params,
        ).fetchone()
        return Extent(unplaced=int(unplaced), first=first, last=last)
    counted = (
        "coalesce(sum(m.events), 0) FROM map_places"
        if _per_place(filters)
        else ("count(*) FROM map_events")
    )
    unplaced = connection.execute(
        f"SELECT {counted} m{condition} AND m.lat IS NULL", params
    ).fetchone()[0]
    every, every_params = _where(dataclasses.replace(filters, since=None, until=None))
    dated = f"FROM map_events m{every} AND m.date_start != ''"
    first, newest = connection.execute(
        f"SELECT (SELECT min(m.date_start) {dated}), (SELECT max(m.date_start) {dated})",
        [*every_params, *every_params],
    ).fetchone()
    last = None
    if newest is not None:
        # the latest end is that of an event starting at most the longest span before
        last = connection.execute(
            f"SELECT max(m.date_end) {dated} AND m.date_start >= date(?, ?)",
            [*every_params, newest, f"-{longest_span(connection)} days"],
        ).fetchone()[0]
    return Extent(unplaced=int(unplaced), first=first, last=last)


def with_tolls(row: Record) -> Record:
    """The row with its ``tolls`` (comma-separated) replaced by their low, median and high."""
    tolls = row.pop("tolls")
    values = sorted(float(value) for value in str(tolls).split(",")) if tolls else []
    row["fatalities_low"] = values[0] if values else None
    row["fatalities_best"] = statistics.median(values) if values else None
    row["fatalities_high"] = values[-1] if values else None
    return row
