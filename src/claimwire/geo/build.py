"""Compiling the gazetteer file, once per version (see :mod:`claimwire.geo.gazetteer`).

:func:`build_gazetteer` compiles the data files of :class:`~.inputs.BuildInputs` and the
resources of :mod:`.resources` into one SQLite file: every entry in the ``place`` table
(the columns of :class:`~.entry.Entry`), its lookup keys in ``name``, the transliteration
skeletons of every place in ``variant``, the names of notable places (for
misspellings) in ``notable``, and the version and counts in ``meta``. The file carries
:func:`build_version`; a reader rebuilds a file of another version.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import astuple
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from .admin1 import add_admin1, admin1_names
from .admin2 import add_admin2, add_us_counties, admin2_groups, admin2_of_towns
from .builder import Builder, box_centre, latin_keys
from .entry import PLACE_COLUMNS, Entry, is_notable
from .inputs import BuildInputs, read_json
from .names import latin_key, name_key, skeleton
from .resources import RESOURCES, country_points, curated, variants

logger = logging.getLogger(__name__)

GAZETTEER_VERSION: Final = "8"
"""Version of the gazetteer's build code and schema; bump it when either changes."""

VARIANT_POPULATION: Final = 0
"""Towns at least this large get transliteration skeletons: every town, so that a village
spelt another way ('Makhmour', 'Makhmur') is found in the article's country."""
NOTABLE_KEY_LENGTH: Final = 5
"""Shortest lookup key of a notable place kept for fuzzy matches."""
ALTERNATE_KEY_LENGTH: Final = 3
"""Shortest alternate name of a town kept as a lookup key."""
CODE_LENGTH: Final = 5
"""Upper-case alternate names up to this long are codes, not names ('UA', 'KHK')."""

