"""The vocabulary of claims: cue verbs, hedges, reporting nouns, governments, given names.

Loaded once from ``resources/claims_cues.json`` (:func:`cues`) and
``resources/claimants.json`` (:func:`claimants`) into frozen, typed lexicons, checked as
they are read: a missing key, a value of the wrong type or a hedge, form or scope outside
its vocabulary raises :class:`~claimwire.errors.ResourceError` naming the file and key.
Shared by the claims component, its speaker resolution and the benches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

from ...errors import ResourceError
from ...resource import load_resource
from ...vocab import ClaimForm, Hedge, values

CUES_FILE = "claims_cues.json"
CLAIMANTS_FILE = "claimants.json"

HedgeScope = Literal["sentence", "previous", "previous_or_sentence"]
"""Which claims a hedge marker hedges: its sentence's, the previous sentence's, or the
previous sentence's when its own has no attributed claim."""

PronounKind = Literal["person", "plural", "organization"]
"""What a pronoun can point back to."""


@dataclass(frozen=True)
class CuePhrase:
    """A multi-word cue before its source (``according to``) and what it makes a claim."""

    text: str
    form: ClaimForm
    modality: Hedge


@dataclass(frozen=True)
class HedgeMarker:
    """A hedge marker (``reportedly``, ``if true``): its hedge and which claims it hedges."""

    text: str
    modality: Hedge
    scope: HedgeScope


@dataclass(frozen=True)
class CueLexicon:
    """``claims_cues.json``: what makes a claim and how sure it sounds.

    Word lists are lower-cased sets; mappings keep the file's order.
    """

    version: str
    verbs: Mapping[str, Hedge]
    """Reporting-verb lemma -> the hedge it gives a claim ("claim" -> claimed)."""
    irregular: Mapping[str, tuple[str, ...]]
    """Written forms of a reporting verb that the regular inflection misses."""
    phrases: tuple[CuePhrase, ...]
    reporting_nouns: Mapping[str, Hedge]
    """Nouns that speak for a source ("statement", "figures") -> their hedge."""
    publishing_verbs: frozenset[str]
    hedges: tuple[HedgeMarker, ...]
    anonymous_sources: frozenset[str]
    role_nouns: frozenset[str]
    pronouns: Mapping[str, PronounKind]
    not_cue_objects: frozenset[str]
    event_verbs: frozenset[str]
    not_parenthetical: frozenset[str]
    gone: frozenset[str]
    """State words saying a referent is gone (destroyed, captured)."""
    persists: frozenset[str]
    """State words saying a referent is still there (intact, held)."""
    generic_referents: frozenset[str]
    belief_verbs: frozenset[str]
    titles: frozenset[str]
    naming_verbs: frozenset[str]
    credit_names: frozenset[str]
    kicker_labels: tuple[str, ...]


@dataclass(frozen=True)
class Government:
    """A government, the side it belongs to, its aliases (capitals, seats) and demonyms."""

    name: str
    side: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class ClaimantLexicon:
    """``claimants.json``: governments, group and organization nouns, given names."""

    version: str
    governments: tuple[Government, ...]
    group_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]


# ---------------------------------------------------------------- reading checked values


