"""What values the filters can take in this store: the sides, regions and places it holds.

The dashboard offers them as choices and names them when a value is unknown ("no side
'Rusia'; known: Russia, Ukraine"). Each list of distinct values is read by skipping
through an index (one lookup per value), so it stays fast on a large store.
"""

from __future__ import annotations

import json
import sqlite3

from .filters import PLACE_ENTITIES, place, region

_SIDE_COLUMNS = (
    ("figures", "side"),
    ("claims", "claimant_side"),
    ("events", "actor1_side"),
    ("events", "actor2_side"),
)
"""The indexed columns that hold a side."""


def distinct(
    connection: sqlite3.Connection, table: str, column: str, *, where: str = "1"
) -> list[str]:
    """The distinct non-empty values of an indexed column, in order (an index skip-scan).

    Args:
        connection: The store.
        table: A table of the store (a name of this module, never user input).
        column: An indexed column of it.
        where: A fixed condition on the index's leading columns.
    """
    sql = (
        f"WITH RECURSIVE found(value) AS (SELECT (SELECT min({column}) FROM {table} "
        f"WHERE {where} AND {column} > '') UNION ALL SELECT (SELECT min({column}) FROM "
        f"{table} WHERE {where} AND {column} > found.value) FROM found "
        "WHERE found.value IS NOT NULL) SELECT value FROM found WHERE value IS NOT NULL"
    )
    return [str(row[0]) for row in connection.execute(sql)]


def sides(connection: sqlite3.Connection) -> list[str]:
    """Every side the store names: whose losses figures count, claimants', event actors'."""
    found: set[str] = set()
    for table, column in _SIDE_COLUMNS:
        found.update(distinct(connection, table, column))
    return sorted(found)


def regions(connection: sqlite3.Connection) -> list[str]:
    """The first-level regions (gazetteer names) of the places the store knows."""
    return distinct(connection, "entities", "admin1", where="kind = 'place'")


def places(connection: sqlite3.Connection, *, limit: int = 300) -> list[str]:
    """The names of the most mentioned places, for the place filter's suggestions."""
    rows = connection.execute(
        "SELECT name FROM entities WHERE kind = 'place' ORDER BY mentions DESC, name LIMIT ?",
        (limit,),
    )
    return sorted({str(row[0]) for row in rows})


def knows_place(connection: sqlite3.Connection, name: str) -> bool:
    """Whether some place of the store was written ``name`` (or a spelling folding to it),
    or is a gazetteer place one of whose names is ``name``."""
    row = connection.execute(f"SELECT 1 FROM ({PLACE_ENTITIES}) LIMIT 1", place(name)).fetchone()
    return row is not None


def region_name(connection: sqlite3.Connection, name: str) -> str:
    """The store's name of the first-level region called ``name`` by the gazetteer (any
    of its names: "Kharkivska oblast" is "Kharkiv Oblast"), else ``name`` itself."""
    known = set(regions(connection))
    if name in known:
        return name
    names = json.loads(str(region(name)[0]))
    return next((found for found in names if found in known), name)
