"""A synthetic store of events, for the map's tests and load measurements.

:func:`build_event_store` writes ``events`` event clusters, each told by one to three
reports in short articles it writes itself, at a handful of places (towns, first-level
regions and countries, so that every geo-precision occurs), spread over a span of days,
each report with its claim (claimant and hedge) and, for most, a death toll. Rows go
straight into the tables (no extraction), so a store of 100,000 events builds in about a
minute. The articles have no stored result: their article pages are not meant to open.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..store import mapindex, open_store
from ..store.rows import ClaimRow, ClusterRow, DocumentRow, EntityRow, EventRow, Row
from ..store.tables import insert


@dataclass(frozen=True)
class SyntheticPlace:
    """A place events happen at: a town (feature class P), a region or a country (A)."""

    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    feature_class: str = "P"

    @property
    def entity(self) -> str:
        """Its canonical place id in the store."""
        return "place:" + self.name.lower().replace(" ", "-")


PLACES = (
    SyntheticPlace("Kharkiv", "UA", "Kharkiv Oblast", 49.98, 36.25),
    SyntheticPlace("Izium", "UA", "Kharkiv Oblast", 49.21, 37.26),
    SyntheticPlace("Kharkiv Oblast", "UA", "Kharkiv Oblast", 49.5, 36.5, "A"),
    SyntheticPlace("Bakhmut", "UA", "Donetsk Oblast", 48.6, 38.0),
    SyntheticPlace("Mariupol", "UA", "Donetsk Oblast", 47.1, 37.55),
    SyntheticPlace("Kherson", "UA", "Kherson Oblast", 46.64, 32.61),
    SyntheticPlace("Odesa", "UA", "Odesa Oblast", 46.48, 30.73),
    SyntheticPlace("Kyiv", "UA", "Kyiv City", 50.45, 30.52),
    SyntheticPlace("Ukraine", "UA", None, 49.0, 32.0, "A"),
    SyntheticPlace("Tbilisi", "GE", "Tbilisi", 41.69, 44.83),
    SyntheticPlace("Aleppo", "SY", "Aleppo", 36.2, 37.16),
    SyntheticPlace("Idlib", "SY", "Idlib", 35.93, 36.63),
    SyntheticPlace("Homs", "SY", "Homs", 34.73, 36.71),
    SyntheticPlace("Mosul", "IQ", "Nineveh", 36.34, 43.13),
    SyntheticPlace("Khartoum", "SD", "Khartoum", 15.55, 32.53),
    SyntheticPlace("Gao", "ML", "Gao", 16.27, -0.04),
    SyntheticPlace("Mali", "ML", None, 17.0, -4.0, "A"),
    SyntheticPlace("Goma", "CD", "North Kivu", -1.68, 29.22),
    SyntheticPlace("Caracas", "VE", "Capital", 10.49, -66.88),
    SyntheticPlace("Yangon", "MM", "Yangon", 16.8, 96.16),
)
"""Where synthetic events happen."""

TYPES = (
    ("Battles", "Armed clash", "fighting"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
    ("Violence against civilians", "Attack", "an attack on civilians"),
    ("Protests", "Peaceful protest", "a protest"),
    ("Strategic developments", "Looting/property destruction", "looting"),
)
"""Event type, sub-type and the words an article uses for it."""

CLAIMANTS = (
    ("the regional governor", "person", "said"),
    ("the army", "military", "claimed"),
    ("police", "police", "said"),
    ("witnesses", "other", "said"),
)
"""Who tells of the event, its claimant type and the reporting verb."""

HEDGES = ("asserted", "claimed", "reported", "estimated")
OUTLETS = ("Daily Post", "Evening Herald", "Morning Wire")


@dataclass(frozen=True)
class SyntheticStore:
    """What :func:`build_event_store` wrote."""

    path: Path
    events: int
    reports: int
    first: dt.date
    last: dt.date


def build_event_store(
    path: Path,
    *,
    events: int,
    first: dt.date = dt.date(2014, 1, 1),
    last: dt.date = dt.date(2023, 11, 30),
    seed: int = 17,
    places: tuple[SyntheticPlace, ...] = PLACES,
) -> SyntheticStore:
    """Write a store of ``events`` event clusters dated evenly from ``first`` to ``last``.

    The ``i``-th cluster (from 0) is dated ``first + i * span / events``, so the newest
    clusters are the last written. Each has one to three reports in as many articles.

    Args:
        path: The store to create (it must not hold clusters already).
        events: How many events (clusters).
        first: The date of the oldest event.
        last: The date of the newest event.
        seed: The seed of the random choices (the same seed writes the same store).
        places: Where the events happen.

    Returns:
        The store's path and counts.
    """
    generator = random.Random(seed)
    connection = open_store(path)
    span = (last - first).days
    reports = 0
    try:
        connection.execute("BEGIN")
        insert(connection, [_entity(place) for place in places], or_else="IGNORE")
        batch: dict[type[Row], list[Row]] = {}
        for index in range(events):
            day = first + dt.timedelta(days=(index * span) // max(events - 1, 1))
            place = places[generator.randrange(len(places))]
            kind = TYPES[generator.randrange(len(TYPES))]
            told = 1 + min(generator.randrange(5), 2)
            cluster = f"syn{index:07d}-0:e1"
            batch.setdefault(ClusterRow, []).append(
                ClusterRow(
                    id=cluster,
                    type=kind[0],
                    subtype=kind[1],
                    place_entity=place.entity,
                    country=place.country,
                    date_start=day.isoformat(),
                    date_end=day.isoformat(),
                    reports=told,
                    outlets=told,
                )
            )
            for report in range(told):
                rows = _report(generator, index, report, cluster, day, place, kind)
                for row in rows:
                    batch.setdefault(type(row), []).append(row)
            reports += told
            if len(batch[ClusterRow]) >= 5000:
                _flush(connection, batch)
        _flush(connection, batch)
        mapindex.rebuild(connection)  # the map's events, as the write path keeps them
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return SyntheticStore(path=path, events=events, reports=reports, first=first, last=last)


def _flush(connection: sqlite3.Connection, batch: dict[type[Row], list[Row]]) -> None:
    for row_type in (DocumentRow, ClaimRow, ClusterRow, EventRow):
        insert(connection, batch.pop(row_type, []))


def _entity(place: SyntheticPlace) -> EntityRow:
    return EntityRow(
        id=place.entity,
        kind="place",
        name=place.name,
        type=place.feature_class,
        country=place.country,
        admin1=place.admin1,
        gazetteer_id=None,
        lat=place.lat,
        lon=place.lon,
        mentions=1,
    )


def _report(
    generator: random.Random,
    index: int,
    report: int,
    cluster: str,
    day: dt.date,
    place: SyntheticPlace,
    kind: tuple[str, str, str],
) -> tuple[Row, ...]:
    """One article telling of the event: its document, claim and event report."""
    claimant, claimant_type, verb = CLAIMANTS[generator.randrange(len(CLAIMANTS))]
    hedge = HEDGES[generator.randrange(len(HEDGES))]
    outlet = OUTLETS[(index + report) % len(OUTLETS)]
    killed = None if generator.random() < 0.3 else float(generator.randrange(0, 60))
    toll = f", killing {int(killed)} people" if killed is not None else ""
    opening = f"{claimant.capitalize()} {verb} there was {kind[2]} in {place.name}"
    text = f"{opening} on {day.isoformat()}{toll}.\nNothing else is known."
    document = f"syn{index:07d}-{report}"
    trigger_start = text.index(kind[2])
    evidence = kind[2]
    sentence = text.split("\n")[0]
    published = (day + dt.timedelta(days=report)).isoformat()
    claim_id = f"{document}:c1"
    return (
        DocumentRow(
            id=document,
            seq=index * 3 + report + 1,
            version_key=document,
            text_hash=document,
            url=f"https://news.example.org/{document}",
            outlet=outlet,
            title=f"{kind[0]} in {place.name}",
            published=published,
            language="en",
            source="synthetic",
            external_id=None,
            text=text,
            relevant=1,
        ),
        ClaimRow(
            id=claim_id,
            document_id=document,
            claimant=claimant,
            claimant_type=claimant_type,
            claimant_role=None,
            claimant_affiliation=None,
            claimant_side=None,
            form="indirect",
            hedge=hedge,
            cue=verb,
            content=sentence[len(claimant) + len(verb) + 2 :],
            start_char=0,
            end_char=len(sentence),
            contradicts_json="[]",
            date=day.isoformat(),
            outlet=outlet,
            published=published,
        ),
        EventRow(
            id=f"{document}:e1",
            document_id=document,
            type=kind[0],
            subtype=kind[1],
            status="new",
            actor1=None,
            actor1_side=None,
            actor2=None,
            actor2_side=None,
            actors_json=json.dumps([]),
            targets_json=json.dumps([]),
            place=place.name,
            place_entity=place.entity,
            admin1=place.admin1,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
            date_start=day.isoformat(),
            date_end=day.isoformat(),
            granularity="day",
            date=day.isoformat(),
            date_basis="date_start",
            fatalities=killed,
            claim_id=claim_id,
            claimant=claimant,
            claimant_type=claimant_type,
            hedge=hedge,
            cluster_id=cluster,
            start_char=trigger_start,
            end_char=trigger_start + len(evidence),
            evidence=evidence,
            context=sentence,
            outlet=outlet,
            published=published,
        ),
    )
