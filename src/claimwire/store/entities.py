"""Canonical entities across articles: one id for the spellings of one claimant or place.

A claimant's name is folded (:mod:`claimwire.store.names`) and looked up among the names
seen before; an unseen spelling close enough to a known one (rapidfuzz on folded keys)
joins that entity, else it founds a new one. A resolved place is its gazetteer entry;
an unresolved one is matched by its folded name within its country.
"""

from __future__ import annotations

import sqlite3

from rapidfuzz import fuzz, process

from ..models import Claimant
from .names import name_key, similar
from .rows import PlaceRow
from .settings import settings


def claimant_entity(connection: sqlite3.Connection, claimant: Claimant) -> str:
    """The canonical entity id of a claimant, creating the entity when it is new."""
    key = name_key(claimant.name) or claimant.name.lower()
    found = _by_key(connection, "claimant", key)
    if found is None:
        kind = "person" if claimant.type == "person" else "other"
        found = _closest(connection, key, kind=kind, type_=claimant.type, side=claimant.side)
    if found is None:
        found = f"claimant:{key}"
        connection.execute(
            "INSERT INTO entities (id, kind, name, type, side) VALUES (?, 'claimant', ?, ?, ?)",
            (found, claimant.name, claimant.type, claimant.side),
        )
    _remember(connection, "claimant", key, claimant.name, found)
    connection.execute("UPDATE entities SET mentions = mentions + 1 WHERE id = ?", (found,))
    return found


def place_entity(connection: sqlite3.Connection, place: PlaceRow) -> str:
    """The canonical entity id of a place mention, creating the entity when it is new."""
    names = [name for name in (place.name, place.mention) if name]
    if place.resolved and place.gazetteer_id:
        found = _scalar(
            connection,
            "SELECT id FROM entities WHERE kind = 'place' AND gazetteer_id = ?",
            (place.gazetteer_id,),
        )
        if found is None:
            found = f"place:{place.gazetteer_id}"
            connection.execute(
                "INSERT INTO entities (id, kind, name, type, country, admin1, gazetteer_id, "
                "lat, lon) VALUES (?, 'place', ?, ?, ?, ?, ?, ?, ?)",
                (
                    found,
                    place.name or place.mention,
                    place.feature_class,
                    place.country,
                    place.admin1,
                    place.gazetteer_id,
                    place.lat,
                    place.lon,
                ),
            )
    else:
        key = name_key(place.mention) or place.mention.lower()
        found = _by_key(connection, "place", key) or _closest_place(connection, key, place.country)
        if found is None:
            found = f"place:name:{key}"
            connection.execute(
                "INSERT INTO entities (id, kind, name, country) VALUES (?, 'place', ?, ?)",
                (found, place.mention, place.country),
            )
    for name in names:
        _remember(connection, "place", name_key(name) or name.lower(), name, found)
    connection.execute("UPDATE entities SET mentions = mentions + 1 WHERE id = ?", (found,))
    return found


def _scalar(connection: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> str | None:
    row = connection.execute(sql, params).fetchone()
    return None if row is None else str(row[0])


def _by_key(connection: sqlite3.Connection, kind: str, key: str) -> str | None:
    return _scalar(
        connection, "SELECT entity_id FROM entity_names WHERE kind = ? AND key = ?", (kind, key)
    )


def _remember(connection: sqlite3.Connection, kind: str, key: str, name: str, entity: str) -> None:
    connection.execute(
        "INSERT OR IGNORE INTO entity_names (kind, key, name, entity_id) VALUES (?, ?, ?, ?)",
        (kind, key, name, entity),
    )


def _closest(
    connection: sqlite3.Connection, key: str, *, kind: str, type_: str, side: str | None
) -> str | None:
    """A known claimant whose spelling is close enough; a lone surname needs one match."""
    person = "=" if kind == "person" else "!="
    words = key.split()
    if kind == "person" and len(words) == 1:
        rows = connection.execute(
            "SELECT DISTINCT n.entity_id FROM entity_names n JOIN entities e "
            f"ON e.id = n.entity_id WHERE n.kind = 'claimant' AND e.type {person} 'person' "
            "AND (n.key = ? OR n.key LIKE ?) ORDER BY n.entity_id",
            (key, f"% {key}"),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None  # "Smith" with two Smiths stays apart
    rows = connection.execute(
        "SELECT n.key, e.id, e.side FROM entity_names n JOIN entities e ON e.id = n.entity_id "
        f"WHERE n.kind = 'claimant' AND e.type {person} 'person' ORDER BY e.id, n.key"
    ).fetchall()
    cutoff = min(settings().name_similarity.values())
    keys = [row["key"] for row in rows]
    for _, _score, index in process.extract(
        key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        row = rows[index]
        if kind != "person" and side and row["side"] and side != row["side"]:
            continue
        if similar(key, row["key"], kind=kind):
            return str(row["id"])
    return None


def _closest_place(connection: sqlite3.Connection, key: str, country: str | None) -> str | None:
    rows = connection.execute(
        "SELECT n.key, e.id, e.country FROM entity_names n JOIN entities e "
        "ON e.id = n.entity_id WHERE n.kind = 'place' ORDER BY e.id, n.key"
    ).fetchall()
    cutoff = settings().name_similarity["place"]
    keys = [row["key"] for row in rows]
    for _, _score, index in process.extract(
        key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        row = rows[index]
        if country and row["country"] and country != row["country"]:
            continue
        return str(row["id"])
    return None
