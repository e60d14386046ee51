"""Writing rows to their tables: the columns come from the row types (:mod:`.rows`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Literal

from .rows import Row, columns

IN_LIST_SIZE = 500
"""Values bound in one ``IN (?, ...)`` list: SQLite limits a statement's parameters."""

Conflict = Literal["ABORT", "IGNORE", "REPLACE"]
"""What SQLite does when a row's key is taken: fail, keep the stored row, or replace it."""


def insert(
    connection: sqlite3.Connection, rows: Sequence[Row], *, or_else: Conflict = "ABORT"
) -> int:
    """Insert rows of one type into its table, every column given.

    Args:
        connection: An open store (inside the caller's transaction).
        rows: Rows of one row type.
        or_else: What to do when a row's key is already stored.

    Returns:
        The number of rows inserted (or replaced).
    """
    if not rows:
        return 0
    row_type = type(rows[0])
    names = columns(row_type)
    verb = "INSERT" if or_else == "ABORT" else f"INSERT OR {or_else}"
    sql = (
        f"{verb} INTO {row_type.TABLE} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    return connection.executemany(sql, [row.values() for row in rows]).rowcount


def chunks(items: Sequence[str], size: int = IN_LIST_SIZE) -> list[list[str]]:
    """``items`` in consecutive lists of at most ``size``, each bound in one ``IN`` list."""
    return [list(items[start : start + size]) for start in range(0, len(items), size)]