def _field(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    """``data[key]``, checked to be a ``kind``."""
    if not isinstance(data, Mapping):
        raise ResourceError(f"{where}: expected an object, got {data!r:.60}")
    if key not in data:
        raise ResourceError(f"{where}: the key {key!r} is missing")
    value = data[key]
    if not isinstance(value, kind):
        raise ResourceError(f"{where}.{key}: expected a {kind.__name__}, got {value!r:.60}")
    return value


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """``data[key]``, checked to be a list of strings."""
    items = _field(data, key, list, where)
    for item in items:
        if not isinstance(item, str):
            raise ResourceError(f"{where}.{key}: expected strings, got {item!r:.60}")
    return tuple(items)


def _word_set(data: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    return frozenset(_strings(data, key, where))


def _word(value: Any, vocabulary: object, where: str) -> Any:
    """``value``, checked to be one of the ``Literal`` ``vocabulary`` (typed as the caller's
    field: the check stands for the cast)."""
    if value not in values(vocabulary):
        raise ResourceError(f"{where}: {value!r} is not one of {', '.join(values(vocabulary))}")
    return value


def _checked(record: Mapping[str, Any], key: str, vocabulary: object, where: str) -> Any:
    """``record[key]``, checked to be one of the ``Literal`` ``vocabulary``."""
    return _word(_field(record, key, str, where), vocabulary, f"{where}.{key}")


def _records(data: Mapping[str, Any], key: str, where: str) -> Iterator[tuple[str, Any]]:
    """The items of the list ``data[key]``, each with its place for error messages."""
    for k, record in enumerate(_field(data, key, list, where)):
        yield f"{where}.{key}[{k}]", record


def _word_map(
    data: Mapping[str, Any], key: str, vocabulary: object, where: str
) -> Mapping[str, Any]:
    """``data[key]``, an object whose values are words of ``vocabulary``."""
    found = _field(data, key, dict, where)
    checked = {
        word: _word(value, vocabulary, f"{where}.{key}.{word}") for word, value in found.items()
    }
    return MappingProxyType(checked)


def _read_cues(data: Mapping[str, Any], where: str) -> CueLexicon:
    phrases = tuple(
        CuePhrase(
            _field(phrase, "text", str, at),
            _checked(phrase, "form", ClaimForm, at),
            _checked(phrase, "modality", Hedge, at),
        )
        for at, phrase in _records(data, "phrases", where)
    )
    hedges = tuple(
        HedgeMarker(
            _field(marker, "text", str, at),
            _checked(marker, "modality", Hedge, at),
            _checked(marker, "scope", HedgeScope, at),
        )
        for at, marker in _records(data, "hedges", where)
    )
    irregular = _field(data, "irregular", dict, where)
    contradiction = _field(data, "contradiction", dict, where)
    return CueLexicon(
        version=_field(data, "version", str, where),
        verbs=_word_map(data, "verbs", Hedge, where),
        irregular=MappingProxyType(
            {lemma: _strings(irregular, lemma, f"{where}.irregular") for lemma in irregular}
        ),
        phrases=phrases,
        reporting_nouns=_word_map(data, "reporting_nouns", Hedge, where),
        publishing_verbs=_word_set(data, "publishing_verbs", where),
        hedges=hedges,
        anonymous_sources=_word_set(data, "anonymous_sources", where),
        role_nouns=_word_set(data, "role_nouns", where),
        pronouns=_word_map(data, "pronouns", PronounKind, where),
        not_cue_objects=_word_set(data, "not_cue_objects", where),
        event_verbs=_word_set(data, "event_verbs", where),
        not_parenthetical=_word_set(data, "not_parenthetical", where),
        gone=_word_set(contradiction, "gone", f"{where}.contradiction"),
        persists=_word_set(contradiction, "persists", f"{where}.contradiction"),
        generic_referents=_word_set(contradiction, "generic_referents", f"{where}.contradiction"),
        belief_verbs=_word_set(data, "belief_verbs", where),
        titles=_word_set(data, "titles", where),
        naming_verbs=_word_set(data, "naming_verbs", where),
        credit_names=_word_set(data, "credit_names", where),
        kicker_labels=_strings(data, "kicker_labels", where),
    )


def _read_claimants(data: Mapping[str, Any], where: str) -> ClaimantLexicon:
    governments = tuple(
        Government(
            name,
            _field(entry, "side", str, f"{where}.governments.{name}"),
            _strings(entry, "aliases", f"{where}.governments.{name}"),
            _strings(entry, "demonyms", f"{where}.governments.{name}"),
        )
        for name, entry in _field(data, "governments", dict, where).items()
    )
    first_names = _field(data, "first_names", dict, where)
    return ClaimantLexicon(
        version=_field(data, "version", str, where),
        governments=governments,
        group_nouns=_word_set(data, "group_nouns", where),
        organization_nouns=_word_set(data, "organization_nouns", where),
        male_names=_word_set(first_names, "male", f"{where}.first_names"),
        female_names=_word_set(first_names, "female", f"{where}.first_names"),
    )


# ---------------------------------------------------------------- the lexicons, loaded once


@lru_cache(maxsize=1)
def cues() -> CueLexicon:
    """The cue lexicon of ``resources/claims_cues.json``, loaded and checked once.

    Raises:
        ResourceError: The file lacks a key, or a value has the wrong type or vocabulary.
    """
    return _read_cues(load_resource(CUES_FILE), CUES_FILE)


@lru_cache(maxsize=1)
def claimants() -> ClaimantLexicon:
    """The claimant vocabulary of ``resources/claimants.json``, loaded and checked once.

    Raises:
        ResourceError: The file lacks a key, or a value has the wrong type.
    """
    return _read_claimants(load_resource(CLAIMANTS_FILE), CLAIMANTS_FILE)


def inflections(lemma: str) -> set[str]:
    """The usual written forms of a reporting verb (said, says, saying ...)."""
    forms = {lemma, *cues().irregular.get(lemma, ())}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    else:
        forms |= {stem + "ed", stem + "ing"}
        forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, str]:
    """Written form of every reporting verb -> its lemma."""
    found: dict[str, str] = {}
    for lemma in cues().verbs:
        for form in inflections(lemma):
            found.setdefault(form, lemma)
    return found


@lru_cache(maxsize=1)
def government_aliases() -> dict[str, tuple[str, str]]:
    """Lower-cased alias of a government (capital, country, seat) -> (name, side)."""
    found: dict[str, tuple[str, str]] = {}
    for government in claimants().governments:
        for alias in [government.name, *government.aliases]:
            found[alias.lower()] = (government.name, government.side)
    return found


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym -> side ("ukrainian" -> "Ukraine")."""
    found: dict[str, str] = {}
    for government in claimants().governments:
        for demonym in government.demonyms:
            found[demonym.lower()] = government.side
    return found
