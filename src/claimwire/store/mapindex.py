"""The map's events, kept by the write path: one row per event (cluster) with reports.

The map (``/api/clusters``, :mod:`.mapview`) lists and counts the events of a box and a
time window, newest first. Read from ``clusters``, every candidate needed its place's
coordinates (a join) and a probe of its reports (does an on-topic article tell it?):
counting the events of the world took seconds on a store of a million articles.
``map_events`` (migration 13) holds, per cluster with reports, its dates, type, country,
place and coordinates and whether an on-topic article tells it, keyed in the map's order
and indexed by coordinates, so a page and a count read one table.

:func:`refresh` recomputes the rows of the clusters an article touched, inside the
article's write transaction (the tallies' keys: a renamed cluster's old id takes its row
away), so the table always equals :func:`rebuild` from the stored rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .filters import OFFTOPIC_DOCUMENTS
from .tables import chunks

_ROWS = (
    "INSERT INTO map_events "
    "(id, ontopic, date_start, date_end, span, type, subtype, country, place_entity, lat, lon) "
    "SELECT c.id, EXISTS (SELECT 1 FROM events o WHERE o.cluster_id = c.id AND o.current = 1 "
    f"AND o.document_id NOT IN ({OFFTOPIC_DOCUMENTS})), "
    "coalesce(c.date_start, ''), coalesce(c.date_end, ''), "
    "coalesce(CAST(julianday(c.date_end) - julianday(c.date_start) AS INTEGER) + 1, 0), "
    "c.type, c.subtype, c.country, c.place_entity, p.lat, p.lon "
    "FROM clusters c LEFT JOIN entities p ON p.id = c.place_entity WHERE c.reports > 0"
)
"""The map's rows of the clusters (add a condition on ``c.id`` to choose some)."""


def refresh(connection: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Recompute the map's rows of some clusters, inside the caller's transaction; ids of
    clusters that no longer exist, or have no report left, take their rows away."""
    chosen = sorted(set(keys))
    if not chosen:
        return
    for some in chunks(chosen):
        marks = ", ".join("?" for _ in some)
        connection.execute(f"DELETE FROM map_events WHERE id IN ({marks})", some)
        connection.execute(f"{_ROWS} AND c.id IN ({marks})", some)


def rebuild(connection: sqlite3.Connection) -> None:
    """Recompute every row from the stored clusters (inside the caller's transaction);
    what a store written outside the write path needs (the synthetic store)."""
    connection.execute("DELETE FROM map_events")
    connection.execute(_ROWS)


def longest_span(connection: sqlite3.Connection) -> int:
    """Whole days from the first to the last date of the longest event, plus one: an event
    that reaches into a time window starts at most that many days before it."""
    return int(connection.execute("SELECT coalesce(max(span), 0) FROM map_events").fetchone()[0])
