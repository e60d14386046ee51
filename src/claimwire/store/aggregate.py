"""Adding one article's facts to the corpus: canonical entities, series, clusters, conflicts.

Called by the write path inside the article's transaction, so the cross-document state
is always that of the articles stored so far (incremental, and consistent after a crash).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import TypeVar

from .clusters import assign_cluster, refresh_cluster
from .contradictions import claim_contradictions, denial_contradictions, figure_contradictions
from .entities import claimant_entity, place_entity
from .mapindex import refresh as refresh_map
from .rows import EventRow, FigureRow, PlaceRow, ResultRows
from .series import assign_series, refresh_series
from .tables import insert
from .tallies import refresh as refresh_tallies


def add_facts(connection: sqlite3.Connection, rows: ResultRows, *, duplicate: bool) -> None:
    """Insert an article's facts with their corpus links, and update the corpus.

    Args:
        connection: A connection inside the article's write transaction.
        rows: The article's rows (:func:`claimwire.store.rows.result_rows`).
        duplicate: The article is a copy of a stored text (a wire story in another outlet):
            its facts are stored and marked, but do not add points, reports or conflicts.
    """
    flag = int(duplicate)
    entities = {
        name: claimant_entity(connection, claimant) for name, claimant in rows.claimants.items()
    }
    places: dict[str, str] = {}
    place_rows: list[PlaceRow] = []
    for place in rows.places:
        entity = place_entity(connection, place)
        places[place.id] = entity
        place_rows.append(dataclasses.replace(place, place_entity=entity))
    insert(connection, place_rows)

    claims = [
        dataclasses.replace(claim, claimant_entity=entities.get(claim.claimant), duplicate=flag)
        for claim in rows.claims
    ]
    insert(connection, claims)

    figures = [_link_figure(connection, figure, entities, places, flag) for figure in rows.figures]
    insert(connection, figures)
    for series_id in sorted({f.series_id for f in figures if f.series_id}):
        refresh_series(connection, series_id)

    events = [_link_event(connection, event, entities, places, flag) for event in rows.events]
    renamed = {
        cluster_id: refresh_cluster(connection, cluster_id)
        for cluster_id in sorted({e.cluster_id for e in events if e.cluster_id})
    }
    events = [
        dataclasses.replace(e, cluster_id=renamed[e.cluster_id]) if e.cluster_id else e
        for e in events
    ]
    # the activity charts' tallies and the map's rows of these events (and of a cluster
    # renamed away)
    touched = [*renamed, *(e.cluster_id or e.id for e in events)]
    refresh_tallies(connection, touched)
    refresh_map(connection, touched)

    if duplicate:
        return
    for figure in figures:
        figure_contradictions(connection, figure)
    claim_contradictions(connection, claims)
    for event in events:
        denial_contradictions(connection, event)


def retire(connection: sqlite3.Connection, document_id: str) -> None:
    """Mark a superseded version's facts as not current and recount what they were in."""
    for table in ("figures", "claims", "places", "events"):
        connection.execute(f"UPDATE {table} SET current = 0 WHERE document_id = ?", (document_id,))
    connection.execute("UPDATE documents SET current = 0 WHERE id = ?", (document_id,))
    for (series_id,) in connection.execute(
        "SELECT DISTINCT series_id FROM figures WHERE document_id = ? AND series_id IS NOT NULL "
        "ORDER BY series_id",
        (document_id,),
    ).fetchall():
        refresh_series(connection, series_id)
    touched = [
        str(key)
        for (key,) in connection.execute(
            "SELECT DISTINCT coalesce(cluster_id, id) FROM events WHERE document_id = ?",
            (document_id,),
        ).fetchall()
    ]
    for (cluster_id,) in connection.execute(
        "SELECT DISTINCT cluster_id FROM events WHERE document_id = ? AND cluster_id IS NOT NULL "
        "ORDER BY cluster_id",
        (document_id,),
    ).fetchall():
        touched.append(refresh_cluster(connection, cluster_id))
    refresh_tallies(connection, touched)
    refresh_map(connection, touched)


_Fact = TypeVar("_Fact", FigureRow, EventRow)


def _linked(fact: _Fact, entities: dict[str, str], places: dict[str, str], duplicate: int) -> _Fact:
    """A figure or event with its canonical claimant and place, marked when a copy."""
    return dataclasses.replace(
        fact,
        claimant_entity=entities.get(fact.claimant),
        place_entity=places.get(fact.place_local_id) if fact.place_local_id else None,
        duplicate=duplicate,
    )


def _link_figure(
    connection: sqlite3.Connection,
    figure: FigureRow,
    entities: dict[str, str],
    places: dict[str, str],
    duplicate: int,
) -> FigureRow:
    linked = _linked(figure, entities, places, duplicate)
    return dataclasses.replace(linked, series_id=assign_series(connection, linked))


def _link_event(
    connection: sqlite3.Connection,
    event: EventRow,
    entities: dict[str, str],
    places: dict[str, str],
    duplicate: int,
) -> EventRow:
    linked = _linked(event, entities, places, duplicate)
    # Events go in one by one: the next report of the same article may join this cluster.
    linked = dataclasses.replace(linked, cluster_id=assign_cluster(connection, linked))
    insert(connection, [linked])
    return linked
