"""How likely a candidate entry is before context, and the hit's final choice and score.

The prior (:func:`prior`) rests on the entry's kind and size and on a national capital; a
town found only under one of its alternate names loses a little (:func:`name_form`). After
resolution, :func:`best` picks a mention's candidate and :func:`confidence` gives its
softmax share, discounted for variant and fuzzy matches.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from ...geo import Entry, name_key, skeleton
from . import settings
from .kinds import FEATURE_KINDS
from .mention import Mention


def prior(entry: Entry) -> float:
    """How likely an entry is before context: kind, size, capital."""
    if entry.kind == "country":
        return settings.PRIOR_COUNTRY
    if entry.kind in FEATURE_KINDS:
        return settings.PRIOR_WIDE
    if entry.kind == "admin1":
        return settings.PRIOR_ADMIN1
    if entry.kind == "admin2":
        return settings.PRIOR_ADMIN2
    value = (
        math.log10(entry.population + 10) / settings.TOWN_PRIOR_DECADES * settings.TOWN_PRIOR_MAX
    )
    return value + (settings.CAPITAL_PRIOR if entry.feature_code == "PPLC" else 0.0)


def name_form(key: str, entry: Entry) -> float:
    """A town matched only by one of its alternate names is a weaker reading."""
    if entry.kind != "city" or key == key_of(entry.name):
        return 0.0
    return 0.0 if skeleton_of(key) == skeleton_of(entry.name) else -settings.ALTERNATE_NAME_PENALTY


@lru_cache(maxsize=settings.NAME_CACHE_SIZE)
def key_of(name: str) -> str:
    """The lookup key of ``name`` (remembered)."""
    return name_key(name)


@lru_cache(maxsize=settings.NAME_CACHE_SIZE)
def skeleton_of(name: str) -> str:
    """The transliteration skeleton of ``name`` (remembered)."""
    return skeleton(name)


def major_rank(entry: Entry) -> int:
    """2 for a country, 1 for a national capital or a city of a million, else 0."""
    if entry.kind == "country":
        return 2
    major = entry.feature_code == "PPLC" or entry.population >= settings.MAJOR_POPULATION
    return int(entry.kind == "city" and major)


def small_town(entry: Entry) -> bool:
    """A town under :data:`.settings.NAMESAKE_POPULATION` (a namesake, not the place a
    region is named after or shares its name with, as New York or Puducherry)."""
    return entry.kind == "city" and entry.population < settings.NAMESAKE_POPULATION


def best(mention: Mention) -> Entry | None:
    """The mention's best-scored candidate (by prior before resolution), if any."""
    if not mention.candidates:
        return None
    if not mention.scores:
        return max(mention.candidates, key=prior)
    return max(mention.candidates, key=lambda entry: mention.scores.get(entry.id, 0.0))


def confidence(mention: Mention, entry: Entry) -> float:
    """The softmax share of ``entry`` among the mention's candidates, discounted for variant
    and fuzzy matches: the hit's honest score in [0, 1]."""
    values = [mention.scores.get(e.id, prior(e)) for e in mention.candidates]
    top = mention.scores.get(entry.id, prior(entry))
    share = 1.0 / sum(math.exp(value - top) for value in values)
    return round(max(0.0, min(1.0, share * settings.MATCH_CONFIDENCE[mention.match])), 3)


def context_countries(mentions: list[Mention]) -> Counter[str]:
    """Countries the article is about: demonyms, country names, unambiguous places."""
    countries: Counter[str] = Counter()
    for mention in mentions:
        if mention.demonym:
            countries[mention.demonym] += 1
            continue
        codes = {entry.country for entry in mention.candidates if entry.country}
        kinds = {entry.kind for entry in mention.candidates}
        if len(codes) == 1 or "country" in kinds:
            best = max(mention.candidates, key=prior)
            if best.country:
                countries[best.country] += 1
    return countries
