"""The gazetteer's record (:class:`Entry`) and the distance between two points."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Final, Protocol


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


class Located(Protocol):
    """What :func:`contains` reads of a place: a gazetteer entry or a place record."""

    @property
    def country(self) -> str | None:
        """ISO 3166-1 alpha-2 code."""

    @property
    def feature_code(self) -> str | None:
        """GeoNames feature code (PCLI, ADM1, PPL ...)."""

    @property
    def admin1(self) -> str | None:
        """First-level region code."""


def contains(outer: Located, inner: Located) -> bool:
    """Tell whether ``outer`` is a country and ``inner`` a place in it, or ``outer`` a
    first-level region and ``inner`` a place in it (by country and admin-1 codes)."""
    if not outer.country or outer.country != inner.country:
        return False
    code = outer.feature_code or ""
    if code.startswith("PCL"):
        return True
    return code == "ADM1" and outer.admin1 is not None and outer.admin1 == inner.admin1