SCHEMA: Final = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id TEXT, name TEXT, lat REAL, lon REAL, feature_class TEXT, feature_code TEXT,
    country TEXT, admin1 TEXT, population INTEGER, kind TEXT, parent TEXT, admin2 TEXT
);
CREATE TABLE name (key TEXT, place INTEGER);
CREATE TABLE variant (skeleton TEXT, place INTEGER);
CREATE TABLE notable (key TEXT PRIMARY KEY);
"""
INDEXES: Final = """
CREATE INDEX name_key ON name (key);
CREATE INDEX variant_skeleton ON variant (skeleton);
CREATE UNIQUE INDEX place_id ON place (id);
"""


def build_version(inputs: BuildInputs) -> str:
    """The version a gazetteer file must carry to be reused: code, data and resource hash.

    Args:
        inputs: The data files the file is (or would be) compiled from.
    """
    digest = hashlib.sha1()
    for file_name in RESOURCES:
        digest.update((files("claimwire") / "resources" / file_name).read_bytes())
    parts = [
        GAZETTEER_VERSION,
        inputs.release,
        "admin2" if inputs.admin2 else "no-admin2",
        "outlines" if inputs.outlines else "no-outlines",
        inputs.cities.name.split(".")[0],
        digest.hexdigest()[:12],
    ]
    return "-".join(str(part) for part in parts)


def build_gazetteer(
    path: Path, inputs: BuildInputs, *, version: str | None = None
) -> dict[str, Any]:
    """Compile the gazetteer into ``path`` (written to a temporary file, then moved).

    Args:
        path: Destination SQLite file; its folder is created.
        inputs: The data files to compile.
        version: Version recorded in the file; default :func:`build_version` of ``inputs``.

    Returns:
        Build statistics: counts, seconds, bytes.
    """
    started = time.perf_counter()
    logger.warning("claimwire: building the place gazetteer in %s (once, ~30 s)", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    if partial.exists():
        partial.unlink()
    stats = _write(partial, inputs, version or build_version(inputs))
    os.replace(partial, path)
    stats["seconds"] = round(time.perf_counter() - started, 1)
    stats["bytes"] = path.stat().st_size
    logger.warning(
        "claimwire: gazetteer built: %s places, %s names, %.1f MB in %.1f s",
        stats["places"],
        stats["names"],
        stats["bytes"] / 1e6,
        stats["seconds"],
    )
    return stats


def _names(primary: str, alternates: Iterable[str]) -> Iterator[str]:
    """Lookup keys of a place: its name and its Latin-script alternates (no codes)."""
    seen: set[str] = set()
    for index, name in enumerate([primary, *alternates]):
        if index and name.isupper() and len(name) <= CODE_LENGTH:
            continue
        key = latin_key(name)
        if key and key not in seen and (index == 0 or len(key) >= ALTERNATE_KEY_LENGTH):
            seen.add(key)
            yield key


def _add_countries(
    builder: Builder, cities: list[dict[str, Any]], countries: dict[str, Any]
) -> None:
    """Countries, at their listed point or the centre of their towns."""
    import pycountry

    points = country_points().points
    aliases = variants().country_aliases
    spread: dict[str, list[tuple[float, float]]] = {}
    for city in cities:
        spread.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    for code, country in countries.items():
        if code in points:
            lat, lon = points[code]
        elif spread.get(code):
            lat, lon = box_centre(spread[code])
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
        builder.add(entry, latin_keys(names))


def _add_continents(builder: Builder, continents: dict[str, Any]) -> None:
    """Continents, under their English names."""
    for continent in continents.values():
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
        builder.add(entry, latin_keys(names))


def _capitals(cities: list[dict[str, Any]], countries: dict[str, Any]) -> set[int]:
    """GeoNames ids of the national capitals (largest town of the capital's name)."""
    wanted = {
        (code, name_key(country["capital"]))
        for code, country in countries.items()
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


def _add_towns(
    builder: Builder,
    cities: list[dict[str, Any]],
    countries: dict[str, Any],
    admin1: dict[tuple[str, str], dict[str, Any]],
    admin2: dict[int, str],
) -> None:
    """GeoNames towns, with their first- and second-level regions; capitals marked."""
    capitals = _capitals(cities, countries)
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


def _add_curated(builder: Builder) -> None:
    """The curated places of ``places_curated.json``."""
    for place in curated().places:
        entry = Entry(
            f"curated:{place.id}",
            place.name,
            place.lat,
            place.lon,
            place.feature_class,
            place.feature_code,
            place.country,
            place.admin1,
            0,
            place.kind,
            place.parent,
        )
        builder.add(entry, latin_keys([place.name, *place.aliases]))


def _write(path: Path, inputs: BuildInputs, version: str) -> dict[str, Any]:
    """Build the gazetteer into the new SQLite file ``path``; return counts of places and
    names."""
    cities = list(read_json(inputs.cities).values())
    countries = read_json(inputs.countries)
    builder = Builder()
    _add_countries(builder, cities, countries)
    _add_continents(builder, read_json(inputs.continents))
    admin1 = admin1_names(cities, read_json(inputs.us_states), inputs.outlines)
    add_admin1(builder, admin1)
    admin2 = admin2_of_towns(cities, inputs.admin2)
    groups = admin2_groups(cities, admin2)
    add_us_counties(builder, cities, admin1, groups, read_json(inputs.us_counties))
    add_admin2(builder, groups, admin1)
    _add_towns(builder, cities, countries, admin1, admin2)
    _add_curated(builder)
    return _write_sqlite(path, version, builder)


def _write_sqlite(path: Path, version: str, builder: Builder) -> dict[str, Any]:
    variants_: set[tuple[str, int]] = set()
    notable: set[str] = set()
    for key, row in builder.names:
        entry = builder.places[row - 1]
        if entry.kind != "city" or entry.population >= VARIANT_POPULATION:
            variants_.add((skeleton(key), row))
        if is_notable(entry) and len(key) >= NOTABLE_KEY_LENGTH:
            notable.add(key)
    marks = ", ".join("?" for _ in PLACE_COLUMNS)
    db = sqlite3.connect(path)
    with db:
        db.executescript(SCHEMA)
        db.executemany(
            f"INSERT INTO place VALUES ({marks})", (astuple(entry) for entry in builder.places)
        )
        db.executemany("INSERT INTO name VALUES (?, ?)", builder.names)
        db.executemany("INSERT INTO variant VALUES (?, ?)", sorted(variants_))
        db.executemany("INSERT INTO notable VALUES (?)", ((key,) for key in sorted(notable)))
        db.executescript(INDEXES)
        stats = {"places": len(builder.places), "names": len(builder.names)}
        meta = {"version": version, **{key: str(value) for key, value in stats.items()}}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.execute("VACUUM")
    db.close()
    return stats
