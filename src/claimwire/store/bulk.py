"""Bulk loading a store: what the triggers keep, computed once after the rows are in.

A store written row by row keeps its full-text indexes (``documents_fts``, ``evidence_fts``
and its map ``evidence_fts_rows``) and the overview's counts (``fact_counts``) through
triggers. A bulk load (the synthetic store) drops the triggers and the secondary indexes,
writes the rows, then fills what the triggers would have kept with one statement each and
makes the triggers and indexes again from their own SQL, so the schema is the migrated
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
    """Fill the full-text indexes and the fact counts from the stored rows (inside the
    caller's transaction), as the triggers would have for rows written one by one.

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
    recount_facts(connection)


def recount_facts(connection: sqlite3.Connection) -> None:
    """Count the current facts (not wire copies) of each fact table, the current articles
    and the open contradictions into ``fact_counts``."""
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
