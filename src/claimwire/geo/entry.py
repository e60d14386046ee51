"""The gazetteer's record (:class:`Entry`) and the distance between two points."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Final


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry (a town, region, country, continent, sea or facility).

    The fields are the columns of the gazetteer file's ``place`` table, in order.
    """

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


PLACE_COLUMNS: Final = tuple(field.name for field in fields(Entry))
"""The columns of the ``place`` table: :class:`Entry`'s fields, in order."""

NOTABLE_POPULATION: Final = 50_000
"""Towns at least this large are candidates for fuzzy (misspelt) matches."""

EARTH_RADIUS_KM: Final = 6371.0088
"""The Earth's mean radius."""


def is_notable(entry: Entry) -> bool:
    """Tell whether ``entry`` is a region, country or other wide place, or a big town."""
    return entry.kind != "city" or entry.population >= NOTABLE_POPULATION


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))
