"""The folded names a store knows, kept in memory so that matching a new name is fast.

Fuzzy matching compares a new spelling with every known one; reading them all from the
database for each new name would grow with the corpus. A store connection
(:class:`StoreConnection`) keeps them in memory, appends what it writes, drops them when a
transaction rolls back, and reloads them when another connection has committed
(``PRAGMA data_version``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass
class Known:
    """The known names of one kind (``claimant`` or ``place``), in parallel lists."""

    version: int
    keys: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    types: list[str | None] = field(default_factory=list)
    groups: list[str | None] = field(default_factory=list)
    """A claimant's side, or a place's country."""


class StoreConnection(sqlite3.Connection):
    """A SQLite connection that carries the store's in-memory name lists."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.known_names: dict[str, Known] = {}


def known_names(connection: sqlite3.Connection, kind: str) -> Known:
    """The names of ``kind`` the store knows (from memory when still valid)."""
    version = int(connection.execute("PRAGMA data_version").fetchone()[0])
    cache: dict[str, Known] | None = getattr(connection, "known_names", None)
    if cache is not None and kind in cache and cache[kind].version == version:
        return cache[kind]
    group = "e.side" if kind == "claimant" else "e.country"
    known = Known(version)
    for key, entity, type_, group_value in connection.execute(
        f"SELECT n.key, e.id, e.type, {group} FROM entity_names n JOIN entities e "
        "ON e.id = n.entity_id WHERE n.kind = ? ORDER BY e.id, n.key",
        (kind,),
    ):
        add(known, key, entity, type_, group_value)
    if cache is not None:
        cache[kind] = known
    return known


def remember(
    connection: sqlite3.Connection,
    kind: str,
    key: str,
    entity: str,
    type_: str | None,
    group: str | None,
) -> None:
    """Add a name just written to the in-memory list, if one is loaded."""
    cache: dict[str, Known] | None = getattr(connection, "known_names", None)
    if cache is not None and kind in cache:
        add(cache[kind], key, entity, type_, group)


def forget(connection: sqlite3.Connection) -> None:
    """Drop the in-memory lists (after a rollback)."""
    cache: dict[str, Known] | None = getattr(connection, "known_names", None)
    if cache is not None:
        cache.clear()


def add(known: Known, key: str, entity: str, type_: str | None, group: str | None) -> None:
    """Append one name to a list."""
    known.keys.append(key)
    known.entities.append(entity)
    known.types.append(type_)
    known.groups.append(group)
