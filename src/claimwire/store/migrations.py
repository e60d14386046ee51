"""Numbered schema migrations of the store, applied in order, each in one transaction.

Migrations are SQL files ``store/migrations/NNNN_name.sql``. A store records the ones it
has in ``schema_version``; opening an older store applies the missing ones. A migration
never changes once released: a schema change is a new file.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .errors import APPLICATION_ID, StoreVersionError

logger = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, name and SQL script."""

    number: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with claimwire, in order of number."""
    found = []
    for entry in files("claimwire.store").joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            sql = entry.read_text(encoding="utf-8")
            found.append(Migration(int(match.group(1)), match.group(2), sql))
    found.sort(key=lambda migration: migration.number)
    numbers = [migration.number for migration in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations are not numbered 1..n: {numbers}")
    return tuple(found)


def current_version(connection: sqlite3.Connection) -> int:
    """The highest migration applied to the store (0 for a new, empty database)."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def pending(connection: sqlite3.Connection) -> list[Migration]:
    """The migrations the store still needs.

    Raises:
        StoreVersionError: The store has migrations this claimwire does not know.
    """
    version = current_version(connection)
    known = migrations()
    if version > len(known):
        raise StoreVersionError(
            f"the store has schema version {version}, newer than this claimwire knows "
            f"({len(known)}); upgrade claimwire to open it"
        )
    return [migration for migration in known if migration.number > version]


def migrate(connection: sqlite3.Connection, *, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to ``target`` (default: all), each in a transaction.

    Args:
        connection: An autocommit connection (``isolation_level=None``).
        target: Stop after this migration number (tests build old stores with it).

    Returns:
        The numbers of the migrations applied.
    """
    applied = []
    for migration in pending(connection):
        if target is not None and migration.number > target:
            break
        _apply(connection, migration)
        applied.append(migration.number)
        logger.info("store migrated to schema %d (%s)", migration.number, migration.name)
    return applied


def _apply(connection: sqlite3.Connection, migration: Migration) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        if current_version(connection) >= migration.number:  # another process was first
            connection.execute("ROLLBACK")
            return
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        for statement in split_statements(migration.sql):
            connection.execute(statement)
        connection.execute(
            "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, datetime('now'))",
            (migration.number, migration.name),
        )
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def split_statements(sql: str) -> list[str]:
    """Split a SQL script into complete statements (``executescript`` would commit)."""
    statements: list[str] = []
    pending_lines: list[str] = []
    for line in sql.splitlines():
        if not pending_lines and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending_lines.append(line)
        candidate = "\n".join(pending_lines)
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            pending_lines = []
    if "\n".join(pending_lines).strip():
        raise RuntimeError(f"incomplete SQL statement in a migration: {pending_lines[0]!r}")
    return statements
