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

from .box import Box
from .filters import Filters, page
from .queries import CLUSTER_COLUMNS, LISTS
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


def _placed(filters: Filters, box: Box | None) -> tuple[str, list[SqlValue]]:
    """The WHERE of the events matching the filters; with a box, those with coordinates
    inside it."""
    condition, params = LISTS["clusters"].where(filters)
    if box is None:
        return condition, list(params)
    inside, corners = box.sql("p.lat", "p.lon")
    return f"{condition} AND p.lat IS NOT NULL AND {inside}", [*params, *corners]


def map_events(connection: sqlite3.Connection, filters: Filters, box: Box | None) -> list[Record]:
    """One page (``filters.limit`` / ``offset``) of the events matching the filters (with a
    box, those with coordinates inside it), newest first with ``filters.descending``
    (undated last), else oldest first (undated first).

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    placed, params = _placed(filters, box)
    limit, paging = page(filters)
    direction = " DESC" if filters.descending else ""
    sql = (
        f"SELECT x.*, {PRECISION_SQL} AS precision, {TOLLS_SQL} AS tolls "
        f"FROM (SELECT {CLUSTER_SELECT} FROM {LISTS['clusters'].source}{placed} "
        f"ORDER BY c.date_start{direction}, c.id{direction}{limit}) x "
        "LEFT JOIN entities p ON p.id = x.place_entity "
        f"ORDER BY x.date_start{direction}, x.id{direction}"
    )
    return [with_tolls(dict(row)) for row in connection.execute(sql, params + paging)]


def map_count(connection: sqlite3.Connection, filters: Filters, box: Box | None) -> int:
    """How many events match the filters (with a box, inside it), whatever the page.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    placed, params = _placed(filters, box)
    sql = f"SELECT count(*) FROM {LISTS['clusters'].source}{placed}"
    return int(connection.execute(sql, params).fetchone()[0])


def map_extent(connection: sqlite3.Connection, filters: Filters) -> Extent:
    """The events of the filters without coordinates, and the dates of the first and last
    event whatever the time window (``since`` and ``until`` are left out).

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    query = LISTS["clusters"]
    condition, params = query.where(filters)
    unplaced = connection.execute(
        f"SELECT count(*) FROM {query.source}{condition} AND p.lat IS NULL", params
    ).fetchone()[0]
    every, every_params = query.where(dataclasses.replace(filters, since=None, until=None))
    first, last = connection.execute(
        f"SELECT min(c.date_start), max(c.date_end) FROM {query.source}{every}", every_params
    ).fetchone()
    return Extent(unplaced=int(unplaced), first=first, last=last)


def with_tolls(row: Record) -> Record:
    """The row with its ``tolls`` (comma-separated) replaced by their low, median and high."""
    tolls = row.pop("tolls")
    values = sorted(float(value) for value in str(tolls).split(",")) if tolls else []
    row["fatalities_low"] = values[0] if values else None
    row["fatalities_best"] = statistics.median(values) if values else None
    row["fatalities_high"] = values[-1] if values else None
    return row
