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
from .known import known_names, remember
from .names import name_key, similar
from .rows import EntityNameRow, EntityRow, EntitySpellingRow, PlaceRow
from .settings import settings
from .tables import insert


def claimant_entity(connection: sqlite3.Connection, claimant: Claimant) -> str:
    """The canonical entity id of a claimant, creating the entity when it is new."""
    key = name_key(claimant.name) or claimant.name.lower()
    found = _by_key(connection, "claimant", key)
    if found is None:
        kind = "person" if claimant.type == "person" else "other"
        found = _closest(connection, key, kind=kind, side=claimant.side)
    if found is None:
        found = f"claimant:{key}"
        entity = EntityRow(
            id=found, kind="claimant", name=claimant.name, type=claimant.type, side=claimant.side
        )
        insert(connection, [entity])
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
            entity = EntityRow(
                id=found,
                kind="place",
                name=place.name or place.mention,
                type=place.feature_class,
                country=place.country,
                admin1=place.admin1,
                gazetteer_id=place.gazetteer_id,
                lat=place.lat,
                lon=place.lon,
            )
            insert(connection, [entity])
    else:
        key = name_key(place.mention) or place.mention.lower()
        found = _by_key(connection, "place", key) or _closest_place(connection, key, place.country)
        if found is None:
            found = f"place:name:{key}"
            entity = EntityRow(id=found, kind="place", name=place.mention, country=place.country)
            insert(connection, [entity])
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
    written = EntitySpellingRow(kind=kind, name=name, entity_id=entity)
    insert(connection, [written], or_else="IGNORE")  # every spelling, for the filters
    spelling = EntityNameRow(kind=kind, key=key, name=name, entity_id=entity)
    if insert(connection, [spelling], or_else="IGNORE") == 1:
        group = "side" if kind == "claimant" else "country"
        row = connection.execute(
            f"SELECT type, {group} FROM entities WHERE id = ?", (entity,)
        ).fetchone()
        remember(connection, kind, key, entity, row[0], row[1])


def _closest(
    connection: sqlite3.Connection, key: str, *, kind: str, side: str | None
) -> str | None:
    """A known claimant whose spelling is close enough; a lone surname needs one match.

    Among several, the closest wins, then the smallest id: the choice does not depend on
    the order names were learnt in (a resumed ingest decides like a clean one).
    """
    known = known_names(connection, "claimant")
    words = key.split()
    if kind == "person" and len(words) == 1:
        found = {
            entity
            for other, entity, other_type in zip(
                known.keys, known.entities, known.types, strict=True
            )
            if other_type == "person" and other.split()[-1] == key
        }
        return found.pop() if len(found) == 1 else None  # "Smith" with two Smiths: apart
    cutoff = min(settings().name_similarity.values())
    best: tuple[float, str] | None = None
    for _, score, index in process.extract(
        key, known.keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        if (known.types[index] == "person") != (kind == "person"):
            continue
        other_side = known.groups[index]
        if kind != "person" and side and other_side and side != other_side:
            continue
        if similar(key, known.keys[index], kind=kind):
            candidate = (-score, known.entities[index])
            best = candidate if best is None or candidate < best else best
    return None if best is None else best[1]


def _closest_place(connection: sqlite3.Connection, key: str, country: str | None) -> str | None:
    known = known_names(connection, "place")
    cutoff = settings().name_similarity["place"]
    best: tuple[float, str] | None = None
    for _, score, index in process.extract(
        key, known.keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        other_country = known.groups[index]
        if country and other_country and country != other_country:
            continue
        candidate = (-score, known.entities[index])
        best = candidate if best is None or candidate < best else best
    return None if best is None else best[1]
