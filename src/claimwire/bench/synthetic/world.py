"""The world a synthetic store is about: conflicts, their places, claimants and outlets.

Places come from the gazetteer (each conflict country's most populous towns, its
first-level regions and the country itself), so their ids, names, regions and coordinates
are those real articles resolve to, and the gazetteer's other spellings ("Kharkov") find
them. Claimants are invented per conflict (ministries, general staffs, governors of its
regions, people with a transliterated second spelling) beside a few international ones;
each has two or three spellings, as real claimants do. Every choice is weighted so that a
few places, claimants and outlets take most of the articles (a Zipf-like law).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass
from typing import Generic, TypeVar

from ...geo.entry import Entry
from ...geo.gazetteer import Gazetteer
from ...store.names import name_key
from ...store.rows import EntityNameRow, EntityRow, EntitySpellingRow

LAST_DAY = dt.date(2026, 11, 30)
"""The newest publication date of a synthetic store."""


@dataclass(frozen=True)
class Conflict:
    """A conflict: the country it is fought in, its period, its share of the articles and
    its two sides (as the store writes sides: "Russia", "Ukraine")."""

    country: str
    first: dt.date
    weight: float
    sides: tuple[str, str]
    last: dt.date = LAST_DAY


CONFLICTS = (
    Conflict("UA", dt.date(2022, 2, 24), 34, ("Ukraine", "Russia")),
    Conflict("UA", dt.date(2014, 4, 6), 3, ("Ukraine", "Russia"), dt.date(2022, 2, 23)),
    Conflict("SY", dt.date(2014, 1, 1), 12, ("Syria", "Syrian rebels")),
    Conflict("PS", dt.date(2023, 10, 7), 12, ("Palestine", "Israel")),
    Conflict("SD", dt.date(2023, 4, 15), 7, ("Sudan", "Rapid Support Forces")),
    Conflict("YE", dt.date(2015, 3, 26), 5, ("Yemen", "Houthis")),
    Conflict("IQ", dt.date(2014, 1, 1), 4, ("Iraq", "Islamic State"), dt.date(2019, 12, 31)),
    Conflict("AF", dt.date(2014, 1, 1), 4, ("Afghanistan", "Taliban"), dt.date(2021, 8, 31)),
    Conflict("MM", dt.date(2021, 2, 1), 4, ("Myanmar", "resistance forces")),
    Conflict("ML", dt.date(2014, 1, 1), 3, ("Mali", "JNIM")),
    Conflict("CD", dt.date(2014, 1, 1), 3, ("DR Congo", "M23")),
    Conflict("ET", dt.date(2020, 11, 4), 2, ("Ethiopia", "TPLF"), dt.date(2022, 11, 2)),
    Conflict("NG", dt.date(2014, 1, 1), 2, ("Nigeria", "Boko Haram")),
    Conflict("SO", dt.date(2014, 1, 1), 2, ("Somalia", "al-Shabaab")),
    Conflict("LY", dt.date(2014, 5, 16), 1, ("Libya", "LNA")),
    Conflict("BF", dt.date(2015, 1, 1), 1, ("Burkina Faso", "JNIM")),
    Conflict("HT", dt.date(2021, 7, 7), 1, ("Haiti", "gangs")),
)
"""The conflicts of the synthetic world, with their share of the articles."""

TOWNS_PER_CONFLICT = 250
REGIONS_PER_CONFLICT = 40
PEOPLE_PER_CONFLICT = 12
OUTLETS = 300


@dataclass(frozen=True)
class Place:
    """A place events happen at (a town, a region or the country) and its entity row."""

    entity: EntityRow
    kind: str
    """``city``, ``admin1`` or ``country``."""


@dataclass(frozen=True)
class Claimant:
    """A claimant: its entity row and the spellings articles write it with."""

    entity: EntityRow
    spellings: tuple[str, ...]
    side: str | None


T = TypeVar("T")


class Weighted(Generic[T]):
    """Items drawn with fixed weights (cumulative weights and a bisection)."""

    def __init__(self, items: list[T], weights: list[float]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> T:
        """One item, with probability proportional to its weight."""
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]


def zipf(items: list[T], exponent: float = 1.0) -> Weighted[T]:
    """The items weighted 1/(rank + 2)^exponent, first the heaviest."""
    return Weighted(items, [1 / (rank + 2) ** exponent for rank in range(len(items))])


@dataclass(frozen=True)
class Theatre:
    """What one conflict's articles draw from."""

    conflict: Conflict
    places: Weighted[Place]
    claimants: Weighted[Claimant]


@dataclass(frozen=True)
class World:
    """Everything the articles of a synthetic store draw from."""

    theatres: Weighted[Theatre]
    outlets: Weighted[str]
    international: Weighted[Claimant]
    entities: list[EntityRow]
    spellings: list[tuple[str, str, str]]
    """(kind, spelling, entity id) of every place and claimant."""

    def name_rows(self) -> tuple[list[EntityNameRow], list[EntitySpellingRow]]:
        """The ``entity_names`` rows (first entity per folded key) and ``entity_spellings``."""
        names: dict[tuple[str, str], EntityNameRow] = {}
        written: dict[tuple[str, str, str], EntitySpellingRow] = {}
        for kind, spelling, entity in self.spellings:
            key = name_key(spelling) or spelling.lower()
            names.setdefault(
                (kind, key), EntityNameRow(kind=kind, key=key, name=spelling, entity_id=entity)
            )
            written.setdefault(
                (kind, spelling, entity),
                EntitySpellingRow(kind=kind, name=spelling, entity_id=entity),
            )
        return list(names.values()), list(written.values())


