"""Event clusters: the reports of one event by several outlets, grouped as they arrive.

Two reports are one event when they have the same type, the same canonical place (or
one a town of the other's first-level region: "Kharkiv" and "the Kharkiv region"), dates
within a window (``cluster_window_days`` of ``resources/corpus.json``), and compatible
actors (their sides overlap, or one report names none). Each report stays in ``events``
with its claimant, hedge and evidence; ``clusters`` holds the event's span of dates and
how many reports and outlets tell it. A report without a place or a date is its own cluster.

A cluster's id is the smallest id of its current reports (report ids hash their article's
content), so the same articles grouped the same way give the same ids in any ingest order.
The grouping itself can depend on the order only at the edge of the date window (a report
that bridges two others arriving last).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

from .days import shift
from .rows import ClusterRow, EventRow
from .settings import settings
from .tables import insert


def assign_cluster(connection: sqlite3.Connection, event: EventRow) -> str:
    """The cluster of a new event report (an existing one, or a new one it founds)."""
    cluster = _matching_cluster(connection, event)
    if cluster is None:
        cluster = event.id
        row = ClusterRow(
            id=cluster,
            type=event.type,
            subtype=event.subtype,
            place_entity=event.place_entity,
            country=event.country,
            date_start=event.date,
            date_end=event.date,
        )
        insert(connection, [row])
    return cluster


def refresh_cluster(connection: sqlite3.Connection, cluster_id: str) -> str:
    """Recount a cluster's reports, outlets and dates from its current reports.

    Returns:
        The cluster's id, renamed to its smallest current report's id when that changed.
    """
    connection.execute(
        "UPDATE clusters SET "
        "reports = (SELECT count(*) FROM events WHERE cluster_id = :id AND current = 1 "
        "  AND duplicate = 0), "
        "outlets = (SELECT count(DISTINCT coalesce(outlet, document_id)) FROM events "
        "  WHERE cluster_id = :id AND current = 1), "
        "date_start = coalesce((SELECT min(date) FROM events WHERE cluster_id = :id "
        "  AND current = 1), date_start), "
        "date_end = coalesce((SELECT max(date) FROM events WHERE cluster_id = :id "
        "  AND current = 1), date_end) "
        "WHERE id = :id",
        {"id": cluster_id},
    )
    smallest = connection.execute(
        "SELECT min(id) FROM events WHERE cluster_id = ? AND current = 1", (cluster_id,)
    ).fetchone()[0]
    if smallest is None or smallest == cluster_id:
        return cluster_id
    # The reports point at the cluster (a foreign key): copy it, move them, drop the old row.
    columns = ", ".join(f.name for f in dataclasses.fields(ClusterRow) if f.name != "id")
    connection.execute(
        f"INSERT INTO clusters (id, {columns}) SELECT ?, {columns} FROM clusters WHERE id = ?",
        (smallest, cluster_id),
    )
    connection.execute(
        "UPDATE events SET cluster_id = ? WHERE cluster_id = ?", (smallest, cluster_id)
    )
    connection.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))
    return str(smallest)


def _matching_cluster(connection: sqlite3.Connection, event: EventRow) -> str | None:
    if event.place_entity is None or event.date is None:
        return None
    window = settings().cluster_window_days
    day = dt.date.fromisoformat(event.date)
    rows = connection.execute(
        "SELECT id, place_entity, date_start, date_end FROM clusters WHERE type = ? "
        "AND date_start <= ? AND date_end >= ? AND place_entity IS NOT NULL ORDER BY id",
        (event.type, shift(day, window).isoformat(), shift(day, -window).isoformat()),
    ).fetchall()
    places = _Places(connection)
    sides = _sides(event.actor1_side, event.actor2_side, event.actors_json, event.targets_json)
    best: tuple[int, int, str] | None = None
    for row in rows:
        nesting = places.distance(event.place_entity, row["place_entity"])
        if nesting is None:
            continue
        if sides and not _sides_compatible(connection, row["id"], sides):
            continue
        start = dt.date.fromisoformat(row["date_start"])
        end = dt.date.fromisoformat(row["date_end"])
        distance = 0 if start <= day <= end else min(abs((day - start).days), abs((day - end).days))
        if best is None or (nesting, distance, row["id"]) < best:
            best = (nesting, distance, row["id"])
    return None if best is None else best[2]


class _Places:
    """Canonical places, read once per event: is one the other, or inside the other?"""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.known: dict[str, sqlite3.Row | None] = {}

    def get(self, entity: str) -> sqlite3.Row | None:
        if entity not in self.known:
            self.known[entity] = self.connection.execute(
                "SELECT name, admin1, country FROM entities WHERE id = ?", (entity,)
            ).fetchone()
        return self.known[entity]

    def distance(self, first: str, second: str) -> int | None:
        """0 for one place, 1 when one is a town of the other's first-level region (a
        report says "Kharkiv", another "the Kharkiv region"), None otherwise."""
        if first == second:
            return 0
        one, other = self.get(first), self.get(second)
        if one is None or other is None or one["country"] != other["country"]:
            return None
        for town, region in ((one, other), (other, one)):
            if region["admin1"] and region["name"] == region["admin1"] == town["admin1"]:
                return 1
        return None


def _sides(*values: str | None) -> set[str]:
    sides: set[str] = set()
    for value in values:
        if value is None:
            continue
        if value.startswith("["):
            sides.update(item[1] for item in json.loads(value) if len(item) > 1 and item[1])
        else:
            sides.add(value)
    return sides


def _sides_compatible(connection: sqlite3.Connection, cluster_id: str, sides: set[str]) -> bool:
    known: set[str] = set()
    for row in connection.execute(
        "SELECT actor1_side, actor2_side, actors_json, targets_json FROM events "
        "WHERE cluster_id = ? AND current = 1",
        (cluster_id,),
    ):
        known |= _sides(*row)
    return not known or bool(known & sides)
