"""One event (a cluster of reports) with everything its reports say, for the event page.

:func:`event_detail` gathers the event's reports side by side (each with its article's
title and link), the claims that tell it (claimant, hedge, words), the figures of the same
articles about the same place or from the same claims, and the contradictions any of
them is part of.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .mapview import CLUSTER_SELECT, PRECISION_SQL, TOLLS_SQL, with_tolls
from .queries import CLAIM_COLUMNS, CONTRADICTION_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from .rows import Record, SqlValue


@dataclass(frozen=True)
class EventDetail:
    """An event and what its reports say.

    Attributes:
        event: The cluster (its place, precision, dates, counts and death tolls).
        reports: Its reports (current versions; wire copies marked ``duplicate``), oldest
            first, each with ``title`` and ``url`` of its article.
        claims: The claims that tell the reports and their figures.
        figures: The figures of the reports' articles at the event's place or in its claims.
        contradictions: Contradictions involving any of the reports, claims or figures.
    """

    event: Record
    reports: list[Record]
    claims: list[Record]
    figures: list[Record]
    contradictions: list[Record]

    def to_dict(self) -> dict[str, object]:
        """As JSON values."""
        return {
            "event": self.event,
            "reports": self.reports,
            "claims": self.claims,
            "figures": self.figures,
            "contradictions": self.contradictions,
        }


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def event_detail(connection: sqlite3.Connection, cluster_id: str) -> EventDetail | None:
    """The event ``cluster_id`` and its reports, claims, figures and contradictions, or
    None when no event has this id."""
    found = connection.execute(
        f"SELECT x.*, {PRECISION_SQL} AS precision, {TOLLS_SQL} AS tolls FROM "
        f"(SELECT {CLUSTER_SELECT} FROM clusters c LEFT JOIN entities p "
        "ON p.id = c.place_entity WHERE c.id = ?) x LEFT JOIN entities p ON p.id = x.place_entity",
        (cluster_id,),
    ).fetchone()
    if found is None:
        return None
    event = with_tolls(dict(found))
    columns = ", ".join(f"e.{name}" for name in EVENT_COLUMNS)
    reports = [
        dict(row)
        for row in connection.execute(
            f"SELECT {columns}, e.claim_id, e.duplicate, e.claimant_type, d.title, d.url "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.cluster_id = ? AND e.current = 1 "
            "ORDER BY coalesce(e.published, e.date), e.id",
            (cluster_id,),
        )
    ]
    documents = sorted({str(row["document_id"]) for row in reports})
    claim_ids = {str(row["claim_id"]) for row in reports if row["claim_id"]}
    figures = _figures(connection, documents, sorted(claim_ids), event.get("place_entity"))
    claim_ids |= {str(row["claim_id"]) for row in figures if row["claim_id"]}
    claims = _rows(
        connection,
        f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims WHERE id IN ({{marks}}) "
        "ORDER BY published, id",
        sorted(claim_ids),
    )
    ids = sorted(
        {str(row["id"]) for row in reports} | claim_ids | {str(row["id"]) for row in figures}
    )
    contradictions = _rows(
        connection,
        f"SELECT {', '.join(CONTRADICTION_COLUMNS)} FROM contradictions "
        "WHERE a_id IN ({marks}) OR b_id IN ({marks}) ORDER BY date, id",
        ids,
        repeat=2,
    )
    return EventDetail(event, reports, claims, figures, contradictions)


def _rows(
    connection: sqlite3.Connection, sql: str, values: list[str], *, repeat: int = 1
) -> list[Record]:
    if not values:
        return []
    params: list[SqlValue] = [*values] * repeat
    return [dict(row) for row in connection.execute(sql.format(marks=_marks(values)), params)]


def _figures(
    connection: sqlite3.Connection,
    documents: list[str],
    claim_ids: list[str],
    place_entity: SqlValue,
) -> list[Record]:
    if not documents:
        return []
    columns = ", ".join(FIGURE_COLUMNS)
    sql = (
        f"SELECT {columns} FROM figures WHERE current = 1 AND document_id IN "
        f"({_marks(documents)}) AND (claim_id IN ({_marks(claim_ids)}) OR place_entity = ?) "
        "ORDER BY published, id"
    )
    params: list[SqlValue] = [*documents, *claim_ids, place_entity]
    return [dict(row) for row in connection.execute(sql, params)]
