"""The gazetteer's resource files, parsed into typed models when loaded.

- ``places_variants.json`` (:class:`Variants`): transliteration rules of the skeletons and
  extra names of countries and first-level regions;
- ``places_countries.json`` (:class:`CountryPoints`): points of large countries and of
  first-level regions, and the countries whose second-level regions are compiled in;
- ``places_curated.json`` (:class:`Curated`): historical and informal regions, seas,
  facilities.

Each loader validates its file once (:func:`claimwire.resource.load_typed_resource`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Literal

from pydantic import field_validator

from ..resource import ResourceItem, ResourceModel, load_typed_resource

RESOURCES: Final = ("places_curated.json", "places_countries.json", "places_variants.json")
"""Resource files compiled into the gazetteer: a change to any of them triggers a rebuild."""

Point = tuple[float, float]
"""Latitude and longitude, in degrees."""


class SkeletonRule(ResourceItem):
    """One rewrite of a transliteration skeleton (``pattern`` is a regular expression)."""

    pattern: str
    replace: str
    why: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        re.compile(pattern)
        return pattern


class Variants(ResourceModel):
    """``places_variants.json``: skeleton rules and extra names (by ISO 3166 code)."""

    version: str
    description: str
    skeleton_rules: tuple[SkeletonRule, ...]
    country_aliases: dict[str, tuple[str, ...]]
    admin1_aliases: dict[str, tuple[str, ...]]


class CountryPoints(ResourceModel):
    """``places_countries.json``: listed points, by ISO 3166-1 and 3166-2 code."""

    version: str
    description: str
    points: dict[str, Point]
    admin2_countries: tuple[str, ...]
    admin1_points: dict[str, Point]


class CuratedPlace(ResourceItem):
    """One curated place: a region, sea or facility GeoNames lacks or names otherwise."""

    id: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    kind: Literal["region", "water", "facility"]
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    parent: str | None
    source: str


class Curated(ResourceModel):
    """``places_curated.json``."""

    version: str
    description: str
    places: tuple[CuratedPlace, ...]


@lru_cache(maxsize=1)
def variants() -> Variants:
    """``places_variants.json``, loaded once."""
    return load_typed_resource("places_variants.json", Variants)


@lru_cache(maxsize=1)
def country_points() -> CountryPoints:
    """``places_countries.json``, loaded once."""
    return load_typed_resource("places_countries.json", CountryPoints)


@lru_cache(maxsize=1)
def curated() -> Curated:
    """``places_curated.json``, loaded once."""
    return load_typed_resource("places_curated.json", Curated)
