"""The vocabulary of ``resources/figures.json``, read once into typed, frozen records.

:func:`lexicon` validates the file as it reads it (a malformed key raises
:class:`~claimwire.errors.ResourceError` naming it); :func:`category_index` and
:func:`measure_index` are the lookup tables the rules match words against.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

from ...resource import ResourceReader
from ...vocab import Category, CategoryGroup, Measure, values

FILE = "figures.json"

TriggerKind = Literal["verbs", "adjectives", "nouns"]
"""The part of speech a trigger word is listed under."""


@dataclass(frozen=True)
class CategoryEntry:
    """One category: its group, its General Staff column, its head nouns and phrases."""

    group: CategoryGroup
    general_staff: str | None
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class MeasureEntry:
    """One measure: its trigger words by part of speech, and the particles verbs need."""

    verbs: tuple[str, ...]
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]
    particle: dict[str, str]


@dataclass(frozen=True)
class FiguresLexicon:
    """Everything of ``figures.json`` the rules read (see the file's ``description``)."""

    version: int
    categories: dict[Category, CategoryEntry]
    measures: dict[Measure, MeasureEntry]
    sentence_scan_priority: tuple[Measure, ...]
    people_only_measures: frozenset[Measure]
    equipment_only_measures: frozenset[Measure]
    place_incompatible_measures: frozenset[Measure]
    measures_needing_category: frozenset[Measure]
    subject_measures: frozenset[Measure]
    sides: dict[str, str]
    non_count_units: frozenset[str]
    age_words: frozenset[str]
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
    weak_triggers: frozenset[str]
    group_nouns: frozenset[str]


def _measures(reader: ResourceReader, key: str) -> frozenset[Measure]:
    return frozenset(cast(tuple[Measure, ...], reader.choices(key, values(Measure))))


def _category(reader: ResourceReader) -> CategoryEntry:
    return CategoryEntry(
        group=cast(CategoryGroup, reader.choice("group", values(CategoryGroup))),
        general_staff=reader.optional_text("general_staff"),
        nouns=reader.strings("nouns"),
        phrases=reader.strings("phrases"),
    )


def _measure(reader: ResourceReader) -> MeasureEntry:
    return MeasureEntry(
        verbs=reader.strings("verbs"),
        adjectives=reader.strings("adjectives"),
        nouns=reader.strings("nouns"),
        phrases=reader.strings("phrases"),
        particle=reader.string_table("particle") if "particle" in reader.data else {},
    )


def _keyed(reader: ResourceReader, key: str, vocabulary: tuple[str, ...]) -> None:
    unknown = [name for name in reader.table(key) if name not in vocabulary]
    if unknown:
        raise reader.error(key, f"names unknown entries {unknown} (see claimwire.vocab)")


@lru_cache(maxsize=1)
def load_lexicon() -> FiguresLexicon:
    """The vocabulary of ``resources/figures.json``, read and validated once.

    Raises:
        ResourceError: A key is missing or malformed.
    """
    res = ResourceReader.load(FILE)
    _keyed(res, "categories", values(Category))
    _keyed(res, "measures", values(Measure))
    return FiguresLexicon(
        version=res.integer("version"),
        categories={
            cast(Category, name): _category(entry)
            for name, entry in res.sections("categories").items()
        },
        measures={
            cast(Measure, name): _measure(entry) for name, entry in res.sections("measures").items()
        },
        sentence_scan_priority=cast(
            tuple[Measure, ...], res.choices("sentence_scan_priority", values(Measure))
        ),
        people_only_measures=_measures(res, "people_only_measures"),
        equipment_only_measures=_measures(res, "equipment_only_measures"),
        place_incompatible_measures=_measures(res, "place_incompatible_measures"),
        measures_needing_category=_measures(res, "measures_needing_category"),
        subject_measures=_measures(res, "subject_measures"),
        sides=res.string_table("sides"),
        non_count_units=res.words("non_count_units"),
        age_words=res.words("age_words"),
        identifier_words=res.words("identifier_words"),
        list_index_punct=res.words("list_index_punct"),
        cumulative_cues=res.strings("cumulative_cues"),
        incremental_cues=res.strings("incremental_cues"),
        since_words=res.words("since_words"),
        as_of_words=res.words("as_of_words"),
        since_nouns=res.words("since_nouns"),
        hypothetical_auxiliaries=res.words("hypothetical_auxiliaries"),
        hypothetical_verbs=res.words("hypothetical_verbs"),
        hypothetical_markers=res.words("hypothetical_markers"),
        negation_words=res.words("negation_words"),
        list_verbs=res.words("list_verbs"),
        reporting_verbs=res.words("reporting_verbs"),
        background_cues=res.strings("background_cues"),
        past_time_cues=res.strings("past_time_cues"),
        partitive_pronouns=res.words("partitive_pronouns"),
        toll_verbs=res.words("toll_verbs"),
        weak_triggers=res.words("weak_triggers"),
        group_nouns=res.words("group_nouns"),
    )


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
    index = MeasureIndex({}, {}, {}, {}, ())
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
    return MeasureIndex(index.verbs, index.adjectives, index.nouns, index.particles, tuple(phrases))
