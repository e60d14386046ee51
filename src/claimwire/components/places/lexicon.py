"""The place component's word lists: ``resources/places_rules.json`` and
``resources/places_groups.json``, typed, loaded once.

:func:`rules` returns :class:`PlaceRules`; :func:`group_names` the names of groups that are
never places (:class:`GroupNames`); :func:`demonym_codes` and
:func:`region_demonyms` key the demonyms by their lookup key; :func:`name_connectors`
adds the lower-case words of curated places' names to the listed connectors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ...geo import name_key
from ...geo.resources import curated
from ...resource import ResourceModel, load_typed_resource

Words = frozenset[str]

SPEECH_VERBS: Final = frozenset({"say", "tell", "add", "explain", "ask", "note", "write", "recall"})
"""Lemmas of reporting verbs: their subject speaks, so it is a person."""
LIST_WORDS: Final = frozenset({"and", "or"})
"""Words that join the names of a list besides commas."""
LIST_JOINERS: Final = frozenset({",", "and", "or", "&", ";"})
"""Tokens between the names of one list ('Alberta, Manitoba and Ontario')."""


class PlaceRules(ResourceModel):
    """``places_rules.json``: the word lists of recognition, resolution and roles.

    Each list is described in the file's ``description``.
    """

    version: str
    description: str
    demonyms: dict[str, str]
    """Demonyms and country adjectives -> ISO 3166-1 code ('Ukrainian' -> 'UA')."""
    region_demonyms: dict[str, str]
    """Demonyms of regions -> the region's name ('Texan' -> 'Texas')."""
    region_noun_types: dict[str, str]
    """Lower-case region nouns after a list -> the type word of the regions ('counties')."""
    actor_nouns: Words
    settlement_nouns: Words
    region_nouns: Words
    common_words: Words
    feature_heads: Words
    never_places: Words
    disease_heads: Words
    name_connectors: Words
    inert_verbs: Words
    modifier_prefixes: Words
    person_titles: Words
    proper_region_nouns: Words
    locative_prepositions: Words
    resident_nouns: Words
    place_part_nouns: Words
    way_heads: Words
    local_institution_words: Words
    non_name_words: Words
    name_qualifiers: Words
    numbered_way_heads: Words
    residence_prepositions: Words
    party_initials: Words
    disease_modifiers: Words
    ethnic_groups: Words
    holiday_heads: Words
    camp_nouns: Words
    camp_modifiers: Words
    name_articles: Words
    outlet_heads: Words


@lru_cache(maxsize=1)
def rules() -> PlaceRules:
    """The word lists of ``resources/places_rules.json``, validated once.

    Raises:
        ResourceError: The file lacks a list or has one of the wrong shape.
    """
    return load_typed_resource("places_rules.json", PlaceRules)


class GroupNames(ResourceModel):
    """``places_groups.json``: names of groups, peoples, agencies and weapons, never places.

    Each list is described in the file's ``description``.
    """

    version: str
    description: str
    armed_groups: Words
    peoples: Words
    organisations: Words
    weapons: Words


@lru_cache(maxsize=1)
def group_names() -> frozenset[str]:
    """Every name of ``resources/places_groups.json``, as written.

    Raises:
        ResourceError: The file lacks a list or has one of the wrong shape.
    """
    names = load_typed_resource("places_groups.json", GroupNames)
    return names.armed_groups | names.peoples | names.organisations | names.weapons


@lru_cache(maxsize=1)
def demonym_codes() -> dict[str, str]:
    """Country demonyms by lookup key -> ISO 3166-1 code."""
    return {name_key(key): code for key, code in rules().demonyms.items()}


@lru_cache(maxsize=1)
def region_demonyms() -> dict[str, str]:
    """Region demonyms by lookup key -> the region's name."""
    return {name_key(key): name for key, name in rules().region_demonyms.items()}


@lru_cache(maxsize=1)
def demonym_first_words() -> frozenset[str]:
    """The first words of every country and region demonym (by lookup key)."""
    keys = [*demonym_codes(), *region_demonyms()]
    return frozenset(key.split()[0] for key in keys)


@lru_cache(maxsize=1)
def name_connectors() -> frozenset[str]:
    """Lower-case words that may stand inside a name: 'Sea of Azov', 'Azovstal steel plant'."""
    words = {
        word
        for place in curated().places
        for name in [place.name, *place.aliases]
        for word in name.split()[1:]
        if word.islower()
    }
    return frozenset(words | set(rules().name_connectors))
