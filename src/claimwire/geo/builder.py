"""The rows of a gazetteer build, and the centre of a spread of towns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from .entry import Entry
from .names import latin_key

BOX_LOW: Final = 0.02
"""Share of the lowest values of a spread left out of its box (stray points)."""
BOX_HIGH: Final = 0.98
"""The highest values of a spread above this share are left out of its box."""


class Builder:
    """Collects places and their lookup keys, in the order they are written."""

    def __init__(self) -> None:
        self.places: list[Entry] = []
        self.names: list[tuple[str, int]] = []

    def add(self, entry: Entry, keys: Iterable[str]) -> int:
        """Add ``entry`` under each of ``keys`` (once each); return its row number."""
        self.places.append(entry)
        row = len(self.places)
        for key in dict.fromkeys(keys):
            self.names.append((key, row))
        return row


def latin_keys(names: Iterable[str]) -> list[str]:
    """The lookup keys of the names written in Latin script."""
    return [key for key in map(latin_key, names) if key]


def box_bounds(values: list[float]) -> tuple[float, float]:
    """The lowest and highest of ``values`` in the :data:`BOX_LOW`-:data:`BOX_HIGH` box."""
    ordered = sorted(values)
    low, high = int(len(ordered) * BOX_LOW), max(int(len(ordered) * BOX_HIGH) - 1, 0)
    return ordered[low], ordered[high]


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd-98th percentile box of ``points``: robust to stray points."""
    (lat_low, lat_high), (lon_low, lon_high) = (
        box_bounds([point[0] for point in points]),
        box_bounds([point[1] for point in points]),
    )
    return (lat_low + lat_high) / 2, (lon_low + lon_high) / 2


def towns_centre(towns: list[dict[str, Any]]) -> tuple[float, float]:
    """The :func:`box_centre` of GeoNames towns."""
    return box_centre([(city["latitude"], city["longitude"]) for city in towns])
