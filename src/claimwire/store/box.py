"""A bounding box of the map (west, south, east, north in degrees), and its SQL.

The map's view, the ``bbox`` filter of the event and figure lists and of the exports
(``claimwire export --bbox``, the map's export buttons) are all this box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import InvalidOptionError
from .rows import SqlValue


@dataclass(frozen=True)
class Box:
    """A bounding box in degrees; ``west > east`` crosses the antimeridian.

    Raises:
        InvalidOptionError: A latitude outside [-90, 90], a longitude outside [-180, 180],
            or ``south`` above ``north``.
    """

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        """Check the corners."""
        values = (self.west, self.south, self.east, self.north)
        if not all(math.isfinite(value) for value in values):
            raise InvalidOptionError(f"bbox: {values} has a value that is not a number")
        if not (-90 <= self.south <= self.north <= 90):
            raise InvalidOptionError(
                f"bbox: south ({self.south}) and north ({self.north}) must be latitudes "
                "from -90 to 90, south first"
            )
        if not (-180 <= self.west <= 180 and -180 <= self.east <= 180):
            raise InvalidOptionError(
                f"bbox: west ({self.west}) and east ({self.east}) must be longitudes "
                "from -180 to 180"
            )

    @classmethod
    def parse(cls, text: str) -> Box:
        """A box from ``west,south,east,north`` (Leaflet's ``toBBoxString()``).

        Longitudes beyond ±180 (a map panned round the world) are wrapped; a box wider
        than the world selects every longitude.

        Raises:
            InvalidOptionError: Not four numbers, or a corner out of range.
        """
        parts = text.split(",")
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise InvalidOptionError(
                f"bbox: {text!r} is not four numbers west,south,east,north (degrees)"
            ) from None
        if east - west >= 360:
            west, east = -180.0, 180.0
        elif math.isfinite(west) and math.isfinite(east):
            west, east = _wrap(west), _wrap(east)
        return cls(west, south, east, north)

    def sql(self, lat: str, lon: str) -> tuple[str, list[SqlValue]]:
        """The clause selecting points of columns ``lat``/``lon`` inside, and its parameters."""
        if self.west <= self.east:
            return (
                f"{lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ?",
                [self.south, self.north, self.west, self.east],
            )
        return (
            f"{lat} BETWEEN ? AND ? AND ({lon} >= ? OR {lon} <= ?)",
            [self.south, self.north, self.west, self.east],
        )

    def text(self) -> str:
        """``west,south,east,north``."""
        return ",".join(f"{value:g}" for value in (self.west, self.south, self.east, self.north))


def _wrap(longitude: float) -> float:
    if -180 <= longitude <= 180:
        return longitude
    return (longitude + 180) % 360 - 180
