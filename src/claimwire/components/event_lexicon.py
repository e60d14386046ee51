"""The event lexicon and actor dictionary of ``claimwire_events_v1``, and noun helpers.

``resources/event_types.json`` (ontology, trigger lexicon, cues, mappings to other
ontologies) and ``resources/actors.json`` (actor dictionary) are loaded once; the indexes
built from them are cached too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ..resource import load_resource

OBJECT_WINDOW = 14
"""Tokens of a noun phrase searched for the nouns a trigger requires."""
PHRASE_DEPS = frozenset(
    {"compound", "amod", "conj", "prep", "pobj", "nummod", "nmod", "appos", "quantmod", "poss"}
)


@lru_cache(maxsize=1)
def ontology() -> dict[str, Any]:
    """The event ontology and trigger lexicon of ``resources/event_types.json``, loaded once."""
    return load_resource("event_types.json")


@lru_cache(maxsize=1)
def actor_dictionary() -> dict[str, Any]:
    """The actor dictionary of ``resources/actors.json``, loaded once."""
    return load_resource("actors.json")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Token words of a lexicon phrase, split as spaCy splits them ('pro-moscow' -> 3)."""
    spaced = re.sub(r"(?<=\w)-(?=\w)", " - ", phrase.lower()).replace("'s", " 's")
    return tuple(spaced.split())


@lru_cache(maxsize=1)
def trigger_index() -> dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]]:
    """First word -> [(phrase words, trigger entry)], longest phrases first."""
    index: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    for entry in ontology()["triggers"]:
        for phrase in entry["match"]:
            words = phrase_words(phrase)
            index.setdefault(words[0], []).append((words, entry))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=1)
def actor_phrases() -> dict[str, list[tuple[tuple[str, ...], dict[str, Any], bool]]]:
    """First word -> [(words, actor or class entry, is historical)], longest first."""
    data = actor_dictionary()
    index: dict[str, list[tuple[tuple[str, ...], dict[str, Any], bool]]] = {}
    for actor in data["actors"]:
        for alias in actor["aliases"]:
            words = phrase_words(alias)
            index.setdefault(words[0], []).append((words, actor, False))
    for group in data["classes"]:
        for noun in group["nouns"]:
            words = phrase_words(noun)
            index.setdefault(words[0], []).append((words, group, False))
    historical = {"id": "historical", "name": "", "side": None, "type": "historical"}
    for name in data["historical"]:
        words = phrase_words(name)
        index.setdefault(words[0], []).append((words, historical, True))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=1)
def actor_modifiers() -> dict[str, dict[str, Any]]:
    """Demonym or possessor word -> actor entry ('russian', 'moscow', 'putin')."""
    found: dict[str, dict[str, Any]] = {}
    for actor in actor_dictionary()["actors"]:
        for word in [*actor["demonyms"], *actor["possessors"]]:
            found.setdefault(word.lower(), actor)
    return found


@lru_cache(maxsize=1)
def target_classes() -> dict[str, str]:
    """Lemma -> target class (civilians, forces, property, equipment, protesters)."""
    found: dict[str, str] = {}
    for name, words in ontology()["target_classes"].items():
        for word in words:
            found.setdefault(word, name)
    return found


# ---------------------------------------------------------------- noun phrases


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``, with 'of' complements, without clauses."""
    found: list[Token] = []
    stack = [head]
    while stack and len(found) < OBJECT_WINDOW:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in PHRASE_DEPS)
    return found


def noun_keys(token: Token) -> set[str]:
    """Lemma and surface forms of a noun, with a naive singular ('bases' -> 'base')."""
    lower = token.lower_
    keys = {token.lemma_.lower(), lower}
    if lower.endswith("es"):
        keys.add(lower[:-2])
    if lower.endswith("s"):
        keys.add(lower[:-1])
    return keys


def toponym_like(token: Token) -> bool:
    """A place name by the model's entities, or a proper noun the model did not type."""
    if token.ent_type_ in {"GPE", "LOC", "FAC"}:
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in {"", "ORG"} and token.is_title


@lru_cache(maxsize=1)
def non_agent_nouns() -> frozenset[str]:
    """Nouns that are never the doer of an event: instruments, weapons and events.

    "The IED killed a general", "the explosion wounded 12": the device or the event is
    the subject, not an actor. Words of the instrument cues, the actor dictionary's
    weapon nouns, the equipment class and the one-word triggers.
    """
    data = ontology()
    words = {w for cue in data["instruments"] for m in cue["match"] for w in m.split()}
    words |= {w.lower() for w in actor_dictionary()["weapon_nouns"]}
    words |= set(data["target_classes"]["equipment"])
    words |= {m for t in data["triggers"] for m in t["match"] if " " not in m}
    return frozenset(words)
