"""The vocabulary of ``resources/figures.json``, read once into typed, frozen records.

:func:`lexicon` validates the file as it reads it (a malformed key raises
:class:`~claimwire.errors.ResourceError` naming it); :func:`category_index` and
:func:`measure_index` are the lookup tables the rules match words against.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import Field, StrictBool, StrictInt

from ...resource import ResourceItem, ResourceModel, load_typed_resource
from ...vocab import Category, CategoryGroup, Measure

FILE = "figures.json"

TriggerKind = Literal["verbs", "adjectives", "nouns"]
"""The part of speech a trigger word is listed under."""

Measures = frozenset[Measure]


class CategoryEntry(ResourceItem):
    """One category: its group, its General Staff column, its head nouns and phrases."""

    group: CategoryGroup
    general_staff: str | None
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]


class MeasureEntry(ResourceItem):
    """One measure: its trigger words by part of speech, and the particles verbs need."""

    verbs: tuple[str, ...]
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]
    particle: dict[str, str] = Field(default_factory=dict)


class FiguresLexicon(ResourceModel):
    """Everything of ``figures.json`` (see the file's ``description``).

    ``categories`` and ``measures`` are keyed by the vocabularies of
    :mod:`claimwire.vocab`, in file order; lists the rules iterate are tuples in file
    order, lists they only test words against are sets.
    """

    version: StrictInt
    description: str
    categories: dict[Category, CategoryEntry]
    measures: dict[Measure, MeasureEntry]
    sentence_scan_priority: tuple[Measure, ...]
    percent_measures: Measures
    people_only_measures: Measures
    equipment_only_measures: Measures
    place_incompatible_measures: Measures
    measures_needing_category: Measures
    thing_only_verbs: frozenset[str]
    subject_measures: Measures
    controlled_needs_territory: StrictBool
    sides: dict[str, str]
    non_count_units: frozenset[str]
    age_words: frozenset[str]
    measure_noun_words: frozenset[str]
    identifier_words: frozenset[str]
    list_index_punct: frozenset[str]
    cumulative_cues: tuple[str, ...]
    incremental_cues: tuple[str, ...]
    since_words: frozenset[str]
    as_of_words: frozenset[str]
    since_nouns: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_markers: frozenset[str]
    negation_words: frozenset[str]
    list_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    background_cues: tuple[str, ...]
    past_time_cues: tuple[str, ...]
    partitive_pronouns: frozenset[str]
    toll_verbs: frozenset[str]
    toll_setting_verbs: frozenset[str]
    toll_setting_preps: frozenset[str]
    weak_triggers: frozenset[str]
    group_nouns: frozenset[str]
    fatal_adverbs: frozenset[str]
    fatal_adjectives: frozenset[str]
    fatal_event_nouns: frozenset[str]
    rate_words: frozenset[str]
    part_quantifiers: frozenset[str]
    injury_nouns: frozenset[str]
    undergo_verbs: frozenset[str]
    participle_nouns: dict[str, str]
    shooting_verbs: frozenset[str]
    vague_noun_measures: Measures
    specific_measures: Measures
    living_measures: Measures
    animal_nouns: frozenset[str]
    person_suffixes: tuple[str, ...]
    elliptic_nouns: frozenset[str]
    lifeless_entity_types: frozenset[str]
    complement_preps: frozenset[str]
    resultative_verbs: frozenset[str]
    life_taking_verbs: frozenset[str]
    tallied_nouns: frozenset[str]
    tally_verbs: frozenset[str]
    generic_people_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    attacker_nouns: frozenset[str]
    military_target_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    side_nouns: dict[str, str]
    civilian_modifiers: frozenset[str]
    civilian_property_nouns: frozenset[str]
    civilian_measures: Measures
    attacker_modifiers: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> FiguresLexicon:
    """The vocabulary of ``resources/figures.json``, validated once.

    Raises:
        ResourceError: A key is missing or malformed, or a measure or category is not
            in :mod:`claimwire.vocab` (the message names the key).
    """
    return load_typed_resource(FILE, FiguresLexicon)


def split_phrase(phrase: str) -> tuple[str, ...]:
    """The words of a vocabulary phrase, lower case, a hyphen its own word."""
    return tuple(phrase.lower().replace("-", " - ").split())


@dataclass(frozen=True)
class CategoryIndex:
    """Head nouns -> category (the first listed wins), and multi-word forms longest first."""

    nouns: dict[str, Category]
    phrases: tuple[tuple[tuple[str, ...], Category], ...]


@lru_cache(maxsize=1)
def category_index() -> CategoryIndex:
    """The category lookup tables, built once from :func:`lexicon`."""
    nouns: dict[str, Category] = {}
    phrases: list[tuple[tuple[str, ...], Category]] = []
    for name, entry in load_lexicon().categories.items():
        for noun in entry.nouns:
            words = split_phrase(noun)
            if len(words) == 1:
                nouns.setdefault(words[0], name)
            else:
                phrases.append((words, name))
        phrases.extend((split_phrase(phrase), name) for phrase in entry.phrases)
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    return CategoryIndex(nouns, tuple(phrases))


@dataclass(frozen=True)
class MeasureIndex:
    """Trigger words -> candidate measures in resource order, particles, phrases longest
    first."""

    verbs: dict[str, list[Measure]]
    adjectives: dict[str, list[Measure]]
    nouns: dict[str, list[Measure]]
    particles: dict[str, str]
    phrases: tuple[tuple[tuple[str, ...], Measure], ...]
    phrase_starts: dict[str, tuple[int, ...]]
    """First word of a phrase -> the positions in ``phrases`` of the phrases it starts."""

    def table(self, kind: TriggerKind) -> dict[str, list[Measure]]:
        """The words of one part of speech."""
        if kind == "verbs":
            return self.verbs
        if kind == "adjectives":
            return self.adjectives
        return self.nouns


@lru_cache(maxsize=1)
def measure_index() -> MeasureIndex:
    """The trigger lookup tables, built once from :func:`lexicon`."""
    index = MeasureIndex({}, {}, {}, {}, (), {})
    phrases: list[tuple[tuple[str, ...], Measure]] = []
    for name, entry in load_lexicon().measures.items():
        for verb in entry.verbs:
            index.verbs.setdefault(verb, []).append(name)
        for adjective in entry.adjectives:
            index.adjectives.setdefault(adjective, []).append(name)
        for noun in entry.nouns:
            index.nouns.setdefault(noun, []).append(name)
        index.particles.update(entry.particle)
        phrases.extend((split_phrase(phrase), name) for phrase in entry.phrases)
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    starts: dict[str, list[int]] = {}
    for position, (words, _) in enumerate(phrases):
        starts.setdefault(words[0], []).append(position)
    return MeasureIndex(
        index.verbs,
        index.adjectives,
        index.nouns,
        index.particles,
        tuple(phrases),
        {word: tuple(positions) for word, positions in starts.items()},
    )
