"""Bulk loading a store: what the triggers keep, computed once after the rows are in.

A store written row by row keeps its full-text indexes (``documents_fts``, ``evidence_fts``
and its map ``evidence_fts_rows``), the overview's counts (``fact_counts``) and the claims'
and articles' areas (``claim_areas``, ``article_areas``) through triggers. A bulk load (the
synthetic store) drops the triggers and the secondary indexes, writes the rows, then fills
what the triggers would have kept with one statement each and makes the triggers and
indexes again from their own SQL, so the schema is the migrated
one. :func:`fill_derived` gives what the triggers give for the same rows; a test compares
the two.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import mapindex, tallies
from .series import rebuild_days

FACT_TABLES = ("figures", "claims", "events")
"""The fact tables: their evidence is indexed and their current rows counted."""

_EVIDENCE = {
    "figures": "evidence || char(10) || coalesce(context, '')",
    "claims": "content",
    "events": "evidence || char(10) || coalesce(context, '')",
}
"""The text each fact table's trigger puts in ``evidence_fts`` (migration 9)."""


@dataclass(frozen=True)
class Dropped:
    """The SQL of the triggers and secondary indexes dropped for a bulk load."""

    triggers: tuple[str, ...]
    indexes: tuple[str, ...]


def drop_for_bulk_load(connection: sqlite3.Connection) -> Dropped:
    """Drop the triggers and secondary indexes; the SQL that makes them again."""
    found = connection.execute(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    for kind, name, _ in found:
        connection.execute(f'DROP {kind.upper()} "{name}"')
    return Dropped(
        triggers=tuple(sql for kind, _, sql in found if kind == "trigger"),
        indexes=tuple(sql for kind, _, sql in found if kind == "index"),
    )


def fill_derived(connection: sqlite3.Connection) -> None:
    """Fill the full-text indexes, the fact counts and the claims' and articles' areas
    (``claim_areas``, ``article_areas``) from the stored rows (inside the caller's
    transaction), as the triggers would have for rows written one by one.

    The evidence of each table goes in in the table's row order, so a keyword's matches of
    one kind are in the order the facts were stored, as the triggers leave them.
    """
    connection.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
    connection.execute(
        "INSERT INTO documents_fts (rowid, title, text) "
        "SELECT seq, title, text FROM documents ORDER BY seq"
    )
    connection.execute("DELETE FROM evidence_fts")
    connection.execute("DELETE FROM evidence_fts_rows")
    for table in FACT_TABLES:
        kind = table[:-1]
        connection.execute(
            f"INSERT INTO evidence_fts (text, kind, fact_id) "
            f"SELECT {_EVIDENCE[table]}, '{kind}', id FROM {table} ORDER BY rowid"
        )
    connection.execute(
        "INSERT INTO evidence_fts_rows (fact_id, kind, fts_rowid) "
        "SELECT fact_id, kind, rowid FROM evidence_fts"
    )
    connection.execute("DELETE FROM claim_areas")
    connection.execute(CLAIM_AREAS)
    connection.execute("DELETE FROM article_areas")
    connection.execute(ARTICLE_AREAS)
    recount_facts(connection)


AREAS_OF_ARTICLES = """(
    SELECT document_id, 'country' AS level, country AS name FROM places
    WHERE country IS NOT NULL
    UNION
    SELECT p.document_id, 'admin1', e.admin1 FROM places p JOIN entities e ON e.id = p.place_entity
    WHERE e.admin1 IS NOT NULL
) a"""
"""The countries of the places each article names, and the first-level regions of their
canonical places (``document_id``, ``level``, ``name``)."""

CLAIM_AREAS_SELECT = f"""
SELECT c.id, a.level, a.name, c.date, c.current, c.duplicate, c.document_id,
       c.claimant_entity, c.claimant_side, c.hedge
FROM {AREAS_OF_ARTICLES}
JOIN claims c ON c.document_id = a.document_id
"""
"""Each claim's countries and first-level regions (its article's), as the triggers of
migration 15 keep them (the migration fills an existing store with the same SELECT)."""

CLAIM_AREAS = (
    "INSERT INTO claim_areas (id, level, name, date, current, duplicate, document_id, "
    f"claimant_entity, claimant_side, hedge) {CLAIM_AREAS_SELECT}"
)
"""Fill ``claim_areas`` (an empty one) from the stored rows."""

ARTICLE_AREAS_SELECT = f"""
SELECT d.id, a.level, a.name, d.current, d.published, d.seq, d.duplicate_of, d.relevant
FROM {AREAS_OF_ARTICLES}
JOIN documents d ON d.id = a.document_id
"""
"""Each article's countries and first-level regions, as migration 15's triggers keep them."""

ARTICLE_AREAS = (
    "INSERT INTO article_areas (id, level, name, current, published, seq, duplicate_of, "
    f"relevant) {ARTICLE_AREAS_SELECT}"
)
"""Fill ``article_areas`` (an empty one) from the stored rows."""


def recount_facts(connection: sqlite3.Connection) -> None:
    """Count the current facts (not wire copies) of each fact table, the current articles
    and the open contradictions into ``fact_counts``, and each watched source's stored and
    not stored items into ``watch_source_counts``."""
    for table in FACT_TABLES:
        connection.execute(
            "INSERT OR REPLACE INTO fact_counts (name, counted) "
            f"SELECT '{table}', count(*) FROM {table} WHERE current = 1 AND duplicate = 0"
        )
    connection.execute(
        "INSERT OR REPLACE INTO fact_counts (name, counted) "
        "SELECT 'articles', count(*) FROM documents WHERE current = 1"
    )
    connection.execute(
        "INSERT OR REPLACE INTO fact_counts (name, counted) "
        "SELECT 'open_contradictions', count(*) FROM contradictions WHERE settled_by IS NULL"
    )
    connection.execute("DELETE FROM watch_source_counts")
    connection.execute(
        "INSERT INTO watch_source_counts (source, stored, not_stored) "
        "SELECT c.source, sum(i.status = 'done'), sum(i.status IN ('failed', 'skipped')) "
        "FROM watch_item_sources c JOIN watch_items i ON i.id = c.item_id GROUP BY c.source"
    )


def restore(connection: sqlite3.Connection, dropped: Dropped) -> None:
    """Make the indexes and triggers of :func:`drop_for_bulk_load` again."""
    for sql in (*dropped.indexes, *dropped.triggers):
        connection.execute(sql)


def fill_kept(connection: sqlite3.Connection) -> None:
    """Fill what the write path keeps per article (the activity tallies, the map's events)
    from the stored rows, inside the caller's transaction; after :func:`restore`, since
    both read the reports of each event through the indexes; and the series' days)."""
    tallies.rebuild(connection)
    mapindex.rebuild(connection)
    rebuild_days(connection)