def build_world(gazetteer: Gazetteer, rng: random.Random) -> World:
    """The conflicts' places and claimants, the outlets, the international claimants."""
    entities: dict[str, EntityRow] = {}
    spellings: list[tuple[str, str, str]] = []
    theatres = []
    for conflict in CONFLICTS:
        places = _places(gazetteer, conflict.country)
        for place in places:
            entities.setdefault(place.entity.id, place.entity)
            spellings.append(("place", place.entity.name, place.entity.id))
        regions = [place.entity.name for place in places if place.kind == "admin1"]
        claimants = _claimants(conflict, regions, rng)
        for claimant in claimants:
            entities.setdefault(claimant.entity.id, claimant.entity)
            spellings.extend(("claimant", name, claimant.entity.id) for name in claimant.spellings)
        theatres.append(Theatre(conflict, zipf(places, 1.05), zipf(claimants, 0.9)))
    international = [
        _claimant(names, kind, None)
        for names, kind in (
            (("the United Nations", "the UN"), "organization"),
            (("UN OCHA", "the UN humanitarian office"), "organization"),
            (("Human Rights Watch", "HRW"), "organization"),
            (("Amnesty International", "Amnesty"), "organization"),
            (("the International Committee of the Red Cross", "the ICRC"), "organization"),
            (("witnesses", "a witness"), "anonymous"),
            (("a security source", "security sources"), "anonymous"),
        )
    ]
    for claimant in international:
        entities.setdefault(claimant.entity.id, claimant.entity)
        spellings.extend(("claimant", name, claimant.entity.id) for name in claimant.spellings)
    outlets = [_outlet_name(rng, index) for index in range(OUTLETS)]
    for outlet in outlets:
        entity = EntityRow(
            id=f"claimant:{name_key(outlet)}", kind="claimant", name=outlet, type="outlet"
        )
        entities.setdefault(entity.id, entity)
        spellings.append(("claimant", outlet, entity.id))
    weights = [conflict.weight for conflict in CONFLICTS]
    return World(
        theatres=Weighted(theatres, weights),
        outlets=zipf(outlets, 0.8),
        international=zipf(international),
        entities=list(entities.values()),
        spellings=spellings,
    )


def _places(gazetteer: Gazetteer, country: str) -> list[Place]:
    """The country, its regions and towns, in the order of their weight (interleaved)."""
    towns = gazetteer.largest(country, "city", TOWNS_PER_CONFLICT)
    regions = gazetteer.largest(country, "admin1", REGIONS_PER_CONFLICT)
    whole = gazetteer.lookup_country(country)
    ordered: list[tuple[Entry, str]] = [(entry, "country") for entry in whole]
    for index, town in enumerate(towns):
        ordered.append((town, "city"))
        if index % 4 == 0 and index // 4 < len(regions):
            ordered.append((regions[index // 4], "admin1"))
    return [
        Place(
            entity=EntityRow(
                id=f"place:{entry.id}",
                kind="place",
                name=entry.name,
                type=entry.feature_class,
                country=entry.country,
                admin1=entry.admin1 if kind != "country" else None,
                gazetteer_id=entry.id,
                lat=entry.lat,
                lon=entry.lon,
            ),
            kind=kind,
        )
        for entry, kind in ordered
    ]


def _claimants(conflict: Conflict, regions: list[str], rng: random.Random) -> list[Claimant]:
    """A conflict's claimants, the most quoted first."""
    one, other = conflict.sides
    ones, others = _possessive(one), _possessive(other)
    found = [
        _claimant((f"{ones} General Staff", f"the General Staff of {one}"), "government", one),
        _claimant(
            (f"{others} defence ministry", f"the {other} Ministry of Defence"), "government", other
        ),
        _claimant(
            (f"{ones} defence ministry", f"the {one} Ministry of Defence"), "government", one
        ),
        _claimant((f"{ones} health ministry", f"the {one} Ministry of Health"), "government", one),
        _claimant((f"{other} officials", f"officials of {other}"), "group", other),
        _claimant((f"{one} police", f"the police of {one}"), "government", one),
    ]
    for region in regions[:10]:
        found.append(_claimant((f"the governor of {region}", f"{region} governor"), "person", one))
    for _ in range(PEOPLE_PER_CONFLICT):
        name = _person_name(rng)
        found.append(_claimant((name, _transliterated(name)), "person", rng.choice(conflict.sides)))
    rng.shuffle(found[6:])
    return found


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _claimant(spellings: tuple[str, ...], kind: str, side: str | None) -> Claimant:
    primary = spellings[0]
    entity = EntityRow(
        id=f"claimant:{name_key(primary)}", kind="claimant", name=primary, type=kind, side=side
    )
    return Claimant(entity=entity, spellings=spellings, side=side)


_SYLLABLES = ("ka", "lo", "mi", "ser", "hi", "ol", "dan", "yu", "ri", "ko", "va", "ne", "sha", "ti")
_FIRST = (
    "Oleh",
    "Yurii",
    "Ahmed",
    "Mohammed",
    "Fatima",
    "Aung",
    "Amina",
    "Ibrahim",
    "Olena",
    "Hassan",
)


def _person_name(rng: random.Random) -> str:
    last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() + rng.choice(
        ("ko", "ov", "i", "an")
    )
    return f"{rng.choice(_FIRST)} {last}"


def _transliterated(name: str) -> str:
    """Another spelling of a name, as another transliteration would write it."""
    return name.replace("Oleh", "Oleg").replace("kh", "h").replace("ii", "y").replace("ov", "off")


_OUTLET_WORDS = ("Daily", "Evening", "Morning", "Global", "Free", "Independent", "National")
_OUTLET_NOUNS = ("Post", "Herald", "Wire", "Times", "Observer", "Courier", "Monitor", "Gazette")


def _outlet_name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(_OUTLET_WORDS)} {rng.choice(_OUTLET_NOUNS)} {index}"
